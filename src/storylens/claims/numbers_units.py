"""What follows a figure's digits: its range, scale word and unit (currencies, lengths, masses, shares).

Moved as it was from numbers.py.
"""
from __future__ import annotations

import re

from storylens.claims.numbers_counted import SPACE

DIGITS = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+"
SYMBOLS = {
    "$": "USD", "us$": "USD", "u.s.$": "USD", "a$": "AUD", "c$": "CAD", "nz$": "NZD", "hk$": "HKD",
    "€": "EUR", "£": "GBP", "₽": "RUB", "₴": "UAH", "¥": "JPY", "₹": "INR",
}
_CODES = ("USD", "EUR", "GBP", "RUB", "UAH", "CNY", "JPY", "CHF", "INR", "CAD", "AUD")
CURRENCY_BEFORE = r"US\$|U\.S\.\$|A\$|C\$|NZ\$|HK\$|[$€£₽₴¥₹]|(?:" + "|".join(_CODES) + r")" + SPACE
_SCALE = re.compile(
    rf"{SPACE}*-?{SPACE}*(?P<word>trillion|billion|million|thousand|hundred|tn|bn|bln|mn|mln)\b"
    r"|(?P<glued>m|k|b)(?![\w])",
    re.I,
)
_SCALE_VALUES = {"trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9,
                 "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "thousand": 1e3, "k": 1e3, "hundred": 100}
_RANGE = re.compile(
    rf"{SPACE}*(?:-|–|—|to){SPACE}*(?:{CURRENCY_BEFORE})?{SPACE}?(?P<high>{DIGITS})(?![.,]?[0-9])", re.I
)
_RANGE_AND = re.compile(
    rf"{SPACE}+and{SPACE}+(?:{CURRENCY_BEFORE})?{SPACE}?(?P<high>{DIGITS})(?![.,]?[0-9])", re.I
)
# (pattern, normalised unit, factor to that unit). Order matters: longer wordings first.
_UNIT_TABLE = [
    (r"(?:US|U\.S\.|American)\s+dollars?", "USD", 1.0),
    (r"Canadian\s+dollars?", "CAD", 1.0),
    (r"Australian\s+dollars?", "AUD", 1.0),
    (r"dollars?", "USD", 1.0),
    (r"euros?", "EUR", 1.0),
    (r"pounds?\s+sterling|sterling", "GBP", 1.0),
    (r"pounds?", "GBP", 1.0),  # "a 500-pound bomb" is mass: see read_unit
    (r"(?:Russian\s+)?(?:roubles?|rubles?)", "RUB", 1.0),
    (r"(?:Ukrainian\s+)?(?:hryvnias?|hryvnyas?|hryvnas?|hryvni)", "UAH", 1.0),
    (r"yuan|renminbi", "CNY", 1.0),
    (r"yen", "JPY", 1.0),
    (r"rupees?", "INR", 1.0),
    (r"Swiss\s+francs?", "CHF", 1.0),
    *((code, code, 1.0) for code in _CODES),
    (r"%|per\s*cent|percent|pc", "%", 1.0),
    (r"percentage\s+points?", "pp", 1.0),
    (r"square\s+(?:kilomet(?:re|er)s?|km)|sq\.?\s*km|km2|km²", "km2", 1.0),
    (r"square\s+miles?|sq\.?\s*mi(?:les?)?", "km2", 2.589988),
    (r"hectares?", "km2", 0.01),
    (r"kilomet(?:re|er)s?|km", "km", 1.0),
    (r"nautical\s+miles?", "km", 1.852),
    (r"miles?", "km", 1.609344),
    (r"met(?:re|er)s?|m", "km", 0.001),
    (r"feet|foot|ft", "km", 0.0003048),
    (r"(?:metric\s+)?(?:tonnes?|tons?)", "kg", 1000.0),
    (r"kilo(?:gram)?s?|kg", "kg", 1.0),
    (r"lbs?", "kg", 0.45359237),
    (r"years?(?:\s+|-)old|year-old", "age", 1.0),
    (r"years?|yrs?", "year", 1.0),
    (r"months?", "month", 1.0),
    (r"weeks?", "week", 1.0),
    (r"days?", "day", 1.0),
    (r"hours?", "hour", 1.0),
    (r"minutes?|mins?", "minute", 1.0),
]
_UNIT = re.compile(
    rf"(?P<sep>{SPACE}*-?{SPACE}*)(?:"
    + "|".join(f"(?P<u{i}>{pattern})" for i, (pattern, _, _) in enumerate(_UNIT_TABLE))
    + r")(?![\w])",
    re.I,
)
_UNIT_STARTS = " \t\u00a0\u2009\u202f-%"
CURRENCIES = {unit for _, unit, _ in _UNIT_TABLE if unit.isupper()} | set(SYMBOLS.values())


def read_range(text: str, end: int, between: bool = False) -> tuple[float | None, int | None]:
    """"10-15", "10 to 15", and after "between" "10 and 15": the second number and where it ends
    (else "between 1 and 3 percent" gives a bare "1", a figure of nothing)."""
    match = _RANGE.match(text, end) or (_RANGE_AND.match(text, end) if between else None)
    if not match or len(match.group("high")) > 24:
        return None, None
    return float(match.group("high").replace(",", "")), match.end()


def read_scale(text: str, end: int, money: bool) -> tuple[float, int]:
    match = _SCALE.match(text, end)
    if not match:
        return 1.0, end
    if match.group("word"):
        return _SCALE_VALUES[match.group("word").lower()], match.end()
    glued = match.group("glued").lower()
    # "6m" is six million when money is meant, six metres otherwise.
    if glued == "k" or money or is_money_unit(text, match.end()):
        return _SCALE_VALUES[glued], match.end()
    return 1.0, end


def is_money_unit(text: str, end: int) -> bool:
    return read_unit(text, end)[0] in CURRENCIES


def read_unit(text: str, end: int) -> tuple[str, float, int | None]:
    if end >= len(text) or not (text[end].isalpha() or text[end] in _UNIT_STARTS):
        return "", 1.0, None  # most figures end in punctuation: skip the long pattern
    match = _UNIT.match(text, end)
    if not match:
        return "", 1.0, None
    index = int(match.lastgroup[1:])
    _, unit, factor = _UNIT_TABLE[index]
    if unit == "GBP" and "-" in match.group("sep") and "sterling" not in match.group(0).lower():
        return "kg", 0.45359237, match.end()  # "a 500-pound bomb"
    if not match.group("sep") and match.group(0)[:1].isalpha() and len(match.group(0)) > 3:
        return "", 1.0, None  # a word glued to digits ("5years") is more likely noise than a unit
    return unit, factor, match.end()
