"""The one way articles go into the store, for `ingest` and `analyze --db` alike: in batches,
one transaction each, the caller's Article objects untouched."""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from storylens.batches import batched
from storylens.commands.reports import OnDuplicate, RunReport
from storylens.model import Article
from storylens.store import insert_articles
from storylens.store.documents import planned_ids

STORE_BATCH = 200


def store_articles(engine, articles: Iterable[Article], report: RunReport,
                   on_duplicate: OnDuplicate | None = None,
                   on_stored: Callable[[list[str]], None] | None = None) -> dict[str, str]:
    """Store every article whose text the store lacks; count them in `report.stored`, and the
    texts it already held in `report.duplicates`. Returns each article's id → the id the store
    holds its text under (the same id unless it was taken by another text, or the text was
    already stored under another id). `on_stored` gets each batch's new document ids, in order."""
    report.stored = report.stored or 0
    ids: dict[str, str] = {}
    for batch in batched(articles, STORE_BATCH):
        counts = insert_articles(engine, batch)
        report.stored += counts.stored
        report.duplicates += len(counts.duplicates)
        ids.update(counts.ids)
        if on_stored:
            on_stored(counts.documents)
        for article, holder in counts.duplicates:
            if on_duplicate:
                on_duplicate(article, holder)
    return ids


def store_ids(engine, articles: list[Article]) -> dict[str, str]:
    """The ids `store_articles` would give the articles now, without writing: a run's articles
    are named as the store will name them before any of them is stored. Exact: the articles of
    one run have distinct ids and texts, so no batch changes another's ids."""
    ids: dict[str, str] = {}
    for batch in batched(articles, STORE_BATCH):
        ids.update(planned_ids(engine, batch))
    return ids


def under_store_ids(articles: Iterable[Article], ids: dict[str, str]) -> list[Article]:
    """Copies of the articles named as the store names them (the originals are left alone)."""
    return [dataclasses.replace(article, id=ids.get(article.id, article.id)) for article in articles]
