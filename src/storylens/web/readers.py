"""What each page and API reply holds, read from the store: plain functions, one per page kind.
A missing id is a 404 here, so every route answers it the same way."""
from __future__ import annotations

import math

from fastapi import HTTPException
from sqlalchemy import Engine

from storylens.render import story_view
from storylens.render.listing import PAGE_SIZE, StoryPage, StoryQuery
from storylens.store import dossiers as stored
from storylens.web.kept_dossiers import KeptDossiers


def story_list(store: Engine, query: StoryQuery, page_size: int = PAGE_SIZE) -> StoryPage:
    rows, total, outlets = stored.story_rows(store, query, page_size)
    return StoryPage(rows, query, total, max(1, math.ceil(total / page_size)), outlets)


def story_list_json(listing: StoryPage) -> dict:
    query = listing.query
    return {"stories": listing.rows, "page": query.page, "pages": listing.pages, "total": listing.total,
            "next": query.page + 1 if query.page < listing.pages else None}


def dossier_of(dossiers: KeptDossiers, story_id: str) -> dict:
    dossier = dossiers.get(story_id)
    if dossier is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return dossier


def texts_of(store: Engine, dossier: dict) -> dict[str, str]:
    return stored.article_texts(store, [article["id"] for article in dossier["articles"]])


def claim_of(dossiers: KeptDossiers, claim_id: str) -> tuple[dict, dict]:
    """The claim's story's dossier, and the claim."""
    story = stored.claim_story(dossiers.store, claim_id)
    dossier = dossiers.get(story) if story else None
    found = next((c for c in dossier["claims"] if c["id"] == claim_id), None) if dossier else None
    if found is None:
        raise HTTPException(404, f"no claim {claim_id!r}")
    return dossier, found


def article_of(dossiers: KeptDossiers, article_id: str) -> tuple[dict, str, dict]:
    """The article's dossier entry, its text, and its story's dossier."""
    row = stored.get_article(dossiers.store, article_id)
    dossier = dossiers.get(row["story"]) if row else None
    entry = next((a for a in dossier["articles"] if a["id"] == article_id), None) if dossier else None
    if entry is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return entry, row["text"], dossier


def article_json(entry: dict, text: str, dossier: dict) -> dict:
    mentions = sorted(story_view.article_mentions(entry["id"], [dossier]), key=lambda m: m["start"])
    return entry | {"story": dossier["id"], "text": text, "mentions": mentions}


def search_results(store: Engine, words: str, page: int) -> dict:
    if not words.strip():
        return {"q": words, "articles": [], "claims": [], "page": page, "next": None}
    return {"q": words, "page": page} | stored.search(store, words, page)
