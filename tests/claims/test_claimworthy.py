import pytest

from storylens.claims.claimworthy import is_claimworthy


@pytest.mark.parametrize("sentence", [
    "The Marrowby council approved a $40 million bridge on Tuesday.",
    "Harbour officials said the ferry Saint Olga ran aground near the pier.",
    "Two people were injured when the roof of the depot collapsed in 2023.",
])
def test_statements_that_name_something_are_claims(sentence):
    assert is_claimworthy(sentence)


@pytest.mark.parametrize("sentence", [
    "Will the council approve the Marrowby bridge this year?",
    "Read more: Marrowby council approves the bridge plan",
    "Photo: the Marrowby bridge at dusk, seen from the east bank",
    "Subscribe to our newsletter for the latest Marrowby news every day",
    "I think the council made the wrong call on the Marrowby bridge.",
    "Bridge Vote Live Updates Council Marrowby Harbour Ferry News Today",
    "It was a very long and tiring day for everyone involved in it.",
    "Too short here.",
])
def test_questions_furniture_opinion_and_vague_lines_are_not(sentence):
    assert not is_claimworthy(sentence)
