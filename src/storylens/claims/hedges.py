"""Hedges: the words that make a claim less than certain ("reportedly", "may", "is believed to").

The word list is `hedges.txt` next to this module (Hyland 2005 via Recasens et al. 2013, plus
storylens's own news hedges; the file says which is which). Entries are base forms; matching
covers a first word's inflections and the forms of "be", on whole words, case-insensitive.
One regex over lower-cased text finds every entry, longest first; a few context rules then
drop what only looks like a hedge: "May" the month, "could not be reached", "about"/"nearly"
before a number (an approximation, which `numbers` records), "no doubt", "rather than".
"""
from __future__ import annotations

import functools
import itertools
import re
from importlib import resources

from storylens.claims.numbers import trie_pattern
from storylens.model import Span

_BE_FORMS = ("be", "is", "are", "was", "were", "been", "being")
# Adverbs that may stand between "be" and the rest: "is widely believed to".
_BE_ADVERBS = ("", "widely ", "also ", "now ", "still ", "generally ", "commonly ", "largely ")
_VOWELS = "aeiou"

_NEXT_WORD = re.compile(r"\s+([^\W\d_]+(?:'[^\W\d_]+)?)")
# A figure right after an approximator: "almost 70", "roughly $6bn", "an estimated two million".
_FIGURE_AFTER = re.compile(
    r"\s+(?:an?\s+)?(?:[$€£₽₴¥~]?\s?[0-9]|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|"
    r"dozens?|half|a\s+third|a\s+quarter)\b)"
)
_APPROXIMATORS = frozenset(("almost", "approximately", "roughly", "nearly", "estimated", "an estimated"))
_DETERMINERS = frozenset("the a an one two three another each every any no this that these those his her "
                         "their its our main key prime chief second first".split())
_OFFICE_WORDS = frozenset(("office", "power", "control", "command", "responsibility", "duties",
                           "leadership", "the role", "the presidency", "the leadership", "the post"))
_FEEL_FOLLOWERS = frozenset("that like as it they he she we i this there".split())


def hedge_cues(text: str) -> list[Span]:
    """Every hedge expression in `text`, in order, with character offsets into `text`."""
    lowered = _lowercase(text)
    cues = []
    for match in _hedge_pattern().finditer(lowered):
        if _is_hedge(text, lowered, match.start(), match.end()):
            cues.append(Span(match.start(), match.end(), text[match.start():match.end()]))
    return cues


def is_hedged(text: str) -> bool:
    """Whether `text` (a sentence, say) contains any hedge."""
    lowered = _lowercase(text)
    return any(_is_hedge(text, lowered, m.start(), m.end()) for m in _hedge_pattern().finditer(lowered))


def _lowercase(text: str) -> str:
    """`text` lower-cased with every character where it was, and curly apostrophes straight."""
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" lowers to two characters; keep offsets, lower ASCII only
        lowered = "".join(char.lower() if char.isascii() else char for char in text)
    return lowered.replace("’", "'")


@functools.lru_cache(maxsize=1)
def _hedge_pattern() -> re.Pattern:
    forms = {form for entry in hedge_entries() for form in _surface_forms(entry)}
    # Whole words, and a hyphen joins words: "claims-free" holds no "claims".
    return re.compile(r"(?<![\w-])(?<!\w')(?:" + trie_pattern(sorted(forms)) + r")(?![\w-])(?!'\w)")


def hedge_entries() -> list[str]:
    """The entries of `hedges.txt` as written (base forms, lower case)."""
    listing = resources.files("storylens.claims").joinpath("hedges.txt").read_text(encoding="utf-8")
    return [line.strip().lower() for line in listing.splitlines() if line.strip() and not line.startswith("#")]


def _surface_forms(entry: str) -> list[str]:
    """"suggest" → suggest, suggests, suggested, suggesting; "be said to" → is said to, was said to ..."""
    words = entry.split()
    choices = []
    for index, word in enumerate(words):
        if word == "be":
            choices.append(tuple(f"{form} {adverb}".strip() for form in _BE_FORMS for adverb in _BE_ADVERBS))
        elif index == 0 and word != "it":
            choices.append(tuple(_inflections(word)))
        else:
            choices.append((word,))
    return [" ".join(combination) for combination in itertools.product(*choices)]


def _inflections(word: str) -> set[str]:
    # Over-generation ("abouts", "mayed") is harmless: such words do not occur.
    forms = {word, word + "s", word + "ed", word + "ing"}
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    if word.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(word + "es")
    if word.endswith("y") and len(word) > 2 and word[-2] not in _VOWELS:
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    return forms


def _is_hedge(text: str, lowered: str, start: int, end: int) -> bool:
    """The context rules: what the word list alone would get wrong."""
    cue = " ".join(lowered[start:end].split())
    following = _NEXT_WORD.match(lowered, end)
    next_word = following.group(1) if following else ""
    previous = lowered[max(0, start - 24):start].split()
    previous_word = previous[-1].strip("\"'“(,") if previous and lowered[start - 1].isspace() else ""
    if cue == "may":
        # "May" capitalised is the month or a name, unless it opens a sentence before a word.
        return not text.startswith("May", start) or (_starts_sentence(text, start) and bool(next_word))
    if cue == "could" and next_word in ("not", "never") or cue == "couldn't":
        return False  # "could not be reached for comment": inability, not doubt
    if cue in _APPROXIMATORS and _FIGURE_AFTER.match(lowered, end):
        return False  # "almost 70 leaders": an approximate figure, not a doubted claim
    if cue.startswith("feel") or cue == "felt":
        return next_word in _FEEL_FOLLOWERS  # "felt the blast" is not "felt that it was"
    if cue in ("appear", "appears", "appeared", "appearing"):
        return next_word == "that" or previous_word in ("it", "as", "would")  # not "appeared in court"
    if cue in ("suspect", "suspects"):
        return previous_word not in _DETERMINERS  # "the suspect", a person
    if cue.startswith("assum"):
        two_words = " ".join(lowered[end:end + 32].split()[:2])
        return next_word not in _OFFICE_WORDS and two_words not in _OFFICE_WORDS  # "assumed office"
    if cue.startswith("doubt"):
        return previous_word not in ("no", "without", "beyond", "a")  # "no doubt" asserts
    if cue == "rather":
        return next_word != "than"
    return True


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?\"“:\n"
