"""Exact duplicates: the same normalised text seen again under another source."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from storylens.model import Article, Problem


def mark_exact_duplicates(
    items: Iterable[Article | Problem], seen: dict[str, str] | None = None
) -> Iterator[Article | Problem]:
    """Set `duplicate_of` on every article whose text hash an earlier one had.

    `seen` maps text hash → first article id; pass a shared dict to carry it across calls.
    """
    seen = {} if seen is None else seen
    for item in items:
        if isinstance(item, Article):
            first = seen.setdefault(item.content_hash, item.id)
            if first != item.id:
                item.duplicate_of = first
        yield item
