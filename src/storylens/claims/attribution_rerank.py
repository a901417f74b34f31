"""The second look at an attribution: is the whole of it (cue, source and content) one?

The cue model (cues.py) reads one word and the parse around it. Once the extractor has read the
source and the content of a cue it took, this small logistic model reads the three together
(is there a source, what kind, how long and how quoted the content is, how far it lies from the
cue) and keeps or drops the attribution. It was fitted by train/attribution_rerank.py on what
the cue model, fitted without them, made of held-out PolNeAR train articles, so it has seen the
cue model's real mistakes. Forced cues (polls, 'reportedly', 'citing X', '…, the Post reported')
and the lines that need no parse are not asked.
"""
from __future__ import annotations

import bisect
import functools
import json
import math
from pathlib import Path

from storylens.claims.cues import ANONYMOUS_HEADS, QUOTE_MARK_CHARS, SPEECH_VERBS, cue_model, is_quoted, stem
from storylens.model import Attribution

RERANK_FILE = Path(__file__).with_name("attribution_rerank.json")
PRONOUNS = frozenset("i you he she it we they who which that this these those".split())


@functools.cache
def reranker() -> dict:
    """{"weights": {feature: w}, "bias": b, "threshold": t, "cue_threshold": t1}; without the file, keep all."""
    try:
        model = json.loads(RERANK_FILE.read_text(encoding="utf-8"))
    except FileNotFoundError:  # before train/attribution_rerank.py has run: the cue model decides alone
        return {"weights": {}, "bias": 0.0, "threshold": 0.0, "cue_threshold": cue_model()["threshold"]}
    return checked(model, RERANK_FILE.name)


def checked(model: dict, name: str) -> dict:
    """The model, once every weight is known to name a feature `rerank_features` makes."""
    unknown = sorted(feature for feature in model["weights"] if feature.split("=", 1)[0] not in FEATURE_KINDS)
    if unknown:
        raise ValueError(f"{name}: weights of features this code does not make: {', '.join(unknown[:5])}")
    return model


def keeps(cue, attribution: Attribution, offset: int, probability: float) -> bool:
    """Whether the reranker keeps the attribution of a cue the cue model scored `probability`."""
    model = reranker()
    return rerank_probability(rerank_features(cue, attribution, offset, probability), model) >= model["threshold"]


def rerank_probability(features: dict[str, float], model: dict | None = None) -> float:
    model = model or reranker()
    if not model["weights"]:
        return 1.0
    score = model["bias"] + sum(model["weights"].get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def _bucket(value: int, edges: tuple[int, ...]) -> int:
    return next((edge for edge in edges if value <= edge), edges[-1] + 1)


def _tokens_in(doc, offset: int, start: int, end: int) -> list:
    """The tokens starting at characters [start, end) of the text (`offset`: where the sentence starts).

    Found by bisection over the token starts, cached on the Doc: walking the whole sentence for each
    span made the reranker quadratic in a sentence's length."""
    if "token_starts" not in doc.user_data:
        doc.user_data["token_starts"] = [t.idx for t in doc]
    starts = doc.user_data["token_starts"]
    return list(doc[bisect.bisect_left(starts, start - offset):bisect.bisect_left(starts, end - offset)])


def _source_kind(tokens) -> str:
    if not tokens:
        return "none"
    words = [t for t in tokens if t.text[:1].isalnum()]
    if len(words) == 1 and words[0].lower_ in PRONOUNS:
        return "pronoun"
    if any(t.lower_ in ANONYMOUS_HEADS for t in words) and not any(t.tag_.startswith("NNP") for t in words):
        return "anonymous"
    if any(t.tag_.startswith("NNP") for t in words):
        return "name"
    return "noun" if any(t.tag_.startswith("NN") for t in words) else "other"


FEATURE_KINDS = frozenset(
    """cue_logit cue_p source source_len source_side source_quoted content_len content_side content_quoted
    content_out content_that content_head gap kind speech cue_tag cue_dep s s_source sentence_len quotes""".split())


def rerank_features(cue, attribution: Attribution, offset: int, probability: float) -> dict[str, float]:
    """What the reranker reads of one attribution in its parsed sentence (`offset`: where the sentence starts)."""
    doc = cue.doc
    p = min(max(probability, 1e-4), 1 - 1e-4)
    source = _tokens_in(doc, offset, attribution.source.start, attribution.source.end) if attribution.source else []
    content = attribution.content
    inside = _tokens_in(doc, offset, content.start, content.end)
    cue_start = offset + cue.idx
    kind = _source_kind(source)
    features = {
        "cue_logit": math.log(p / (1 - p)), f"cue_p={int(p * 10)}": 1.0,
        f"source={kind}": 1.0, f"source_len={_bucket(len(source), (0, 1, 2, 3, 5, 8))}": 1.0,
        f"content_len={_bucket(len(inside), (1, 2, 4, 8, 16, 32))}": 1.0,
        f"content_side={'after' if content.start > cue_start else 'before' if content.end <= cue_start else 'around'}": 1.0,
        f"kind={attribution.kind}": 1.0, f"speech={cue.lower_ in SPEECH_VERBS}": 1.0,
        f"cue_tag={cue.tag_}": 1.0, f"cue_dep={cue.dep_}": 1.0, f"s={stem(cue.lower_)}": 1.0,
        f"s_source={stem(cue.lower_)}|{kind}": 1.0, f"sentence_len={_bucket(len(doc), (8, 16, 32, 64))}": 1.0,
        f"quotes={any(t.text in QUOTE_MARK_CHARS for t in doc)}": 1.0,
    }
    if source:
        features[f"source_side={'before' if source[0].i < cue.i else 'after'}"] = 1.0
        features[f"source_quoted={is_quoted(source[0])}"] = 1.0
    if inside:
        features[f"content_quoted={any(t.text in QUOTE_MARK_CHARS for t in inside) or is_quoted(inside[0])}"] = 1.0
        features[f"content_that={inside[0].lower_ == 'that'}"] = 1.0
        heads = [t for t in inside if t.head is t or not content.start <= offset + t.head.idx < content.end]
        features[f"content_head={heads[0].dep_ if heads else 'none'}|{heads[0].tag_[:2] if heads else ''}"] = 1.0
        gap = inside[0].i - cue.i - 1 if inside[0].i > cue.i else cue.i - inside[-1].i - 1
        features[f"gap={_bucket(max(0, gap), (0, 1, 2, 4, 8))}"] = 1.0
    features[f"content_out={len(inside) == 0}"] = 1.0  # a quotation read across sentences
    return features
