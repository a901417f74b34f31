"""`storylens.cluster.cluster(records)`: which story each record belongs to, and which earlier record it copies.

Whole-batch: copies are settled against the earliest version of a text, and stories against
every item in the batch, so nothing comes out before the last record is in.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import timezone

from storylens.cluster.neardup import find_copies
from storylens.cluster.records import claim_id, items_from_articles, items_from_records
from storylens.model import Article, Assignment, NewsItem, Problem, ProblemKind

OnProblem = Callable[[Problem], None]


def cluster(
    records: Iterable[dict | NewsItem | Article],
    *,
    multilingual: bool = False,
    on_problem: OnProblem | None = None,
) -> list[Assignment]:
    """One Assignment per usable record, in input order.

    Records are dicts with `id` and `text` (and optionally `title`, `published`, `outlet`,
    `language`), NewsItems or Articles, mixed as needed. A record that cannot be clustered is
    left out and handed to `on_problem`, as is the warning for a record clustered without its
    absurd date (kind DATE_IGNORED); the rest goes on. `multilingual` lets the same story in
    different languages meet.
    """
    return assign(list(news_items(records, on_problem)), multilingual=multilingual)


def news_items(records: Iterable[dict | NewsItem | Article], on_problem: OnProblem | None = None
               ) -> Iterator[NewsItem]:
    """The usable records as NewsItems, in order; problems to `on_problem`. Dicts are named
    `records[INDEX]` in problems, articles by their source."""
    seen_ids: dict[str, str] = {}
    for index, record in enumerate(records):
        for result in _as_items(record, f"records[{index}]", seen_ids):
            if isinstance(result, NewsItem):
                yield result
            elif on_problem is not None:
                on_problem(result)


def assign(items: Sequence[NewsItem], *, multilingual: bool = False, clusterer=None,
           headline_embedder=None) -> list[Assignment]:
    """Copies, then stories, for items already checked (unique ids, non-empty text).

    Only originals go to the story clusterer: a copy brings no words its original lacks, and
    it joins its original's story whatever its own date or headline would suggest. Pass a
    `clusterer` that already holds stories (a store's) to continue them. `headline_embedder`
    replaces the batch clusterer's (to keep the headline vectors it makes).
    """
    if not items:
        return []
    copy_of = find_copies(items)
    originals = [item for item in items if item.id not in copy_of]
    stories = _stories(originals, multilingual, clusterer, headline_embedder)
    story_of = dict(zip((item.id for item in originals), stories, strict=True))
    return [Assignment(item.id, story_of[copy_of.get(item.id, item.id)], copy_of.get(item.id))
            for item in items]


def _stories(items: Sequence[NewsItem], multilingual: bool, clusterer, headline_embedder) -> list[str]:
    """One algorithm for every caller (linkage.py): a whole batch, a store's clusterer that
    continues its stories, and the multilingual embedding alike."""
    # Imported here: the clusterer loads an embedding model, which `import storylens` must not.
    from storylens.cluster.linkage import LinkageClusterer, link_stories

    if clusterer is None:
        clusterer = LinkageClusterer(embedder=None if multilingual else headline_embedder, multilingual=multilingual)
    return link_stories(items, clusterer=clusterer)


def _as_items(record: object, source: str, seen_ids: dict[str, str]) -> Iterable[NewsItem | Problem]:
    if isinstance(record, dict):
        return items_from_records([(source, record)], seen_ids)
    if isinstance(record, Article):
        return items_from_articles([record], seen_ids)
    if isinstance(record, NewsItem):
        return [_checked_item(record, source, seen_ids)]
    return [Problem(source, ProblemKind.MALFORMED, f"not a record but {type(record).__name__}")]


def _checked_item(item: NewsItem, source: str, seen_ids: dict[str, str]) -> NewsItem | Problem:
    if not item.text or not item.text.strip():
        return Problem(source, ProblemKind.EMPTY, f"empty text in item {item.id!r}")
    if problem := claim_id(item.id, source, seen_ids):
        return problem
    if item.published is not None and item.published.tzinfo is None:
        # Naive and aware datetimes cannot be compared; a date without a zone is read as UTC.
        return dataclasses.replace(item, published=item.published.replace(tzinfo=timezone.utc))
    return item
