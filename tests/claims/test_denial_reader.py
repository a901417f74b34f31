"""The trained denial reader: denial, refusal or neither; who denies; what is denied; its weights file."""
from __future__ import annotations

import json

import pytest

from storylens.claims.attribution import find_attributions
from storylens.claims.denial_features import negated_word, noun_class, tree_flags
from storylens.claims.denial_triggers import is_candidate, triggers_in
from storylens.claims.denial_reader import load_model, read_denials
from storylens.claims.denials import denials_of_texts
from storylens.enrich.nlp import english
from storylens.enrich.sentences import split_sentences
from storylens.model import DenialKind


def read(text):
    return denials_of_texts([text], [split_sentences(text)], [find_attributions(text)])[0]


def kinds(text):
    return [denial.kind for denial in read(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The Varnholt ministry denied the report on Tuesday.",
        "Officials at the Brask harbour board rejected the allegations that the lease was signed in secret.",
        "A spokesman for the Tellwick council said the story was false.",
    ],
)
def test_denials_are_read(text):
    assert kinds(text) == [DenialKind.DENIAL]


@pytest.mark.parametrize(
    "text",
    [
        "The bill would allow shop owners in Ostmere to deny service to anyone.",  # deny in another sense
        "The ferry captain was denied entry at the Dallin border post.",
        "The Ostmere council rejected the zoning bill by seven votes to two.",  # a vote against a bill
        "Police said the smuggler carried a fake passport.",  # fake as a plain adjective
    ],
)
def test_look_alikes_are_not_denials(text):
    assert DenialKind.DENIAL not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "A spokeswoman for the Brask harbour board declined to comment.",
        "The Tellwick council would not confirm or deny the report.",
    ],
)
def test_refusals(text):
    assert kinds(text) == [DenialKind.REFUSAL]


def test_who_denies_in_an_active_sentence_and_what():
    text = "Mayor Ilse Varnholt denied that the port had been sold to a shipping firm."
    [denial] = read(text)
    assert "Varnholt" in denial.by
    assert denial.by_span.text == text[denial.by_span.start : denial.by_span.end]
    assert denial.denied.text.startswith("that the port had been sold")


def test_a_denier_named_with_and_inside_its_name_is_whole():
    [denial] = read("The Brask Office for Harbours and Ferries debunked the report on Tuesday.")
    assert denial.by == "The Brask Office for Harbours and Ferries"
    [denial] = read("The claim was debunked by the Brask Office for Harbours and Ferries.")
    assert denial.by == "the Brask Office for Harbours and Ferries"


def test_what_is_called_a_hoax_is_the_called_thing():
    [denial] = read("The Brask Office for Harbours and Ferries called the report a hoax.")
    assert denial.denied.text == "the report"
    [denial] = read("Mayor Varnholt called him a liar.")  # a person is no proposition: not "him"
    assert denial.denied is None or denial.denied.text != "him"


def test_what_does_not_match_is_what_is_denied():
    [denial] = read("The clerk's account does not match the ledger, auditors said.")
    assert denial.kind == DenialKind.DENIAL
    assert denial.denied.text == "The clerk's account"


def test_who_denies_in_a_passive_sentence():
    [denial] = read("The claims about the harbour lease were rejected by the Brask harbour board.")
    assert denial.kind == DenialKind.DENIAL
    assert "harbour board" in denial.by


def test_who_denies_an_attributed_sentence():
    [denial] = read("Tomas Ekdahl, the council's spokesman, said the report was false.")
    assert "Ekdahl" in denial.by
    assert denial.denied.text == "the report"


def test_the_outlets_own_correction():
    [denial] = read("Correction: the claim that the port was sold is untrue.")
    assert denial.kind == DenialKind.DENIAL
    assert denial.by == "the outlet"
    assert denial.by_span is None


def test_offsets_are_into_the_article_text():
    text = "The lease was signed in May.\n\nThe Varnholt ministry denied the report on Tuesday."
    [denial] = read(text)
    assert text[denial.sentence.start : denial.sentence.end] == denial.sentence.text
    assert denial.sentence.text.startswith("The Varnholt ministry")


def test_empty_texts_and_no_candidates():
    assert denials_of_texts(["", "The port opened."], [[], split_sentences("The port opened.")], [[], []]) == [[], []]


def test_a_model_file_with_unknown_feature_names_is_refused(tmp_path):
    good = {"classes": ["not_denial", "denial", "refusal"], "features": ["trig=deny"], "threshold": 0.5,
            "weights": [[0.0], [1.0], [0.0]], "bias": [0.0, 0.0, 0.0]}
    path = tmp_path / "denial_model.json"
    path.write_text(json.dumps(good), encoding="utf-8")
    assert load_model(path).features == {"trig=deny": 0}
    path.write_text(json.dumps(good | {"features": ["trigger_lemma=deny"]}), encoding="utf-8")
    with pytest.raises(ValueError, match="feature names"):
        load_model(path)
    path.write_text(json.dumps(good | {"classes": ["no", "yes", "maybe"]}), encoding="utf-8")
    with pytest.raises(ValueError, match="classes"):
        load_model(path)


def test_a_no_word_model_is_loaded_and_checked_like_the_main_one(tmp_path):
    main = {"classes": ["not_denial", "denial", "refusal"], "features": ["trig=deny"], "threshold": 0.5,
            "weights": [[0.0], [1.0], [0.0]], "bias": [0.0, 0.0, 0.0]}
    no_word = main | {"features": ["trig=negated"], "threshold": 0.7}
    path = tmp_path / "denial_model.json"
    path.write_text(json.dumps(main | {"no_word": no_word}), encoding="utf-8")
    model = load_model(path)
    assert model.no_word.features == {"trig=negated": 0} and model.no_word.threshold == 0.7
    path.write_text(json.dumps(main | {"no_word": no_word | {"features": ["negation_lemma=not"]}}), encoding="utf-8")
    with pytest.raises(ValueError, match="feature names"):
        load_model(path)


def test_plain_negation_is_parsed_only_in_attributed_sentences():
    assert not is_candidate("The Ostmere ferry did not sail on Monday.")
    assert is_candidate("The Ostmere ferry did not sail on Monday.", reported=lambda at: at >= 18)
    assert not is_candidate("The Ostmere ferry did not sail on Monday.", reported=lambda at: at < 18)
    assert is_candidate("The Ostmere council denied the report.")
    assert is_candidate("The mayor called the account wrong.")  # a rejecting word


def test_negations_are_triggers_only_without_a_denial_word():
    assert [family for family, _, _ in triggers_in("The board said no money was paid.")] == ["negated"]
    assert "negated" not in [family for family, _, _ in triggers_in("The board denied that no money was paid.")]
    assert [family for family, _, _ in triggers_in("The board said the account was ludicrous.")] == ["rejecting"]
    # "wrong", "a lie", "not the case" are denial words: the main model reads them
    assert [family for family, _, _ in triggers_in("The board said the account was wrong.")] == ["wrong"]


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("The harbour board pushed back on those claims.", "push_back"),
        ("The mayor fired back at the councillors on Monday.", "push_back"),
        ("Contrary to the clerk's claims, auditors say he never opened the vault.", "contradict"),
        ("The ledger appears to contradict her testimony.", "contradict"),
        ("His figures have been contested by the harbour board.", "contest"),
        ("Nine inquiries were held and none found any evidence of wrongdoing.", "no_evidence"),
        ("The board said the account was not the case.", "untrue"),
        ("The mayor said his remarks were mischaracterized.", "misrepresent"),
        ("She called the report a lie.", "lie"),
        ("The harbour board said the mayor had misled the council.", "misleading"),
        ("The clerk's account does not match the ledger.", "contradict"),
        ("There is zero evidence for the lease.", "no_evidence"),
        ("The audit fails to provide conclusive proof that the quay was sold.", "no_evidence"),
        ("The inquiry did not find that the clerk opened the vault.", "no_evidence"),
        ("The mayor stretched the truth about the quay.", "misrepresent"),
        ("The mayor erred when she said the quay was sold.", "wrong"),
        ("She called the story a bunch of garbage.", "nonsense"),
        ("He made uncorroborated claims about the lease.", "baseless"),
    ],
)
def test_the_cue_kinds_of_the_definitions_are_triggers(text, family):
    assert family in [found for found, _, _ in triggers_in(text)]


@pytest.mark.parametrize("text", ["The contests in Ostmere and Dallin begin in March.",
                                  "A contested convention in Brask would be a first.",
                                  "The board found evidence of wrongdoing.",
                                  "It was wrong for the council to sell the quay.",  # wrong in a moral sense
                                  "Coins were lying on the mattress when he woke."])
def test_election_contests_wrongdoing_and_lying_down_are_not_triggers(text):
    assert triggers_in(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The Brask harbour board pushed back on those claims, saying the lease was signed in public.",
        "Federal investigators have found no evidence that the Tellwick clerk opened the vault.",
        "Contrary to the clerk's claims, auditors say he never opened the vault.",
        "The Ostmere council called the account a lie.",
        "Mayor Varnholt said her remarks had been mischaracterized.",
    ],
)
def test_the_new_cue_kinds_read_as_denials(text):
    assert kinds(text) == [DenialKind.DENIAL]


@pytest.mark.parametrize(
    "text",
    [
        "The Ostmere ferry took the wrong turn near Dallin.",
        "There is nothing wrong with asking the harbour board about its lease.",
        "The bodies were lying on the quay when the ferry docked.",
        "The Ostmere council rejected the idea of a new harbour tax.",  # a proposal rejected, not a claim
    ],
)
def test_the_new_cue_words_in_other_senses_are_not_denials(text):
    assert DenialKind.DENIAL not in kinds(text)


def test_an_idea_is_a_claim_only_with_a_that_clause():
    def idea_class(text):
        return noun_class(next(token for token in english(entities=False)(text) if token.lower_ == "idea"))
    assert idea_class("The council rejected the idea of a new harbour tax.") == "policy"
    assert idea_class("The council rejected that idea.") == "policy"
    assert idea_class("The mayor rejected the idea that the lease was signed in secret.") == "claim"


def test_a_negation_is_read_at_the_word_it_negates():
    doc = english(entities=False)("The harbour board said no money was paid to the mayor.")
    no = next(token for token in doc if token.lower_ == "no")
    assert negated_word(no).text == "paid"
    doc = english(entities=False)("Mayor Varnholt said he had never discussed the lease.")
    never = next(token for token in doc if token.lower_ == "never")
    assert negated_word(never).text == "discussed"


def test_plain_negation_is_not_a_denial_and_a_reported_one_can_be():
    for text in ("The new Ostmere ferry did not sail before June.", "Nobody in Dallin expected the storm to last."):
        assert kinds(text) == [], text
    # Whether a reported negation denies anything the coverage tells is the judge's to say (judge.mentions)
    text = "Mayor Ilse Varnholt's office said no money was ever paid to the harbour master."
    [denial] = read_denials([text], [split_sentences(text)], [find_attributions(text)], without_word=True)[0]
    assert denial.kind == DenialKind.DENIAL and denial.by == "Mayor Ilse Varnholt's office"
    assert read(text) == []  # off by default (READ_WITHOUT_DENIAL_WORD: measured in bench/rumours.py)


def test_what_a_negation_answers_and_how_it_is_said():
    def flags(text, word):
        doc = english(entities=False)(text)
        return tree_flags(negated_word(next(token for token in doc if token.lower_ == word)))
    answered = flags("Mayor Varnholt insisted he is not a smuggler, amid reports of a deal with the ferry line.", "not")
    assert answered["answering"] and answered["defending"] and answered["copular"]
    assert not answered["intent"]
    planned = flags("The harbour board said it has no plans to sell the ferry.", "no")
    assert planned["intent"] and not planned["answering"] and not planned["defending"]
    paid = flags("The harbour board said the council did not pay the ferry line.", "not")
    assert paid["past"] and not paid["copular"]
    assert not flags("The harbour board said it will not sell the ferry.", "not")["past"]
