"""Near-duplicate copies on small invented articles: what counts as a copy, and of which version."""
import random
from datetime import datetime, timedelta, timezone

import pytest

from storylens.cluster.neardup import (
    MAX_EARLIER_PER_BUCKET, MAX_GROWTH, MIN_CONTAINMENT, MIN_WORDS, find_copies, is_copy, shingle_hashes, words_of,
)
from storylens.model import NewsItem

WIRE = [
    "The Kessling river bridge will close to all traffic for six weeks from Monday after inspectors found "
    "cracks in two of its steel supports, the regional transport office said on Thursday evening.",
    "Commuters from the northern suburbs will be sent over the old ferry road, which the office expects to "
    "add at least twenty minutes to a morning journey into the city centre.",
    "\"We cannot take any risk with a structure that carries forty thousand vehicles a day,\" said Ilse Marquardt, "
    "who heads the office, adding that the repairs had been planned for next spring.",
    "Local traders said the closure would hit the riverside market hardest, and asked the city to waive "
    "stall fees until the bridge reopens to cars and buses.",
]
# The same story written up independently: same facts and the same quote, different words.
OWN_REPORT = [
    "Drivers who cross the Kessling every day face a long detour: the bridge shuts on Monday for about six "
    "weeks, after an inspection turned up cracked steel supports under the eastern span.",
    "\"We cannot take any risk with a structure that carries forty thousand vehicles a day,\" said Ilse Marquardt, "
    "the head of the regional transport office, at a press conference.",
    "Buses will run on the ferry road instead, and the office has promised extra departures at rush hour "
    "while the works go on.",
]
MONDAY = datetime(2025, 5, 5, 8, 0, tzinfo=timezone.utc)


def item(item_id: str, paragraphs: list[str], hours: float | None = 0, title: str = "Bridge to close") -> NewsItem:
    published = None if hours is None else MONDAY + timedelta(hours=hours)
    return NewsItem(id=item_id, text="\n\n".join(paragraphs), title=title, published=published)


def changed(paragraphs: list[str], replacements: dict[str, str]) -> list[str]:
    text = "\n\n".join(paragraphs)
    for old, new in replacements.items():
        assert old in text
        text = text.replace(old, new)
    return text.split("\n\n")


def test_the_same_text_under_another_headline_is_a_copy():
    original = item("wire", WIRE, title="Kessling bridge to close for six weeks")
    repost = item("repost", WIRE, hours=2, title="Six weeks of detours: the bridge shuts Monday")
    assert find_copies([original, repost]) == {"repost": "wire"}


def test_a_copy_with_a_new_header_line_is_a_copy():
    repost = item("repost", ["By our staff and agencies. Updated 10:40, first published 09:12."] + WIRE, hours=2)
    assert find_copies([item("wire", WIRE), repost]) == {"repost": "wire"}


def test_a_copy_without_its_last_paragraph_is_a_copy():
    trimmed = item("trimmed", WIRE[:-1], hours=1)
    assert find_copies([item("wire", WIRE), trimmed]) == {"trimmed": "wire"}


def test_a_copy_with_a_few_words_changed_is_a_copy():
    edited = item("edited", changed(WIRE, {"six weeks": "six full weeks", "Thursday": "Friday",
                                          "hardest": "worst"}), hours=3)
    assert find_copies([item("wire", WIRE), edited]) == {"edited": "wire"}


def shingles(paragraphs: list[str]) -> frozenset[int]:
    return frozenset(shingle_hashes(words_of("\n\n".join(paragraphs))).tolist())


def test_two_reports_of_one_story_sharing_a_quote_are_not_copies():
    assert not is_copy(shingles(OWN_REPORT), shingles(WIRE))  # the rule, not only LSH, says no
    assert find_copies([item("wire", WIRE), item("own", OWN_REPORT, hours=1)]) == {}


def test_a_rewrite_is_not_a_copy():
    # Every sentence reworded: the story and its facts are the same, the text is not.
    rewrite = item("rewrite", changed(WIRE, {
        "will close to all traffic for six weeks from Monday": "shuts for six weeks on Monday",
        "the regional transport office said on Thursday evening": "officials announced late on Thursday",
        "will be sent over the old ferry road, which the office expects to": "must take the ferry road, likely to",
        "adding that the repairs had been planned for next spring": "and the repairs were due next spring anyway",
        "Local traders said the closure would hit": "Traders expect the closure to hurt",
    }), hours=1)
    assert find_copies([item("wire", WIRE), rewrite]) == {}


def test_the_earliest_version_is_the_original_whatever_the_input_order():
    later = item("later", WIRE, hours=5)
    earliest = item("earliest", WIRE[:-1], hours=0)
    middle = item("middle", WIRE, hours=2)
    assert find_copies([later, middle, earliest]) == {"later": "earliest", "middle": "earliest"}


def test_equal_times_fall_back_to_input_order():
    assert find_copies([item("b", WIRE), item("a", WIRE)]) == {"a": "b"}


def test_an_undated_version_never_counts_as_the_earliest():
    assert find_copies([item("undated", WIRE, hours=None), item("dated", WIRE, hours=30)]) == {"undated": "dated"}


def test_a_copy_of_a_copy_points_at_the_original():
    a = WIRE
    b = changed(a, {"six weeks": "seven weeks", "Thursday evening": "Thursday night", "twenty minutes": "half an hour"})
    c = changed(b, {"northern suburbs": "north side", "Ilse Marquardt": "Ms Marquardt", "riverside market": "market"})
    sets = {"a": shingles(a), "b": shingles(b), "c": shingles(c)}
    # The case this test is about: C is too far from A to match it directly, but matches B.
    assert is_copy(sets["b"], sets["a"]) and is_copy(sets["c"], sets["b"]) and not is_copy(sets["c"], sets["a"])
    copies = find_copies([item("c", c, hours=4), item("b", b, hours=2), item("a", a, hours=0)])
    assert copies == {"b": "a", "c": "a"}


def test_a_later_expanded_version_adds_reporting_and_is_not_a_copy():
    brief = item("brief", WIRE[:2], hours=0)
    full = item("full", WIRE + OWN_REPORT + [p.replace("Kessling", "Kessling river") for p in OWN_REPORT], hours=3)
    assert find_copies([brief, full]) == {}
    assert find_copies([item("full", WIRE, hours=0), item("brief", WIRE[:2], hours=3)]) == {"brief": "full"}


def test_short_texts_are_never_copies():
    flash = "Kessling bridge to close for six weeks from Monday after cracks were found, officials said."
    assert len(words_of(flash)) < MIN_WORDS
    assert find_copies([item("a", [flash]), item("b", [flash], hours=1)]) == {}


def test_a_text_of_exactly_the_minimum_length_can_be_copied():
    words = " ".join(WIRE).split()[:MIN_WORDS]
    assert len(words_of(" ".join(words))) == MIN_WORDS
    assert find_copies([item("a", [" ".join(words)]), item("b", [" ".join(words)], hours=1)]) == {"b": "a"}


@pytest.mark.parametrize(
    "later, earlier, copied",
    [
        (range(100), range(100), True),  # the same shingles
        (range(80), range(100), True),  # trimmed to 80%: all of the shorter is in the longer
        (range(20), range(100), True),  # trimmed hard: still nothing but the earlier text
        (range(20, 100), range(100), True),  # a new opening cut away
        (range(100), range(20, 120), True),  # containment exactly at the threshold
        (range(100), range(21, 121), False),  # just below it
        (range(150), range(100), True),  # grown by exactly MAX_GROWTH: a long header
        (range(151), range(100), False),  # grown by more: an expanded report, not a copy
        (range(0), range(100), False),  # nothing to compare
    ],
)
def test_copy_rule_at_its_edges(later, earlier, copied):
    assert MIN_CONTAINMENT == 0.8 and MAX_GROWTH == 1.5  # the cases above are written for these
    assert is_copy(frozenset(later), frozenset(earlier)) is copied


def test_words_are_compared_without_case_and_punctuation():
    shouting = [paragraph.upper().replace(",", " ;") for paragraph in WIRE]
    assert find_copies([item("wire", WIRE), item("loud", shouting, hours=1)]) == {"loud": "wire"}


def test_copies_are_found_among_many_unrelated_texts():
    rng = random.Random(7)
    vocabulary = [f"{syllable}{n}" for syllable in ("ka", "lo", "mi", "ren", "tus") for n in range(400)]
    items = [NewsItem(id=f"n{i}", text=" ".join(rng.choices(vocabulary, k=120)),
                      published=MONDAY + timedelta(minutes=i)) for i in range(3000)]
    sources = rng.sample(range(3000), 40)
    expected = {}
    for number, source in enumerate(sources):
        words = items[source].text.split()
        kept = words[: rng.randint(70, 120)]  # trimmed to between 58% and 100%
        items.append(NewsItem(id=f"copy{number}", text="Agency report. " + " ".join(kept),
                              published=items[source].published + timedelta(hours=1)))
        expected[f"copy{number}"] = items[source].id
    assert find_copies(items) == expected


def test_a_text_reposted_many_times_points_every_copy_at_the_original():
    # More re-posts than a bucket pairs with its earliest members: each still finds the original.
    count = 3 * MAX_EARLIER_PER_BUCKET
    reposts = [item(f"repost{n}", [f"Update {n} from our desk."] + WIRE, hours=n + 1) for n in range(count)]
    copies = find_copies([*reposts, item("wire", WIRE)])
    assert copies == {f"repost{n}": "wire" for n in range(count)}


def test_nothing_in_nothing_out():
    assert find_copies([]) == {}
