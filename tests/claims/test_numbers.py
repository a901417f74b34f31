"""Figures found in invented news sentences, and when two figures agree."""
from __future__ import annotations

import math
import time

import pytest

from storylens.claims.numbers import comparable, find_quantities, same_quantity, singular


def only(text: str):
    """The one figure `text` holds (the test fails if there are more or fewer)."""
    found = find_quantities(text)
    assert len(found) == 1, [q.text for q in found]
    assert found[0].text == text[found[0].start:found[0].end]
    return found[0]


@pytest.mark.parametrize(
    "text, figure, value, unit, counted, approximate",
    [
        ("Moscow said it shot down 145 drones overnight.", "145 drones", 145, "", "drone", False),
        # adjectives and noun modifiers between the number and the counted noun are skipped
        ("Kyiv launched 34 Ukrainian attack drones at the base.", "34 Ukrainian attack drones", 34, "", "drone", False),
        ("The fund holds $6 billion in frozen assets.", "$6 billion", 6e9, "USD", None, False),
        ("It was worth 6bn dollars, the ministry said.", "6bn dollars", 6e9, "USD", None, False),
        ("The summit drew about 70 world leaders to Lima.", "about 70 world leaders", 70, "", "world leader", True),
        ("He proposed an 800-mile buffer zone.", "800-mile", 800 * 1.609344, "km", None, False),
        ("The front line runs for 1,300 km along the river.", "1,300 km", 1300, "km", None, False),
        ("She served 20 years in the navy.", "20 years", 20, "year", None, False),
        ("More than 100 were hurt in the blast.", "More than 100", 100, "", None, True),
        ("Nearly half of the voters stayed home.", "Nearly half", 50, "%", None, True),
        ("Inflation rose to 3.5% in the spring.", "3.5%", 3.5, "%", None, False),
        ("Inflation rose to 3.5 per cent in the spring.", "3.5 per cent", 3.5, "%", None, False),
        ("Two people died in the fire.", "Two people", 2, "", "person", False),
        ("A dozen tanks crossed the bridge.", "A dozen tanks", 12, "", "tank", True),
        ("Hundreds of residents fled the town.", "Hundreds of residents", 100, "", "resident", True),
        ("Twenty-five soldiers were captured.", "Twenty-five soldiers", 25, "", "soldier", False),
        ("The council approved €5.6m for repairs.", "€5.6m", 5.6e6, "EUR", None, False),
        ("The bank lost £3.2bn last quarter.", "£3.2bn", 3.2e9, "GBP", None, False),
        ("Fines reached ₽100 billion.", "₽100 billion", 1e11, "RUB", None, False),
        ("Kyiv set aside ₴20 million for shelters.", "₴20 million", 2e7, "UAH", None, False),
        ("Kyiv set aside 20 million hryvnias for shelters.", "20 million hryvnias", 2e7, "UAH", None, False),
        ("The fine was 3 billion roubles.", "3 billion roubles", 3e9, "RUB", None, False),
        ("The fine was 3 billion rubles.", "3 billion rubles", 3e9, "RUB", None, False),
        ("Sponsors pledged $10k each.", "$10k", 1e4, "USD", None, False),
        ("Up to 40 km of road was closed.", "Up to 40 km", 40, "km", None, True),
        ("Police said 10-15 people were detained.", "10-15 people", 10, "", "person", True),
        ("Tens of thousands of people marched.", "Tens of thousands of people", 1e4, "", "person", True),
        ("It cost hundreds of millions of dollars.", "hundreds of millions of dollars", 1e8, "USD", None, True),
        ("A 20-year-old man was arrested.", "20-year-old", 20, "age", None, False),
        ("Only one drone reached the city.", "one drone", 1, "", "drone", False),
        ("Some 2000 soldiers crossed the river.", "Some 2000 soldiers", 2000, "", "soldier", True),
    ],
)
def test_finds_the_figure(text, figure, value, unit, counted, approximate):
    quantity = only(text)
    assert quantity.text == figure
    assert quantity.value == pytest.approx(value)
    assert (quantity.unit, quantity.counted, quantity.approximate) == (unit, counted, approximate)


@pytest.mark.parametrize(
    "text",
    [
        "The war began in 2022 and entered 2024 unresolved.",  # years
        "The call took place on November 11, 2024.",  # a date
        "The call took place on 11 November.",
        "They met on Nov. 7 in Florida.",
        "They met on the 11th of the month.",  # an ordinal
        "The talks start at 10:30 and end at 3 p.m. local time.",  # times
        "Call the newsroom on +1 555 123 4567 or (044) 123-45-67.",  # phone numbers
        "Read it at https://example.com/2024/11/10/story-145.html today.",  # a web address
        "1. Leaders met.\n2) They talked.",  # list markers
        "Flight 17, Article 5, the Boeing 737, F-16s, Su-34 jets and COVID-19.",  # identifiers
        "The 1990s saw 5G and 10am meetings.",  # glued to letters
        "The home side won 3-0 on Sunday.",  # a score
        "The two met in the second half of the year; no one knew.",  # pronoun-like words
        "See section (3) of the report, dated 2024-11-10.",
    ],
)
def test_what_is_not_a_figure(text):
    assert find_quantities(text) == []


def test_a_parenthetical_conversion_is_part_of_the_figure_it_converts():
    text = "Washington pledged six billion US dollars (around 5.6 billion euros) to the fund."
    quantity = only(text)
    assert (quantity.text, quantity.value, quantity.unit) == ("six billion US dollars", 6e9, "USD")
    [euros] = quantity.conversions
    assert (euros.text, euros.value, euros.unit, euros.approximate) == ("around 5.6 billion euros", 5.6e9, "EUR", True)
    assert text[euros.start:euros.end] == euros.text
    assert same_quantity(quantity, euros) and same_quantity(euros, quantity)


def test_a_parenthetical_in_another_kind_of_unit_is_a_figure_of_its_own():
    found = find_quantities("It spent $6bn (20 years of savings).")
    assert [q.unit for q in found] == ["USD", "year"]
    assert found[0].conversions == []


def test_bounds_of_one_sided_and_vague_figures():
    assert only("More than 100 were hurt.").bounds == (100, math.inf)
    assert only("Up to 40 drones hit the city.").bounds == (0, 40)
    assert only("Hundreds of drones hit the city.").bounds == (100, 1000)
    assert only("145 drones hit the city.").bounds is None


def test_offsets_point_into_the_text():
    text = "On Monday, about 70 world leaders pledged $1.2 billion; 34 Ukrainian drones were downed."
    found = find_quantities(text)
    assert [q.text for q in found] == ["about 70 world leaders", "$1.2 billion", "34 Ukrainian drones"]
    assert all(text[q.start:q.end] == q.text for q in found)


@pytest.mark.parametrize(
    "first, second, same",
    [
        ("about 70 leaders", "70 leaders", True),  # an approximate figure gets a wider tolerance
        ("about 70 leaders", "74 leaders", True),
        ("about 70 leaders", "80 leaders", False),
        ("70 leaders", "72 leaders", False),  # exact figures: 2 %
        ("an 800-mile zone", "a 1,287 km zone", True),  # units converted
        ("$1.2 billion", "1.2bn dollars", True),
        ("$1.2 billion", "$1.5 billion", False),
        ("more than 100 drones", "145 drones", True),  # inside the bound
        ("more than 100 drones", "80 drones", False),
        ("hundreds of drones", "145 drones", True),
        ("hundreds of drones", "40 drones", False),
        ("12 months", "one year", True),
        ("3.5%", "3.5 per cent", True),
    ],
)
def test_same_quantity(first, second, same):
    a, b = only(first), only(second)
    assert comparable(a, b)
    assert same_quantity(a, b) is same
    assert same_quantity(b, a) is same


@pytest.mark.parametrize(
    "first, second",
    [
        ("145 drones", "20 people"),  # different counted things
        ("$6 billion", "€6 billion"),  # currencies are never converted at a rate
        ("20 km", "20 years"),
        ("more than 100", "more than 100"),  # a bare number counts nothing we can name
        ("3.5%", "3.5 km"),
    ],
)
def test_not_comparable(first, second):
    a, b = only(first), only(second)
    assert not comparable(a, b)
    assert not same_quantity(a, b)


def test_comparable_counts_match_on_the_counted_noun():
    assert comparable(only("145 drones"), only("34 Ukrainian attack drones"))
    assert not same_quantity(only("145 drones"), only("34 Ukrainian attack drones"))
    assert comparable(only("70 world leaders"), only("65 leaders"))


def test_a_conversion_makes_two_currencies_comparable():
    converted = only("six billion US dollars (around 5.6 billion euros)")
    assert comparable(converted, only("€5.6 billion")) and same_quantity(converted, only("€5.6 billion"))
    assert comparable(converted, only("€7 billion")) and not same_quantity(converted, only("€7 billion"))
    # the figures' own units come first: a shared conversion does not make $6bn equal $7bn
    other = only("seven billion US dollars (around 5.6 billion euros)")
    assert not same_quantity(converted, other)


@pytest.mark.parametrize(
    "plural, single",
    [("drones", "drone"), ("casualties", "casualty"), ("people", "person"), ("churches", "church"),
     ("missiles", "missile"), ("troops", "troop")],
)
def test_singular(plural, single):
    assert singular(plural) == single


@pytest.mark.parametrize(
    "hostile",
    [
        "7" * 1_000_000,
        "1." * 500_000,
        "1,000" * 200_000,
        "one " * 250_000,
        "$" * 1_000_000,
        "12 34 56 " * 100_000,
        "١٢٣ 🙂 \u202e é\u0301 İ " * 50_000,
        "hundreds of " * 100_000,
    ],
)
def test_hostile_input_is_linear_and_does_not_crash(hostile):
    started = time.process_time()
    found = find_quantities(hostile)
    assert time.process_time() - started < 15  # about 1 s here; quadratic would take hours
    assert all(hostile[q.start:q.end] == q.text for q in found)


def test_empty_and_unicode_text():
    assert find_quantities("") == []
    text = "İstanbul: 145 drones"  # "İ" lowers to two characters; offsets must not shift
    assert only(text).text == "145 drones"


def test_one_before_a_preposition_or_a_verb_counts_nothing():
    assert [q.counted for q in find_quantities("It was the only one between the two ferry boards.")] == ["ferry board"]
    assert find_quantities("One told reporters the ferry was late.") == []


def test_between_two_numbers_is_one_range_not_a_bare_number():
    [share] = find_quantities("Turnout rose by between 1 and 3 percent in the harbour wards.")
    assert (share.unit, share.bounds) == ("%", (1.0, 3.0))
    [people] = find_quantities("Between 1 and 2 million people crossed on the ferries.")
    assert (people.counted, people.bounds) == ("person", (1e6, 2e6))
    # without "between", "and" joins two figures
    assert [q.text for q in find_quantities("Korvia won 3 and Vellmark won 4 seats.")] == ["3", "4 seats"]
