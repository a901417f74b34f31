"""One error shape for every error, as Datasette's `error_body`: `{"ok": false, "status", "error",
"errors": []}`. Pages asked for as HTML get the same facts on an HTML page."""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException

from storylens.render.html import render_error
from storylens.render.links import WebLinks

log = logging.getLogger(__name__)
REASONS = {400: "bad request", 401: "a token is needed", 403: "forbidden", 404: "not found",
           405: "method not allowed", 413: "too large", 422: "invalid input", 500: "internal error"}


def wants_json(request: Request) -> bool:
    """JSON for the API, for `.json` twins and for clients that ask for it, HTML for browsers."""
    path = request.url.path
    accept = request.headers.get("accept", "")
    return (path.startswith("/api/") or path.endswith(".json") or path == "/openapi.json"
            or ("application/json" in accept and "text/html" not in accept))


def error_body(status: int, error: str, errors: list | None = None) -> dict:
    return {"ok": False, "status": status, "error": error, "errors": errors or []}


def error_reply(request: Request, status: int, error: str, errors: list | None = None):
    if wants_json(request):
        return JSONResponse(error_body(status, error, errors), status_code=status)
    page = render_error(status, error, [str(e.get("msg", e)) if isinstance(e, dict) else str(e) for e in errors or []],
                        WebLinks())
    return HTMLResponse(page, status_code=status)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else REASONS.get(exc.status_code, "error")
        return error_reply(request, exc.status_code, detail)

    @app.exception_handler(RequestValidationError)
    async def invalid_input(request: Request, exc: RequestValidationError):
        errors = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        return error_reply(request, 422, REASONS[422], errors)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception):
        log.exception("error serving %s", request.url.path)  # the reply never carries the traceback
        return error_reply(request, 500, REASONS[500])
