"""`/api/...`: the same data as the pages' JSON twins; lists paginated with `next`."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy import Engine

from storylens.render.listing import StoryQuery
from storylens.web import readers
from storylens.web.dependencies import get_dossiers, get_store, get_story_replies
from storylens.web.kept_dossiers import KeptDossiers
from storylens.web.replies import json_reply
from storylens.web.story_replies import StoryReplies

router = APIRouter(prefix="/api", tags=["api"])


Status = Literal["corroborated", "single_origin", "single_source", "disputed", "denied"]
Sort = Literal["newest", "oldest", "largest", "title"]


@router.get("/stories", summary="The story list, a page at a time")
def stories(page: int = Query(1, ge=1), status: Status | None = None, outlet: str | None = None,
            q: str | None = None, sort: Sort = "newest",
            store: Engine = Depends(get_store)) -> dict:
    return readers.story_list_json(readers.story_list(store, StoryQuery(status, outlet, q, sort, page)))


@router.get("/stories/{story_id}", response_class=Response, responses={200: {"content": {"application/json": {}}}},
            summary="One story's dossier (DESIGN.md's dossier JSON) with a page of its claims, and page, pages, next")
async def story(request: Request, story_id: str, page: int = Query(1, ge=1),
                replies: StoryReplies = Depends(get_story_replies)) -> Response:
    return json_reply(request, await replies.reply(story_id, page))


@router.get("/claims/{claim_id}", summary="One claim with its mentions, and the story it belongs to")
def claim(claim_id: str, dossiers: KeptDossiers = Depends(get_dossiers)) -> dict:
    dossier, found = readers.claim_of(dossiers, claim_id)
    return found | {"story": dossier["id"]}


@router.get("/articles/{article_id}", summary="One article: its entry, clean text and the mentions in it")
def article(article_id: str, dossiers: KeptDossiers = Depends(get_dossiers)) -> dict:
    return readers.article_json(*readers.article_of(dossiers, article_id))


@router.get("/search", summary="Full text over articles and claims, a page at a time")
def search(q: str = Query(..., min_length=1), page: int = Query(1, ge=1), store: Engine = Depends(get_store)) -> dict:
    return readers.search_results(store, q, page)
