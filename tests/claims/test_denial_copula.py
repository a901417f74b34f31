"""The sense of "wrong", "false" and "not true" from the parse: said of a claim or a person, or not."""
from __future__ import annotations

import pytest

from storylens.claims.denial_copula import copula_sense
from storylens.claims.denial_features import trigger_features
from storylens.enrich.nlp import english


def sense_of(text, word):
    doc = english()(text)
    return copula_sense(next(token for token in doc if token.lower_ == word))


@pytest.mark.parametrize(
    ("text", "word", "sense"),
    [
        ("Mayor Ostrand is wrong.", "wrong", "of_person"),
        ("Those statements were wrong, the ferry board said.", "wrong", "of_claim"),
        ("The Brask report is false.", "false", "of_claim"),
        ("That is not true.", "true", "of_claim"),
        ("The council said it would be wrong to call the vote a success.", "wrong", "to_saying"),
        ("The court said the school was wrong to punish the pupil.", "wrong", "to_act"),
        ("Ostrand said he did nothing wrong.", "wrong", "nothing"),
        ("Ostrand falsely claimed the ferry was sold.", "falsely", "adverb"),
        ("Ostrand knew what he did was wrong.", "wrong", "other"),
        ("The police arrested the wrong man in Tellwick.", "wrong", "attributive"),
    ],
)
def test_copula_senses(text, word, sense):
    assert sense_of(text, word) == sense


def test_the_sense_is_a_feature_of_the_wrong_family_only():
    doc = english()("Mayor Ostrand is wrong.")
    wrong = next(token for token in doc if token.lower_ == "wrong")
    assert trigger_features("wrong", wrong, {})["wrong&copula=of_person"] == 1.0
    assert not any(name.startswith("copula=") for name in trigger_features("deny", wrong, {}))
