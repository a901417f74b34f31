"""The story list: one small row per dossier, filtered, sorted and cut into pages.

The same rows are what the store keeps beside each dossier, so the index of 1,000 stories
never loads 1,000 dossiers."""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from storylens.dossier.summary import story_summary, verdict_line  # noqa: F401  (the listing's rows)
from storylens.render.dates import sort_key

STATUSES = ("corroborated", "single_origin", "single_source", "disputed", "denied")
SORTS = {
    "newest": lambda row: (-sort_key(row["last_published"]) if row["last_published"] else math.inf, row["id"]),
    "oldest": lambda row: (sort_key(row["first_published"]), row["id"]),
    "largest": lambda row: (-row["article_count"], row["id"]),
    "title": lambda row: (row["title"].casefold(), row["id"]),
}
PAGE_SIZE = 50  # stories per index page: 1,000 stories make 20 pages of about 60 KB, not one of 3 MB


@dataclass(slots=True)
class StoryQuery:
    """What a reader asked of the list; every field comes from the URL, so none is trusted."""

    status: str | None = None
    outlet: str | None = None
    q: str | None = None
    sort: str = "newest"
    page: int = 1

    def __post_init__(self) -> None:
        self.status = self.status if self.status in STATUSES else None
        self.sort = self.sort if self.sort in SORTS else "newest"
        self.page = max(1, self.page)


@dataclass(slots=True)
class StoryPage:
    rows: list[dict]
    query: StoryQuery
    total: int
    pages: int
    outlets: list[str] = field(default_factory=list)  # every outlet, for the filter


def matches(row: dict, query: StoryQuery) -> bool:
    if query.status and row["status"] != query.status:
        return False
    if query.outlet and query.outlet not in row["outlets"]:
        return False
    if query.q:
        haystack = " ".join([row["title"], row["main_claim"] or "", *row["outlets"]]).casefold()
        return all(word in haystack for word in query.q.casefold().split())
    return True


def story_page(rows: Iterable[dict], query: StoryQuery, page_size: int = PAGE_SIZE) -> StoryPage:
    """One page of the rows that match, in the order asked for."""
    every = list(rows)
    chosen = sorted((row for row in every if matches(row, query)), key=SORTS[query.sort])
    pages = max(1, math.ceil(len(chosen) / page_size))
    start = (query.page - 1) * page_size
    outlets = sorted({outlet for row in every for outlet in row["outlets"]})
    return StoryPage(chosen[start : start + page_size], query, len(chosen), pages, outlets)


def status_counts(rows: Sequence[dict]) -> dict[str, int]:
    counts = Counter(row["status"] for row in rows if row["status"])
    return {status: counts[status] for status in STATUSES if counts[status]}
