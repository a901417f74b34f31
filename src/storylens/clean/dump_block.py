"""The article in a dump is one contiguous block: the run of units with the most
prose-minus-furniture weight, so headline lists after the article fall away."""
from __future__ import annotations

import re

from storylens.clean.dump_context import BODY_CLASSES, HEADING, PROMOTED
from storylens.clean.lines import BAD, CREDIT, GOOD, NEAR, OTHER_PAGES_HEADERS, SHORT, WORD, Unit, is_number_line

# Block weights: prose earns by length; furniture costs; a header that closes the article
# ("Related", "Comments") costs so much that the block never runs through it unless a lot
# of prose follows. Ad labels and counters inside an article cost little (they interrupt it).
# -3 rather than -5: a "Comments" or "Related" line inside an article (a count by the byline, a
# link between paragraphs) cut it less often (trafilatura fit .8667 -> .8686, newspaper dev .9136
# either way).
BOUNDARY_COST = -3.0
FURNITURE_COST = -1.0
INTERRUPTION_COST = -0.3
UNJUDGED_COST = -0.4
HEADING_GAIN = 0.2
PROMOTED_GAIN = 0.5
# A body unit at the edge of the block, this far (in units) from the next one, is cut loose.
EDGE_GAP = 4.0
COMMENT_PROSE_GAIN = 0.1
# Prose that speaks to the reader about cookies, newsletters or logins is a consent or sign-up
# notice: long, in full sentences, and longer than a short article (bundesfeuerwehrverband.at's
# cookie settings outweighed its article on trafilatura's fit pages). It earns as little as a
# comment, so it rides along inside an article but never carries a block.
NOTICE_GAIN = 0.1
# At most this many unjudged lines in a row between two kept units are kept with them (fit half of
# trafilatura's eval pages: 1 line .8597, 3 lines .8612, 8 lines .8620, from .8592).
MAX_FILLED_GAP = 3
# Prose after a header that closes the article ("Related", "Ähnliche Beiträge"), when prose came
# before it, is teasers or a sidebar: it earns this share, so that a short article above the
# header is not outscored by the longer teaser block below it (8 of trafilatura's eval pages
# on the fit half lost their article that way).
AFTER_BOUNDARY_SHARE = 0.15
CLOSED_PARAGRAPH_WORDS = 15
CLOSED_PROSE_WORDS = 25
# Only headers that introduce other pages close it: "Read more", "Lesen Sie auch" and a bare
# "Related" sit inside articles before a link and the article goes on (independent.co.uk,
# volksblatt.at, dallasnews.com), and a
# comment count ("Kommentar", "0 comments") sits by the byline as often as under the article.
CLOSING_HEADER = re.compile(
    r"^(?:related\s+(?:articles?|stories|news|posts|content|coverage|reading)|more (?:stories|news)|"
    r"recommended(?: for you| stories)?|trending(?: now| stories)?|you (?:may|might) (?:also )?like|"
    rf"more on this (?:topic|story)|читайте также|{OTHER_PAGES_HEADERS})\s*:?$", re.IGNORECASE)


def unit_weight(unit: Unit) -> float:
    if unit.in_comments and unit.cls in BODY_CLASSES:
        return COMMENT_PROSE_GAIN
    if unit.cls == GOOD and unit.features.notice:
        return NOTICE_GAIN
    if unit.cls == GOOD:
        return 1.0 + min(unit.features.words, 80) / 20
    if unit.cls == PROMOTED:
        return PROMOTED_GAIN
    if unit.cls == HEADING:
        return HEADING_GAIN
    if unit.cls in (NEAR, SHORT):
        return UNJUDGED_COST
    if unit.features.boundary:
        return BOUNDARY_COST
    return INTERRUPTION_COST if unit.interruption else FURNITURE_COST


def article_block(units: list[Unit]) -> list[bool]:
    """Keep the body units of the contiguous run with the highest total weight (Kadane)."""
    best, best_span = 0.0, None
    running, start = 0.0, 0
    for index, (unit, weight) in enumerate(zip(units, block_weights(units))):
        if running <= 0:
            running, start = 0.0, index
        running += weight
        if running > best:
            best, best_span = running, (start, index)
    kept = [False] * len(units)
    if best_span is None:
        return fallback_block(units)
    body = [index for index in range(best_span[0], best_span[1] + 1) if units[index].cls in BODY_CLASSES]
    if not any(units[index].cls == GOOD for index in body):
        return fallback_block(units)
    for index in trim_lone_edges(units, body):
        kept[index] = True
    fill_short_gaps(units, kept)
    keep_tables(units, kept)
    keep_inner_near(units, kept)
    keep_closing_table(units, kept)
    drop_contents_entries(units, kept)
    return kept


def block_weights(units: list[Unit]) -> list[float]:
    weights, prose_words, closed = [], 0, False
    for unit in units:
        weight = unit_weight(unit)
        closed = closed or (prose_words >= CLOSED_PROSE_WORDS and closes_article(unit))
        # teasers' one-line blurbs above a "Trending" box are no article (lifebuzz.com, youbeauty.com)
        if unit.cls == GOOD and unit.features.words >= CLOSED_PARAGRAPH_WORDS:
            prose_words += unit.features.words
        weights.append(weight * AFTER_BOUNDARY_SHARE if closed and weight > 0 else weight)
    return weights


def closes_article(unit: Unit) -> bool:
    """A "Related"-style header (a gallery's repeated label is a boundary too, but only between
    the gallery's items)."""
    return unit.features.boundary and bool(CLOSING_HEADER.match(unit.features.text))


def fallback_block(units: list[Unit]) -> list[bool]:
    """A page with no paragraph of prose (a notice, a list of times, a caption under a video):
    the run with the most text among its unjudged lines, so that an article page is not
    dropped as empty. Error pages and login walls are recognised later, by what they say."""
    best, best_span, running, start = 0.0, None, 0.0, 0
    for index, unit in enumerate(units):
        if running <= 0:
            running, start = 0.0, index
        long_enough = unit.cls in (GOOD, NEAR) or (unit.cls == SHORT and unit.features.sentence_end)
        running += 1.0 + min(unit.features.words, 80) / 20 if long_enough else unit_weight(unit)
        if running > best:
            best, best_span = running, (start, index)
    kept = [False] * len(units)
    if best_span is None:
        return kept
    for index in range(best_span[0], best_span[1] + 1):
        kept[index] = units[index].cls in BODY_CLASSES | {NEAR} or (
            units[index].cls == SHORT and units[index].features.sentence_end)
    return kept


def fill_short_gaps(units: list[Unit], kept: list[bool]) -> None:
    """A few unjudged lines between two kept units are the article's: a table's cells, a list's
    items, a heading with no prose shape. Furniture (a BAD line) anywhere in the gap keeps it open."""
    indices = [index for index, keep in enumerate(kept) if keep]
    for before, after in zip(indices, indices[1:]):
        if (1 < after - before <= MAX_FILLED_GAP + 1 and units[after].cls != HEADING
                and all(unit.cls in (NEAR, SHORT) for unit in units[before + 1:after])):
            kept[before + 1:after] = [True] * (after - before - 1)


# A table or a schedule in a dump is a run of short rows, most holding a figure ("Freitag, 04.
# Februar 2022", "PGA Tour: ..., 3. Tag ..., 21:00 Uhr"): judged line by line each row is too short
# or too bare to be prose, judged as a run it is the article's when it touches the article.
TABLE_MIN_ROWS = 4
TABLE_MAX_ROWS = 80
TABLE_FIGURE_SHARE = 0.5
# A table after the article has no paragraph below it to vouch for it: nearly every row holds a
# figure, where a list of headlines has one now and then ("...since records began in 1950").
CLOSING_TABLE_FIGURE_SHARE = 0.75


def keep_tables(units: list[Unit], kept: list[bool]) -> None:
    """Runs of table rows between two kept units are kept."""
    indices = [index for index, keep in enumerate(kept) if keep]
    for before, after in zip(indices, indices[1:]):
        rows = units[before + 1:after]
        if (TABLE_MIN_ROWS <= len(rows) <= TABLE_MAX_ROWS and all(is_table_row(row) for row in rows)
                and sum(has_figure(row) for row in rows) >= TABLE_FIGURE_SHARE * len(rows)):
            kept[before + 1:after] = [True] * len(rows)


def keep_closing_table(units: list[Unit], kept: list[bool]) -> None:
    """A table right after the article's last paragraph (a results list, a broadcast schedule) is
    the article's when most of its rows are lines of text with figures ("3. Anais Chevalier (FRA)
    +11,6", "PGA Tour: ..., 1. Tag ..., 21:00 Uhr"); a date line between them is a row too, and rows
    without a figure at its end are left out. Counters and prices alone ("1x", "9.990 €") do not
    make one: a run of them after an article is a player's controls or a shop's teasers
    (trafilatura fit .8822 -> .8839; counting every row with a figure: .8836 with 11 pages worse)."""
    indices = [index for index, keep in enumerate(kept) if keep]
    if not indices:
        return
    first = end = indices[-1] + 1
    while end < len(units) and end - first < TABLE_MAX_ROWS and (is_table_row(units[end]) or units[end].metadata):
        end += 1
    while end > first and not has_figure(units[end - 1]):
        end -= 1
    rows = units[first:end]
    if (len(rows) >= TABLE_MIN_ROWS and sum(map(has_figure, rows)) >= CLOSING_TABLE_FIGURE_SHARE * len(rows)
            and sum(row.cls == NEAR and has_figure(row) for row in rows) >= TABLE_FIGURE_SHARE * len(rows)):
        kept[first:end] = [True] * len(rows)


def is_table_row(unit: Unit) -> bool:
    """Unjudged, or furniture only because it is mostly numbers."""
    if unit.in_comments or unit.features.boundary or unit.features.credit:
        return False
    return unit.cls in (NEAR, SHORT) or (unit.cls == BAD and not unit.metadata
                                         and is_number_line(unit.features.text, WORD.findall(unit.features.text)))


def has_figure(unit: Unit) -> bool:
    return any(character.isdigit() for character in unit.features.text)


def trim_lone_edges(units: list[Unit], body: list[int]) -> list[int]:
    """A lone paragraph cut off from the rest by a run of furniture (a tagline above the menus,
    a blurb under the footer links) is not the article's, though its prose paid for the gap."""
    headings = {contents_key(units[index].features.text) for index in body if units[index].cls == HEADING}
    while len(body) >= 3 and gap_size(units, body[0], body[1], headings) >= EDGE_GAP:
        body = body[1:]
    while len(body) >= 3 and gap_size(units, body[-2], body[-1], headings) >= EDGE_GAP:
        body = body[:-1]
    return body


def gap_size(units: list[Unit], before: int, after: int, headings: set[str]) -> float:
    """Units between two body units; ad labels and counters count half (they sit inside articles),
    and the entries of the article's own table of contents (its subheadings, numbered or not) not at
    all: an introduction above the contents is the article's (trafilatura fit .8836 -> .8837: one page, +.033)."""
    return sum(0.0 if contents_key(units[index].features.text) in headings else
               0.5 if units[index].interruption else 1.0 for index in range(before + 1, after))


def drop_contents_entries(units: list[Unit], kept: list[bool]) -> None:
    """The article's table of contents, kept with the gap it sat in, repeats its subheadings: drop it."""
    headings = {contents_key(unit.features.text) for unit, keep in zip(units, kept) if keep and unit.cls == HEADING}
    for index, unit in enumerate(units):
        if kept[index] and unit.cls in (NEAR, SHORT) and contents_key(unit.features.text) in headings:
            kept[index] = False


SECTION_NUMBER = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*[.)]?\s+")


def contents_key(text: str) -> str:
    """A subheading as a table of contents lists it: "3. Schmerzverhalten beim Menschen" and
    "Schmerzverhalten beim Menschen" meet."""
    return " ".join(SECTION_NUMBER.sub("", text).casefold().split())


def keep_inner_near(units: list[Unit], kept: list[bool]) -> None:
    """Unjudged long lines inside the article's span (a caption, a result row, a line cut before its
    full stop) are the article's: the span is already bounded by furniture on both sides, and on
    trafilatura's fit pages two thirds of such lines' words are in the gold body (fit .8762 -> .8793,
    newspaper dev .9133 -> .9174). A line that credits a picture is its caption and stays out (with
    captions the generated dumps' F1 fell .981 -> .973). The cost: a caption without a credit and a
    question-subheading come too (the seeds' leak 1/58 -> 3/60 lines); only lines of 12 words or
    more would keep half the gain (fit .8778)."""
    indices = [index for index, keep in enumerate(kept) if keep]
    if not indices:
        return
    for index in range(indices[0], indices[-1] + 1):
        unit = units[index]
        if unit.cls == NEAR and not unit.in_comments and not CREDIT.search(unit.features.text):
            kept[index] = True
