"""A text dump's lines → paragraph units: one per non-blank line, or one per paragraph when the
page is hard-wrapped at a fixed column (a mail archive, a press note saved as plain text)."""
from __future__ import annotations

from storylens.clean.lines import BULLET, Unit


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


def paragraph_text(lines: list[str], unit: Unit) -> str:
    text = " ".join(lines[index].strip() for index in range(unit.first, unit.last + 1))
    return BULLET.sub("", text).strip()
