"""Language of a text, with py3langid (its model ships inside the wheel, nothing is downloaded).

A page that declares its language (<html lang>) is taken at its word when its opening reads as
that language by stop words; py3langid runs otherwise. py3langid was most of extraction's cost
over trafilatura (0.6-1.4 ms a page, growing with the sample); the stop-word check costs a
tenth of a 1,000-character classify and still catches a template's lang="en" on German prose.
"""
from __future__ import annotations

import re

import py3langid

from storylens.enrich.stop_words import PROSE_STOP_WORDS

# langid is unreliable on a couple of words: below this many letters we say "unknown"
# rather than guess, and a long article is judged on its opening, which is plenty.
MIN_LETTERS = 20
SAMPLE_CHARS = 1000

# The declared-language check reads this much of the opening, and needs at least this many
# words there. Prose has about a third of its tokens in its own PROSE_STOP_WORDS list; a page
# of another language shares a tenth or less with it (the lists' overlap, "in", "a", "la").
CHECK_CHARS = 600
CHECK_MIN_WORDS = 25
CHECK_MIN_SHARE = 0.18
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    code, _score = py3langid.classify(sample)
    return code


def language_of(text: str, *declared: str | None) -> str | None:
    """The first declared language the text confirms, else what py3langid reads. A feed's or
    JSON Lines record's language is a claim like <html lang>: a feed says "en" for every entry,
    its German ones too."""
    for claim in declared:
        code = normalise_language_tag(claim)
        if code and declared_language_holds(text, code):
            return code
    return detect_language(text)


def declared_language_holds(text: str, code: str) -> bool:
    """True when the opening's stop words are those of `code`, more than of any other listed
    language. Languages without a list are never confirmed here (py3langid decides)."""
    if code not in PROSE_STOP_WORDS:
        return False
    words = [word.casefold() for word in WORD.findall(text[:CHECK_CHARS])]
    if len(words) < CHECK_MIN_WORDS:
        return False
    shares = {lang: sum(word in stops for word in words) / len(words) for lang, stops in PROSE_STOP_WORDS.items()}
    return shares[code] >= CHECK_MIN_SHARE and shares[code] == max(shares.values())


def normalise_language_tag(tag: str | None) -> str | None:
    """'en-US', 'EN_gb', 'de' -> 'en', 'en', 'de'; junk -> None."""
    if not tag:
        return None
    primary = tag.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None
