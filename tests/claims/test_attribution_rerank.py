"""The reranker's reading of whole attributions, on small invented sentences."""
from __future__ import annotations

import pytest

from storylens.claims import attribution as extractor
from storylens.claims.attribution_rerank import checked, rerank_features, rerank_probability
from storylens.enrich.nlp import english


def features_of(text: str, cue_word: str) -> dict[str, float]:
    doc = english(entities=False)(text)
    cue = next(t for t in doc if t.text == cue_word)
    attribution = extractor.attribution_at(cue, 0, text)
    return rerank_features(cue, attribution, 0, 0.6)


def test_a_named_source_before_its_cue():
    features = features_of("Minister Alva Renholt said that the ferries would be sold.", "said")
    assert features["source=name"] == 1.0
    assert features["source_side=before"] == 1.0
    assert features["content_side=after"] == 1.0
    assert features["content_that=True"] == 1.0


def test_a_pronoun_source_and_a_quoted_content():
    features = features_of('"We will not sell the ferries," she said.', "said")
    assert features["source=pronoun"] == 1.0
    assert features["content_side=before"] == 1.0
    assert features["content_quoted=True"] == 1.0


def test_the_cue_probability_is_read_as_a_logit():
    assert features_of("Renholt said the ferries would be sold.", "said")["cue_logit"] == pytest.approx(0.405, abs=1e-3)


def test_without_weights_every_attribution_is_kept():
    assert rerank_probability({"source=none": 1.0}, {"weights": {}, "bias": -5.0}) == 1.0


def test_the_probability_follows_the_weights():
    model = {"weights": {"source=none": -2.0, "source=name": 1.0}, "bias": 0.0}
    assert rerank_probability({"source=none": 1.0}, model) < 0.5 < rerank_probability({"source=name": 1.0}, model)


def test_a_weight_of_a_feature_the_code_does_not_make_is_an_error():
    with pytest.raises(ValueError, match="rerank.json: weights of features this code does not make: colour=red"):
        checked({"weights": {"colour=red": 1.0, "source=name": 0.5}}, "rerank.json")


def test_a_rejected_cue_loses_its_attribution_but_a_forced_one_stays():
    text = "The ministry reportedly sold the ferries, and Renholt said the port would close."
    doc = english(entities=False)(text)
    kept_all = extractor.attributions_in_sentence(doc, 0, text, keep=lambda *_: True)
    kept_none = extractor.attributions_in_sentence(doc, 0, text, keep=lambda *_: False)
    assert {a.cue.text for a in kept_all} >= {"reportedly", "said"}
    assert [a.cue.text for a in kept_none] == ["reportedly"]


def test_spans_are_read_by_their_offsets_in_the_text():
    # The sentence starts 22 characters into the article: the source and the content are found by
    # those offsets, not by the sentence's own.
    lead = "The port stays open.  "
    sentence = "Harbour master Ilse Vogt said that the ferries would be sold off."
    doc = english(entities=False)(sentence)
    cue = next(t for t in doc if t.text == "said")
    attribution = extractor.attribution_at(cue, len(lead), lead + sentence)
    features = rerank_features(cue, attribution, len(lead), 0.6)
    assert attribution.source.text == "Harbour master Ilse Vogt"
    assert features["source_len=5"] == 1.0  # four words: the bucket up to five
    assert features["content_len=8"] == 1.0  # "that … off.": the bucket of five to eight tokens
