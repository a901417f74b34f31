"""Which sentences state something checkable: factual statements, not furniture or chatter.

A cheap filter over the surface, because it runs on every sentence of every article: a
claim has a plausible length, is not a question, is not a caption, credit or call to
action, reads as prose rather than a list of headlines, and names something concrete (a
name, a number or a place).
"""
from __future__ import annotations

import re

MIN_WORDS, MAX_WORDS = 6, 80

_FURNITURE = re.compile(
    r"^\W*(read (more|also)|related|see also|photo|image|video|watch|listen|source:|credit|"
    r"subscribe|sign up|follow us|share (this|on)|advertisement|©|copyright|all rights reserved|"
    r"click here|updated?\b|published\b|posted\b|by [A-Z][a-z]+ [A-Z][a-z]+$)",
    re.IGNORECASE,
)
_OPINION = re.compile(r"\b(I|we) (think|believe|feel|hope)\b|\bin (my|our) (view|opinion)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:[’'.-][^\W_]+)*")


def is_claimworthy(sentence: str) -> bool:
    words = _WORD.findall(sentence)
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return False
    stripped = sentence.rstrip("\"'”’) ")
    if stripped.endswith("?") or _FURNITURE.search(sentence) or _OPINION.search(sentence):
        return False
    capitalised = sum(1 for word in words if word[0].isupper())
    if capitalised > 0.6 * len(words):  # headline lists, bylines, menus
        return False
    return _names_something(sentence, words)


def _names_something(sentence: str, words: list[str]) -> bool:
    if any(character.isdigit() for character in sentence):
        return True
    return any(word[0].isupper() for word in words[1:])
