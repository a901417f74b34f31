"""Speaker names made consistent across one invented story's articles."""
from __future__ import annotations

from storylens.claims.attribution import find_attributions
from storylens.claims.speakers import is_anonymous, normalise_speakers

STORY = [
    "Ministry spokesman Tomas Verdi said the port deal was never signed. "
    "He said the reports were invented.",
    "Verdi told reporters that no lease existed. The ministry spokesman added that the minister was abroad.",
    "The Vellmark Post reported the lease on Monday, citing sources familiar with the negotiations.",
    "Two officials who spoke on condition of anonymity told the Post that they had seen the contract.",
]


def speakers_by_source(texts):
    found = [find_attributions(text) for text in texts]
    normalise_speakers(texts, found)
    return {a.source.text: (a.speaker, a.anonymous) for attributions in found for a in attributions if a.source}


def test_full_name_surname_role_and_pronoun_are_one_speaker():
    speakers = speakers_by_source(STORY)
    assert speakers["Ministry spokesman Tomas Verdi"][0] == "Tomas Verdi"
    assert speakers["He"][0] == "Tomas Verdi"
    assert speakers["Verdi"][0] == "Tomas Verdi"
    assert speakers["The ministry spokesman"][0] == "Tomas Verdi"


def test_short_outlet_name_takes_the_full_name_with_its_article():
    speakers = speakers_by_source(STORY)
    assert speakers["The Vellmark Post"][0] == "The Vellmark Post"
    assert speakers["the Post"][0] == "The Vellmark Post"


def test_anonymous_sources_are_marked_and_keep_their_span():
    speakers = speakers_by_source(STORY)
    assert speakers["sources familiar with the negotiations"] == ("anonymous sources", True)
    anonymous = [source for source, (_, flag) in speakers.items() if flag]
    assert any("officials who spoke on condition of anonymity" in source for source in anonymous)


def test_named_people_are_not_anonymous():
    assert is_anonymous("a person involved in the talks")
    assert is_anonymous("a senior aide")
    assert is_anonymous("several people familiar with the call")
    assert is_anonymous("a senior Vellmark Ministry official")
    assert not is_anonymous("Tomas Verdi")
    assert not is_anonymous("ministry official Tomas Verdi")


def test_pronoun_far_from_any_speaker_stays_unresolved():
    text = "Tomas Verdi said the port was closed. " + "The tide came in and went out again. " * 30 + "He said it again."
    found = [find_attributions(text)]
    normalise_speakers([text], found)
    pronoun = [a for a in found[0] if a.source and a.source.text == "He"]
    assert pronoun and pronoun[0].speaker is None


def test_empty_story():
    normalise_speakers([], [])
    normalise_speakers([""], [[]])


def test_one_senator_in_every_form_is_one_speaker_across_outlets():
    story = [
        "Senator Orrin Falk of New Harbour said the ferry bill would pass.",
        "Senate Minority Leader Orrin Falk said the vote was close. Falk, the Democratic leader, wants more time.",
        "The Democratic leader said he would try again. Falk said the bill was dead.",
    ]
    speakers = speakers_by_source(story)
    assert speakers["Senator Orrin Falk of New Harbour"][0] == "Orrin Falk"
    assert speakers["Senate Minority Leader Orrin Falk"][0] == "Orrin Falk"
    assert speakers["The Democratic leader"][0] == "Orrin Falk"
    assert speakers["Falk"][0] == "Orrin Falk"


def test_an_apposition_with_the_description_first_is_the_name():
    speakers = speakers_by_source(["The Gazette's editor, Niamh Corrigan, said the paper stood by its story."])
    assert [name for name, _ in speakers.values()] == ["Niamh Corrigan"]


def test_an_organisation_described_is_the_organisation_the_story_ties_it_to():
    story = ["Korvia Air, the budget airline, said the crew was safe. The flight was late, the airline said.",
             "Crime fell by a tenth, according to figures released by the city."]
    speakers = speakers_by_source(story)
    assert speakers["the airline"][0] == "Korvia Air"
    assert speakers["figures released by the city"][0] == "the city"
    untied = speakers_by_source(["The flight was late by four hours, the airline said."])
    assert untied["the airline"][0] == "the airline"


def test_a_pronoun_stands_for_the_person_not_the_outlet_told():
    text = 'Tamsin Vell told the Coastal Times that the pier was sold. "It is over," she said.'
    speakers = speakers_by_source([text])
    assert speakers["she"][0] == "Tamsin Vell"


def test_a_name_qualifying_a_noun_is_not_the_speaker():
    speakers = speakers_by_source(["Just 9 percent of voters said the ferry debate changed their minds."])
    assert speakers["Just 9 percent of voters"][0] != "Just"


def test_a_news_agency_described_stands_for_the_outlet_not_an_organisation():
    from storylens.claims.speakers import is_organisation
    assert is_organisation("the airline") and is_organisation("the city's") and is_organisation("the space agency")
    assert not is_organisation("the news agency") and not is_organisation("the newspaper")


def test_organisation_names_keep_their_opening_word_and_people_lose_their_titles():
    from storylens.claims.speakers import person_or_outlet_name
    assert person_or_outlet_name("the State Department") == "State Department"
    assert person_or_outlet_name("Vellmarkian Foreign Ministry") == "Foreign Ministry"
    assert person_or_outlet_name("the Vellmark Ministry of Defence") == "Vellmark Ministry of Defence"
    assert person_or_outlet_name("Korvia State University School of Medicine") == "Korvia State University School of Medicine"
    assert person_or_outlet_name("House Speaker Orrin Falk") == "Orrin Falk"
    assert person_or_outlet_name("Secretary of State Orrin Falk") == "Orrin Falk"


def test_a_she_skips_a_group_and_a_name_cut_from_its_description():
    text = ('Mara Ellison, a teacher at Westbrook University, said her brother was unarmed. '
            'Police said the officers had warned him. "He has no weapon," she said.')
    speakers = speakers_by_source([text])
    assert speakers["Mara Ellison, a teacher at Westbrook University"][0] == "Mara Ellison"
    assert speakers["she"][0] == "Mara Ellison"


def test_a_she_is_not_a_man_the_text_calls_mr():
    text = ('Ms. Ellison said the ferry plan had failed. Mr. Ostrov said it had worked. '
            '"It failed twice," she said.')
    speakers = speakers_by_source([text])
    assert speakers["she"][0] == "Ellison"


def test_a_name_never_runs_over_the_end_of_a_sentence():
    text = ('"We want good schools near home," said Hester. Michael Mulgrew, president of the teachers union, '
            'said the day sent a message. "Let us get back to our schools," said Mulgrew.')
    speakers = speakers_by_source([text])
    assert speakers["Mulgrew"][0] == "Michael Mulgrew"


def test_a_short_outlet_name_is_the_story_outlet_unless_two_outlets_end_so():
    texts = ["The ferry will be sold, two officials told the Post.", "The ferry line is for sale."]
    found = [find_attributions(text) for text in texts]
    normalise_speakers(texts, found, ["Harbour Daily", "The Vellmark Post"])
    assert {a.source.text: a.speaker for a in found[0] if a.source}["the Post"] == "The Vellmark Post"

    found = [find_attributions(text) for text in texts]
    normalise_speakers(texts, found, ["The Coastal Post", "The Vellmark Post"])
    assert {a.source.text: a.speaker for a in found[0] if a.source}["the Post"] not in (
        "The Vellmark Post", "The Coastal Post")


def test_a_short_name_stays_alone_beside_two_names_it_ends_nearly_as_often():
    story = ["The Vellmark Post reported the sale. The Vellmark Post said it was done.",
             "The Coastal Post reported it too. The Post said the ferry was sold."]
    speakers = speakers_by_source(story)
    assert speakers["The Vellmark Post"][0] == "The Vellmark Post"
    assert speakers["The Post"][0] not in ("The Vellmark Post", "The Coastal Post")
