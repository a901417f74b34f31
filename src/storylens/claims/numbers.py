"""Figures in news text: what number, of what, and whether two figures agree.

Pure regular expressions, no spaCy: analyze runs this over every article, and it must stay
near a millisecond per article. Everything it reads is bounded to a short window around
each number, so 1 MB of text or of digits costs linear time.

What `Quantity.value` and `.unit` hold after normalisation:
- money: an ISO code ("USD", "EUR", "GBP", "RUB", "UAH", ...), value in whole units
  ("$6bn" → 6e9 USD). Currencies are never converted at a rate (rates move daily and differ
  by outlet); only a conversion the text itself gives in parentheses links two currencies.
- length → "km", mass → "kg", area → "km2", converted on reading ("800-mile" → 1287.5 km;
  the original wording stays in `text`).
- durations keep their unit ("year", "month", "week", "day", "hour", "minute") and
  `same_quantity` converts between them; ages ("20-year-old") are "age" in years.
- shares → "%" ("3.5%", "nearly half" → 50); percentage points → "pp".
- counts: unit "", `counted` the counted noun in the singular ("34 Ukrainian attack drones"
  → "drone", "about 70 world leaders" → "world leader"); its last word is what `comparable` matches.
- `bounds` when the text gives a range or one side: "more than 100" → (100, inf),
  "up to 100" → (0, 100), "10-15" → (10, 15), "hundreds of" → (100, 1000).

The figure's unit is read in numbers_units.py, what it counts in numbers_counted.py, and the
comparison of two figures is numbers_compare.py.
"""
from __future__ import annotations

import bisect
import math
import re
import string

# comparable, same_quantity and singular are imported from here by their callers
from storylens.claims.numbers_compare import comparable, dimension, same_quantity  # noqa: F401
from storylens.claims.numbers_counted import SPACE, STOP_WORDS, read_counted, singular  # noqa: F401
from storylens.claims.numbers_units import CURRENCIES, CURRENCY_BEFORE, DIGITS, SYMBOLS, read_range, read_scale, read_unit
from storylens.model import Quantity


_SMALL = dict(zip(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split(), range(1, 20)))
_TENS = dict(zip("twenty thirty forty fifty sixty seventy eighty ninety".split(), range(20, 100, 10)))
_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def trie_pattern(words: list[str]) -> str:
    """A regex alternation of literal words or phrases, factored by common prefixes.

    The regex engine then rejects most positions on the first letter, several times faster
    than a plain alternation; the longest entry that matches wins. A space in a phrase
    matches any run of white space.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [(r"\s+" if char == " " else re.escape(char)) + pattern(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if "" in node else "")

    return pattern(trie)


_NUMBER_WORD = trie_pattern([*_SMALL, *_TENS, *_SCALES, "dozen"])
_NUMBER_WORDS = (
    rf"\b(?:an?{SPACE}+(?=(?:dozen|hundred|thousand|million|billion)\b))?(?:{_NUMBER_WORD})"
    rf"(?:(?:{SPACE}+and{SPACE}+|{SPACE}+|-)(?:{_NUMBER_WORD}))*\b"
)
_VAGUE = (
    rf"\b(?:(?:tens|hundreds){SPACE}+of{SPACE}+)?(?:dozens|hundreds|thousands|millions|billions)(?:{SPACE}+of)?\b"
    rf"|\b(?:several|a{SPACE}+few){SPACE}+(?:dozen|hundred|thousand|million|billion)\b"
)
_FRACTIONS = {"half": 50.0, "third": 100 / 3, "quarter": 25.0, "thirds": 200 / 3, "quarters": 75.0}
_FRACTION = (
    rf"\b(?:half|(?:a|one){SPACE}+(?:third|quarter)|two[{SPACE[1:-1]}-]thirds|three[{SPACE[1:-1]}-]quarters)\b"
)

# Word figures are found in two steps, on lower-cased text (see `_lowercase`): a fast scan for
# any word that can start one, then the full pattern anchored there (from "a"/"an" before it).
_WORD_START = re.compile(r"\b" + trie_pattern([
    *_SMALL, *_TENS, *_SCALES, "dozen", "dozens", "tens", "hundreds", "thousands", "millions",
    "billions", "several", "few", *_FRACTIONS]) + r"\b")
_ARTICLE_BEFORE = re.compile(rf"\ban?{SPACE}+$")
_WORD_FIGURE = re.compile(rf"(?P<vague>{_VAGUE})|(?P<fraction>{_FRACTION})|(?P<words>{_NUMBER_WORDS})")
_DIGIT_CANDIDATE = re.compile(
    r"(?=[0-9$€£₽₴¥₹.UACNHEGRJI])"  # a first-character test the regex engine can skip on
    rf"(?<![\w/#@.:,\-])(?:(?P<currency>{CURRENCY_BEFORE}){SPACE}?)?(?P<digits>{DIGITS})(?![.,]?[0-9]|[/:][0-9])"
)
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)

# Runs that hold digits but no figure: web addresses, e-mail, phone numbers, numeric dates.
_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+", re.I)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE_OR_DATE = re.compile(
    r"(?=[+(0-9])(?<![\w.,+])(?:\+[0-9]{1,4}[ .\-]?)?\(?[0-9]{2,5}\)?(?:[ .\-/][0-9]{2,5}){2,}(?![\w])"
)


# Words before a figure, read as whole words (cheaper than regexes anchored at the end).
_APPROXIMATIONS = {
    **dict.fromkeys(("about", "around", "approximately", "roughly", "nearly", "almost", "some", "circa",
                     "close to", "an estimated", "estimated", "just under", "just over", "just below",
                     "just above", "~"), "about"),
    **dict.fromkeys(("more than", "over", "at least", "upwards of", "in excess of", "no fewer than",
                     "no less than", "well over", "well above", "above"), "lower"),
    **dict.fromkeys(("less than", "fewer than", "under", "up to", "at most", "as many as", "as much as",
                     "no more than", "below", "well under", "well below"), "upper"),
}
_APPROXIMATE_AFTER = re.compile(rf"(?P<plus>\+|-plus\b)|-odd\b|{SPACE}+or{SPACE}+so\b", re.I)
_MONTHS = frozenset("Jan January Feb February Mar March Apr April May Jun June Jul July Aug August Sep Sept "
                    "September Oct October Nov November Dec December".split())
_MONTHS_PATTERN = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_OR_TIME_AFTER = re.compile(
    rf"(?:st|nd|rd|th)?,?{SPACE}*(?:of{SPACE}+)?(?:{_MONTHS_PATTERN})\b"
    rf"|{SPACE}*(?:[ap]\.?m\b\.?|GMT|UTC|BST|CET|CEST|EET|EEST|MSK|EST|EDT|PST|PDT|o['’]clock)",
)
# "Article 5", "Flight 17", "No. 10": the number names something.
_IDENTIFIERS = frozenset(
    "no. nos. nr nr. number article section chapter page pages p. pp. resolution flight route room gate "
    "platform line version level phase stage round episode season vol vol. volume paragraph clause model "
    "bus apartment highway building block district item figure fig. table step part tier #".split())
_YEAR_PREPOSITIONS = frozenset("in since by until till from of during early late mid summer spring winter "
                               "autumn fall year the before after between and".split())
# Capitalised words that may stand before a figure without making it a name ("Monday 145 drones").
_NOT_NAMES = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_NOT_COUNTING_ONE = frozenset("no any every some each the this that which".split())
_OPENING_PUNCTUATION = "([{\"'“‘«—–"
_LIST_MARKER = re.compile(rf"[.)]{SPACE}")
_CONVERSION_GAP = re.compile(r"\s*[(\[]\s*")
_CONVERSION_CLOSE = re.compile(r"\s*[)\]]")


def find_quantities(text: str) -> list[Quantity]:
    """Every figure in `text`, in order, with character offsets into `text`.

    Years, dates, times, ordinals, list markers, phone numbers, identifiers ("Flight 17",
    "F-16") and numbers inside web addresses are not figures. A parenthetical conversion is
    attached to the figure it converts instead of standing on its own.
    """
    masked = _masked_spans(text)
    candidates = [*_word_candidates(_lowercase(text)), *_DIGIT_CANDIDATE.finditer(text)]
    candidates.sort(key=lambda match: match.start())
    found: list[Quantity] = []
    for match in candidates:
        if _inside(masked, match.start()) or (found and match.start() < found[-1].end):
            continue
        quantity = _read_candidate(text, match)
        if quantity is not None:
            found.append(quantity)
    return _attach_conversions(text, found)


def _lowercase(text: str) -> str:
    """`text` in lower case with every character where it was (offsets stay valid)."""
    lowered = text.lower()
    # A few characters lower to two ("İ"); then only ASCII is lowered, which is all we match.
    return lowered if len(lowered) == len(text) else text.translate(_ASCII_LOWER)


def _word_candidates(lowered: str) -> list[re.Match]:
    candidates = []
    for hit in _WORD_START.finditer(lowered):
        start = hit.start()
        if candidates and start < candidates[-1].end():
            continue  # inside the previous figure ("six" of "twenty-six"): never rescan, never quadratic
        article = _ARTICLE_BEFORE.search(lowered, max(0, start - 4), start)
        match = _WORD_FIGURE.match(lowered, article.start() if article else start)
        if match:
            candidates.append(match)
    return candidates


def _masked_spans(text: str) -> list[tuple[int, int]]:
    patterns = (_WEB_ADDRESS, _PHONE_OR_DATE, _EMAIL) if "@" in text else (_WEB_ADDRESS, _PHONE_OR_DATE)
    return sorted((m.start(), m.end()) for pattern in patterns for m in pattern.finditer(text))


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    index = bisect.bisect_right(spans, (position, math.inf)) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def _read_candidate(text: str, match: re.Match) -> Quantity | None:
    kind = match.lastgroup  # the one named group that matched (`currency` closes before `digits`)
    if kind == "digits":
        quantity = _read_digits(text, match)
    elif kind == "words":
        quantity = _read_words(text, match)
    elif kind == "vague":
        quantity = _read_vague(text, match)
    else:
        quantity = _read_fraction(text, match)
    if quantity is None:
        return None
    quantity.text = text[quantity.start:quantity.end]
    return quantity


def _read_digits(text: str, match: re.Match) -> Quantity | None:
    digits = match.group("digits")
    before = _previous_words(text, match.start())
    if len(digits) > 24 or _looks_like_label(text, match.start(), match.end(), before):
        return None
    start, end = match.start(), match.end()
    value = float(digits.replace(",", ""))
    high, range_end = read_range(text, end, between=bool(before) and before[-1][1].lower() in ("between", "from"))
    if high is not None and high <= value:
        return None  # "3-0", "2-1": a score or a code, not a range
    end = range_end or end
    currency = SYMBOLS.get(match.group("currency").strip().lower(), match.group("currency").strip()) \
        if match.group("currency") else None
    factor, end = read_scale(text, end, money=currency is not None)
    unit, unit_factor, unit_end = read_unit(text, end)
    if currency and unit not in ("", *CURRENCIES):
        return None  # "$5 m" is not five dollars of metres; leave such oddities alone
    if unit_end is None and end < len(text) and (text[end].isalnum() or text[end] == "_"):
        return None  # glued to letters: "5G", "1990s", "11th", "10am", "737MAX"
    if _DATE_OR_TIME_AFTER.match(text, end):
        return None
    value *= factor * unit_factor
    quantity = Quantity(start, unit_end or end, "", value, currency or unit)
    if high is not None:
        quantity.bounds = (value, high * factor * unit_factor)
        quantity.approximate = True
    if not quantity.unit:
        read_counted(text, quantity)
        if _is_year(digits, factor, quantity, before):
            return None
    return _read_approximation(text, quantity, before)


def _looks_like_label(text: str, start: int, end: int, words: list[tuple[int, str]]) -> bool:
    """Dates ("November 11"), identifiers ("Flight 17", "Boeing 737") and list markers ("2. ")."""
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip(" \t•*-") and _LIST_MARKER.match(text, end):
        return True
    if text.endswith("(", 0, start) and text.startswith(")", end):
        return True  # "(3)": a numbered point, not a figure
    if not words:
        return False
    word_start, word = words[-1]
    if word.rstrip(".") in _MONTHS or word.lower() in _IDENTIFIERS:
        return True
    if not word[0].isupper() or word.lower() in _NOT_NAMES or word.lower() in STOP_WORDS:
        return False
    if word.endswith(("'s", "’s", ".")) or " ".join(w for _, w in words[-2:]).lower() in _APPROXIMATIONS \
            or word.lower() in _APPROXIMATIONS:
        return False
    preceding = text[max(0, word_start - 3):word_start].rstrip()
    return bool(preceding) and preceding[-1] not in ".!?\"“”:;"  # capitalised mid-sentence: a name


def _previous_words(text: str, start: int) -> list[tuple[int, str]]:
    """Up to three words right before `start` (separated from it by space), with their offsets.

    Opening punctuation is stripped ("(around 5.6bn" gives "around") and ends the list, as does
    a token glued to the figure ("(" in "(70"): nothing before it can qualify the figure.
    """
    if start == 0 or not text[start - 1].isspace():
        return [(start - 1, "~")] if text.endswith("~", 0, start) else []
    offset = max(0, start - 32)
    tail = text[offset:start]
    words: list[tuple[int, str]] = []
    position = len(tail)
    for token in reversed(tail.split()[-3:]):
        position = tail.rfind(token, 0, position)
        word = token.lstrip(_OPENING_PUNCTUATION)
        if word:
            words.append((offset + position + len(token) - len(word), word))
        if len(word) < len(token):
            break
    words.reverse()
    return words


def _is_year(digits: str, factor: float, quantity: Quantity, words: list[tuple[int, str]]) -> bool:
    """A bare four-digit number from 1000 to 2100 is a year unless it counts something."""
    if len(digits) != 4 or not digits.isdigit() or factor != 1 or not 1000 <= int(digits) <= 2100:
        return False
    if quantity.counted is None:
        return True
    return bool(words) and words[-1][1].lower() in _YEAR_PREPOSITIONS


def _read_approximation(text: str, quantity: Quantity, words: list[tuple[int, str]]) -> Quantity:
    """Widen the span over "about", "more than", "up to" ... and set `approximate`/`bounds`.

    `words` are the `_previous_words` before the figure.
    """
    for count in (3, 2, 1):
        phrase = " ".join(word for _, word in words[-count:]).lower() if len(words) >= count else ""
        kind = _APPROXIMATIONS.get(phrase)
        if kind:
            quantity.start = words[-count][0]
            quantity.approximate = True
            if kind == "lower" and quantity.bounds is None:
                quantity.bounds = (quantity.value, math.inf)
            elif kind == "upper" and quantity.bounds is None:
                quantity.bounds = (0.0, quantity.value)
            break
    after = _APPROXIMATE_AFTER.match(text, quantity.end)
    if after:
        quantity.approximate = True
        if after.group("plus") and quantity.bounds is None:
            quantity.bounds = (quantity.value, math.inf)
    return quantity


def _read_words(text: str, match: re.Match) -> Quantity | None:
    words = re.findall(r"[a-z]+", match.group(0).lower())
    if len(words) > 12:
        return None
    value = _word_value(words)
    quantity = Quantity(match.start(), match.end(), "", value, "", approximate="dozen" in words)
    before = _previous_words(text, match.start())
    unit, factor, unit_end = read_unit(text, match.end())
    if unit_end is not None:
        quantity.value, quantity.unit, quantity.end = value * factor, unit, unit_end
    else:
        read_counted(text, quantity)
        if quantity.counted is None and value < 10:
            return None  # "the two met", "one of them": pronoun-like, not a figure
        if value == 1 and before and before[-1][1].lower() in _NOT_COUNTING_ONE:
            return None
    return _read_approximation(text, quantity, before)


def _word_value(words: list[str]) -> float:
    total, current = 0.0, 0.0
    for word in words:
        if word in ("a", "an"):
            current = 1.0
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total, current = total + (current or 1) * _SCALES[word], 0.0
        elif word != "and":
            current += _SMALL.get(word) or _TENS.get(word, 0)
    return total + current


def _read_vague(text: str, match: re.Match) -> Quantity:
    """"hundreds of", "tens of thousands of", "several hundred": an order of magnitude."""
    words = match.group(0).lower().split()
    value = 1.0
    for word in words:
        value *= {"dozens": 12, "dozen": 12, "tens": 10, "hundreds": 100, "hundred": 100,
                  "thousands": 1e3, "thousand": 1e3, "millions": 1e6, "million": 1e6,
                  "billions": 1e9, "billion": 1e9}.get(word, 1)
    quantity = Quantity(match.start(), match.end(), "", value, "", approximate=True)
    unit, factor, unit_end = read_unit(text, match.end())
    if unit_end is not None and unit in CURRENCIES:
        quantity.unit, quantity.value, quantity.end = unit, value * factor, unit_end
    else:
        read_counted(text, quantity)
    quantity.bounds = (quantity.value, quantity.value * 10)
    return quantity


def _read_fraction(text: str, match: re.Match) -> Quantity | None:
    """"nearly half", "two-thirds of": a share in %, only where it is plainly a share."""
    last = re.split(r"[\s-]+", match.group(0).lower())[-1]
    quantity = Quantity(match.start(), match.end(), "", _FRACTIONS[last], "%")
    before = _previous_words(text, match.start())
    if before and before[-1][1].lower() in ("the", "first", "second", "latter", "other", "a", "and"):
        return None  # "the second half", "a half": a part of something, not a share
    quantity = _read_approximation(text, quantity, before)
    if quantity.approximate or re.match(r"\s+(?:of|the|all|its|their|his|her)\b", text[match.end():match.end() + 8]):
        return quantity
    return None


def _attach_conversions(text: str, found: list[Quantity]) -> list[Quantity]:
    """Fold "six billion US dollars (around 5.6 billion euros)" into one figure."""
    kept: list[Quantity] = []
    for quantity in found:
        previous = kept[-1] if kept else None
        if previous is not None and _converts(text, previous, quantity):
            quantity.approximate = True  # rates and rounding differ between outlets
            previous.conversions.append(quantity)
            continue
        kept.append(quantity)
    return kept


def _converts(text: str, original: Quantity, other: Quantity) -> bool:
    if not _CONVERSION_GAP.fullmatch(text, original.end, other.start):
        return False
    if not _CONVERSION_CLOSE.match(text, other.end):
        return False
    both_money = original.unit in CURRENCIES and other.unit in CURRENCIES
    return both_money or (original.unit != "" and dimension(original) == dimension(other))


