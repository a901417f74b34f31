"""Attributions that need no parse: "Name: words" lines and quotations signed with a dash.

Moved as they were from attribution.py.
"""
from __future__ import annotations

import re

from storylens.claims.cues import SPEECH_VERBS
from storylens.claims.quotes import quote_regions
from storylens.model import Attribution, AttributionKind, Span

# A line (or a headline after " - ") that opens with a short capitalised name and a colon:
# "Lynch: No outside influence on FBI probe", "TAPPER: Do you think …". No parse needed.
COLON_SPEAKER = re.compile(
    r"(?m)^(?:[^\n]{0,80}?\s[-–—]\s+)?[\"“]?"  # an optional headline prefix "… - "
    r"((?:[A-Z][\w.'’-]*)(?:[ \t]+(?:[A-Z(][\w.'’()-]*|of|and|at|de|van)){0,4}):[ \t]*(?=\S)")
NOT_SPEAKERS = frozenset(
    """update updated watch related note editor editor's editor’s video photos photo read more source sources
    correction breaking exclusive listen also see via credit image caption h/t hat tip and but the this here why what
    how who when where live follow like subscribe click share contact email tags filed q a contributing byline
    twitter online previously name wow paid quote quotes details background words""".split()
)

# Capitalised small words inside the "name" mark a title-cased headline, not a speaker ("Stealth Over
# Health: …", "Veto Power Impedes Peace Efforts: …"; 3 false cues on PolNeAR dev). Names keep such
# words in lower case ("Secretary of State", "Bank of America").
HEADLINE_WORDS = frozenset(
    """Over Under Is Are Was Were Will Would Can Could Should Has Have Had To For In On With From By After Before Into
    Against As Vs Not No New Why How What Who When Where Than Says Said Wants Gets Makes Takes Impedes Faces""".split()
)


def line_end(text: str, start: int) -> int:
    """Where the line holding `start` ends, trailing spaces left out."""
    end = text.find("\n", start)
    return len(text[: end if end >= 0 else len(text)].rstrip())


def colon_attributions(text: str) -> list[Attribution]:
    found = []
    for match in COLON_SPEAKER.finditer(text):
        name, name_start = match.group(1), match.start(1)
        first = name.split()[0]
        if first.lower() in SPEECH_VERBS and len(name.split()) > 1:  # 'Said Ellis: "…"': Ellis speaks
            rest = name[len(first):].lstrip()
            name_start, name = name_start + len(name) - len(rest), rest
        if name.split()[0].lower().rstrip(".") in NOT_SPEAKERS or any(char.isdigit() for char in name):
            continue
        if any(word in HEADLINE_WORDS for word in name.split()[1:]):  # "Stealth Over Health: Clinton Was …"
            continue
        colon = text.index(":", match.end(1))
        end = line_end(text, match.end())
        if end <= match.end():
            continue
        found.append(Attribution(source=Span(name_start, match.end(1), name), cue=Span(colon, colon + 1, ":"),
                                 content=Span(match.end(), end, text[match.end():end]), kind=AttributionKind.INDIRECT))
    return found


# A quotation signed with a dash after its closing mark, at the end of its line: reader comments,
# epigraphs, quoted posts ('"…" ― Sonya Herridge', '"…" — Paul Ryan (@SpeakerRyan) July 5, 2016').
DASH_SIGNATURE = re.compile(
    r"([\"”»])[ \t\u00a0]*(―|—|–|--?)[ \t\u00a0]*"
    r"([A-Z][\w.'’-]*(?:[ \t]+(?:[A-Z][\w.'’-]*|de|van|von|al))" r"{0,3}(?:[ \t]+\(@\w+\))?)"
    r"(?=[ \t\u00a0.,]*(?:\n|$|[A-Z][a-z]+ \d|<))"
)


def dash_attributions(text: str) -> list[Attribution]:
    found = []
    for match in DASH_SIGNATURE.finditer(text):
        closing = match.start(1)
        line_start = text.rfind("\n", 0, closing) + 1
        regions = [r for r in quote_regions(text[line_start:closing + 1]) if r[1] == closing + 1 - line_start]
        start = line_start + regions[-1][0] if regions else line_start
        while start < closing and text[start].isspace():
            start += 1
        if len(text[start:closing].split()) < 3:
            continue
        name = match.group(3)
        if name.endswith(".") and len(name.split()[-1]) > 2:  # the sentence's full stop, not an initial
            name = name[:-1]
        found.append(Attribution(source=Span(match.start(3), match.start(3) + len(name), name),
                                 cue=Span(match.start(2), match.end(2), match.group(2)),
                                 content=Span(start, closing + 1, text[start:closing + 1]),
                                 kind=AttributionKind.DIRECT))
    return found
