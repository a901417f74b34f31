"""Sentence boundaries with character offsets, cheaply.

The claims stage needs every sentence of every article but parses only a few of them, so
splitting is a regular expression rather than a parser: a sentence ends at . ! or ? (with
any closing quote or bracket) followed by a space and an opening capital, digit or quote,
unless the word before the stop is a known abbreviation or a single initial. A line break
that separates paragraphs always ends a sentence.
"""
from __future__ import annotations

import re

from storylens.model import Span

# Words that end with a full stop without ending a sentence (lower-cased, stop excluded).
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen rep gov gen col lt sgt capt st jr sr vs etc inc ltd corp co dept "
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos fig approx est "
    "u.s u.k u.n e.u a.m p.m i.e e.g d.c".split()
)

_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9À-ÖØ-ÞА-ЯЄІЇҐ])")
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[•\-–*] )")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def split_sentences(text: str) -> list[Span]:
    """The sentences of `text` in order, stripped of surrounding space; offsets into `text`."""
    spans: list[Span] = []
    for start, end in _paragraphs(text):
        cut = start
        for match in _BOUNDARY.finditer(text, start, end):
            if _is_abbreviation(text, cut, match.start()):
                continue
            _add(spans, text, cut, match.end())
            cut = match.end()
        _add(spans, text, cut, end)
    return spans


def _paragraphs(text: str) -> list[tuple[int, int]]:
    bounds, cut = [], 0
    for match in _PARAGRAPH.finditer(text):
        bounds.append((cut, match.start()))
        cut = match.end() if match.group().strip() == "" else match.start() + 1
    bounds.append((cut, len(text)))
    return bounds


def _is_abbreviation(text: str, cut: int, stop: int) -> bool:
    if text[stop] != ".":
        return False
    word = _WORD_BEFORE.search(text, cut, stop)
    if not word:
        return False
    token = word.group(1).lower().rstrip(".")
    return token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append(Span(start, end, text[start:end]))


_ROUGH_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)]*(?=\s+[\"'\u201c\u2018(]?[A-Z0-9])|\n+")


def rough_sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, by punctuation and line breaks: rough, but fast. The article
    stance model's features were trained on these cuts (judge/stance_features.py), so it keeps
    them rather than `split_sentences`'."""
    spans, start = [], 0
    for match in _ROUGH_SENTENCE_END.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    stripped = []
    for start, end in spans:
        piece = text[start:end]
        if len(piece.strip()) > 1:
            start += len(piece) - len(piece.lstrip())
            stripped.append((start, start + len(piece.strip())))
    return stripped
