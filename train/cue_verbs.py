"""Write src/storylens/claims/cue_verbs.txt: the verbs that head PolNeAR train cues, and the lexicon's report verbs.

Called by train/attribution_model.py before it picks the candidate words, so the model learns on
the words it will be asked about. A PolNeAR lemma is kept when it heads a gold cue (as its key
word, tagged as a verb) at least MIN_CUES times and at a rate of at least MIN_RATE of its verb
occurrences ("have" and "be" head cues 72 and 48 times among tens of thousands of uses). A verb
is marked `trigger` (its sentence is parsed) when that rate is at least TRIGGER_RATE, the floor
cues.trigger_words uses for learned forms, or when it is a report verb train says nothing against
(seen fewer than MIN_EVIDENCE times as a verb).
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from storylens.claims import cue_verbs, cues

MIN_CUES = 2
# At 0.02 the list held verbs like "review" (2 cues in 31): chosen by their own train labels, they
# taught the model that an unseen form is a cue, and on generated news "The fire service reviewed
# the rent cap" became 560 false attributions (bench/analyze.py: independent origins 107 -> 105).
MIN_RATE = 0.1
TRIGGER_RATE = 0.1
MIN_EVIDENCE = 20
HEADER = """# Verbs worth asking the attribution cue model about (claims/cue_verbs.py), one lemma a line:
# lemma <TAB> sources <TAB> trigger|candidate <TAB> cues <TAB> verb occurrences (PolNeAR train).
# Sources: "polnear" = a verb heading gold cues of PolNeAR v1.0.0 train (networkdynamics/PolNeAR,
# c3eee83; Newell, Margolin and Ruths 2018), at least {min_cues} times and at a rate of {min_rate} or more,
# counted by train/cue_verbs.py (counts only, no text); "recasens2013" = the report verbs of Marta
# Recasens, Cristian Danescu-Niculescu-Mizil and Dan Jurafsky, "Linguistic Models for Analyzing and
# Detecting Biased Language", ACL 2013 (one-word entries of their released list).
"""


def verb_counts(sentences, labels) -> tuple[Counter, Counter]:
    """(cues, occurrences) per verb lemma, by spaCy's lemmatizer (run here only, not at run time)."""
    from storylens.enrich.nlp import english

    nlp = english(entities=False)
    import spacy

    full = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])
    ruler, lemmatizer = full.get_pipe("attribute_ruler"), full.get_pipe("lemmatizer")
    heads, seen = Counter(), Counter()
    for number, (_, _, doc) in enumerate(sentences):
        doc = lemmatizer(ruler(doc))
        for token in doc:
            if token.tag_.startswith("VB") and token.text.isalpha():
                lemma = token.lemma_.lower()
                seen[lemma] += 1
                heads[lemma] += labels.get((number, token.i)) == 1
    return heads, seen


def lexicon_verbs(lexicons: Path) -> set[str]:
    path = lexicons / "report_verbs.txt"
    if not path.exists():
        print(f"{path} not found: the report verbs are left out")
        return set()
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#") and " " not in line.strip()}


def write_cue_verbs(sentences, labels, lexicons: Path) -> int:
    heads, seen = verb_counts(sentences, labels)
    kept = {lemma for lemma in heads if heads[lemma] >= MIN_CUES and heads[lemma] / seen[lemma] >= MIN_RATE}
    reported = lexicon_verbs(lexicons)
    lines = [HEADER.format(min_cues=MIN_CUES, min_rate=MIN_RATE)]
    for lemma in sorted(kept | reported):
        sources = ",".join(name for name, member in (("polnear", lemma in kept), ("recasens2013", lemma in reported)) if member)
        rate = heads[lemma] / seen[lemma] if seen[lemma] else 0.0
        trigger = rate >= TRIGGER_RATE or (lemma in reported and seen[lemma] < MIN_EVIDENCE)
        lines.append(f"{lemma}\t{sources}\t{'trigger' if trigger else 'candidate'}\t{heads[lemma]}\t{seen[lemma]}\n")
    cue_verbs.VERBS_FILE.write_text("".join(lines), encoding="utf-8")
    for cached in (cue_verbs.verb_rows, cue_verbs.cue_verb_forms, cue_verbs.trigger_verb_forms,
                   cue_verbs.lexicon_verb_forms, cues.trigger_words):
        cached.cache_clear()
    print(f"wrote {cue_verbs.VERBS_FILE} ({len(kept)} PolNeAR verbs, {len(reported)} report verbs)")
    return len(lines) - 1
