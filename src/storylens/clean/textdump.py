"""Plain-text page dumps → article paragraphs, title, byline, date and outlet.

A scraper's text dump holds the article and everything around it: menus, ads, credits,
related headlines, comment forms, footers. Following jusText and boilerpipe, each line is
first classed by its own features (lines.py), then reclassified by its neighbours (a short
subheading between two paragraphs is body), and finally the article is the contiguous block
with the most prose-minus-furniture evidence, so headline lists after the article fall away.
Lines that recur across pages of one site (`repeated_lines`) are furniture too.

This module is the driver; the steps live beside it: dump_paragraphs.py (lines → units),
lines.py (each unit's own features and class), dump_context.py (classes by neighbours),
site_furniture.py (lines a site repeats), dump_block.py (the article block) and
dump_metadata.py (title, byline, date, outlet).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from storylens.clean import dump_metadata as meta
from storylens.clean.dump_block import article_block
from storylens.clean.dump_context import (
    mark_comment_section, mark_contents_lists, mark_in_page_repeats, mark_pull_quotes, mark_site_furniture,
    mark_teaser_runs, mark_truncated_teasers,
    promote_by_context,
)
from storylens.clean.dump_paragraphs import joined_lines, paragraph_spans, paragraph_text
from storylens.clean.lines import (
    BAD, GOOD, STOPWORDS, Unit, first_class, folded_tokens, guess_language, line_features, normalise_line,
)
from storylens.clean.site_furniture import repeated_lines

__all__ = ["CleanedDump", "body_line_mask", "clean_text_dump", "normalise_line", "repeated_lines"]

REPEATED_PARAGRAPH_WORDS = 8


@dataclass(slots=True)
class CleanedDump:
    paragraphs: list[str]  # the article body, one paragraph per entry, in order
    title: str | None
    author: str | None
    published: str | None  # ISO 8601 date "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM" when a time is printed
    outlet: str | None  # where the page names itself; never a cited source ("Source: X")


@dataclass(slots=True)
class PageAnalysis:
    """Everything decided about one page; clean_text_dump and body_line_mask both read it."""

    lines: list[str]
    units: list[Unit]
    language: str
    kept: list[bool] = field(default_factory=list)  # per unit: article body
    block_start: int = 0  # first unit of the article block
    header_end: int = 0  # units before this (and not kept) are the header: byline, date, masthead
    title_index: int | None = None
    scraper_date: tuple[str, str] | None = None  # ("YYYY-MM-DD", rest of the line)


def clean_text_dump(text: str, *, repeated: frozenset[str] = frozenset()) -> CleanedDump:
    """The article in a plain-text page dump, with the metadata the page prints."""
    page = analyse_page(text, repeated)
    english = page.language == "en"
    body = [paragraph_text(page.lines, unit) for unit, keep in zip(page.units, page.kept) if keep]
    title = page.units[page.title_index].features.text if page.title_index is not None else None
    header = [unit.features.text for index, unit in enumerate(page.units[:page.header_end])
              if index != page.title_index and not page.kept[index] and not unit.features.credit]
    return CleanedDump(
        paragraphs=body,
        title=title,
        author=meta.choose_author(header, english=english),
        published=meta.choose_date(header, body[:2], page.scraper_date[0] if page.scraper_date else None,
                                   english=english),
        outlet=meta.page_outlet(page.units, page.title_index, page.block_start),
    )


def body_line_mask(text: str, *, repeated: frozenset[str] = frozenset()) -> list[bool]:
    """Per line of `text.splitlines()`: True where the line is kept as article body."""
    page = analyse_page(text, repeated)
    mask = [False] * len(page.lines)
    for unit, keep in zip(page.units, page.kept):
        if keep:
            mask[unit.first:unit.last + 1] = [True] * (unit.last - unit.first + 1)
    return mask


def analyse_page(text: str, repeated: frozenset[str]) -> PageAnalysis:
    lines = text.splitlines()
    spans = paragraph_spans(lines)
    texts = [lines[first] if first == last else joined_lines(lines, first, last) for first, last in spans]
    folded = [folded_tokens(text) for text in texts]
    language = guess_language(folded)
    units = []
    for (first, last), unit_text, unit_tokens in zip(spans, texts, folded):
        features = line_features(unit_text, unit_tokens, STOPWORDS[language])
        units.append(Unit(first, last, features, first_class(features), normalise_line(features.text),
                          interruption=features.transparent))
    page = PageAnalysis(lines, units, language)
    page.scraper_date = meta.scraper_date_line(units[0].features.text) if units else None
    mark_metadata_lines(page)
    mark_in_page_repeats(units)
    mark_pull_quotes(units)
    mark_truncated_teasers(units)
    mark_contents_lists(units)
    mark_site_furniture(units, repeated)
    promote_by_context(units)
    mark_teaser_runs(units)
    mark_comment_section(units)
    page.kept = article_block(units)
    page.block_start = next((index for index, keep in enumerate(page.kept) if keep), len(units))
    page.title_index = meta.choose_title(units, page.block_start, page.scraper_date[1] if page.scraper_date else None)
    keep_standfirst(page)
    drop_repeated_paragraphs(page)
    page.header_end = header_end(page)
    return page


def drop_repeated_paragraphs(page: PageAnalysis) -> None:
    """A paragraph kept a second time is a second rendering of the article (responsive pages
    print the body once per layout, as several of newspaper's test pages do): keep the first. Short lines are left to mark_in_page_repeats."""
    seen: set[str] = set()
    for index, unit in enumerate(page.units):
        if not page.kept[index] or unit.features.words < REPEATED_PARAGRAPH_WORDS:
            continue
        # the exact text, not the key: a schedule's rows differ only in their figures
        text = unit.features.text.casefold()
        if text in seen:
            page.kept[index] = False
        seen.add(text)


def header_end(page: PageAnalysis) -> int:
    """The header runs to the first paragraph; a standfirst does not end it (bylines often
    sit between the standfirst and the first paragraph)."""
    kept = [index for index, keep in enumerate(page.kept) if keep]
    if not kept:
        return len(page.units)
    if page.title_index is not None and kept[0] == page.title_index + 1 and len(kept) > 1:
        return kept[1]
    return kept[0]


def mark_metadata_lines(page: PageAnalysis) -> None:
    """Date, byline and newsroom lines carry metadata, never body (a dateline paragraph does)."""
    english = page.language == "en"
    for index, unit in enumerate(page.units):
        if (index == 0 and page.scraper_date) or meta.is_metadata_line(unit.features, english):
            unit.metadata = True
            unit.cls = BAD


def keep_standfirst(page: PageAnalysis) -> None:
    """A prose line right under the headline is its standfirst: body, though a byline or a
    picture may separate it from the first paragraph."""
    index = page.title_index
    if index is None or index + 1 >= page.block_start:
        return
    if page.units[index + 1].cls == GOOD:
        page.kept[index + 1] = True

