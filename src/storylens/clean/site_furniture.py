"""Lines one site prints on many of its pages (menus, footers, cookie notices): its furniture,
found across the text dumps of one site, while copies of one article count as one page."""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from itertools import combinations

from storylens.clean.lines import normalise_line

# Two copies of one article share most of their long lines; two articles of one site share
# only a few (a cookie notice, a footer blurb).
LONG_LINE_WORDS = 8
SAME_ARTICLE_SHARE = 0.6
# Lines on more pages than this are site furniture and say nothing about copies.
RARE_LINE_PAGES = 20
# A sentence of prose is furniture (a footer blurb, a cookie notice) only when it stands on at
# least this share of the site's pages. A folder of dumps is one "site" (read/origin.py), and two
# outlets' dumps of one story often open with the same wire lead: at two pages it was dropped
# as furniture, and the lead is the line that names the story (bench/analyze.py: 116 stories
# found for 125 on the raw texts, 203 after extraction).
PROSE_FURNITURE_SHARE = 0.5


def repeated_lines(texts: Sequence[str], *, min_pages: int = 2) -> frozenset[str]:
    """Normalised lines found on at least `min_pages` pages of one site: its furniture.

    Copies of one article (a wire story stored twice) count as one page, so an article that
    appears twice does not lose its body; a sentence of prose must stand on at least
    PROSE_FURNITURE_SHARE of the pages, so a lead two articles share is not furniture.
    """
    distinct = {frozenset(normalise_line(line) for line in text.splitlines() if line.strip()) for text in texts}
    pages = list(distinct)  # exact copies count once, however many there are
    counts: Counter[str] = Counter()
    clusters = copies_of_same_article(pages)
    for cluster in clusters:
        counts.update(set().union(*(pages[index] for index in cluster)))
    prose_pages = max(min_pages, math.ceil(PROSE_FURNITURE_SHARE * len(clusters)))
    return frozenset(line for line, count in counts.items()
                     if line and count >= (prose_pages if len(line.split()) >= LONG_LINE_WORDS else min_pages))


def copies_of_same_article(pages: list[frozenset[str]]) -> list[list[int]]:
    """Group pages that share most of their long lines (union–find over candidate pairs)."""
    frequency: Counter[str] = Counter(line for page in pages for line in page)
    long_lines = [{line for line in page if len(line.split()) >= LONG_LINE_WORDS and frequency[line] <= RARE_LINE_PAGES}
                  for page in pages]
    pages_with: dict[str, list[int]] = {}
    for index, page in enumerate(long_lines):
        for line in page:
            pages_with.setdefault(line, []).append(index)
    shared: Counter[tuple[int, int]] = Counter()
    for holders in pages_with.values():
        shared.update(combinations(holders, 2))
    parent = list(range(len(pages)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for (a, b), count in shared.items():
        if count >= 2 and count >= SAME_ARTICLE_SHARE * min(len(long_lines[a]), len(long_lines[b])):
            parent[root(a)] = root(b)
    clusters: dict[int, list[int]] = {}
    for index in range(len(pages)):
        clusters.setdefault(root(index), []).append(index)
    return list(clusters.values())
