"""Direct quotes and who spoke them.

A quotation is found from its marks alone (straight or curly, within one paragraph, an
unclosed one running to the paragraph's end as news style continues it in the next). Its
speaker comes from the attribution whose content holds it; a quote with none ("Get the Poles
to do it." after '"We are not sending troops," he said.') continues the speaker of the
quote just before it, else takes the subject of the nearest speech verb.
"""
from __future__ import annotations

import re

from storylens.claims.cues import SPEECH_VERBS
from storylens.model import Attribution, Quote

OPENING, CLOSING, STRAIGHT = "“«„", "”»", "\""
MAX_QUOTE_CHARS = 3000  # a longer "quotation" is a stray mark, not speech
CONTINUATION_GAP = 200  # characters between two quotes of one speaker split by "he said"
NEAR_VERB_CHARS = 120
NAME = r"(?:[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|al|bin))*|he|she|they|we|I)"
_speech = "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
SPEAKER_BEFORE_VERB = re.compile(rf"\b({NAME})\s+(?:has\s+|had\s+|also\s+|later\s+)?(?:{_speech})\b")
VERB_BEFORE_SPEAKER = re.compile(rf"\b(?:{_speech})\s+({NAME})\b")
PRONOUNS = frozenset({"he", "she", "they", "we", "i"})


def quote_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quotation, marks included, in text order."""
    regions = []
    for paragraph in re.finditer(r"[^\n]+", text):
        regions.extend(_regions_in(paragraph.group(), paragraph.start()))
    return regions


def _regions_in(paragraph: str, offset: int) -> list[tuple[int, int]]:
    regions, opened = [], None
    for mark in re.finditer(r"[\"“”«»„]", paragraph):
        char, at = mark.group(), mark.start()
        closes = char in CLOSING or (char in STRAIGHT and opened is not None)
        if closes and opened is not None:
            if at + 1 - opened <= MAX_QUOTE_CHARS:
                regions.append((offset + opened, offset + at + 1))
            opened = None
        elif not closes:
            opened = at  # an opening mark inside an open quote restarts it: the earlier one was stray
    if opened is not None and len(paragraph) - opened <= MAX_QUOTE_CHARS and len(paragraph) - opened > 1:
        regions.append((offset + opened, offset + len(paragraph)))
    return regions


def find_quotes(text: str, attributions: list[Attribution]) -> list[Quote]:
    """The direct quotes of one article (two words or more), each with its speaker if the text says."""
    quotes: list[Quote] = []
    previous_end, previous_speaker = -10**9, None
    for start, end in quote_regions(text):
        inner_start, inner_end = start + 1, end - (text[end - 1] in CLOSING + STRAIGHT)
        words = text[inner_start:inner_end].split()
        if len(words) < 2:
            continue  # a scare-quoted word ("pure" “fiction”) is not speech
        speaker = _attributed_speaker(start, end, attributions)
        if speaker is None and start - previous_end <= CONTINUATION_GAP and previous_speaker:
            speaker = previous_speaker
        if speaker is None:
            speaker = _nearest_speaker(text, start, end)
        quotes.append(Quote(inner_start, inner_end, text[inner_start:inner_end], speaker))
        previous_end, previous_speaker = end, speaker
    return quotes


def _attributed_speaker(start: int, end: int, attributions: list[Attribution]) -> str | None:
    """The speaker of the tightest attribution whose content holds most of the quote."""
    best, best_size = None, None
    for attribution in attributions:
        content = attribution.content
        overlap = min(end, content.end) - max(start, content.start)
        if overlap < 0.5 * (end - start) or attribution.source is None:
            continue
        size = content.end - content.start
        if best_size is None or size < best_size:
            best, best_size = attribution, size
    if best is None:
        return None
    return best.speaker or best.source.text


def _nearest_speaker(text: str, start: int, end: int) -> str | None:
    """'…," said Mara Ellison' or 'Ellison said: "…"': a name next to a speech verb beside the quote."""
    paragraph_start = text.rfind("\n", 0, start) + 1
    paragraph_end = text.find("\n", end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    after = text[end: min(paragraph_end, end + NEAR_VERB_CHARS)]
    before = text[max(paragraph_start, start - NEAR_VERB_CHARS): start]
    for found in (VERB_BEFORE_SPEAKER.match(after.lstrip(" ,")), SPEAKER_BEFORE_VERB.match(after.lstrip(" ,"))):
        if found:
            return found.group(1)
    matches = list(SPEAKER_BEFORE_VERB.finditer(before))
    return matches[-1].group(1) if matches else None
