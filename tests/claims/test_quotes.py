"""Direct quotes and their speakers, on invented sentences."""
from __future__ import annotations

import pytest

from storylens.claims.attribution import find_attributions
from storylens.claims.quotes import find_quotes, quote_regions
from storylens.claims.speakers import normalise_speakers


def quotes_of(text):
    return find_quotes(text, find_attributions(text))


def spoken_quotes(text):
    """As the claims stage reads them: speakers normalised first."""
    found = find_attributions(text)
    normalise_speakers([text], [found])
    return find_quotes(text, found)


def test_quote_split_by_he_said_keeps_one_speaker():
    text = 'Alva Renholt spoke to the port workers. "We are not selling the ferries," she said. "Ask the council instead."'
    quotes = quotes_of(text)
    assert [q.text for q in quotes] == ["We are not selling the ferries,", "Ask the council instead."]
    # the "she" is the person named just before, though no attribution names her
    assert quotes[0].speaker == quotes[1].speaker == "Alva Renholt"


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


def test_speaker_after_the_quote_with_a_verb_or_a_dash():
    said = quotes_of('“The ferries will not be sold,” said Ilse Varga.')
    assert [q.speaker for q in said] == ["Ilse Varga"]
    dashed = find_quotes('“The ferries will not be sold and that is final” — Varga\n', [])
    assert [q.speaker for q in dashed] == ["Varga"]


def test_a_pronoun_across_sentences_is_the_last_named_speaker():
    text = ('Harbour master Ilse Varga said the quay would stay open. The council met on Tuesday. '
            'She added: "Nobody asked the ferry crews what they think."')
    [quote] = spoken_quotes(text)
    assert quote.speaker == "Ilse Varga"


def test_the_person_told_an_outlet_speaks_the_quote_not_the_outlet():
    text = ('Bram Ostrov, a long-time strategist, told the Coastal Times that the deal was off. '
            '"The harbour is gone," he said.')
    [quote] = spoken_quotes(text)
    assert quote.speaker == "Bram Ostrov"


@pytest.mark.parametrize("text", [
    'Words: "We keep the ferries running all winter."',
    'CEO: "We keep the ferries running all winter."',
    'Quote: "We keep the ferries running all winter."',
])
def test_a_common_noun_alone_is_never_a_speaker(text):
    [quote] = quotes_of(text)
    assert quote.speaker is None


def test_a_short_phrase_quoted_in_a_denial_is_the_deniers():
    text = "Port spokesman Ilse Varga called the report “pure fiction” on Monday."
    [quote] = spoken_quotes(text)
    assert quote.text == "pure fiction" and quote.speaker == "Ilse Varga"


def test_a_quote_split_by_a_speech_tag_keeps_the_tags_speaker():
    text = ('"The ferries stay in public hands," Mr. Ostrov said, "because the islands need them. '
            'People who live there know it."')
    quotes = spoken_quotes(text)
    assert [q.speaker for q in quotes] == ["Ostrov", "Ostrov"]


def test_a_quote_nobody_is_said_to_speak_continues_the_person_just_named():
    text = ('Harbour master Ilse Varga said the quay would stay open.\n\n'
            '"We have kept it open through three winters."')
    [quote] = spoken_quotes(text)
    assert quote.speaker == "Ilse Varga"
    far = 'Ilse Varga said the quay would stay open. ' + 'The tide came and went. ' * 20 + '\n\n"We kept it open."'
    assert spoken_quotes(far)[0].speaker is None


def test_a_title_cut_off_by_the_sentence_splitter_joins_its_name():
    text = '"This is a waste of the harbour board\'s time," said Del. Ansel Vorn, who chairs it.'
    found = find_attributions(text)
    assert any(a.source is not None and a.source.text.endswith("Ansel Vorn") for a in found)


def test_the_speaker_beats_the_outlet_that_passed_the_words_on():
    text = ('His spokesman Bram Ostrov said he “does not comment on talks between the harbour boards,” '
            'according to Coastal Wire.')
    [quote] = spoken_quotes(text)
    assert quote.speaker == "Bram Ostrov"


def test_a_quoted_heading_is_not_given_to_the_person_named_before_it():
    text = 'Ilse Varga said the quay would stay open.\n\n“No comment” from the harbour board\n\nThe board met.'
    [quote] = spoken_quotes(text)
    assert quote.speaker is None


def test_the_person_a_sentence_names_before_an_inline_quote_speaks_it():
    text = ('The board met on Monday. Ilse Varga, who said the plan was rushed, later branded it '
            'a "harbour grab by the back door" in a post.')
    [quote] = spoken_quotes(text)
    assert quote.speaker == "Ilse Varga"


def test_a_name_an_aside_and_the_verb_after_the_quote():
    text = '"We will not leave the harbour," President Ansel Vorn, speaking to officials in Korvia, said on Monday.'
    [quote] = spoken_quotes(text)
    assert quote.speaker == "Ansel Vorn"


def test_a_headline_quote_before_a_colon_is_the_deniers():
    [quote] = spoken_quotes("“Pure invention”: Harbour board denies sale of the ferry line\n\nThe board met.")
    assert quote.text == "Pure invention" and quote.speaker == "Harbour board"


def test_it_is_the_outlet_or_body_just_named_not_a_speaker_word():
    text = ('"The ferry line lost money for a decade," the Coastal Times wrote.\n\n'
            '"Since then, its fortunes have changed," it added.')
    quotes = spoken_quotes(text)
    assert [q.speaker for q in quotes] == ["The Coastal Times", "The Coastal Times"]


def test_a_name_tagged_after_the_quote_beats_the_previous_speaker():
    text = ('"Every time you say that, you help the other side," Bram Ostrov said.\n\n'
            '"Why is the quay still closed?" Ilse Varga demanded.')
    assert [q.speaker for q in spoken_quotes(text)] == ["Bram Ostrov", "Ilse Varga"]


@pytest.mark.parametrize("text, speaker", [
    ('Said Ostrov: "I do not see any interest in the ferries."', "Ostrov"),
    ('Sen. Mara Ellison (D-Vt.) scolded him: "You sold the ferries to your friends."', "Mara Ellison"),
    ('"The quay was closed for no lawful reason," said the ruling.', "the ruling"),
    ('"He would be a fine harbour master," Rep. Ansel Vorn (D-Kv.) said in an interview.', "Ansel Vorn"),
])
def test_speakers_named_beside_the_quote_by_a_colon_a_party_or_a_description(text, speaker):
    [quote] = spoken_quotes(text)
    assert quote.speaker == speaker


def test_a_quote_split_by_a_tag_that_ends_its_sentence_keeps_the_speaker():
    text = ('"The charter has a clause about fares," Varga explained in an interview with the Coastal Times. '
            '"It says that every islander rides free."')
    assert [q.speaker for q in spoken_quotes(text)] == ["Varga", "Varga"]


def test_a_remark_tags_its_speaker():
    text = ('"We will keep the quay open," Bram Ostrov said.\n\n'
            '"The ferries ran late all week, and nobody said sorry," Ilse Varga remarked.')
    assert [q.speaker for q in spoken_quotes(text)] == ["Bram Ostrov", "Ilse Varga"]


def test_a_colon_tag_before_the_quote_beats_the_he_or_she_after_it():
    text = ('Ansel Vorn, a harbour economist, said the ferries lose money. '
            'Sen. Mara Ellison (D-Vt.) scolded the board: "You sold the ferries to your friends," she said.')
    quotes = spoken_quotes(text)
    assert [q.speaker for q in quotes] == ["Mara Ellison"]


def test_a_he_is_the_person_a_speech_tag_names_even_unparsed_not_an_agency():
    text = ('"The vote changed little," said Ilse Varga, a strategist for the council. '
            'Debates rarely matter, noted Coastal Times’s Bram Ostrov.\n\n'
            '"Debates happen late, very late, in the campaign," he wrote.')
    assert spoken_quotes(text)[-1].speaker == "Bram Ostrov"
    agency = 'Bram Ostrov said the quay was shut. The FBI said it had opened a file. "We will look at it," he said.'
    assert spoken_quotes(agency)[-1].speaker == "Bram Ostrov"


def test_an_unresolved_she_is_the_person_last_named_in_full_not_a_quoted_name():
    text = ('The video shows an officer at the car. Rakel Sorin can be heard calling to the officers.\n\n'
            '"Do not shoot him," she says. "He has no weapon."')
    assert [q.speaker for q in spoken_quotes(text)] == ["Rakel Sorin", "Rakel Sorin"]
    quoted = 'Protesters carried banners that said "Free Tomas Verdi" on Monday.\n\n"Let him go," she says.'
    assert spoken_quotes(quoted)[-1].speaker == "she"


def test_the_name_that_opens_the_sentence_speaks_its_inline_quote():
    text = ('"The islands are spiraling out of control," Ilse Varga said. '
            'Korvia branded the strike an "outlaw act against the harbour." ')
    assert [q.speaker for q in spoken_quotes(text)] == ["Ilse Varga", "Korvia"]
    named = ('Senator Ansel Vorn said the quay was sold. In recent weeks, Vorn has gone after the board '
             'as a "gang that will bleed the islands dry."')
    assert spoken_quotes(named)[-1].speaker == "Ansel Vorn"
    opener = 'All this has led the harbour board to fear a "sale by the back door."'
    assert spoken_quotes(opener)[-1].speaker is None


def test_a_tag_right_before_the_quote_beats_a_document_and_a_colon_line_hands_over():
    ad = 'The ad uses footage of Mara Ellison asking, "Why are we not fifty points ahead of them?"'
    assert spoken_quotes(ad)[-1].speaker == "Mara Ellison"
    report = ('Few small donors back the harbour plan.\n\nThe Coastal Times reports:\n\n'
              '"Just a quarter of the donors gave less than two hundred crowns to the campaign."')
    assert spoken_quotes(report)[-1].speaker == "Coastal Times"


@pytest.mark.parametrize("text, speaker", [
    # a participle after an appositive: the sentence's subject
    ("Mara Quill, the mayor’s communications director, refrained from confirming or denying the call, "
     "stating, “we do not comment on private calls between the mayor and other officials.”", "Mara Quill"),
    # a heading's quote from someone
    ("The mayor and the council spoke on Thursday.\n\n“No comment” from Pell\n\nThe Gazette reported the call.",
     "Pell"),
])
def test_speaker_of_a_lone_quote_the_sentence_or_heading_names(text, speaker):
    [quote] = spoken_quotes(text)
    assert quote.speaker == speaker


def test_standalone_quote_continues_the_person_a_later_he_stands_for():
    # the naming is further back than a stand-alone quote reaches; "He expressed hope" is close
    text = ('Minister Ewan Faraday said that the harbour talks would be "a very good first step and an early sign" '
            "of calmer waters between the two ports, and he spoke for several minutes to the press in the hall "
            "at Dunmore.\n\nAdvertisement:\n\nHe expressed hope that the new mayor will see that such support is "
            "in the city's interest.\n\nQuote: \"If towns like Carrow are able to move the boundary buoys by force, "
            'that sends a signal to every fisherman on the coast."\n\nBackground:\nThe mayor met the council.')
    assert [q.speaker for q in spoken_quotes(text)] == ["Ewan Faraday", "Ewan Faraday"]
