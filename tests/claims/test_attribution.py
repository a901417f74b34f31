"""Attribution extraction on small invented sentences about a fictional ministry."""
from __future__ import annotations

import pytest

from storylens.claims.attribution import attributions_of_texts, find_attributions, sentence_spans
from storylens.model import AttributionKind


def by_cue(attributions, cue):
    return [a for a in attributions if a.cue.text == cue]


def test_offsets_point_into_the_text():
    text = "Lead paragraph.\n\nThe Vellmark ministry said on Monday that the bridge would close in May."
    found = find_attributions(text)
    assert found
    for attribution in found:
        for span in (attribution.source, attribution.cue, attribution.content):
            if span is not None:
                assert text[span.start:span.end] == span.text


def test_indirect_speech_with_that():
    text = "Minister Alva Renholt said that the ferry fleet would be sold by autumn."
    [said] = by_cue(find_attributions(text), "said")
    assert said.source.text == "Minister Alva Renholt"
    assert "ferry fleet would be sold" in said.content.text
    assert said.kind == AttributionKind.INDIRECT


def test_sentence_final_said_takes_the_clause_before_it():
    text = "The harbour tax will double next year, a ministry spokesman said."
    [said] = by_cue(find_attributions(text), "said")
    assert said.source.text == "a ministry spokesman"
    assert said.content.text.startswith("The harbour tax will double")


def test_according_to():
    text = "The ministry spent twice its budget on consultants, according to the Vellmark Audit Office."
    [according] = [a for a in find_attributions(text) if a.kind == AttributionKind.ACCORDING_TO]
    assert according.cue.text == "according to"
    assert according.source.text == "the Vellmark Audit Office"
    assert "spent twice its budget" in according.content.text


def test_a_sentence_opening_in_a_poll_attributes_its_clause_to_the_poll():
    text = "In the latest Vellmark Herald poll, Renholt leads the field by six points."
    [poll] = by_cue(find_attributions(text), "In")
    assert poll.source.text == "the latest Vellmark Herald poll"
    assert poll.content.text.startswith("Renholt leads the field")


def test_a_poll_inside_a_sentence_is_no_cue():
    text = "Renholt gained ground in the latest Vellmark Herald poll."
    assert not by_cue(find_attributions(text), "in")


def test_direct_quote_is_direct():
    text = '"We will not sell the ferries," Renholt said.'
    [said] = by_cue(find_attributions(text), "said")
    assert said.kind == AttributionKind.DIRECT
    assert said.source.text == "Renholt"
    assert "ferries" in said.content.text


def test_quote_over_two_sentences_is_one_content():
    text = 'Renholt said: "The ferries stay. Nobody in this ministry will sign a sale."'
    [said] = by_cue(find_attributions(text), "said")
    assert said.content.text.endswith('sign a sale."')


def test_denial_is_an_attribution():
    text = "The ministry denied that the minister had met the buyers."
    [denied] = by_cue(find_attributions(text), "denied")
    assert denied.source.text == "The ministry"
    assert "met the buyers" in denied.content.text


def test_reportedly_has_no_source():
    text = "The minister reportedly offered her resignation twice."
    [reportedly] = by_cue(find_attributions(text), "reportedly")
    assert reportedly.source is None
    assert reportedly.kind == AttributionKind.NO_SOURCE
    assert "offered her resignation" in reportedly.content.text


def test_is_said_to_has_no_source():
    text = "The minister is said to be furious about the leak."
    [said] = by_cue(find_attributions(text), "said")
    assert said.source is None and said.kind == AttributionKind.NO_SOURCE


def test_citing_names_the_cited_as_source_nested_in_the_citer():
    text = "The Vellmark Courier, citing Alva Renholt, said the ministry would close the port."
    found = find_attributions(text)
    [citing] = [a for a in found if a.kind == AttributionKind.CITING]
    [said] = by_cue(found, "said")
    assert citing.source.text == "Alva Renholt"
    assert said.source.text == "The Vellmark Courier"
    assert "close the port" in citing.content.text and "close the port" in said.content.text


def test_told_an_outlet_gives_the_outlet_an_attribution_holding_the_speaker():
    text = "Alva Renholt told the Vellmark Post that the port would close."
    found = by_cue(find_attributions(text), "told")
    speaker = next(a for a in found if a.source.text == "Alva Renholt")
    outlet = next(a for a in found if a.source.text == "the Vellmark Post")
    assert "port would close" in speaker.content.text
    assert outlet.content.start <= speaker.source.start and outlet.content.end >= speaker.content.end


def test_batch_gives_the_same_as_one_by_one():
    texts = ["Renholt said the port would close.", "", "Officials said nothing.", "Renholt said the port would close."]
    batch = list(attributions_of_texts(texts))
    assert len(batch) == len(texts)
    assert batch == [find_attributions(text) for text in texts]


@pytest.mark.parametrize("text", [
    "",  # empty
    "\n\n\n",  # only blank lines
    '"' * 500,  # nothing but quotation marks
    "said " * 3000,  # one huge "sentence" of cue words
    'He said: "unclosed quote that never ends and goes on',  # unbalanced quotes
])
def test_hostile_input_does_not_crash(text):
    for attribution in find_attributions(text):
        assert text[attribution.cue.start:attribution.cue.end] == attribution.cue.text


def test_sentences_are_not_split_after_titles_or_initials():
    text = "Sen. Alva J. Renholt spoke. Then the minister left."
    assert [text[a:b] for a, b in sentence_spans(text)] == ["Sen. Alva J. Renholt spoke.", "Then the minister left."]


def test_chain_contents_nest_outer_to_inner():
    text = "The Vellmark Courier, citing Alva Renholt, as reported by Harbour Radio, said the port would close."
    found = find_attributions(text)
    radio = next(a for a in found if a.source and a.source.text == "Harbour Radio")
    courier = next(a for a in found if a.source and a.source.text == "The Vellmark Courier")
    renholt = next(a for a in found if a.source and a.source.text == "Alva Renholt")

    def holds(outer, inner):
        return outer.content.start <= inner.content.start and inner.content.end <= outer.content.end

    assert holds(radio, courier) and holds(courier, renholt)
    assert courier.content.start <= renholt.cue.start  # the courier's content holds the citation itself


def test_name_and_colon_attributes_the_rest_of_the_line():
    text = "Renholt: The ferries are not for sale\n\nUPDATE: The council meets on Friday."
    found = by_cue(find_attributions(text), ":")
    assert [(a.source.text, a.content.text) for a in found] == [("Renholt", "The ferries are not for sale")]


def test_subject_inside_the_quotation_is_not_the_speaker():
    text = '"That, unfortunately," he said, "is part of the job."'
    [said] = by_cue(find_attributions(text), "said")
    assert said.source.text == "he"


def test_cue_after_a_preposition_takes_the_subject_of_its_clause():
    text = "After announcing that the port would close, Alva Renholt left the ministry."
    [announcing] = by_cue(find_attributions(text), "announcing")
    assert announcing.source.text == "Alva Renholt"
    assert "port would close" in announcing.content.text


def test_long_sentences_are_cut_into_bounded_pieces():
    text = "The minister said " + "the port would close and " * 100 + "nobody objected."
    spans = sentence_spans(text)
    assert len(spans) > 1 and all(end - start <= 1000 for start, end in spans)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)


def test_dateline_is_not_the_source():
    text = "VELLMARK (AP) — Minister Alva Renholt has closed the port, saying that the ferries were unsafe."
    [saying] = by_cue(find_attributions(text), "saying")
    assert saying.source.text == "Minister Alva Renholt"


def test_quotation_signed_with_a_dash_is_attributed_to_the_name():
    text = ("Readers wrote in.\n\n“The ferries were the best thing about this town.” ― Ilse Marten\n"
            "“Keep the port open.” ― Olav Renn.")
    found = find_attributions(text)
    signed = [(a.source.text, a.content.text) for a in found if a.cue.text == "―"]
    assert signed == [("Ilse Marten", "“The ferries were the best thing about this town.”"),
                      ("Olav Renn", "“Keep the port open.”")]
    assert all(a.kind == AttributionKind.DIRECT for a in found if a.cue.text == "―")


def test_speech_verb_alone_in_its_sentence_takes_the_quotation_before_it():
    text = '"The ferries stay. Nobody in this ministry will sign a sale. Nobody at all."\n\nRenholt said.'
    [said] = by_cue(find_attributions(text), "said")
    assert said.source.text == "Renholt"
    assert said.content.text.startswith('"The ferries stay.') and said.content.text.endswith('at all."')


def test_speech_verb_ending_in_a_colon_takes_the_next_paragraph():
    text = "Renholt wrote:\n\nThe ferries stay, and nobody in this ministry will sign a sale.\n\nThen she left."
    [wrote] = by_cue(find_attributions(text), "wrote")
    assert wrote.content.text == "The ferries stay, and nobody in this ministry will sign a sale."


def test_speech_verb_without_object_takes_what_its_preposition_opens():
    text = "Minister Renholt did not respond to questions about the sale."
    [respond] = by_cue(find_attributions(text), "respond")
    assert respond.source.text == "Minister Renholt"
    assert respond.content.text == "questions about the sale"
    [argued] = by_cue(find_attributions("Renholt argued against the sale of the ferries."), "argued")
    assert argued.content.text == "the sale of the ferries"


def test_coordinated_sources_are_sibling_attributions_not_a_chain():
    text = "The Nordic Post and Coastal Wire reported that the Vellmark ferry fleet would be sold."
    found = by_cue(find_attributions(text), "reported")
    assert [a.source.text for a in found] == ["The Nordic Post", "Coastal Wire"]
    assert len({(a.content.start, a.content.end) for a in found}) == 1  # the same content: siblings, not nested
    assert "ferry fleet would be sold" in found[0].content.text


def test_a_list_of_three_sources_gives_three_siblings():
    text = "Fenmoor Post, the Daily Lantern and Coastal Wire said the Vellmark bridge was closed."
    assert [a.source.text for a in by_cue(find_attributions(text), "said")] == \
        ["Fenmoor Post", "the Daily Lantern", "Coastal Wire"]


def test_a_pronoun_with_its_people_or_a_double_title_stays_one_source():
    for text, source in (("He and his aides said the Vellmark plan would fail.", "He and his aides"),
                         ("The chairman and chief executive said profits fell.", "The chairman and chief executive")):
        assert [a.source.text for a in by_cue(find_attributions(text), "said")] == [source]


def test_a_citing_chain_still_nests():
    text = "Coastal Wire, citing Minister Alva Renholt, said the Vellmark talks had collapsed."
    found = find_attributions(text)
    [cited] = by_cue(found, "citing")
    [said] = by_cue(found, "said")
    assert cited.source.text == "Minister Alva Renholt" and said.source.text == "Coastal Wire"
    assert said.content.start <= cited.cue.start and cited.content.end <= said.content.end


def test_seems_and_is_expected_to_have_no_source():
    text = "The ferry plan seems doomed. The minister is expected to resign on Friday."
    found = find_attributions(text)
    [seems] = by_cue(found, "seems")
    [expected] = by_cue(found, "expected")
    assert seems.source is None and seems.kind == AttributionKind.NO_SOURCE
    assert "ferry plan" in seems.content.text and "doomed" in seems.content.text
    assert expected.source is None and "resign" in expected.content.text


def test_quotation_cut_by_the_splitter_does_not_give_its_words_as_speaker():
    # the quotation opens in the sentence before: the parser's subject "One" is a quoted word
    text = ('"She would be a fine mayor. Not good, great. One of the sharpest minds in the whole council," '
            'Councillor Brenna Tosk said on Tuesday.')
    [said] = by_cue(find_attributions(text), "said")
    assert said.source.text == "Councillor Brenna Tosk"


def test_appeared_to_suggest_keeps_its_subject_as_source():
    text = "The minister appeared to suggest that the ferry fleet would be sold."
    found = find_attributions(text)
    assert found and all(a.source is not None and a.source.text == "The minister" for a in found)



@pytest.mark.parametrize("text, word, source", [
    ("On her papers, in a box labeled “medical problem,” a nurse had typed “a risk to others.”", "labeled", None),
    ('The council published a report titled "Why the ferries must stay" on Monday.', "titled", None),
    ('The protesters chanting "Save the ferries" marched to the harbour.', "chanting", "The protesters"),
])
def test_a_participle_names_its_noun_as_source_only_when_the_noun_acts(text, word, source):
    # "a box labeled …" is what is named, not who names it; "the protesters chanting …" chant
    from storylens.claims.attribution_sources import source_of
    from storylens.enrich.nlp import english

    doc = english(entities=False)(text)
    found = source_of(next(token for token in doc if token.text == word))
    assert (doc[found[0]:found[1]].text if found else None) == source


def test_a_correction_notice_is_no_attribution():
    text = "Correction: An earlier version of this article misstated the date of the Fenmoor council vote."
    assert find_attributions(text) == []
    assert find_attributions("An earlier version of this story incorrectly said the harbour master had resigned.") == []


def test_a_title_cased_headline_line_is_no_speaker():
    assert find_attributions("Quiet Over Quayside: Harbour Board Was Warned Twice\n") == []
    found = find_attributions("Okafor: No outside pressure on the harbour inquiry\n")
    assert [a.source.text for a in found] == ["Okafor"]


def test_a_verb_in_what_an_outlet_reported_is_no_cue():
    # 'approved' takes a clause elsewhere; here its clause is what the Courant reported
    text = ("Tessaly's water agency approved a loan of $90 million with Brennock, "
            "The Upland Courant reported, citing people familiar with the matter.")
    found = find_attributions(text)
    assert not by_cue(found, "approved")
    assert [a.source.text for a in by_cue(found, "reported")] == ["The Upland Courant"]


def test_a_speech_verb_in_what_an_outlet_reported_stays_a_cue():
    text = ("Tessaly's water agency denied the deal with Brennock, "
            "The Upland Courant reported, citing people familiar with the matter.")
    found = find_attributions(text)
    assert [a.source.text for a in by_cue(found, "denied")] == ["Tessaly's water agency"]
    assert [a.source.text for a in by_cue(found, "reported")] == ["The Upland Courant"]


def test_sources_cited_by_an_outlet_are_carried_by_the_outlet():
    text = "According to anonymous sources cited by the Vellmark Post, the ministry will sell the ferry line."
    found = find_attributions(text)
    [according] = by_cue(found, "According to")
    [cited] = by_cue(found, "cited")
    assert according.source.text == "anonymous sources"  # the sources, not the outlet that cites them
    assert cited.source.text == "the Vellmark Post"
    assert cited.content.start <= according.source.start and cited.content.end >= according.content.end

    text = "The ministry will sell the ferry line, officials quoted by Coastal Wire said."
    found = find_attributions(text)
    [said] = by_cue(found, "said")
    [quoted] = by_cue(found, "quoted")
    assert said.source.text == "officials" and quoted.source.text == "Coastal Wire"
    assert quoted.content.start <= said.content.start and quoted.content.end >= said.source.end
