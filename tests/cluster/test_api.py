"""`storylens.cluster(records)`: validation, copies, order and shape of the assignments.

Tests that use the real story clusterer give it two clearly separate stories and assert only
what any reasonable clusterer gets right; the rest replace it with a stub, so they test what
this layer adds (copies, validation, order) whatever the clusterer decides.
"""
from datetime import datetime, timedelta, timezone

import pytest

import storylens
from storylens.cluster import stories as stories_module
from storylens.cluster.api import cluster
from storylens.model import Article, Assignment, NewsItem, ProblemKind

FLOOD = [
    ("Floods cut off villages in the Tarn valley",
     "Heavy rain flooded the Tarn valley overnight, cutting off four villages and forcing the evacuation of a "
     "care home in Millau, the regional prefecture said on Sunday. Rescue teams used boats to reach residents."),
    ("Tarn valley flooding: hundreds evacuated as river bursts its banks",
     "Hundreds of residents of the Tarn valley were evacuated after the river burst its banks near Millau. "
     "The prefecture said the water level rose by three metres in six hours and several roads remain closed."),
    ("Millau care home evacuated by boat as Tarn floods",
     "Firefighters evacuated a care home in Millau by boat as the flooded Tarn river rose through the night, "
     "the prefecture said. Four villages in the valley are still cut off and more rain is forecast."),
]
CHESS = [
    ("Teenager wins the Reykjavik open chess tournament",
     "A sixteen-year-old from Tallinn won the Reykjavik open chess tournament on Saturday, beating three "
     "grandmasters on the way and finishing half a point ahead of the top seed after nine rounds."),
    ("Estonian prodigy takes Reykjavik chess title",
     "The Estonian teenager who won the Reykjavik open chess tournament said he had prepared for the final "
     "round against the top seed for a week. He finished with seven and a half points from nine games."),
    ("Reykjavik open: sixteen-year-old beats the grandmasters",
     "Chess fans in Reykjavik watched a sixteen-year-old from Tallinn take the open tournament, finishing "
     "ahead of three grandmasters. The top seed lost the decisive game in the ninth round."),
]
WIRE_TEXT = (
    "The regional prefecture said on Sunday that heavy rain had flooded the Tarn valley overnight, cutting off "
    "four villages, and that a care home in Millau had been evacuated by boat. Rescue teams were still working "
    "in the valley in the afternoon, and more rain was forecast for Monday night."
)
SUNDAY = datetime(2025, 10, 12, 7, 0)


def record(record_id: str, title: str, text: str, hours: float) -> dict:
    return {"id": record_id, "title": title, "text": text,
            "published": (SUNDAY + timedelta(hours=hours)).isoformat() + "Z"}


def two_stories() -> list[dict]:
    """Interleaved in time and input: flood, chess, flood, chess, ..."""
    records = []
    for number, ((flood_title, flood), (chess_title, chess)) in enumerate(zip(FLOOD, CHESS)):
        records.append(record(f"flood{number}", flood_title, flood, hours=2 * number))
        records.append(record(f"chess{number}", chess_title, chess, hours=2 * number + 1))
    return records


@pytest.fixture
def one_story_each(monkeypatch):
    """A stub clusterer that puts every item it is given into a story of its own, and notes them."""
    seen: list[NewsItem] = []

    def assign_stories(items, *, multilingual=False, clusterer=None):
        seen.extend(items)
        return [f"story-{item.id}" for item in items]

    monkeypatch.setattr(stories_module, "assign_stories", assign_stories)
    return seen


def test_two_separate_stories_are_told_apart():  # needs the real clusterer
    assignments = cluster(two_stories())
    story = {a.id: a.story for a in assignments}
    assert story["flood0"] == story["flood1"] == story["flood2"]
    assert story["chess0"] == story["chess1"] == story["chess2"]
    assert story["flood0"] != story["chess0"]


def test_one_assignment_per_record_in_input_order(one_story_each):
    records = list(reversed(two_stories()))  # latest first: order out is order in, not time
    assignments = cluster(records)
    assert [a.id for a in assignments] == [r["id"] for r in records]
    assert all(isinstance(a, Assignment) and a.copy_of is None for a in assignments)
    assert assignments[0].to_record() == {"id": "chess2", "story": "story-chess2"}


def test_a_copy_names_its_original_and_joins_its_story_whatever_the_clusterer_says(one_story_each):
    records = two_stories() + [
        record("wire", "Tarn floods", WIRE_TEXT, hours=0.5),
        record("repost", "Chess and floods: your Sunday briefing", "From the wires: " + WIRE_TEXT, hours=9),
    ]
    assignments = {a.id: a for a in cluster(records)}
    assert assignments["repost"].copy_of == "wire"
    assert assignments["repost"].story == assignments["wire"].story == "story-wire"
    assert assignments["repost"].to_record() == {"id": "repost", "story": "story-wire", "copy_of": "wire"}
    assert "repost" not in [item.id for item in one_story_each]  # a copy is not clustered on its own words


def test_bad_records_are_reported_and_the_rest_is_clustered_in_order(one_story_each):
    problems = []
    records = [{"id": "a", "text": FLOOD[0][1]}, {"text": "no id"}, {"id": "b", "text": "  "},
               {"id": "a", "text": CHESS[0][1]}, "not a record", {"id": "c", "text": CHESS[1][1]}]
    assignments = cluster(records, on_problem=problems.append)
    assert [a.id for a in assignments] == ["a", "c"]
    assert [str(p) for p in problems] == [
        "records[1]: malformed (no 'id')",
        "records[2]: empty (empty 'text' in record 'b')",
        "records[3]: duplicate id ('a' is already the id of records[0])",
        "records[4]: malformed (not a record but str)",
    ]


def test_a_record_with_an_absurd_date_is_clustered_with_a_warning(one_story_each):
    problems = []
    assignments = cluster([{"id": "a", "text": FLOOD[0][1], "published": "1066-10-14"}], on_problem=problems.append)
    assert [a.id for a in assignments] == ["a"]
    assert [p.kind for p in problems] == [ProblemKind.DATE_IGNORED]


def test_news_items_and_articles_mix_with_dicts(one_story_each):
    naive = NewsItem(id="n", text=FLOOD[1][1], published=SUNDAY)  # no zone: read as UTC
    aware = NewsItem(id="m", text=WIRE_TEXT, published=datetime.fromisoformat("2025-10-12T09:00:00+02:00"))
    article = Article(id="art", source="page.html", url=None, outlet="Courier", title=None, author=None,
                      published="2025-10-12", language="en", text=FLOOD[2][1])
    assignments = cluster([{"id": "d", "text": FLOOD[0][1]}, naive, aware, article])
    assert [a.id for a in assignments] == ["d", "n", "m", "art"]
    assert [item.id for item in one_story_each] == ["d", "n", "m", "art"]
    assert one_story_each[1].published == SUNDAY.replace(tzinfo=timezone.utc)
    assert naive.published.tzinfo is None  # the caller's item is left as it was


def test_nothing_in_nothing_out_without_loading_the_clusterer(monkeypatch):
    def fail(items, *, multilingual=False, clusterer=None):
        raise AssertionError("the clusterer was loaded for an empty batch")

    monkeypatch.setattr(stories_module, "assign_stories", fail)
    assert cluster([]) == []
    assert cluster([{"id": "x"}]) == []  # its only record was bad


def test_multilingual_reaches_the_clusterer(monkeypatch):
    asked = []
    monkeypatch.setattr(stories_module, "assign_stories",
                        lambda items, *, multilingual=False, clusterer=None: asked.append(multilingual) or ["s"] * len(items))
    cluster([{"id": "a", "text": "Ein Text."}], multilingual=True)
    assert asked == [True]


def test_storylens_cluster_is_the_api_every_time(one_story_each):
    # `storylens.cluster` is also the name of the package: both must cluster when called.
    first = storylens.cluster([{"id": "a", "text": FLOOD[0][1]}])
    second = storylens.cluster([{"id": "a", "text": FLOOD[0][1]}])
    assert first == second == [Assignment("a", "story-a")]
