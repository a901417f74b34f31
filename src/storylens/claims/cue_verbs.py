"""The verbs worth asking the cue model about beyond its lexicon: cue_verbs.txt, read once.

The lexicon of cue_model.json keeps word forms seen as a cue at least twice at a rate of one
in fifty; a verb met in few forms ("chastised", "grilled", "linked") never gets there, and
PolNeAR train loses 1,209 of its 19,831 gold cues to words that were never candidates
(bench/attribution_misses.py). The file holds lemmas (the verbs heading PolNeAR train cues
above a count floor, written by train/cue_verbs.py when train/attribution_model.py runs, and
the report verbs of Recasens et al. 2013); they are matched here through their regular
inflections, since the pipeline runs without spaCy's lemmatizer (a third of the parse).
"""
from __future__ import annotations

import functools
from pathlib import Path

VERBS_FILE = Path(__file__).with_name("cue_verbs.txt")
VOWELS = frozenset("aeiou")
# Irregular past forms of the verbs in the file's neighbourhood; the regular ones are generated.
IRREGULAR_PAST = {
    "say": ("said",), "tell": ("told",), "write": ("wrote", "written"), "think": ("thought",), "know": ("knew", "known"),
    "speak": ("spoke", "spoken"), "feel": ("felt",), "hear": ("heard",), "teach": ("taught",), "seek": ("sought",),
    "swear": ("swore", "sworn"), "hold": ("held",), "take": ("took", "taken"), "give": ("gave", "given"),
    "make": ("made",), "find": ("found",), "see": ("saw", "seen"), "forbid": ("forbade", "forbidden"),
    "foresee": ("foresaw", "foreseen"), "bet": ("bet",), "lead": ("led",), "send": ("sent",), "spend": ("spent",),
    "mean": ("meant",), "strike": ("struck",), "fight": ("fought",), "throw": ("threw", "thrown"),
    "draw": ("drew", "drawn"), "show": ("shown",), "understand": ("understood",), "stand": ("stood",),
}


def inflections(lemma: str) -> set[str]:
    """'chastise' → chastise, chastises, chastised, chastising; 'grill' → … grilled, grilling."""
    forms = {lemma, lemma + "s", lemma + "ed", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in VOWELS:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(lemma + "es")
    if len(lemma) >= 3 and lemma[-1] not in VOWELS | {"w", "x", "y"} and lemma[-2] in VOWELS and lemma[-3] not in VOWELS:
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # "grab" → "grabbed"; over-generation is harmless
    return forms | set(IRREGULAR_PAST.get(lemma, ()))


@functools.cache
def verb_rows() -> tuple[tuple[str, str, bool], ...]:
    """(lemma, source, trigger) per line of cue_verbs.txt; none when the file is missing."""
    try:
        lines = VERBS_FILE.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return ()
    rows = []
    for line in lines:
        fields = line.split("\t")
        if line.startswith("#") or len(fields) < 3:
            continue
        rows.append((fields[0], fields[1], fields[2] == "trigger"))
    return tuple(rows)


@functools.cache
def cue_verb_forms() -> frozenset[str]:
    """Lower-cased inflected forms of every verb in the file: candidates when tagged as verbs."""
    return frozenset(form for lemma, _, _ in verb_rows() for form in inflections(lemma))


@functools.cache
def trigger_verb_forms() -> frozenset[str]:
    """The forms of the verbs marked `trigger`: a sentence holding one is worth parsing."""
    return frozenset(form for lemma, _, trigger in verb_rows() if trigger for form in inflections(lemma))


@functools.cache
def lexicon_verb_forms() -> frozenset[str]:
    """The forms of the report verbs of the published lexicon (a model feature: no train label leaks into it)."""
    return frozenset(form for lemma, source, _ in verb_rows() if "recasens2013" in source for form in inflections(lemma))
