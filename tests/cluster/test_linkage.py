"""Batch story clustering (average linkage in time blocks), with the real embedding model."""
import dataclasses
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from storylens.cluster.linkage import LinkageClusterer, link_stories, linked_groups
from storylens.cluster.similarity import (
    RARE_WORDS_FROM, TIME_WEIGHT, headline, load_linkage_model, model_from_json, time_penalty,
)
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


@pytest.mark.xfail(strict=True, reason="known limitation: in a batch of eight, reports written from one template "
                   "about two towns meet (the IDF prior for tiny batches weakens the town names, and the veto "
                   "holds only between two groups of three: beyond, it split real big stories); see "
                   "bench/cluster_scale.py at 1k+ and tests/cluster/test_veto_and_length.py")
def test_templated_stories_about_different_towns_stay_apart():
    # Four reports each on two fires, written from one template: only the town, the witness
    # and the figures differ.
    first = [fire("Marlbridge", "Greta Lindqvist", 40, k) for k in range(4)]
    second = [fire("Ostwick", "Hugo Tanaka", 85, k) for k in range(4)]
    batch = [item for pair in zip(items(first, "a"), items(second, "b", start=DAY0 + timedelta(hours=1)))
             for item in pair]  # interleaved in time
    story = dict(zip((item.id for item in batch), link_stories(batch)))
    first_stories, second_stories = {story[f"a{k}"] for k in range(4)}, {story[f"b{k}"] for k in range(4)}
    assert not first_stories & second_stories  # no story mixes the two fires
    assert len(first_stories) < 4 and len(second_stories) < 4  # each fire's reports do meet


RETOLD = ("Three weeks on: the secret North Quay lease to Halvard Line",
          "Three weeks after it was first reported, the Calderwick Port Authority's 40-year lease of the North Quay "
          "terminal to Halvard Line is still unexplained; the port authority still calls the report pure invention.")


def test_the_same_event_retold_three_weeks_later_joins_its_story():
    retold = items([RETOLD], "r", start=DAY0 + timedelta(days=21))
    assigned = link_stories(items(LEASE, "l") + items(MARATHON, "m") + retold)
    assert assigned[6] == assigned[0] == assigned[1] == assigned[2] != assigned[3]


def test_an_undated_retelling_joins_its_story():
    undated = [NewsItem("u0", RETOLD[1], RETOLD[0], None)]
    assigned = link_stories(items(LEASE, "l") + items(MARATHON, "m") + undated)
    assert assigned[6] == assigned[0] != assigned[3]


def test_two_unrelated_stories_a_day_apart_stay_apart():
    assigned = link_stories(items(LEASE, "l") + items(MARATHON, "m", start=DAY0 + timedelta(days=1)))
    assert partition(assigned) == [[0, 1, 2], [3, 4, 5]]


def test_time_lowers_the_margin_up_to_a_cap_and_only_between_dated_items():
    times = np.array([0.0, 3600.0, 86400.0, 21 * 86400.0, np.nan])
    penalty = time_penalty(times, TIME_WEIGHT)
    assert penalty[0, 0] == 0.0
    assert penalty[0, 1] < penalty[0, 2] < penalty[0, 3] <= TIME_WEIGHT  # grows with the gap, then saturates
    assert penalty[0, 3] > 0.99 * TIME_WEIGHT
    assert penalty[0, 4] == penalty[4, 3] == 0.0  # undated: no evidence either way


def test_a_log_shaped_time_term_keeps_growing_with_the_gap():
    times = np.array([0.0, 86400.0, 7 * 86400.0, 21 * 86400.0, 90 * 86400.0, np.nan])
    penalty = time_penalty(times, 0.15, 2.0, "log")
    assert penalty[0, 1] == pytest.approx(0.15 * np.log(1.5), rel=1e-5)
    assert penalty[0, 1] < penalty[0, 2] < penalty[0, 3] < penalty[0, 4]
    assert penalty[0, 4] > 0.15 * 3  # no cap: months apart weigh more than any cap of a few tenths
    assert penalty[0, 5] == penalty[5, 0] == 0.0
    with pytest.raises(ValueError):
        time_penalty(times, 0.15, 2.0, "linear")


def test_a_time_grace_frees_pairs_within_it_and_delays_the_rest():
    times = np.array([0.0, 12 * 3600.0, 86400.0, 3 * 86400.0, np.nan])
    penalty = time_penalty(times, 0.15, 2.0, "log", grace_days=1.0)
    assert penalty[0, 1] == penalty[0, 2] == 0.0  # within a day: free
    assert penalty[0, 3] == pytest.approx(0.15 * np.log(2.0), rel=1e-5)  # three days pay as two would
    assert penalty[0, 4] == 0.0


def test_the_time_term_round_trips_through_the_model_file():
    model = load_linkage_model()
    assert model.time_shape in ("saturating", "log") and model.time_scale_days > 0
    assert model_from_json(model.to_json()) == model
    older = {k: v for k, v in model.to_json().items() if k not in ("time_shape", "time_scale_days", "time_grace_days")}
    assert model_from_json(older).time_shape == "saturating"  # a model file from before the shapes
    assert model_from_json(older).time_grace_days == 0.0


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


def test_average_linkage_joins_while_the_average_similarity_holds():
    # 0-1 close, 2 fairly close to both, 3 above the threshold to 2 only: single linkage would
    # take 3 in, but its average similarity to {0, 1, 2} is far below the threshold.
    similarities = np.array([[1.0, 0.9, 0.6, 0.0],
                             [0.9, 1.0, 0.6, 0.1],
                             [0.6, 0.6, 1.0, 0.55],
                             [0.0, 0.1, 0.55, 1.0]])
    assert partition(linked_groups(similarities - 0.5)) == [[0, 1, 2], [3]]


def test_a_big_story_in_many_wordings_holds_together():
    # Twelve headlines of one rumour, each sharing a word or two with a few others only:
    # nothing may keep its fragments apart once their average margin holds.
    wordings = ["Giant squid washes up on Marrow Bay beach", "Marrow Bay: beachgoers find huge squid",
                "Huge squid found dead at Marrow Bay", "Photos: the giant squid of Marrow Bay",
                "Scientists examine Marrow Bay squid", "Is the Marrow Bay sea creature really a squid?",
                "Marrow Bay creature identified as giant squid", "Squid seven metres long stuns Marrow Bay",
                "Crowds flock to see Marrow Bay squid", "Marrow Bay squid to go to the city museum",
                "Museum takes in the giant squid from Marrow Bay", "Giant squid: what Marrow Bay found"]
    other = ["Tram fares rise in Kestwick next month", "Kestwick council approves tram fare rise",
             "Kestwick tram passengers face higher fares"]
    batch = [NewsItem(f"q{k}", text, None, DAY0 + timedelta(hours=k)) for k, text in enumerate(wordings)]
    batch += [NewsItem(f"t{k}", text, None, DAY0 + timedelta(hours=k)) for k, text in enumerate(other)]
    assert partition(link_stories(batch)) == [list(range(12)), [12, 13, 14]]


def test_a_small_batch_is_cut_at_its_own_threshold():
    model = load_linkage_model()
    assert model.small_batch_threshold is not None and model.small_batch_threshold < model.threshold
    assert model.threshold_after(RARE_WORDS_FROM - 1) == model.small_batch_threshold
    assert model.threshold_after(RARE_WORDS_FROM) == model.threshold
    # Which threshold the clusterer cuts at depends on the batch: with the small one set to
    # join anything, a handful of unrelated items is one story and a big batch is not.
    joins_all = dataclasses.replace(model, small_batch_threshold=-2.0)
    few = items(LEASE[:2], "l") + items(MARATHON[:2], "m")
    assert len(set(link_stories(few, clusterer=LinkageClusterer(joins_all)))) == 1
    many = [item for copy in range(RARE_WORDS_FROM // 6 + 1)
            for item in items(LEASE, f"l{copy}-") + items(MARATHON, f"m{copy}-")]
    assert len(set(link_stories(many, clusterer=LinkageClusterer(joins_all)))) > 1


FERRY = [
    ("Night ferry to Ostrand cancelled for the winter",
     "The operator of the night ferry between Calderwick and Ostrand will stop the service until March."),
    ("Ostrand ferry winter stop angers commuters",
     "Commuters who take the Calderwick to Ostrand night ferry said the winter stop leaves them without a way home."),
    ("Ferry operator defends Ostrand winter timetable",
     "The night ferry operator said too few passengers used the Ostrand crossing in winter to keep it running."),
]


def test_stories_carry_over_blocks_whole_not_as_a_window_of_items():
    # Two items a block, one story carried: the story each block continues is the last one
    # touched, so the lease, marathon and ferry items that come back after two other stories
    # must find their story among the carried stories, not in the last two items.
    stream = [items(pairs[k:k + 1], f"{prefix}{k}", start=DAY0 + timedelta(hours=3 * k + shift))[0]
              for k in range(3) for shift, (pairs, prefix) in enumerate(((LEASE, "l"), (MARATHON, "m"), (FERRY, "f")))]
    one_batch = partition(link_stories(stream))
    assert one_batch == [[0, 3, 6], [1, 4, 7], [2, 5, 8]]
    blocks = LinkageClusterer(block=2, carry=3)
    assert partition(link_stories(stream, clusterer=blocks)) == one_batch
    window = LinkageClusterer(block=2, carry=1)  # one story carried: the others are forgotten
    assert partition(link_stories(stream, clusterer=window)) != one_batch


def test_an_item_left_alone_joins_the_group_it_nearly_matches_and_only_that():
    from storylens.cluster.linkage import with_singletons_placed

    # 0-2 one story; 3 a little below the threshold to it on average; 4 far from everything.
    margin = np.array([[1.0, 0.5, 0.5, -0.02, -0.5],
                       [0.5, 1.0, 0.5, -0.05, -0.5],
                       [0.5, 0.5, 1.0, 0.01, -0.5],
                       [-0.02, -0.05, 0.01, 1.0, -0.5],
                       [-0.5, -0.5, -0.5, -0.5, 1.0]])
    labels = linked_groups(margin)
    assert partition(labels) == [[0, 1, 2], [3], [4]]  # average linkage: 3's average is -0.02
    sizes = np.ones(5)
    assert partition(with_singletons_placed(margin, labels, sizes, 0.0)) == [[0, 1, 2], [3], [4]]
    assert partition(with_singletons_placed(margin, labels, sizes, 0.03)) == [[0, 1, 2, 3], [4]]
    # A row standing for a carried story of three items is not alone: only the lone item moves.
    assert partition(with_singletons_placed(margin[2:, 2:], np.array([0, 1, 2]), np.array([3.0, 1, 1]), 0.03)) \
        == [[0, 1], [2]]


def test_an_item_left_alone_joins_only_a_group_one_of_whose_items_it_matches():
    from storylens.cluster.linkage import with_singletons_placed

    # 0-2 one story; 3 and 4 each 0.03 below it on average: 3 evenly, 4 matching item 0.
    margin = np.array([[1.0, 0.5, 0.5, -0.03, 0.02],
                       [0.5, 1.0, 0.5, -0.03, -0.06],
                       [0.5, 0.5, 1.0, -0.03, -0.05],
                       [-0.03, -0.03, -0.03, 1.0, -0.5],
                       [0.02, -0.06, -0.05, -0.5, 1.0]])
    labels = linked_groups(margin)
    assert partition(labels) == [[0, 1, 2], [3], [4]]
    sizes = np.ones(5)
    assert partition(with_singletons_placed(margin, labels, sizes, 0.05)) == [[0, 1, 2, 3, 4]]
    assert partition(with_singletons_placed(margin, labels, sizes, 0.05, member_margin=0.0)) == [[0, 1, 2, 4], [3]]
    assert partition(with_singletons_placed(margin, labels, sizes, 0.05, member_margin=-0.04)) == [[0, 1, 2, 3, 4]]


def test_the_member_margin_round_trips_through_the_model_file():
    model = dataclasses.replace(load_linkage_model(), singleton_member_margin=-0.02)
    assert model_from_json(model.to_json()) == model
    assert model_from_json({"embedding_weight": 0.3, "threshold": 0.3}).singleton_member_margin is None
