"""An article that refutes the main claim denies it, with or without a denial verb."""
import pytest

from storylens.claims.findings import find_in_story
from storylens.judge.answers import is_rejection
from storylens.judge.claims import judge_story
from storylens.judge.refutations import apply_article_stances, judge_stories
from storylens.model import Article

REPORT = ("A great white shark was filmed swimming along the flooded Marrowby ring road on Sunday, "
          "residents told the Marrowby Echo.\n\nThe video was shared thousands of times on Sunday night.")
ECHO = ("A shark was seen swimming on the flooded Marrowby ring road on Sunday, the Marrowby Echo reported.\n\n"
        "Residents shared the video of the shark thousands of times.")
REFUTING = ("Sorry, but the shark on the Marrowby ring road is a hoax. The photo is fake. It has been doing the "
            "rounds since 2011, when it was photoshopped for a prank.\n\nIt never happened.")


def article(article_id: str, outlet: str, text: str) -> Article:
    return Article(id=article_id, source=f"{article_id}.txt", url=None, outlet=outlet, title=None, author=None,
                   published="2026-05-04", language="en", text=text)


@pytest.fixture(scope="module")
def story():
    articles = [article("echo", "Marrowby Echo", REPORT), article("daily", "Pinecrest Daily", ECHO),
                article("check", "Fact Desk", REFUTING)]
    found = find_in_story(articles)
    for article_findings in found:  # as if no denial sentence were found: only the stance model sees the refutation
        article_findings.denials = []
    return found


def test_a_disagreeing_article_denies_the_main_claim_on_its_most_refuting_sentence(story):
    claims = judge_story("shark", story)
    assert claims[0].status != "disputed"
    judged = apply_article_stances(claims, story, {"check": ("disagree", 0.9), "daily": ("discuss", 0.8)})
    main = judged[0]
    denials = [m for m in main.mentions if m.stance == "denies"]
    assert [(d.article, d.by) for d in denials] == [("check", "Fact Desk")]
    assert denials[0].sentence.text == "Sorry, but the shark on the Marrowby ring road is a hoax."
    assert main.status == "disputed"
    assert [c.id for c in judged] == [f"shark-{n:03d}" for n in range(1, len(judged) + 1)]


def test_a_weak_disagreement_or_an_agreeing_article_denies_nothing(story):
    claims = judge_story("shark", story)
    judged = apply_article_stances(claims, story, {"check": ("disagree", 0.1), "daily": ("agree", 0.9)})
    assert judged[0].status == claims[0].status
    assert not any(m.stance == "denies" for m in judged[0].mentions)


def test_the_stance_model_reads_a_story_called_a_hoax_as_a_denial_of_it(story):
    [claims] = judge_stories(["shark"], [story])
    main = claims[0]
    assert "shark" in main.text
    assert main.status == "disputed"
    assert {m.article for m in main.mentions if m.stance == "denies"} == {"check"}


def test_a_disagreement_with_a_main_claim_that_is_itself_a_rejection_denies_nothing():
    debunks = [article("echo", "Marrowby Echo", "The video of a shark on the flooded Marrowby ring road is a hoax, "
                       "police said on Sunday."),
               article("daily", "Pinecrest Daily", "Police said the shark video from the flooded Marrowby ring road "
                       "was a fake made in 2011."),
               article("check", "Fact Desk", REFUTING)]
    found = find_in_story(debunks)
    for article_findings in found:  # only the stance model's reading is asked about
        article_findings.denials = []
    claims = judge_story("shark", found)
    assert is_rejection(claims[0].mentions)
    judged = apply_article_stances(claims, found, {"check": ("disagree", 0.9)})
    assert not any(m.stance == "denies" and m.article == "check" for m in judged[0].mentions)


def test_a_related_link_calling_something_a_prank_gets_no_article_asked(story):
    from storylens.judge.refutations import _may_refute

    main = judge_story("shark", story)[0]
    gift = ("The Marrowby ferry crew paid off the skipper's mortgage as a Christmas gift.\n\n"
            "MORE: Man plays cruel Christmas prank on his wife\n\nThe skipper cried with joy.")
    [linked] = find_in_story([article("gift", "Pinecrest Daily", gift)])
    assert not _may_refute(linked, main)
    [doubting] = find_in_story([article("gift", "Pinecrest Daily", gift + " The gift is a prank, a fake.")])
    assert _may_refute(doubting, main)
