from storylens.enrich.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [span.text for span in split_sentences(text)]


def test_offsets_point_into_the_text():
    text = "  The ministry confirmed the sale. It cost $3.5 million.\n\nA second paragraph follows here."
    spans = split_sentences(text)
    assert [text[s.start:s.end] for s in spans] == [s.text for s in spans]
    assert texts(text) == ["The ministry confirmed the sale.", "It cost $3.5 million.", "A second paragraph follows here."]


def test_abbreviations_and_initials_do_not_end_a_sentence():
    text = "Mr. Varga met Dr. Olsen in the U.S. capital. J. R. Halloran was not there."
    assert texts(text) == ["Mr. Varga met Dr. Olsen in the U.S. capital.", "J. R. Halloran was not there."]


def test_closing_quotes_stay_with_their_sentence():
    text = '"We will not sign," she said. "Not this year." The talks ended.'
    assert texts(text) == ['"We will not sign," she said.', '"Not this year."', "The talks ended."]
    curly = "\u201cNo deal yet.\u201d The envoy left."
    assert texts(curly) == ["\u201cNo deal yet.\u201d", "The envoy left."]


def test_paragraph_breaks_and_bullets_always_split():
    text = "Headline without a stop\n\nBody starts here.\n• first point\n• second point"
    assert texts(text) == ["Headline without a stop", "Body starts here.", "• first point", "• second point"]


def test_lower_case_after_a_stop_is_not_a_new_sentence():
    assert texts("It was 10 a.m. on Monday when the vote began.") == ["It was 10 a.m. on Monday when the vote began."]


def test_empty_and_blank_text():
    assert split_sentences("") == []
    assert split_sentences(" \n\n \t") == []
