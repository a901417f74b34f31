"""The replies of `/api/stories/{id}` and `/stories/{id}.json`, kept encoded per stored version.

bench/serve_load.py (a 200-article story, 50 clients) spent its time re-encoding a 353 KB reply
per request, then hopping to a worker thread for the one query that says whether the stored
version changed. Here a kept reply is sent from the event loop; the store is asked for the
story's version at most every `revalidate_after` seconds (in a worker thread), so a dossier
stored by `analyze --db` or an upload while `serve` runs is seen within that time."""
from __future__ import annotations

import json
import math
import time
from collections import OrderedDict

from fastapi import HTTPException
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from storylens.store import dossiers as stored
from storylens.web.replies import EncodedJson, encoded_json

STORY_CLAIMS_PAGE = 20  # claims per page of /api/stories/{id}: a 200-article story's dossier is ~600 KB whole
REVALIDATE_AFTER = 1.0  # seconds a story's version is trusted before the store is asked again
KEPT_REPLIES = 64  # at most ~25 MB: 64 pages of 200-article stories, each with its gzipped twin
KEPT_VERSIONS = 4096  # stories whose version is remembered (a few hundred bytes each)


class StoryReplies:
    """Used from the event loop only (the store is read in worker threads): no locks needed."""

    def __init__(self, store: Engine, revalidate_after: float = REVALIDATE_AFTER):
        self.store = store
        self.revalidate_after = revalidate_after
        self.replies: OrderedDict[tuple[str, int | None], tuple[str, EncodedJson]] = OrderedDict()
        self.versions: OrderedDict[str, tuple[str, float]] = OrderedDict()  # story -> (stamp, when read)

    async def reply(self, story_id: str, page: int | None) -> EncodedJson:
        """One page of the story's claims with the rest of its dossier (page None: the dossier as stored)."""
        stamp = await self.version(story_id)
        key = (story_id, page)
        kept = self.replies.get(key)
        if kept and kept[0] == stamp:
            self.replies.move_to_end(key)
            return kept[1]
        encoded = await run_in_threadpool(encoded_story_page, self.store, story_id, page)
        remember(self.replies, key, (stamp, encoded), KEPT_REPLIES)
        return encoded

    async def version(self, story_id: str) -> str:
        known = self.versions.get(story_id)
        if known and time.monotonic() - known[1] < self.revalidate_after:
            return known[0]
        stamp = await run_in_threadpool(stored.dossier_stamp, self.store, story_id)
        if stamp is None:  # not remembered: ids that do not exist must not fill the memory
            self.versions.pop(story_id, None)
            raise HTTPException(404, f"no story {story_id!r}")
        remember(self.versions, story_id, (stamp, time.monotonic()), KEPT_VERSIONS)
        return stamp


def remember(kept: OrderedDict, key, value, limit: int) -> None:
    kept[key] = value
    kept.move_to_end(key)
    while len(kept) > limit:
        kept.popitem(last=False)


def encoded_story_page(store: Engine, story_id: str, page: int | None) -> EncodedJson:
    if page is None:  # the stored bytes, not parsed and encoded again
        return encoded_json((stored.get_dossier_json(store, story_id) or "{}").encode())
    dossier = stored.get_dossier(store, story_id) or {"claims": []}
    pages = max(1, math.ceil(len(dossier["claims"]) / STORY_CLAIMS_PAGE))
    start = (page - 1) * STORY_CLAIMS_PAGE
    reply = dossier | {"claims": dossier["claims"][start : start + STORY_CLAIMS_PAGE],
                       "page": page, "pages": pages, "next": page + 1 if page < pages else None}
    return encoded_json(json.dumps(reply, ensure_ascii=False, separators=(",", ":")).encode())
