from storylens.claims.cue_verbs import cue_verb_forms, inflections, trigger_verb_forms
from storylens.claims.cues import is_candidate, trigger_words
from storylens.enrich.nlp import english


def test_inflections_of_regular_verbs():
    assert {"chastise", "chastises", "chastised", "chastising"} <= inflections("chastise")
    assert {"grilled", "grilling", "grills"} <= inflections("grill")
    assert {"decried", "decries"} <= inflections("decry")
    assert "grabbed" in inflections("grab")


def test_a_listed_verb_is_a_candidate_without_a_clause():
    assert "lambasted" in cue_verb_forms()
    doc = english(entities=False)("Senator Ruth Okafor lambasted the agency over its delays.")
    verb = next(token for token in doc if token.lower_ == "lambasted")
    assert is_candidate(verb)


def test_trigger_verbs_make_a_sentence_worth_parsing():
    assert trigger_verb_forms() <= trigger_words()
    assert "lambasted" in trigger_words()
