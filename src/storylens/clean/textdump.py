"""Plain-text page dumps → article paragraphs, title, byline, date and outlet.

A scraper's text dump holds the article and everything around it: menus, ads, credits,
related headlines, comment forms, footers. Following jusText and boilerpipe, each line is
first classed by its own features (lines.py), then reclassified by its neighbours (a short
subheading between two paragraphs is body), and finally the article is the contiguous block
with the most prose-minus-furniture evidence, so headline lists after the article fall away.
Lines that recur across pages of one site (`repeated_lines`) are furniture too.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

from storylens.clean import dump_metadata as meta
from storylens.clean.lines import (
    BAD, BULLET, GOOD, NEAR, SHORT, STOPWORDS, Unit, first_class, folded_tokens, guess_language, line_features,
    normalise_line,
)

PROMOTED = "promoted"  # a short sentence that context shows to be body
HEADING = "heading"  # a subheading: short, no full stop, followed by body
BODY_CLASSES = frozenset({GOOD, PROMOTED, HEADING})

# Block weights: prose earns by length; furniture costs; a header that closes the article
# ("Related", "Comments") costs so much that the block never runs through it unless a lot
# of prose follows. Ad labels and counters inside an article cost little (they interrupt it).
BOUNDARY_COST = -5.0
FURNITURE_COST = -1.0
INTERRUPTION_COST = -0.3
UNJUDGED_COST = -0.4
HEADING_GAIN = 0.2
PROMOTED_GAIN = 0.5
# Looking for a unit's neighbours, skip at most this many ad labels and counters.
MAX_INTERRUPTIONS = 5
# A body unit at the edge of the block, this far (in units) from the next one, is cut loose.
EDGE_GAP = 4.0

REPEATED_PARAGRAPH_WORDS = 8
COMMENT_HEADER = re.compile(
    r"^(?:\d+\s+)?(?:comments?|leave a (?:reply|comment)|post a comment|join the discussion|reader comments|"
    r"kommentare?|comentarios|commentaires|коментарі|комментарии)\b", re.IGNORECASE)
COMMENT_FORM = re.compile(
    r"^(?:reply|antworten|responder|répondre|cancel reply)$|will not be published|required fields|"
    r"\b(?:log|sign) in\b|\b\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?) ago\b", re.IGNORECASE)
COMMENT_FORM_WINDOW = 12
COMMENT_PROSE_GAIN = 0.1
MAX_PULL_QUOTES = 20  # a page has a few; a hostile one must not make the check quadratic
OPENING_QUOTES = "\"“„«‘'"
CLOSING_QUOTES = "\"”“»’'"

# Two copies of one article share most of their long lines; two articles of one site share
# only a few (a cookie notice, a footer blurb).
LONG_LINE_WORDS = 8
SAME_ARTICLE_SHARE = 0.6
# Lines on more pages than this are site furniture and say nothing about copies.
RARE_LINE_PAGES = 20


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


def repeated_lines(texts: Sequence[str], *, min_pages: int = 2) -> frozenset[str]:
    """Normalised lines found on at least `min_pages` pages of one site: its furniture.

    Copies of one article (a wire story stored twice) count as one page, so an article that
    appears twice does not lose its body.
    """
    distinct = {frozenset(normalise_line(line) for line in text.splitlines() if line.strip()) for text in texts}
    pages = list(distinct)  # exact copies count once, however many there are
    counts: Counter[str] = Counter()
    for cluster in copies_of_same_article(pages):
        counts.update(set().union(*(pages[index] for index in cluster)))
    return frozenset(line for line, count in counts.items() if count >= min_pages and line)


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


def analyse_page(text: str, repeated: frozenset[str]) -> PageAnalysis:
    lines = text.splitlines()
    spans = paragraph_spans(lines)
    texts = [lines[first] if first == last else " ".join(lines[i].strip() for i in range(first, last + 1))
             for first, last in spans]
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
    mark_site_furniture(units, repeated)
    promote_by_context(units)
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
        if unit.key in seen:
            page.kept[index] = False
        seen.add(unit.key)


def header_end(page: PageAnalysis) -> int:
    """The header runs to the first paragraph; a standfirst does not end it (bylines often
    sit between the standfirst and the first paragraph)."""
    kept = [index for index, keep in enumerate(page.kept) if keep]
    if not kept:
        return len(page.units)
    if page.title_index is not None and kept[0] == page.title_index + 1 and len(kept) > 1:
        return kept[1]
    return kept[0]


def paragraph_spans(lines: list[str]) -> list[tuple[int, int]]:
    """Non-blank lines, joining the lines of hard-wrapped paragraphs when the page is wrapped."""
    nonblank = [index for index, line in enumerate(lines) if line.strip()]
    width = wrap_width(lines, nonblank)
    spans: list[tuple[int, int]] = []
    for index in nonblank:
        if spans and width and index == spans[-1][1] + 1 and wrapped_on(lines[index - 1], lines[index], width):
            spans[-1] = (spans[-1][0], index)
        else:
            spans.append((index, index))
    return spans


def wrap_width(lines: list[str], nonblank: list[int]) -> int | None:
    """The column a hard-wrapped page breaks at, or None.

    Wrapped pages have many lines ending just short of one width, and those lines often break
    mid-sentence (the next line starts in lower case). A list of headlines of similar length
    has the first sign but not the second.
    """
    # Rules of "=====" are often wider than the text: only lines with words set the width.
    worded = [index for index in nonblank if len(lines[index].split()) >= 3]
    if not worded:
        return None
    width = max(len(lines[index].rstrip()) for index in worded)
    full = [index for index in worded if len(lines[index].rstrip()) >= width - 15]
    if not 50 <= width <= 100 or len(full) < 5 or len(full) * 3 < sum(len(lines[i]) >= 30 for i in worded):
        return None
    followed = [lines[index + 1].lstrip()[:1] for index in full if index + 1 < len(lines) and lines[index + 1].strip()]
    mid_sentence = sum(1 for start in followed if start.islower() or start.isdigit())
    return width if followed and mid_sentence * 3 >= len(followed) else None


def wrapped_on(previous: str, line: str, width: int) -> bool:
    """Greedy wrapping broke here: the next line's first word would not have fit."""
    if BULLET.match(line):
        return False
    return len(previous.rstrip()) + 1 + len(line.split()[0]) > width


def mark_metadata_lines(page: PageAnalysis) -> None:
    """Date, byline and newsroom lines carry metadata, never body (a dateline paragraph does)."""
    english = page.language == "en"
    for index, unit in enumerate(page.units):
        if (index == 0 and page.scraper_date) or meta.is_metadata_line(unit.features, english):
            unit.metadata = True
            unit.cls = BAD


def mark_in_page_repeats(units: list[Unit]) -> None:
    """A short line printed twice on one page is furniture (ad labels, teasers listed twice).
    Prose is left alone: a page may hold its article twice."""
    counts = Counter(unit.key for unit in units)
    for unit in units:
        if unit.cls != GOOD and counts[unit.key] > 1:
            unit.cls = BAD
            unit.interruption = True


def mark_pull_quotes(units: list[Unit]) -> None:
    """A line that is all quotation and repeats words printed elsewhere on the page is a pull
    quote, a display copy of the body: drop it, keep the original."""
    quoted = [unit for unit in units if is_all_quotation(unit.features.text)][:MAX_PULL_QUOTES]
    if not quoted:
        return
    page_text = "\n".join(unit.key for unit in units)
    for unit in quoted:
        # Pull quotes trim the sentence they display, so match on its opening words only;
        # the line itself holds them once, the original paragraph a second time.
        opening = " ".join(normalise_line(unit.features.text.strip(OPENING_QUOTES + CLOSING_QUOTES + ". ")).split()[:6])
        if page_text.count(opening) >= 2:
            unit.cls = BAD


def is_all_quotation(text: str) -> bool:
    return len(text) >= 12 and text[0] in OPENING_QUOTES and text.rstrip(".")[-1] in CLOSING_QUOTES


def mark_site_furniture(units: list[Unit], repeated: frozenset[str]) -> None:
    """Drop lines the site prints on every page, unless that would take most of the prose:
    then the 'site' is really copies of one article, and only non-prose lines go."""
    if not repeated:
        return
    hits = [unit.key in repeated for unit in units]
    prose_words = sum(unit.features.words for unit in units if unit.cls == GOOD)
    repeated_prose = sum(unit.features.words for unit, hit in zip(units, hits) if hit and unit.cls == GOOD)
    spare_prose = repeated_prose * 2 >= prose_words > 0
    for unit, hit in zip(units, hits):
        unit.site_furniture = hit
        if hit and not (spare_prose and unit.cls == GOOD):
            unit.cls = BAD


def promote_by_context(units: list[Unit]) -> None:
    """Short lines take their class from their neighbours (jusText's context step)."""
    initial = [unit.cls for unit in units]
    seen_prose = False
    for index, unit in enumerate(units):
        seen_prose = seen_prose or initial[index] == GOOD
        if initial[index] in (NEAR, SHORT) and seen_prose and is_subheading(units, initial, index):
            unit.cls = HEADING
    promote_bullet_runs(units)
    for _ in range(3):  # a few rounds: a run of short quote lines between paragraphs
        changed = False
        for index, unit in enumerate(units):
            if unit.cls in (NEAR, SHORT) and unit.features.sentence_end and is_body_sentence(units, index):
                unit.cls, changed = PROMOTED, True
        if not changed:
            break


def neighbour_class(units: list[Unit], index: int, step: int, classes: list[str] | None = None) -> str | None:
    """Class of the nearest unit in direction `step`, looking past a few interruptions (ad labels)."""
    position = index + step
    for _ in range(MAX_INTERRUPTIONS):
        if not (0 <= position < len(units) and units[position].interruption and units[position].cls == BAD):
            break
        position += step
    if not 0 <= position < len(units):
        return None
    return classes[position] if classes else units[position].cls


def is_subheading(units: list[Unit], classes: list[str], index: int) -> bool:
    """No full stop, two words or a label ("Background:"), and prose right after it. A long
    one (a caption, a teaser) must also follow prose directly."""
    features = units[index].features
    if features.sentence_end and not features.label:
        return False
    if features.text[:1] in "-–—":  # "— Name, role": the signature of a pull quote
        return False
    if features.words < 2 and not features.label:
        return False
    if features.words > 20 or neighbour_class(units, index, 1, classes) != GOOD:
        return False
    return features.words <= 8 or features.label or neighbour_class(units, index, -1, classes) == GOOD


def promote_bullet_runs(units: list[Unit]) -> None:
    """A bulleted list between body paragraphs is body, item by item."""
    index = 0
    while index < len(units):
        if not units[index].features.bullet:
            index += 1
            continue
        end = index
        while end + 1 < len(units) and units[end + 1].features.bullet:
            end += 1
        before, after = neighbour_class(units, index, -1), neighbour_class(units, end, 1)
        if before in BODY_CLASSES and after in BODY_CLASSES:
            for unit in units[index:end + 1]:
                if unit.cls in (NEAR, SHORT):
                    unit.cls = PROMOTED
        index = end + 1


def is_body_sentence(units: list[Unit], index: int) -> bool:
    """A short sentence is body between body lines; a longer one (NEAR) next to any body line."""
    before, after = neighbour_class(units, index, -1), neighbour_class(units, index, 1)
    if units[index].cls == NEAR:  # next to a paragraph; a subheading alone does not vouch for it
        return before in (GOOD, PROMOTED) or after in (GOOD, PROMOTED)
    return before in BODY_CLASSES and after in BODY_CLASSES


def mark_comment_section(units: list[Unit]) -> None:
    """Units after a comment section's header ("Leave a Comment", "24 Comments") that a comment
    form or reply links confirm within a few lines. Readers' comments are prose, and a long
    thread outweighs the article (pewresearch.org in newspaper's dev pages), so their prose
    earns little in the article block."""
    seen_prose = False
    for index, unit in enumerate(units):
        seen_prose = seen_prose or unit.cls == GOOD
        if not (seen_prose and unit.features.words <= 6 and COMMENT_HEADER.match(unit.features.text)):
            continue
        following = units[index + 1:index + 1 + COMMENT_FORM_WINDOW]
        if any(COMMENT_FORM.search(other.features.text) for other in following if other.features.words <= 8):
            for later in units[index:]:
                later.in_comments = True
            return


def unit_weight(unit: Unit) -> float:
    if unit.in_comments and unit.cls in BODY_CLASSES:
        return COMMENT_PROSE_GAIN
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
    for index, unit in enumerate(units):
        if running <= 0:
            running, start = 0.0, index
        running += unit_weight(unit)
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
    return kept


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


def trim_lone_edges(units: list[Unit], body: list[int]) -> list[int]:
    """A lone paragraph cut off from the rest by a run of furniture (a tagline above the menus,
    a blurb under the footer links) is not the article's, though its prose paid for the gap."""
    while len(body) >= 3 and gap_size(units, body[0], body[1]) >= EDGE_GAP:
        body = body[1:]
    while len(body) >= 3 and gap_size(units, body[-2], body[-1]) >= EDGE_GAP:
        body = body[:-1]
    return body


def gap_size(units: list[Unit], before: int, after: int) -> float:
    """Units between two body units; ad labels and counters count half (they sit inside articles)."""
    return sum(0.5 if units[index].interruption else 1.0 for index in range(before + 1, after))


def paragraph_text(lines: list[str], unit: Unit) -> str:
    text = " ".join(lines[index].strip() for index in range(unit.first, unit.last + 1))
    return BULLET.sub("", text).strip()


def keep_standfirst(page: PageAnalysis) -> None:
    """A prose line right under the headline is its standfirst: body, though a byline or a
    picture may separate it from the first paragraph."""
    index = page.title_index
    if index is None or index + 1 >= page.block_start:
        return
    if page.units[index + 1].cls == GOOD:
        page.kept[index + 1] = True
