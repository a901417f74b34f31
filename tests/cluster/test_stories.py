"""The online clusterer with the real embedding model, on small invented stories."""
from datetime import datetime, timedelta, timezone

import pytest

from storylens.cluster.stories import StoryClusterer, assign_stories, export_state, restore_state
from storylens.model import NewsItem

DAY0 = datetime(2025, 3, 10, 9, 0, tzinfo=timezone.utc)

LEASE = [
    ("Port authority secretly agreed to lease North Quay to Halvard Line",
     "The Calderwick Port Authority agreed a 40-year lease of its North Quay terminal to Halvard Line, two people familiar with the deal said."),
    ("Calderwick port denies North Quay lease report",
     "A spokesperson for the Calderwick Port Authority called the report of a North Quay lease to Halvard Line pure invention."),
    ("Council demands port board minutes over North Quay deal",
     "Calderwick councillors asked the port authority to publish the board minutes on the reported Halvard Line lease of North Quay."),
]
MARATHON = [
    ("Spring marathon returns to the harbour route",
     "The Wendell spring marathon will again start at the ferry pier and pass the lighthouse, organisers said on Friday."),
    ("Three thousand runners expected at Wendell marathon",
     "Organisers of the Wendell marathon expect about 3,000 runners on the harbour course, which passes the lighthouse."),
    ("Wendell marathon road closures announced",
     "Roads along the harbour will close on Sunday morning for the Wendell marathon, the organisers and police said."),
]


def items(pairs, prefix, start=DAY0, step=timedelta(hours=5)):
    return [NewsItem(f"{prefix}{k}", text, title, start + k * step) for k, (title, text) in enumerate(pairs)]


@pytest.fixture(scope="module")
def clusterer_factory():
    from storylens.enrich.embed import english_embedder

    english_embedder()  # load once for the module
    return lambda **options: StoryClusterer(**options)


def partition(assigned):
    groups = {}
    for position, story in enumerate(assigned):
        groups.setdefault(story, []).append(position)
    return sorted(groups.values())


def test_two_unrelated_stories_are_told_apart(clusterer_factory):
    batch = items(LEASE, "l") + items(MARATHON, "m")
    assert partition(assign_stories(batch, clusterer=clusterer_factory())) == [[0, 1, 2], [3, 4, 5]]


def test_input_order_does_not_change_the_partition(clusterer_factory):
    batch = items(LEASE, "l") + items(MARATHON, "m")
    shuffled = [batch[k] for k in (5, 0, 3, 2, 4, 1)]
    assigned = assign_stories(shuffled, clusterer=clusterer_factory())
    by_id = dict(zip((item.id for item in shuffled), assigned))
    assert by_id["l0"] == by_id["l1"] == by_id["l2"] != by_id["m0"] == by_id["m1"] == by_id["m2"]


def test_lower_cased_feed_items_cluster_too(clusterer_factory):
    lowered = [(title.lower(), text.lower()) for title, text in LEASE + MARATHON]
    batch = items(lowered[:3], "l") + items(lowered[3:], "m")
    assert partition(assign_stories(batch, clusterer=clusterer_factory())) == [[0, 1, 2], [3, 4, 5]]


def test_articles_weeks_apart_start_a_new_story(clusterer_factory):
    early = items(LEASE[:2], "a")
    late = items(LEASE[2:], "b", start=DAY0 + timedelta(days=40))
    assigned = assign_stories(early + late, clusterer=clusterer_factory(window_days=7))
    assert assigned[0] == assigned[1] != assigned[2]


def test_story_ids_are_stable_across_runs(clusterer_factory):
    batch = items(LEASE, "l") + items(MARATHON, "m")
    assert assign_stories(batch, clusterer=clusterer_factory()) == assign_stories(batch, clusterer=clusterer_factory())


def test_exported_state_lets_a_new_clusterer_continue_the_stories(clusterer_factory):
    first = clusterer_factory()
    before = first.add(items(LEASE[:2], "l") + items(MARATHON[:2], "m"))
    frequencies, stories = export_state(first)
    second = clusterer_factory()
    restore_state(second, frequencies, first.frequencies.documents, stories)
    later = items([LEASE[2]], "l9", start=DAY0 + timedelta(days=1)) + items([MARATHON[2]], "m9", start=DAY0 + timedelta(days=1))
    assert second.add(later) == [before[0], before[2]]


LIBRARY = [
    ("Calderwick library to reopen in the Old Customs House",
     "The Calderwick public library will reopen on Saturday in the restored Old Customs House after an 18-month renovation."),
    ("Old Customs House library opens its doors again",
     "Readers queued outside the Old Customs House in Calderwick as the library reopened with a new children's floor."),
]


def test_two_stories_from_one_town_on_the_same_days_stay_apart(clusterer_factory):
    # Small batches have few rival stories; a lone story must still be close enough on its own.
    batch = items(LEASE, "l") + items(LIBRARY, "b", start=DAY0 + timedelta(hours=1))
    assigned = assign_stories(batch, clusterer=clusterer_factory())
    assert len({assigned[0], assigned[1], assigned[2]}) == 1
    assert assigned[3] == assigned[4] != assigned[0]
