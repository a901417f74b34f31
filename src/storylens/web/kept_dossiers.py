"""Parsed dossiers kept per stored version, for the claim, article and story pages.

A 200-article story's dossier is ~1 MB of JSON: `/api/claims/{id}` and `/api/articles/{id}` parsed
it whole on every request to show one claim or one article. Here each request asks the store only
for the story's version (`dossier_stamp`, one indexed row) and parses the body again only when
that changed, so a newly stored dossier is seen at once. The routes are plain `def`s that FastAPI
runs in worker threads, hence the lock. A kept dossier is shared by every reply: readers build
new dicts from it and never change it."""
from __future__ import annotations

import threading
from collections import OrderedDict

from sqlalchemy import Engine

from storylens.store import dossiers as stored

KEPT = 16  # parsed dossiers kept (a 200-article one is a few MB as Python objects)


class KeptDossiers:
    def __init__(self, store: Engine, kept: int = KEPT):
        self.store = store
        self.kept = kept
        self.parsed: OrderedDict[str, tuple[str, dict]] = OrderedDict()  # story -> (stamp, dossier)
        self.lock = threading.Lock()

    def get(self, story_id: str) -> dict | None:
        stamp = stored.dossier_stamp(self.store, story_id)
        if stamp is None:
            return None
        with self.lock:
            kept = self.parsed.get(story_id)
            if kept and kept[0] == stamp:
                self.parsed.move_to_end(story_id)
                return kept[1]
        dossier = stored.get_dossier(self.store, story_id)  # parsed outside the lock: other stories go on
        if dossier is None:  # removed between the two reads
            return None
        with self.lock:
            self.parsed[story_id] = (stamp, dossier)
            self.parsed.move_to_end(story_id)
            while len(self.parsed) > self.kept:
                self.parsed.popitem(last=False)
        return dossier
