"""What routes receive through `Depends`: the store, the story replies kept encoded, the dossiers kept parsed.
Both are `async def`: FastAPI runs a plain `def` dependency in a worker thread, a hop per request."""
from __future__ import annotations

from fastapi import Request
from sqlalchemy import Engine

from storylens.web.kept_dossiers import KeptDossiers
from storylens.web.story_replies import StoryReplies


async def get_store(request: Request) -> Engine:
    return request.app.state.store


async def get_story_replies(request: Request) -> StoryReplies:
    return request.app.state.story_replies


async def get_dossiers(request: Request) -> KeptDossiers:
    return request.app.state.dossiers
