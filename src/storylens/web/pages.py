"""The pages of DESIGN.md's web routes, each with its JSON twin (`.json`, or `Accept: application/json`)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from storylens.render.html import render_article, render_claim, render_index, render_search, render_story
from storylens.render.links import WebLinks
from storylens.render.listing import StoryQuery
from storylens.render.markdown import render_story_markdown
from storylens.web import readers
from storylens.web.dependencies import get_dossiers, get_store, get_story_replies
from storylens.web.errors import wants_json
from storylens.web.kept_dossiers import KeptDossiers
from storylens.web.replies import json_reply
from storylens.web.story_replies import StoryReplies

router = APIRouter(include_in_schema=False)
LINKS = WebLinks()


def reply(request: Request, html: callable, data: callable):
    """The page, or its data as JSON; each is only worked out when asked for."""
    return JSONResponse(data()) if wants_json(request) else HTMLResponse(html())


def twin(page_id: str) -> str:
    return page_id[: -len(".json")] if page_id.endswith(".json") else page_id


@router.get("/")
@router.get("/index.json")
def index(request: Request, status: str | None = None, outlet: str | None = None, q: str | None = None,
          sort: str = "newest", page: int = Query(1, ge=1), store: Engine = Depends(get_store)):
    listing = readers.story_list(store, StoryQuery(status or None, outlet or None, q or None, sort, page))
    return reply(request, lambda: render_index(listing, LINKS), lambda: readers.story_list_json(listing))


@router.get("/stories/{story_id}")
async def story(request: Request, story_id: str, dossiers: KeptDossiers = Depends(get_dossiers),
                replies: StoryReplies = Depends(get_story_replies)):
    if wants_json(request):  # the dossier's JSON as stored, kept encoded (story_replies.py)
        return json_reply(request, await replies.reply(twin(story_id), None))
    return await run_in_threadpool(story_page, dossiers, story_id)


def story_page(dossiers: KeptDossiers, story_id: str):
    store = dossiers.store
    if story_id.endswith(".md"):
        dossier = readers.dossier_of(dossiers, story_id[: -len(".md")])
        return PlainTextResponse(render_story_markdown(dossier, readers.texts_of(store, dossier)),
                                 media_type="text/markdown; charset=utf-8")
    dossier = readers.dossier_of(dossiers, story_id)
    return HTMLResponse(render_story(dossier, readers.texts_of(store, dossier), LINKS))


@router.get("/claims/{claim_id}")
def claim(request: Request, claim_id: str, dossiers: KeptDossiers = Depends(get_dossiers)):
    dossier, found = readers.claim_of(dossiers, twin(claim_id))
    return reply(request, lambda: render_claim(dossier, found, readers.texts_of(dossiers.store, dossier), LINKS),
                 lambda: found | {"story": dossier["id"]})


@router.get("/articles/{article_id}")
def article(request: Request, article_id: str, dossiers: KeptDossiers = Depends(get_dossiers)):
    entry, text, dossier = readers.article_of(dossiers, twin(article_id))
    return reply(request, lambda: render_article(entry, text, [dossier], LINKS),
                 lambda: readers.article_json(entry, text, dossier))


@router.get("/search")
@router.get("/search.json")
def search(request: Request, q: str = "", page: int = Query(1, ge=1), store: Engine = Depends(get_store)):
    results = readers.search_results(store, q, page)
    return reply(request, lambda: render_search(q, results, LINKS), lambda: results)
