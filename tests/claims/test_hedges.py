"""Hedge cues in invented news sentences: what makes a claim less than certain, and what only looks like it."""
from __future__ import annotations

import time
from importlib import resources

import pytest

from storylens.claims.hedges import hedge_cues, hedge_entries, is_hedged


@pytest.mark.parametrize(
    "text, cues",
    [
        ("The call reportedly took place on Thursday.", ["reportedly"]),
        ("The minister allegedly took bribes.", ["allegedly"]),
        # inflections of a base form ("suggest" in the list)
        ("The leak suggests a deal; an aide suggested otherwise.", ["suggests", "suggested"]),
        # multi-word entries with the forms of "be", and an adverb inside
        ("The envoy is believed to have met him.", ["is believed to"]),
        ("Putin is widely believed to be ill.", ["is widely believed to"]),
        ("It is understood that the two spoke twice.", ["It is understood"]),
        ("Unconfirmed reports say the convoy turned back.", ["Unconfirmed reports"]),
        ("The drones appear to have come from the east.", ["appear to"]),
        ("The strike could escalate the war.", ["could"]),
        ("Talks may resume next week.", ["may"]),
        ("The claim could not be independently verified.", ["claim", "could not be independently verified"]),
        ("Police suspect arson.", ["suspect"]),
        ("Officials estimated the damage at a fraction of that.", ["estimated"]),
        ("That is almost certainly false.", ["almost"]),
        ("I feel that the vote was rigged.", ["feel"]),
        ("REPORTEDLY, THE TALKS FAILED.", ["REPORTEDLY"]),  # case-insensitive
        ("Officials couldn’t say; it is perhaps a bluff.", ["perhaps"]),  # curly apostrophe
    ],
)
def test_finds_hedges(text, cues):
    spans = hedge_cues(text)
    assert [span.text for span in spans] == cues
    assert all(text[span.start:span.end] == span.text for span in spans)
    assert is_hedged(text)


@pytest.mark.parametrize(
    "text",
    [
        "The summit is set for May 5.",  # the month
        "Theresa May met the envoy in May.",  # a name and the month
        "Peskov could not be reached for comment.",  # inability, not doubt
        "About 70 world leaders attended; they talked about the call.",  # approximation, preposition
        "Almost 70 leaders and an estimated 2 million people watched.",  # approximate figures
        "Troops moved around the city.",
        "Residents felt the blast.",  # physical feeling
        "He appeared in court on Monday.",
        "The suspect was arrested.",  # a person, not suspicion
        "She assumed office in January.",
        "There is no doubt the deal was signed.",  # a booster, not a hedge
        "They chose talks rather than war.",
        "He said he would attend and that Russia should pay.",  # excluded from the list
        "The mayor said the claims-free maybeline was suggestive.",  # whole words only
        "The Kremlin confirmed the call took place.",
    ],
)
def test_what_is_not_a_hedge(text):
    assert hedge_cues(text) == []
    assert not is_hedged(text)


def test_sentence_opening_may_is_the_modal():
    assert [span.text for span in hedge_cues("May I ask a question?")] == ["May"]


def test_the_word_list_cites_its_source_and_marks_our_additions():
    listing = resources.files("storylens.claims").joinpath("hedges.txt").read_text(encoding="utf-8")
    header = "\n".join(line for line in listing.splitlines() if line.startswith("#"))
    assert "Hyland" in header and "Recasens" in header and "storylens additions" in header
    ours = listing.split("storylens additions")[1]
    for addition in ("reportedly", "allegedly", "be believed to", "unconfirmed reports", "appear to", "it be understood"):
        assert f"\n{addition}\n" in ours
    entries = hedge_entries()
    assert "suggest" in entries and "could" in entries and "may" in entries
    assert "would" not in entries and "about" not in entries  # listed as "not used", with the reason


def test_empty_and_hostile_text():
    assert hedge_cues("") == [] and not is_hedged("")
    for hostile in ("may could " * 50_000, "İ’é\u0301🙂 " * 100_000, "a" * 1_000_000, "could not " * 100_000):
        started = time.process_time()
        spans = hedge_cues(hostile)
        assert time.process_time() - started < 15  # well under 2 s here; linear in the length
        assert all(hostile[span.start:span.end] == span.text for span in spans)
