"""Batch story clustering (average linkage in time blocks), with the real embedding model."""
import dataclasses
from collections import Counter
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest
from scipy import sparse

from storylens.cluster.linkage import (RARE_WORDS_FROM, LinkageClusterer, constrained_average_linkage, distinctive,
                                       headline, link_stories, load_linkage_model, vetoed)
from storylens.model import NewsItem

DAY0 = datetime(2025, 3, 10, 9, 0, tzinfo=timezone.utc)

LEASE = [
    ("Port authority secretly agreed to lease North Quay to Halvard Line",
     "The Calderwick Port Authority agreed a 40-year lease of its North Quay terminal to Halvard Line, two people "
     "familiar with the deal said."),
    ("Calderwick port denies North Quay lease report",
     "A spokesperson for the Calderwick Port Authority called the report of a North Quay lease to Halvard Line "
     "pure invention."),
    ("Council demands port board minutes over North Quay deal",
     "Calderwick councillors asked the port authority to publish the board minutes on the reported Halvard Line "
     "lease of North Quay."),
]
MARATHON = [
    ("Spring marathon returns to the harbour route",
     "The Wendell spring marathon will again start at the ferry pier and pass the lighthouse, organisers said."),
    ("Three thousand runners expected at Wendell marathon",
     "Organisers of the Wendell marathon expect about 3,000 runners on the harbour course, which passes the "
     "lighthouse."),
    ("Wendell marathon road closures announced",
     "Roads along the harbour will close on Sunday morning for the Wendell marathon, the organisers and police said."),
]


def items(pairs, prefix, start=DAY0, step=timedelta(hours=5)):
    return [NewsItem(f"{prefix}{k}", text, title, start + k * step) for k, (title, text) in enumerate(pairs)]


def partition(assigned):
    found = {}
    for position, story in enumerate(assigned):
        found.setdefault(story, []).append(position)
    return sorted(found.values())


def fire(town: str, person: str, number: int, wording: int) -> tuple[str, str]:
    """One templated fire report: towns and people differ between stories, the wording does not."""
    titles = [f"Fire destroys old mill in {town}", f"{town} old mill gutted by overnight blaze",
              f"Blaze at {town} old mill: {number} people evacuated"]
    leads = [f"A fire broke out at the old mill in {town} late on Monday, and {number} people were evacuated.",
             f"Firefighters from the {town} Fire Service needed {wording + 3} hours to put out the flames.",
             f"{person}, who lives nearby, said the flames could be seen across the whole of {town}."]
    return titles[wording % 3], " ".join(leads[k % 3] for k in (wording, wording + 1))


def test_two_unrelated_stories_are_told_apart():
    assert partition(link_stories(items(LEASE, "l") + items(MARATHON, "m"))) == [[0, 1, 2], [3, 4, 5]]


def test_input_order_does_not_change_the_partition():
    batch = items(LEASE, "l") + items(MARATHON, "m")
    shuffled = [batch[k] for k in (5, 0, 3, 2, 4, 1)]
    story = dict(zip((item.id for item in shuffled), link_stories(shuffled)))
    assert story["l0"] == story["l1"] == story["l2"] != story["m0"] == story["m1"] == story["m2"]


def test_lower_cased_feed_items_cluster_too():
    lowered = [(title.lower(), text.lower()) for title, text in LEASE + MARATHON]
    assert partition(link_stories(items(lowered[:3], "l") + items(lowered[3:], "m"))) == [[0, 1, 2], [3, 4, 5]]


@pytest.mark.xfail(strict=True, reason="known limitation: in a batch of eight, a single report can still join the "
                   "other town's grown story (the distinctive-word veto acts on groups of 3+, and the IDF prior "
                   "for tiny batches weakens the town names); at 1k+ generated records the fires stay apart")
def test_templated_stories_about_different_towns_stay_apart():
    # Four reports each on two fires, written from one template: only the town, the witness
    # and the figures differ. Distinctive words (the town) keep the grown stories apart.
    first = [fire("Marlbridge", "Greta Lindqvist", 40, k) for k in range(4)]
    second = [fire("Ostwick", "Hugo Tanaka", 85, k) for k in range(4)]
    batch = [item for pair in zip(items(first, "a"), items(second, "b", start=DAY0 + timedelta(hours=1)))
             for item in pair]  # interleaved in time
    story = dict(zip((item.id for item in batch), link_stories(batch)))
    first_stories, second_stories = {story[f"a{k}"] for k in range(4)}, {story[f"b{k}"] for k in range(4)}
    assert not first_stories & second_stories  # no story mixes the two fires
    assert len(first_stories) < 4 and len(second_stories) < 4  # each fire's reports do meet


def test_articles_weeks_apart_are_different_stories():
    early = items(LEASE[:2], "a")
    late = items(LEASE[2:], "b", start=DAY0 + timedelta(days=40))
    assigned = link_stories(early + late, clusterer=LinkageClusterer(window_days=7))
    assert assigned[0] == assigned[1] != assigned[2]


def test_a_later_batch_continues_the_stories_of_an_earlier_one():
    clusterer = LinkageClusterer()
    before = clusterer.add(items(LEASE[:2], "l") + items(MARATHON[:2], "m", start=DAY0 + timedelta(hours=12)))
    later = clusterer.add([NewsItem("l9", LEASE[2][1], LEASE[2][0], DAY0 + timedelta(days=1)),
                           NewsItem("m9", MARATHON[2][1], MARATHON[2][0], DAY0 + timedelta(days=1, hours=1))])
    assert before[0] == before[1] != before[2] == before[3]
    assert later == [before[0], before[2]]
    assert clusterer.stories_known == 2


def test_story_ids_are_stable_across_runs():
    batch = items(LEASE, "l") + items(MARATHON, "m")
    assert link_stories(batch) == link_stories(batch)


def test_an_item_without_a_title_is_embedded_by_the_start_of_its_text():
    assert headline(NewsItem("a", "Body text here.", None)) == "Body text here."
    assert headline(NewsItem("a", "Body text here.", "  ")) == "Body text here."
    assert headline(NewsItem("a", "Body text here.", "The title")) == "The title"


@pytest.mark.parametrize(("first", "second", "expected"), [
    # each group names its own town, three items each: two stories
    (Counter({1: 3, 9: 3}), Counter({2: 3, 9: 3}), True),
    # they share their town: one story, whatever else differs
    (Counter({1: 3, 3: 2}), Counter({1: 3, 4: 2}), False),
    # a group of two is too small to know its distinctive words
    (Counter({1: 2}), Counter({2: 3}), False),
])
def test_grown_groups_with_different_distinctive_words_are_vetoed(first, second, expected):
    frequencies = np.zeros(16, dtype=np.int32)
    frequencies[[1, 2, 3, 4]] = (4, 3, 2, 2)
    frequencies[9] = 12  # the topic's word: in both groups and elsewhere, distinctive of neither
    sizes = (2.0 if max(first.values()) == 2 else 3.0, 3.0)
    assert vetoed(first, second, *sizes, frequencies) is expected


def test_distinctive_words_are_used_by_half_the_group_and_rare_outside_it():
    frequencies = np.array([0, 4, 40, 4], dtype=np.int32)
    assert distinctive(Counter({1: 3, 2: 4, 3: 1}), 4.0, frequencies) == {1}


def test_average_linkage_joins_while_the_average_similarity_holds():
    # 0-1 close, 2 fairly close to both, 3 above the threshold to 2 only: single linkage would
    # take 3 in, but its average similarity to {0, 1, 2} is far below the threshold.
    similarities = np.array([[1.0, 0.9, 0.6, 0.0],
                             [0.9, 1.0, 0.6, 0.1],
                             [0.6, 0.6, 1.0, 0.55],
                             [0.0, 0.1, 0.55, 1.0]])
    presence = sparse.csr_matrix((4, 8))
    labels = constrained_average_linkage(similarities, presence, np.zeros(8, dtype=np.int32), 0.5)
    assert partition(labels) == [[0, 1, 2], [3]]


def test_a_small_batch_is_cut_at_its_own_threshold():
    model = load_linkage_model()
    assert model.small_batch_threshold is not None and model.small_batch_threshold < model.threshold
    assert model.threshold_after(RARE_WORDS_FROM - 1) == model.small_batch_threshold
    assert model.threshold_after(RARE_WORDS_FROM) == model.threshold
    # Which threshold the clusterer cuts at depends on the batch: with the small one set to
    # join anything, a handful of unrelated items is one story and a big batch is not.
    joins_all = dataclasses.replace(model, small_batch_threshold=-2.0)
    few = items(LEASE[:2], "l") + items(MARATHON[:2], "m")  # pairs: too small for the distinctive-word veto
    assert len(set(link_stories(few, clusterer=LinkageClusterer(joins_all)))) == 1
    many = [NewsItem(f"n{k}", f"Item {k} about topic {k} with words {k * 7} and {k * 13}.", f"Headline {k} on {k * 3}",
                     DAY0 + timedelta(minutes=k)) for k in range(RARE_WORDS_FROM + 10)]
    assert len(set(link_stories(many, clusterer=LinkageClusterer(joins_all)))) > 1
