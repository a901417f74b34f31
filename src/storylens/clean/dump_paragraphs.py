"""A text dump's lines → paragraph units: one per non-blank line, or one per paragraph when the
page is hard-wrapped at a fixed column (a mail archive, a press note saved as plain text), or
when a sentence runs on in lower case after a line break."""
from __future__ import annotations

import re

from storylens.clean.lines import BULLET, Unit

# A line this long, ending with no punctuation, followed by at least this many words in lower case
# after one blank line, is one sentence broken in two (see broken_sentence).
BROKEN_LINE_WORDS = 8
BROKEN_TAIL_WORDS = 5
UNFINISHED_END = re.compile(r"[^.!?…:;\"”»)]\s*$")


def paragraph_spans(lines: list[str]) -> list[tuple[int, int]]:
    """Non-blank lines, joining the lines of hard-wrapped paragraphs when the page is wrapped, and
    the two halves of a sentence broken across blocks on any page."""
    nonblank = [index for index, line in enumerate(lines) if line.strip()]
    width = wrap_width(lines, nonblank)
    spans: list[tuple[int, int]] = []
    for index in nonblank:
        if spans and ((width and index == spans[-1][1] + 1 and wrapped_on(lines[index - 1], lines[index], width))
                      or (index - spans[-1][1] <= 2 and broken_sentence(lines[spans[-1][1]], lines[index]))):
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


def broken_sentence(previous: str, line: str) -> bool:
    """A sentence a page broke across two blocks (a blog editor's line breaks, saved with a blank
    line between): the first part is a long line that ends without punctuation, the second goes on
    in lower case ("...locate a single person," / "or to identify an individual in context.")."""
    return (line.lstrip()[:1].islower() and len(previous.split()) >= BROKEN_LINE_WORDS
            and len(line.split()) >= BROKEN_TAIL_WORDS and bool(UNFINISHED_END.search(previous))
            and not BULLET.match(line))


def joined_lines(lines: list[str], first: int, last: int) -> str:
    return " ".join(lines[index].strip() for index in range(first, last + 1) if lines[index].strip())


def paragraph_text(lines: list[str], unit: Unit) -> str:
    return BULLET.sub("", joined_lines(lines, unit.first, unit.last)).strip()
