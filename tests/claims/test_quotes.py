"""Direct quotes and their speakers, on invented sentences."""
from __future__ import annotations

from storylens.claims.attribution import find_attributions
from storylens.claims.quotes import find_quotes, quote_regions


def quotes_of(text):
    return find_quotes(text, find_attributions(text))


def test_quote_split_by_he_said_keeps_one_speaker():
    text = 'Alva Renholt spoke to the port workers. "We are not selling the ferries," she said. "Ask the council instead."'
    quotes = quotes_of(text)
    assert [q.text for q in quotes] == ["We are not selling the ferries,", "Ask the council instead."]
    assert quotes[0].speaker == quotes[1].speaker == "she"


def test_curly_and_straight_quotes_with_named_speaker():
    text = '“The port stays open,” said Alva Renholt. Later Tomas Verdi said "the council was never asked."'
    quotes = quotes_of(text)
    assert [q.speaker for q in quotes] == ["Alva Renholt", "Tomas Verdi"]
    for quote in quotes:
        assert text[quote.start:quote.end] == quote.text


def test_quote_over_several_sentences_is_one_quote():
    text = 'Renholt said: "The ferries stay. The harbour stays. Nothing is for sale."'
    [quote] = quotes_of(text)
    assert quote.text == "The ferries stay. The harbour stays. Nothing is for sale."
    assert quote.speaker == "Renholt"


def test_scare_quoted_word_is_not_a_quote():
    text = 'The ministry called the report "fiction" on Tuesday.'
    assert quotes_of(text) == []


def test_unclosed_quote_runs_to_the_paragraph_end_only():
    text = 'Renholt said: "We will fight this\n\nThe next paragraph is narration.'
    assert quote_regions(text) == [(14, 33)]


def test_empty_and_markless_text():
    assert find_quotes("", []) == []
    assert find_quotes("No quotation here at all.", []) == []
