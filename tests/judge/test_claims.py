"""The judge end to end on an invented three-outlet story, with the real parser and embedder."""
import pytest

from storylens.claims.findings import find_in_story
from storylens.judge.claims import judge_story
from storylens.judge.figures import claim_figures
from storylens.model import Article

SCOOP = (
    "The Vellmoor transport ministry has agreed to sell the state ferry line to Osk Shipping for $300 million, "
    "two people familiar with the talks told The Marrow Times.\n\n"
    "The sale would end ninety years of public ownership of the ferries. "
    "Osk Shipping declined to comment."
)
ECHO = (
    "The Vellmoor transport ministry has reportedly agreed to sell the state ferry line to Osk Shipping, "
    "The Marrow Times reported on Monday, citing two people familiar with the talks.\n\n"
    "The deal is worth $300 million, the newspaper said. "
    "Dockers in the port of Saltby held a meeting on Monday evening to discuss the sale."
)
DENIAL = (
    "Vellmoor's transport ministry has agreed to sell the state ferry line to Osk Shipping for $350 million, "
    "according to The Marrow Times.\n\n"
    "Ministry spokeswoman Hanna Roos denied the report on Tuesday, calling it \u201cpure fiction\u201d. "
    "Roos said the ministry had no plans to sell the ferry line."
)


def article(article_id: str, outlet: str, title: str, text: str, day: int) -> Article:
    return Article(id=article_id, source=f"{article_id}.txt", url=None, outlet=outlet, title=title, author=None,
                   published=f"2026-03-0{day}", language="en", text=text)


@pytest.fixture(scope="module")
def story():
    articles = [
        article("times", "The Marrow Times", "Ministry agrees to sell state ferry line to Osk Shipping", SCOOP, 2),
        article("daily", "Pinecrest Daily", "Ferry line to be sold to Osk Shipping, report says", ECHO, 2),
        article("wire", "Lakeside Wire", "Vellmoor denies report it will sell ferry line", DENIAL, 3),
    ]
    findings = find_in_story(articles)
    claims = judge_story("ferry", findings)
    return findings, claims


def test_the_main_claim_is_disputed_with_one_origin_and_three_outlets(story):
    _, claims = story
    main = claims[0]
    assert main.id == "ferry-001"
    assert "ferry line" in main.text
    assert main.status == "disputed"
    assert main.origins == ["The Marrow Times"]
    assert main.outlets == ["The Marrow Times", "Pinecrest Daily", "Lakeside Wire"]
    denials = [m for m in main.mentions if m.stance == "denies"]
    assert [d.by for d in denials] == ["Hanna Roos"]


def test_each_outlet_tells_the_main_claim_in_its_own_way(story):
    _, claims = story
    stances = {m.article: m for m in claims[0].mentions if m.stance in ("asserts", "reports")}
    assert stances["times"].attributed_to == ["The Marrow Times", "anonymous sources"]
    assert stances["daily"].hedged and stances["daily"].stance == "reports"
    assert stances["wire"].attributed_to == ["The Marrow Times"]


def test_a_refusal_to_comment_is_not_a_denial(story):
    _, claims = story
    refusals = [m for c in claims for m in c.mentions if m.stance == "no_comment"]
    assert [m.article for m in refusals] == ["times"]


def test_a_claim_one_outlet_tells_stands_alone(story):
    _, claims = story
    dockers = [c for c in claims if "Dockers" in c.text]
    assert len(dockers) == 1 and dockers[0].status == "single_source" and dockers[0].outlets == ["Pinecrest Daily"]


def test_the_figures_disagree(story):
    findings, claims = story
    figures = claim_figures(claims, findings)
    usd = [f for f in figures if f["quantity"] == "USD"]
    assert len(usd) == 1 and not usd[0]["consistent"]
    assert sorted({v["value"] for v in usd[0]["values"]}) == [300e6, 350e6]


def test_an_article_that_opens_on_something_else_still_has_its_telling_embedded():
    from storylens.judge.claims import _embedded_rows
    from storylens.model import Mention, Span, Stance

    from storylens.judge.claims import EMBEDDED_PER_ARTICLE

    tellings = ["Storms closed two ferry routes over the weekend.",
                "The port authority leased North Quay to Halvard Line for forty years, the Gazette reported.",
                "Fuel prices rose again in March.", "The lease of North Quay runs from June.",
                "A school choir sang at the town hall.", "Dock workers held a vote on Friday."]
    answers = ["The authority denied it.", "Nobody confirmed the figures.", "The mayor denied the North Quay lease.",
               "The union questioned the vote.", "Nobody else commented.", "The council denied the Halvard Line lease."]
    stances = [Stance.ASSERTS] * len(tellings) + [Stance.DENIES, Stance.QUESTIONS] * (len(answers) // 2)
    mentions = [Mention(article="a", sentence=Span(0, len(text), text), stance=stance)
                for text, stance in zip(tellings + answers, stances)]
    rows = _embedded_rows(mentions, ["Port authority leases North Quay to Halvard Line"])
    assert EMBEDDED_PER_ARTICLE == 3  # the rows below are the first of each kind and the two closest to the headline
    n = len(tellings)
    assert rows == [0, 1, 3, n, n + 2, n + 5]  # the opening telling and those in the headline's words; likewise the answers


@pytest.mark.parametrize("text", [
    "MORE: Man plays cruel Christmas present prank on his wife in Marrowby",  # a related link
    "\u2022 Marrowby ferry found on the northern sandbank, in pictures",  # a related-link bullet
    "Related: Ferry operators across the region face a winter of strikes",
])
def test_page_furniture_never_tells_the_main_event(text):
    from storylens.judge.claims import tells_an_event

    assert not tells_an_event(text)
    assert tells_an_event("The Marrowby ferry ran aground near the northern pier on Sunday.")


def test_a_sentence_speaking_to_the_reader_tells_no_event():
    from storylens.judge.claims import tells_an_event

    assert not tells_an_event("If you're planning a trip to Marrowby, you probably want to see the pier.")
    assert tells_an_event('"You will see the pier reopen," the Marrowby mayor told the council on Monday.')
    assert tells_an_event("The Marrowby pier reopened on Monday after a year of repairs.")
    assert not tells_an_event("Last month, I walked the length of the Marrowby pier with my father.")
    assert tells_an_event("The Marrowby pier was built in the years before World War I as a ferry landing.")


def test_a_page_printing_sources_an_outlet_cited_echoes_that_outlet():
    post = ("The Vellmoor transport ministry will sell the state ferry line to Osk Shipping for $300 million, "
            "two people familiar with the talks said.")
    page = ("According to anonymous sources cited by the Post, the Vellmoor transport ministry will sell the state "
            "ferry line to Osk Shipping for $300 million.")
    wire = ("The Vellmoor transport ministry will sell the state ferry line to Osk Shipping for $300 million, "
            "The Vellmark Post reported on Monday.")
    articles = [
        article("post", "The Vellmark Post", "Ministry to sell ferry line to Osk Shipping", post, 2),
        Article(id="9f2c41d07be85a13", source="inbox/ferry-page.txt", url=None, outlet=None,
                title="Ferry line to be sold", author=None, published="2026-03-03", language="en", text=page),
        article("wire", "Coastal Wire", "Ferry line sale reported", wire, 3),
    ]
    main = judge_story("ferry", find_in_story(articles))[0]
    assert "ferry line" in main.text and len(main.outlets) == 3
    assert main.origins == ["The Vellmark Post"]  # not the page that has no outlet of its own
