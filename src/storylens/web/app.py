"""The web app: routers, one error handler, security headers, the store in `app.state`.
Nothing happens on import: `create_app` is called with an open store."""
from __future__ import annotations

from importlib import resources

from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from sqlalchemy import Engine

from storylens.web import api, pages, uploads
from storylens.web.errors import install_error_handlers
from storylens.web.kept_dossiers import KeptDossiers
from storylens.web.security import install_security_headers
from storylens.web.story_replies import REVALIDATE_AFTER, StoryReplies


def create_app(store: Engine, *, token: str | None = None, run_pipeline=uploads.run_pipeline,
               revalidate_after: float = REVALIDATE_AFTER):
    """`run_pipeline(paths, db_url, job)` analyses an upload into the store (tests pass a quick one);
    a story's kept replies are checked against the store at most every `revalidate_after` seconds."""
    app = FastAPIOffline(title="storylens", summary="Who reported a story first-hand, who echoed it, who denies it.")
    app.state.store = store
    app.state.story_replies = StoryReplies(store, revalidate_after)
    app.state.dossiers = KeptDossiers(store)
    app.state.token = token
    app.state.db_url = store.url.render_as_string(hide_password=False)
    app.state.run_pipeline = run_pipeline
    app.state.jobs = {}  # upload id → its progress record
    app.mount("/static", StaticFiles(directory=str(resources.files("storylens.render") / "static")), name="static")
    app.include_router(pages.router)
    app.include_router(api.router)
    app.include_router(uploads.router)
    install_error_handlers(app)
    install_security_headers(app)
    return app
