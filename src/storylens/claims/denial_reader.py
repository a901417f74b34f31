"""The denial reader: which denial-like sentences deny, which refuse to say, and who denies what.

Candidates are the sentences holding a trigger (`denial_triggers.TRIGGERS`: "denied", "pushed back
on", "contradicts", "wrong", "a lie" ...), or without a denial word, a rejecting word ("ludicrous")
or a negation inside what a named source says ("X said no money was paid"); all candidates of a
batch of texts are parsed in one `nlp.pipe`. Sentences
without a denial word are read by a model of their own (`DenialModel.no_word`); whether such a
denial answers anything the coverage tells is the judge's to say (`judge.mentions.negates_told`). Each trigger gets features from the tree around
it, a sentence's features are the maximum over its triggers, and a small multinomial logistic
model (`denial_model.json`, made by train/denial_model.py from the FNC-1 and PolNeAR denial
labels) reads the sentence as `denial`, `refusal` or `not_denial`. Who denies and what is
denied then come from the tree around the trigger the model finds most telling.
"""
from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from storylens.claims.denial_features import DISPELLING, KNOWN_FEATURES, VOTE_WORDS, negated_word, trigger_features
from storylens.claims.denial_roles import denied_span, denier
from storylens.claims.denial_triggers import (
    NEGATED, NO_WORD_FAMILIES, REFUSAL_FAMILIES, has_denial_word, is_candidate, triggers_in,
)
from storylens.enrich.nlp import english
from storylens.model import Attribution, Denial, DenialKind, Span

MODEL_FILE = Path(__file__).with_name("denial_model.json")
CLASSES = ("not_denial", DenialKind.DENIAL, DenialKind.REFUSAL)
BATCH_SIZE = 256  # as the attribution parser: on news sentences 256 a batch parse faster than 64
MAX_SENTENCE_CHARS = 1000  # longer "sentences" (lists, hostile input) are not parsed: no denial reads that long
QUOTE_MARKS = "\"“”«»"
# Off: denials without a denial word reach the dossier only when this is on. On, they raised
# bench/rumours.py's dev false-dispute rate from 0.242 to 0.403 (25/62) and its recall fell to
# 0.909, for AllSides val triplets' denial F1 .466 -> .463 (P .82 -> .69, R .325 -> .349): the
# no-word model (CV P .61 R .33 on its 260 labels; .72 / .40 once "wrong", "a lie" went to the main
# model) reads too many plain negations as denials.
READ_WITHOUT_DENIAL_WORD = False


class DenialModel(NamedTuple):
    features: dict[str, int]  # name -> column
    weights: list[list[float]]  # one row per class, one column per feature
    bias: list[float]
    threshold: float  # least probability of `denial` for a denial (tuned for precision)
    # The model of sentences without a denial word (rejecting words, negations), trained apart
    # so that those with one read as before; None: such sentences are not read.
    no_word: DenialModel | None = None


class Trigger(NamedTuple):
    family: str
    token: object  # a spaCy Token of the candidate's parse
    features: dict[str, float]
    parsed: Span  # the stretch of the sentence that was parsed (the sentence less any dateline)


def load_model(path: Path = MODEL_FILE) -> DenialModel:
    """The weights file, refused (ValueError) when its classes or feature names are not this reader's."""
    data = json.loads(path.read_text(encoding="utf-8"))
    model = model_of(data, path.name)
    return model._replace(no_word=model_of(data["no_word"], path.name)) if data.get("no_word") else model


def model_of(data: dict, name: str) -> DenialModel:
    path = Path(name)
    if list(data.get("classes", [])) != list(CLASSES):
        raise ValueError(f"{path.name}: classes {data.get('classes')} are not {list(CLASSES)}")
    unknown = [name for name in data["features"] if name not in KNOWN_FEATURES]
    if unknown:
        raise ValueError(f"{path.name}: {len(unknown)} feature names this reader does not make, e.g. {unknown[0]!r}")
    weights = data["weights"]
    if len(weights) != len(CLASSES) or any(len(row) != len(data["features"]) for row in weights):
        raise ValueError(f"{path.name}: weights do not match {len(CLASSES)} classes x {len(data['features'])} features")
    return DenialModel({name: i for i, name in enumerate(data["features"])}, weights, data["bias"],
                       float(data["threshold"]))


@functools.cache
def shipped_model() -> DenialModel:
    return load_model(MODEL_FILE)


def probabilities(model: DenialModel, features: dict[str, float]) -> list[float]:
    """P(not_denial), P(denial), P(refusal) for one set of features."""
    columns = [(model.features[name], value) for name, value in features.items() if name in model.features]
    scores = [bias + sum(row[column] * value for column, value in columns)
              for row, bias in zip(model.weights, model.bias)]
    top = max(scores)
    exps = [math.exp(score - top) for score in scores]
    return [e / sum(exps) for e in exps]


def model_for(model: DenialModel, triggers: list[Trigger]) -> DenialModel | None:
    """The model that reads a candidate: the no-word model when its triggers are rejecting words
    or negations only (`triggers_in` gives no mix), else the main one."""
    if triggers and all(t.family in NO_WORD_FAMILIES for t in triggers):
        return model.no_word
    return model


def decide(model: DenialModel, p: Sequence[float]) -> str:
    if p[1] >= model.threshold and p[1] >= p[2]:
        return DenialKind.DENIAL
    return DenialKind.REFUSAL if p[2] > p[0] and p[2] > p[1] else CLASSES[0]


# --- reading ---------------------------------------------------------------------------------


def read_denials(texts: Sequence[str], sentences: Sequence[list[Span]], attributions: Sequence[list[Attribution]],
                 model: DenialModel | None = None, without_word: bool | None = None) -> list[list[Denial]]:
    """The denials and refusals of each text, in text order (see `claims.denials.denials_of_texts`);
    sentences without a denial word are read only `without_word` (default READ_WITHOUT_DENIAL_WORD)."""
    model = model or shipped_model()
    without_word = READ_WITHOUT_DENIAL_WORD if without_word is None else without_word
    found: list[list[Denial]] = [[] for _ in texts]
    for number, sentence, triggers in read_candidates(texts, sentences, attributions, without_word):
        denial = reading_of(model, texts[number], sentence, triggers, attributions[number])
        if denial is not None:
            found[number].append(denial)
    return found


def read_candidates(texts: Sequence[str], sentences: Sequence[list[Span]],
                    attributions: Sequence[list[Attribution]], without_word: bool = True):
    """(text number, sentence, [Trigger]) for each candidate sentence, parsed in batches; without
    `without_word`, only sentences holding a denial word (no rejecting words, no negations)."""
    candidates = [(number, sentence) for number, text_sentences in enumerate(sentences) for sentence in text_sentences
                  if len(sentence.text) <= MAX_SENTENCE_CHARS and (
                      is_candidate(sentence.text, _reported_in(sentence, attributions[number])) if without_word
                      else has_denial_word(sentence.text))]
    if not candidates:
        return
    items = ((parsed.text, (number, sentence, parsed)) for number, sentence, parsed in (
        (number, sentence, _after_dateline(sentence)) for number, sentence in candidates))
    for doc, (number, sentence, parsed) in english(entities=False).pipe(items, as_tuples=True, batch_size=BATCH_SIZE):
        triggers = sentence_triggers(doc, parsed, attributions[number])
        if triggers:
            yield number, sentence, triggers


def _is_attributed(sentence: Span, attributions: list[Attribution]) -> bool:
    return any(a.content.overlap(sentence) or a.cue.overlap(sentence) for a in attributions)


def _reported_in(sentence: Span, attributions: list[Attribution]):
    """Whether an offset of the sentence lies in what a named source says (its content, not its cue).
    Plain negation is everywhere: on 60 PolNeAR train articles, attributed sentences with one are
    11 % of sentences (candidates 30 -> 297 of 2,702); in a named source's content, 8 %."""
    contents = [a.content for a in attributions if a.source is not None and a.content.overlap(sentence)
                and not a.content.start <= a.cue.start < a.content.end]
    return lambda at: any(c.start <= sentence.start + at < c.end for c in contents)


# "MAIDUGURI, Nigeria — The leader ...", "BAGHDAD—An Iraqi official ...": the parser takes the place for a subject.
DATELINE = re.compile(r"[A-Z][A-Z .'-]{2,30}(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?\s*(?:\([^)]{1,20}\)\s*)?[—–-]+\s*")


def _after_dateline(sentence: Span) -> Span:
    """The sentence without its dateline, when it opens with one."""
    found = DATELINE.match(sentence.text)
    if not found or found.end() >= len(sentence.text) or not any(c.islower() for c in sentence.text[found.end():]):
        return sentence
    cut = found.end()
    return Span(sentence.start + cut, sentence.end, sentence.text[cut:])


def sentence_triggers(doc, sentence: Span, attributions: list[Attribution]) -> list[Trigger]:
    """Each trigger of a parsed sentence with its features (sentence flags included)."""
    found = []
    for family, start, end in triggers_in(sentence.text):
        token = _token_at(doc, start)
        if token is None:
            continue
        if family == NEGATED:  # "not", "no", "never" say little; the verb they negate says what is said not to be
            token = negated_word(token)
            start, end = token.idx, token.idx + len(token.text)
        at = Span(sentence.start + start, sentence.start + end, sentence.text[start:end])
        context = {
            "in_quote": sentence.text[:start].count('"') % 2 == 1 or _inside_curly_quotes(sentence.text, start),
            "is_cue": any(a.cue.overlap(at) for a in attributions),
            "in_content": any(a.content.contains(at) for a in attributions),
        }
        found.append(Trigger(family, token, trigger_features(family, token, context), sentence))
    flags = _sentence_flags(doc, sentence, attributions, found)
    return [Trigger(t.family, t.token, t.features | flags, sentence) for t in found]


def sentence_features(triggers: list[Trigger]) -> dict[str, float]:
    """The features of a candidate sentence: the maximum of its triggers' features."""
    pooled: dict[str, float] = {}
    for trigger in triggers:
        for name, value in trigger.features.items():
            pooled[name] = max(value, pooled.get(name, 0.0))
    return pooled


def _sentence_flags(doc, sentence: Span, attributions: list[Attribution], triggers: list[Trigger]) -> dict:
    families = {t.family for t in triggers}
    flags = {
        "attributed": _is_attributed(sentence, attributions),
        "question": sentence.text.rstrip().endswith("?"),
        "vote_words": any(token.lower_ in VOTE_WORDS for token in doc),
        "quoted": any(mark in sentence.text for mark in QUOTE_MARKS),
        "several_triggers": len(triggers) > 1,
        "refusal_and_denial": bool(families & REFUSAL_FAMILIES) and bool(families - REFUSAL_FAMILIES),
        "dispelling": DISPELLING.search(sentence.text) is not None,
    }
    return {f"sentence:{name}": 1.0 for name, on in flags.items() if on}


def _inside_curly_quotes(text: str, at: int) -> bool:
    return text.rfind("“", 0, at) > text.rfind("”", 0, at)


def _token_at(doc, char: int):
    for token in doc:
        if token.idx <= char < token.idx + len(token.text):
            return token
    return None


def reading_of(model: DenialModel, text: str, sentence: Span, triggers: list[Trigger],
            attributions: list[Attribution]) -> Denial | None:
    """The sentence as a `Denial` (a denial or a refusal), or None when the model reads neither."""
    model = model_for(model, triggers)
    if model is None:
        return None
    p = probabilities(model, sentence_features(triggers))
    kind = decide(model, p)
    if kind == CLASSES[0]:
        return None
    column = 1 if kind == DenialKind.DENIAL else 2
    telling = max(triggers, key=lambda t: (probabilities(model, t.features)[column], -t.token.i))
    by, by_span = denier(telling.token, telling.family, telling.parsed, text, attributions)
    return Denial(sentence, kind, by=by, by_span=by_span, denied=denied_span(telling.token, telling.parsed, text),
                  score=round(p[column], 4))
