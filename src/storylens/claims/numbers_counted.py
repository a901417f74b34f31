"""What a figure counts: the noun phrase after it ("34 Ukrainian attack drones" -> "drone").

Moved as it was from numbers.py, with the spaces its patterns and numbers.py's read (`SPACE`).
"""
from __future__ import annotations

import re

from storylens.model import Quantity

SPACE = r"[ \t\u00a0\u2009\u202f]"
_WORD_AFTER = re.compile(rf"{SPACE}+([^\W\d_][^\W\d_'’-]*(?:-[^\W\d_]+)*)['’]?(?![\w-])")
_PARTITIVE = re.compile(rf"{SPACE}+of{SPACE}+(?:the|its|their|these|those|our|his|her)(?={SPACE})", re.I)
# Words after a number that end the noun phrase before any counted noun was found.
STOP_WORDS = frozenset(
    "a an the of in on at to from by for with and or but as than that which who whom whose were was "
    "are is be been being have has had will would could can may might must should said says say this "
    "these those per each into over under after before during since until about around across times "
    "so not no it its their his her they he she we you there here when where while if then also only "
    "just all both ago earlier later last next percent like among against".split())
# Words that end the search for a counted noun too: "the only one between the leaders" counts
# nothing, and neither does "one told reporters".
_NOT_COUNTED = frozenset(
    "between within without through throughout behind beyond toward towards upon despite except near inside "
    "outside along amid amongst versus vs via because though although whether unless whereas until till "
    "told asked went came got made took saw gave knew thought felt left put ran won lost met sent spent held "
    "kept brought bought paid found became began wrote spoke stood".split())
# Modifiers skipped between a number and the counted noun ("34 Ukrainian attack drones").
_SKIPPED_MODIFIERS = frozenset(
    "more other additional extra new small large big senior junior top former key major minor attack "
    "combat assault cruise strike suicide kamikaze enemy young old unmanned armed different separate "
    "further total foreign local main single".split())
_ADJECTIVE_ENDINGS = ("ian", "ese", "ish", "al", "ic", "ive", "ous", "ful", "less", "ed", "ing",
                      "able", "ible", "ary", "ent", "ant", "ern", "ly")
_IRREGULAR_PLURALS = {
    "people": "person", "men": "man", "women": "woman", "children": "child", "police": "police",
    "personnel": "personnel", "staff": "staff", "aircraft": "aircraft", "troops": "troop",
    "lives": "life", "wives": "wife", "knives": "knife", "thieves": "thief", "sheep": "sheep",
    "cattle": "cattle", "teeth": "tooth", "mice": "mouse", "geese": "goose", "feet": "foot",
    "civilians": "civilian", "crises": "crisis", "analyses": "analysis",
}
_NOT_PLURAL = frozenset("news series always perhaps towards afterwards besides whereas thus yes chaos "
                        "lens politics was has is this its us".split())


def read_counted(text: str, quantity: Quantity) -> None:
    """The counted noun: the first plural within four words, adjectives skipped."""
    kept: list[str] = []
    partitive = _PARTITIVE.match(text, quantity.end)  # "62 of the drones" counts drones
    if partitive and quantity.value == 1:
        return  # "one of the largest": a figure of speech
    position = partitive.end() if partitive else quantity.end
    for _ in range(4):
        match = _WORD_AFTER.match(text, position)
        if not match:
            return
        word = match.group(1)
        lower = word.lower()
        if lower in STOP_WORDS or lower in _NOT_COUNTED:
            break
        if _is_plural(lower) or (quantity.value == 1 and not _is_skipped(word)):
            quantity.counted = " ".join([*kept, singular(lower)])
            quantity.end = match.end(1)
            return
        if not _is_skipped(word):
            kept.append(lower)
        position = match.end()


def _is_skipped(word: str) -> bool:
    lower = word.lower()
    return (word[0].isupper() or "-" in word or lower in _SKIPPED_MODIFIERS
            or lower.endswith(_ADJECTIVE_ENDINGS))


def _is_plural(lower: str) -> bool:
    if lower in _IRREGULAR_PLURALS:
        return True
    return len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is")) \
        and lower not in _NOT_PLURAL


def singular(word: str) -> str:
    """A plural noun's singular by spelling rules, good enough to match counted things."""
    lower = word.lower().strip("'’")
    if lower in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[lower]
    if lower.endswith("ies") and len(lower) > 4:
        return lower[:-3] + "y"
    if lower.endswith(("sses", "shes", "ches", "xes", "zes")):
        return lower[:-2]
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return lower[:-1]
    return lower
