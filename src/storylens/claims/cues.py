"""The words that mark an attribution: the learned cue lexicon and the hand-written phrases.

The lexicon (`cue_model.json`, made by train/attribution_model.py from PolNeAR train) gives,
for each word form, how often it is an attribution cue and the weights of a small logistic
model that decides, from the parse around a word, whether this occurrence is one. The
hand-written lists below cover what a news corpus from 2016 says too rarely to learn:
anonymous sources, outlets told things, "reportedly". Verbs outside the lexicon that head cues
in PolNeAR train, or that a published list calls report verbs, are candidates too (cue_verbs.py).
"""
from __future__ import annotations

import functools
import json
import math
import re
from pathlib import Path

from storylens.claims.cue_verbs import cue_verb_forms, lexicon_verb_forms, trigger_verb_forms

MODEL_FILE = Path(__file__).with_name("cue_model.json")

# Verbs that introduce a direct quote; a quote without an attribution takes its speaker from
# the nearest of these.
SPEECH_VERBS = frozenset(
    """say says said saying tell tells told telling add adds added adding ask asks asked asking
    write writes wrote writing tweet tweets tweeted tweeting declare declares declared insist insists
    insisted warn warns warned explain explains explained reply replies replied respond responds responded
    continue continues continued note notes noted argue argues argued claim claims claimed state states
    stated recall recalls recalled quip quipped joke joked shout shouted exclaim exclaimed announce
    announced admit admitted deny denies denied confirm confirms confirmed remark remarks remarked""".split()
)

# Adverbs and passive frames that attribute without naming anyone. Not "apparently": it is the
# writer’s own inference (a hedge, see hedges.txt), and PolNeAR train almost never marks it a cue.
NO_SOURCE_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "supposedly"})
NO_SOURCE_PASSIVES = frozenset({"said", "believed", "thought", "reported", "rumored", "rumoured", "alleged", "understood",
                                "expected"})

# What a sentence opening "In the latest poll, …" attributes its clause to (attribution_sources.poll_frame).
POLL_WORDS = frozenset({"poll", "polls", "survey", "surveys"})

# A told/informed recipient with one of these words is a news outlet: it reports what it was told.
OUTLET_WORDS = frozenset(
    """post times journal news cnn bbc reuters ap afp nbc abc cbs fox msnbc npr politico axios guardian
    telegraph tribune herald magazine radio tv television agency gazette daily press wire bloomberg
    interfax tass ria pravda independent economist atlantic hill examiner sun mirror observer chronicle
    globe star network channel broadcaster newspaper outlet tagesschau spiegel zeit monde figaro""".split()
)

# Heads of a source phrase that names nobody; "sources said" is anonymous, "Peskov said" is not.
ANONYMOUS_HEADS = frozenset(
    """source sources person people official officials aide aides insider insiders diplomat diplomats
    individual individuals someone one adviser advisers advisor advisors staffer staffers""".split()
)
NAMELESS_MARKS = re.compile(
    r"\b(familiar with|anonymity|anonymous|not authori[sz]ed|declined to be (named|identified)|"
    r"speaking on (the )?condition|who (asked|requested) not to be|involved in|close to|briefed on|"
    r"knowledge of|several|some|two|three|four|a number of|a senior|a person|a source|one person|an official|"
    r"a former|an aide|a spokes)\b",
    re.I,
)


@functools.cache
def cue_model() -> dict:
    """{"forms": {form: p}, "stems": {stem: p}, "weights": {feature: w}, "bias": b, "threshold": t}."""
    try:
        return json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    except FileNotFoundError:  # before train/attribution_model.py has run: a hand-written fallback
        forms = {w: 0.8 for w in SPEECH_VERBS} | {"according": 0.95}
        return {"forms": forms, "stems": {stem(w): p for w, p in forms.items()}, "weights": {}, "bias": 0.0,
                "threshold": 0.5}


IRREGULAR = {
    "said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write", "thought": "think",
    "knew": "know", "known": "know", "saw": "see", "seen": "see", "spoke": "speak", "spoken": "speak",
    "felt": "feel", "taught": "teach", "heard": "hear", "sought": "seek", "read": "read", "meant": "mean",
    "began": "begin", "begun": "begin", "made": "make", "gave": "give", "given": "give", "took": "take",
    "taken": "take", "found": "find", "held": "hold", "led": "lead", "kept": "keep", "got": "get",
    "gotten": "get", "chose": "choose", "chosen": "choose", "swore": "swear", "sworn": "swear",
    "forgot": "forget", "forgotten": "forget", "understood": "understand", "went": "go", "gone": "go",
    "came": "come", "became": "become", "has": "have", "had": "have", "is": "be", "was": "be", "were": "be",
    "been": "be", "are": "be", "am": "be",
}


@functools.cache
def stem(word: str) -> str:
    """A crude lemma ("warned", "warns", "warning" → "warn"); spaCy's lemmatizer costs a third of the parse."""
    word = word.lower()
    if word in IRREGULAR:
        return IRREGULAR[word]
    for suffix, keep in (("ies", "y"), ("ied", "y"), ("ying", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: len(word) - len(suffix)] + keep
            if suffix in ("ing", "ed") and len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # "planned" → "plan", but "called" stays "call"
            if suffix == "es" and not base.endswith(("sh", "ch", "ss", "x", "z")):
                base = word[:-1]  # "notes" → "note", "pushes" → "push"
            return base
    return word


@functools.cache
def trigger_words(min_prior: float = 0.1) -> frozenset[str]:
    """Lower-cased words that make a sentence worth parsing.

    Words seen as a cue less than one time in ten (min_prior) do not: on PolNeAR dev that
    skips a sixth of the text for 0.2 points of attribution F1."""
    learned = {form for form, p in cue_model()["forms"].items() if p >= min_prior and form.isalpha()}
    return frozenset(learned | trigger_verb_forms() | SPEECH_VERBS | NO_SOURCE_ADVERBS | POLL_WORDS
                     | {"according", "citing", "cited"})


# Words, and quotation marks: direct speech whatever its verb. A set lookup per word is
# several times faster than one regex alternation over a thousand cue words.
WORD_OR_QUOTE = re.compile(r"[A-Za-z]+|[\"“”«»]")


def trigger_offsets(text: str) -> list[int]:
    """Where, in text order, a trigger word or a quotation mark starts."""
    words = trigger_words()
    return [m.start() for m in WORD_OR_QUOTE.finditer(text) if not m.group()[0].isalpha() or m.group().lower() in words]


# --- is this word, here, a cue? ---------------------------------------------------------------

CHILD_DEPS = ("nsubj", "nsubjpass", "ccomp", "xcomp", "dobj", "dative", "agent", "prep", "advmod", "neg", "mark",
              "attr", "acomp", "parataxis", "advcl", "conj", "aux", "auxpass")
QUOTE_CHARS = "\"“”"
QUOTE_MARK_CHARS = frozenset({'"', "“", "”", "«", "»"})


def is_candidate(token, model: dict | None = None, min_prior: float = 0.02) -> bool:
    """Worth asking the model about: a known cue word, or any verb that takes a clause."""
    if token.dep_ in ("aux", "auxpass") or not token.text[:1].isalpha():
        return False
    model = model or cue_model()
    lower = token.lower_
    if model["forms"].get(lower, 0.0) >= min_prior or lower in SPEECH_VERBS or lower in NO_SOURCE_ADVERBS:
        return True
    return token.tag_.startswith("VB") and (lower in cue_verb_forms() or any(c.dep_ == "ccomp" for c in token.children))


def cue_features(token, model: dict | None = None, priors: tuple[float | None, float] | None = None) -> dict[str, float]:
    """What the cue model looks at: the word, how often it is a cue, and the parse around it.

    `priors` (form, stem) overrides the lexicon's. Training passes instead, as `model`, a lexicon
    counted on the other folds' articles, so the model does not learn to trust priors computed
    on the very word it is looking at."""
    model = model or cue_model()
    lower, word_stem = token.lower_, stem(token.lower_)
    form_prior, stem_prior = priors or (model["forms"].get(lower), model["stems"].get(word_stem, 0.0))
    features = {
        "bias": 1.0, f"w={lower}": 1.0, f"s={word_stem}": 1.0, f"tag={token.tag_}": 1.0, f"dep={token.dep_}": 1.0,
        f"hdep={token.head.dep_}": 1.0, f"htag={token.head.tag_[:2]}": 1.0,
        "form_prior": form_prior or 0.0, "stem_prior": stem_prior, "unseen_form": float(form_prior is None),
        f"s={word_stem}|dep={token.dep_}": 1.0,
    }
    features[f"s={word_stem}|tag={token.tag_[:2]}"] = 1.0
    if lower in lexicon_verb_forms():
        features["report_verb"] = 1.0
    for child in token.children:
        if child.dep_ in CHILD_DEPS:
            features[f"c={child.dep_}"] = 1.0
            features[f"s={word_stem}|c={child.dep_}"] = 1.0
        if child.dep_ in ("dobj", "prep", "acomp", "attr"):
            features[f"{child.dep_}={stem(child.lower_)}"] = 1.0  # "made a statement", "warned of", "is clear"
        elif child.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
            features["ccomp_that"] = 1.0
        if child.dep_ in ("nsubj", "nsubjpass"):
            features[f"subj={child.lower_ if child.tag_ == 'PRP' else child.tag_[:2]}"] = 1.0
            features[f"subj_tag={child.tag_}"] = 1.0
            features[f"s={word_stem}|subj_tag={child.tag_[:2]}"] = 1.0
            features["subj_anon"] = float(child.lower_ in ANONYMOUS_HEADS)
    doc = token.doc
    prev_text = doc[token.i - 1].text if token.i > 0 else "<s>"
    next_text = doc[token.i + 1].text if token.i + 1 < len(doc) else "</s>"
    features[f"prev={prev_text if not prev_text[:1].isalpha() else 'w'}"] = 1.0
    features[f"prevw={prev_text.lower()}"] = 1.0
    features[f"nextw={next_text.lower()}"] = 1.0
    features[f"next={next_text.lower() if next_text.lower() in ('that', ':', ',', '.', 'to', 'by') else 'o'}"] = 1.0
    features["quote_in_sentence"] = float(_has_quote(doc))
    features[f"to_end={min(len(doc) - token.i, 6)}"] = 1.0
    features[f"from_start={min(token.i, 6)}"] = 1.0
    if token.head is not token and token.head.tag_[:2] in ("VB", "NN"):
        features[f"hs={stem(token.head.lower_)}"] = 1.0
    if is_quoted(token):
        features["quoted"] = 1.0
    if prev_text in QUOTE_CHARS or (token.i > 1 and doc[token.i - 2].text in QUOTE_CHARS):
        features["after_quote"] = 1.0
    governing = _governing_cue(token, model)
    if governing:
        features[f"under_cue={governing}"] = 1.0  # PolNeAR never nests: a cue inside a content is not one
    return features


def is_quoted(token) -> bool:
    """Inside quotation marks within its sentence."""
    doc = token.doc
    if "quoted" not in doc.user_data:
        inside, flags = False, []
        for t in doc:
            if t.text in QUOTE_MARK_CHARS:
                inside = t.text not in "”»" and (t.text in "“«" or not inside)
                flags.append(False)
            else:
                flags.append(inside)
        doc.user_data["quoted"] = flags
    return doc.user_data["quoted"][token.i]


def _governing_cue(token, model: dict) -> str:
    """The clause relation by which a likely cue word above this one governs it ('ccomp'), or ''."""
    node = token
    for _ in range(6):
        head = node.head
        if head is node:
            return ""
        likely_cue = model["forms"].get(head.lower_, 0.0) >= 0.3
        if likely_cue and node.dep_ in ("ccomp", "xcomp", "parataxis", "advcl", "conj"):
            return node.dep_
        node = head
    return ""


# --- the content clause of a report verb -------------------------------------------------------

OWN_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "dobj", "csubj"})


def reporting_verb_over(token):
    """The report verb whose content clause this verb heads ('X signed Y, Norland Daily
    reported' → 'reported'), or None.

    A verb read from cue_verbs.txt ('signed', 'reviewed') is a cue when it takes a clause, but in
    '…, Norland Daily reported' its clause is what the outlet reported: attrib4 made 'signed' a
    cue in 18 of the 125 generated lead sentences of that shape and lost the outlet's link in 2."""
    head = token.head
    if token.dep_ in ("ccomp", "parataxis") and head is not token and head.i > token.i and is_report_verb(head) \
            and any(c.dep_ == "nsubj" for c in head.children):
        return head  # parsed right: 'reported' is the root and 'signed' its ccomp
    return next((child for child in token.children if reports_head_clause(child)), None)


def reports_head_clause(token) -> bool:
    """'…, Norland Daily reported': a report verb after a comma and a name, with no clause of its own,
    that the parser hung on the verb before it (conj or advcl in 32 of the 125 generated lead sentences)."""
    if token.dep_ not in ("conj", "advcl", "parataxis") or token.head.i > token.i or not is_report_verb(token):
        return False
    if any(c.dep_ in OWN_CLAUSE_DEPS for c in token.children):
        return False
    doc, index = token.doc, token.i - 1
    while index > token.head.i and (doc[index].tag_.startswith("NNP") or doc[index].lower_ == "the"):
        index -= 1
    return index < token.i - 1 and doc[index].text == "," and doc[index + 1:token.i][-1].tag_.startswith("NNP")


def is_report_verb(token) -> bool:
    """A verb that says who told: a speech verb, or a form that is a cue more often than not."""
    lower = token.lower_
    return token.tag_.startswith("VB") and (lower in SPEECH_VERBS or cue_model()["forms"].get(lower, 0.0) >= 0.5)


def is_report_verb_form(token) -> bool:
    """A speech verb or a report verb of the published lexicon: 'denied', 'warned' under ', X reported'
    are attributions of their own, nested in the outlet's."""
    return token.lower_ in SPEECH_VERBS or token.lower_ in lexicon_verb_forms()


def _has_quote(doc) -> bool:
    """Cached on the Doc: `doc.text` rebuilds the string at every call."""
    if "has_quote" not in doc.user_data:
        doc.user_data["has_quote"] = any(token.text in QUOTE_CHARS for token in doc)
    return doc.user_data["has_quote"]


def cue_probability(features: dict[str, float]) -> float:
    model = cue_model()
    if not model["weights"]:  # the fallback lexicon: its prior is all we know
        return features.get("form_prior", 0.0) or features.get("stem_prior", 0.0)
    weights = model["weights"]
    score = model["bias"] + sum(weights.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))
