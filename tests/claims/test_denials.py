"""The denial, no-comment, question and negation cue finders: what they find, where, and what they leave."""
from __future__ import annotations

import pytest

from storylens.claims.denials import denial_cues, negation_cues, no_comment_cues, question_cues


def texts(spans):
    return [span.text for span in spans]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The ministry denied the report on Tuesday.", ["denied"]),
        ("A spokesman denies it.", ["denies"]),
        ("The palace rejected the report outright.", ["rejected the report"]),
        ("The council rejected these damaging allegations.", ["rejected these damaging allegations"]),
        ("Ellison called the story pure fiction.", ["pure fiction"]),
        ("That claim is simply false.", ["simply false"]),
        ("He called it fake news.", ["fake news"]),
        ("The rumour is untrue.", ["is untrue"]),
        ("An untrue rumour spread.", ["untrue"]),
        ("That is not true, she said.", ["not true"]),
        ("It isn't true.", ["n't true"]),
        ("The meeting did not take place.", ["did not take place"]),
        ("The call didn't happen.", ["didn't happen"]),
        ("There was no such call, Peskov said.", ["no such call"]),
        ("Officials dismissed the account as speculation.", ["dismissed the account as"]),
        ("The agency refuted the claims.", ["refuted"]),
        ("Scientists debunked the video.", ["debunked"]),
        ("The photo was a hoax.", ["hoax"]),
        ("The allegations are baseless.", ["are baseless"]),
        ("A denial followed within the hour.", ["denial"]),
    ],
)
def test_denial_cues_find_each_phrase(sentence, expected):
    assert texts(denial_cues(sentence)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "He was denied bail by the court.",  # refusing something is not disputing a claim
        "She was denied entry at the border.",
        "Denise Wallace led the delegation.",  # a name that starts like "deny"
        "The evidence was undeniable.",
        "The spokesman did not confirm or deny the report.",  # declining, not denying
        "The ferry company said something was wrong with the engine.",
        "He was dismissed from his post as director.",
        "The report said the port signed a lease.",
    ],
)
def test_denial_cues_leave_look_alikes(sentence):
    assert denial_cues(sentence) == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("A spokesperson declined to comment.", ["declined to comment"]),
        ("The Kremlin did not confirm or deny the call.", ["did not confirm or deny"]),
        ("The firm would not comment on the lease.", ["would not comment"]),
        ("The mayor's office did not respond to a request for comment.", ["did not respond to a request for comment"]),
        ('"No comment," he said.', ["No comment"]),
        ("The authority neither confirmed nor denied it.", ["neither confirmed nor denied"]),
        ("Ellison could not be reached for comment.", ["could not be reached for comment"]),
        ("The company didn't immediately respond to an email seeking comment.",
         ["didn't immediately respond to an email seeking comment"]),
    ],
)
def test_no_comment_cues(sentence, expected):
    assert texts(no_comment_cues(sentence)) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("It is unclear whether the call took place.", ["It is unclear whether"]),
        ("Analysts questioned the timing of the report.", ["questioned"]),
        ("Several experts have doubts about the figures.", ["doubts"]),
        ("The footage could not be verified.", ["could not be verified"]),
        ("Reuters could not independently verify the account.", ["could not independently verify"]),
        ("The claim has not been independently confirmed.", ["has not been independently confirmed"]),
        ("The minister believes that if reports of a night-time meeting between the harbour master and the "
         "shipping group's chairman are accurate, the council must act.",
         ["if reports of a night-time meeting between the harbour master and the shipping group's chairman are accurate"]),
    ],
)
def test_question_cues(sentence, expected):
    assert texts(question_cues(sentence)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "There is no doubt the lease was signed.",  # asserts, does not doubt
        "Without a doubt, the port will grow.",
        "Two men were questioned by police overnight.",  # an interrogation
        "The spokesman declined to comment.",
    ],
)
def test_question_cues_leave_assertions(sentence):
    assert question_cues(sentence) == []


def test_negation_cues_with_contractions_and_offsets():
    text = "They didn’t sign, never met, and cannot say; no one, not once."
    found = negation_cues(text)
    assert texts(found) == ["n’t", "never", "cannot", "no", "not"]
    assert all(text[s.start : s.end] == s.text for s in found)


def test_negation_cues_ignore_words_containing_no():
    assert negation_cues("Nobel laureates know now; the note is notable.") == []


def test_offsets_point_into_the_original_text():
    text = "First line.\nThe Kremlin DENIED it, calling the report Pure Fiction, and declined to comment."
    for finder in (denial_cues, no_comment_cues):
        for span in finder(text):
            assert text[span.start : span.end] == span.text
    assert texts(denial_cues(text)) == ["DENIED", "Pure Fiction"]


def test_offsets_survive_letters_that_change_length_when_lower_cased():
    text = "İstanbul officials denied the report."  # "İ".lower() is two characters
    (span,) = denial_cues(text)
    assert text[span.start : span.end] == "denied"


@pytest.mark.parametrize("finder", [denial_cues, no_comment_cues, question_cues, negation_cues])
def test_odd_inputs(finder):
    assert finder("") == []
    assert finder("\x00\ufeff  \n") == []
    huge = "The minister denied it. " * 20_000  # half a megabyte: found everywhere, no hang
    assert len(finder(huge)) in (0, 20_000)


def test_reported_questions_and_conditional_belief_are_doubt():
    assert question_cues("Pell would be asked whether the board had voted on the lease.")
    assert question_cues("The minister believes that if reports of the sale are accurate, it is a mistake.")
    assert not question_cues("The reports were published on Monday and the minister read them.")


def test_refraining_and_not_yet_confirming_are_refusals():
    assert no_comment_cues("The spokesman refrained from confirming or denying the reported call.")
    assert no_comment_cues("The White House and the ministry have yet to officially confirm this information.")
    assert no_comment_cues("Halvard Line has not commented.")
    assert no_comment_cues("Neither the authority nor Halvard Line has confirmed the report.")
    assert not no_comment_cues("Neither the authority nor Halvard Line was at the meeting, which confirmed the date.")


def test_denials_of_texts_gives_each_text_its_denial_and_refusal_sentences():
    from storylens.claims.denials import denials_of_texts
    from storylens.enrich.sentences import split_sentences

    texts = ["The mayor denied the report. The port opened in May.", "The firm declined to comment."]
    found = denials_of_texts(texts, [split_sentences(t) for t in texts], [[], []])
    assert [[(d.kind, d.sentence.text) for d in text] for text in found] == [
        [("denial", "The mayor denied the report.")], [("refusal", "The firm declined to comment.")]]
