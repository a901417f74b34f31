"""Whether two figures measure the same thing, and whether they agree. Moved as it was from numbers.py."""
from __future__ import annotations

from storylens.model import Quantity

# An approximate figure ("about 70") agrees with any figure within this share of it.
APPROXIMATE_TOLERANCE = 0.1
_DAYS = {"minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25}


def dimension(quantity: Quantity) -> tuple[str, float] | None:
    """What kind of thing a figure measures, and the factor to that kind's common unit."""
    if quantity.unit in _DAYS:
        return "duration", _DAYS[quantity.unit]
    if quantity.unit:
        return quantity.unit, 1.0
    if quantity.counted:
        return "count of " + quantity.counted.split()[-1], 1.0
    return None


def dimension_names(quantity: Quantity) -> frozenset[str]:
    """The kinds of thing a figure and its conversions measure. Two figures are `comparable`
    exactly when these meet (every figure-conversion pair is tried), so a caller comparing many
    figures pairwise can group them by these names and try only pairs within a group."""
    return frozenset(found[0] for found in map(dimension, (quantity, *quantity.conversions)) if found is not None)


def comparable(a: Quantity, b: Quantity) -> bool:
    """Whether two figures measure the same kind of thing (either may be a conversion)."""
    return _first_comparable_pair(a, b) is not None


def same_quantity(a: Quantity, b: Quantity, tolerance: float = 0.02) -> bool:
    """Whether two figures can be the same amount.

    Units are converted; a figure equals its own conversions. Exact figures agree within
    `tolerance` (a share of the larger); an approximate one within `APPROXIMATE_TOLERANCE`.
    Ranges and one-sided figures agree with whatever falls inside them ("more than 100"
    and "145"). The figures' own units are compared first, conversions only when those
    cannot be, so "$6bn (€5.6bn)" and "$7bn (€5.6bn)" still differ.
    """
    pair = _first_comparable_pair(a, b)
    if pair is None:
        return False
    (x, x_factor), (y, y_factor) = pair
    if x.approximate or y.approximate:
        tolerance = max(tolerance, APPROXIMATE_TOLERANCE)
    x_low, x_high = (bound * x_factor for bound in (x.bounds or (x.value, x.value)))
    y_low, y_high = (bound * y_factor for bound in (y.bounds or (y.value, y.value)))
    gap = max(y_low - x_high, x_low - y_high, 0.0)
    return gap <= tolerance * max(abs(x.value * x_factor), abs(y.value * y_factor))


def _first_comparable_pair(a: Quantity, b: Quantity):
    # Each figure's dimension is found once, not once per pair it is in (the judge stage asks
    # this 540k times for the biggest stories of a 10k-article run); the order tried is unchanged.
    a_dimension, b_dimension = dimension(a), dimension(b)
    if not (a.conversions or b.conversions):  # the common case: no conversions, one pair
        if a_dimension is not None and b_dimension is not None and a_dimension[0] == b_dimension[0]:
            return (a, a_dimension[1]), (b, b_dimension[1])
        return None
    xs = [(a, a_dimension), *((x, dimension(x)) for x in a.conversions)]
    ys = [(b, b_dimension), *((y, dimension(y)) for y in b.conversions)]
    pairs = [(xs[0], ys[0]), *((xs[0], y) for y in ys[1:]), *((x, ys[0]) for x in xs[1:]),
             *((x, y) for x in xs[1:] for y in ys[1:])]
    for (x, x_dimension), (y, y_dimension) in pairs:
        if x_dimension is not None and y_dimension is not None and x_dimension[0] == y_dimension[0]:
            return (x, x_dimension[1]), (y, y_dimension[1])
    return None
