"""Language of a text, with py3langid (its model ships inside the wheel, nothing is downloaded)."""
from __future__ import annotations

import py3langid

# langid is unreliable on a couple of words: below this many letters we say "unknown"
# rather than guess, and a long article is judged on its opening, which is plenty.
MIN_LETTERS = 20
SAMPLE_CHARS = 1000


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    code, _score = py3langid.classify(sample)
    return code


def normalise_language_tag(tag: str | None) -> str | None:
    """'en-US', 'EN_gb', 'de' -> 'en', 'en', 'de'; junk -> None."""
    if not tag:
        return None
    primary = tag.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None
