"""Which figures agree: the quantities a story's claims give, compared across outlets.

Only figures in claims that two or more outlets tell are compared, and only figures that
measure the same thing: the same unit family, or the same thing counted ("34 attack drones"
and "145 drones" both count drones; "2 black senators" and "40 senators" do not count the
same thing), and the same subject where the text names one ("Russia fired 145 drones" and
"Ukraine sent 34 drones" are two figures, not a quarrel). Equal figures form one slot.
Two slots of unequal figures are rivals (a disagreement) only when every article in them
gives just one figure of that kind: "$1.2 billion" in one outlet against "$1.5 billion"
in another is a disagreement, but an article that says "$4.6 million, under the $5
million budget" gives two slots, not a quarrel with itself. A parenthetical conversion
("800 miles (1,287 km)") is the same figure, never a rival.
"""
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import lru_cache

from storylens.claims.numbers import comparable, same_quantity
from storylens.claims.numbers_compare import dimension_names
from storylens.judge.echo import REPORTING_VERBS, name_key
from storylens.model import ArticleFindings, Claim, Quantity, Span

SOURCING_NOUNS = frozenset({"person", "people", "source", "official", "member", "aide", "diplomat", "insider"})
Told = tuple[Quantity, str, Span, str]  # a figure, the article, the sentence and the claim that give it
# Where the clause holding a figure starts: after a comma, a semicolon or a joining word.
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:and|but|while|whereas|as|after|before|when)\b")
_OPENING_NAME = re.compile(r"\s*(?:[Tt]he\s+)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)")
_REPORTING = re.compile(r"\b(?:" + "|".join(sorted(REPORTING_VERBS, key=len, reverse=True)) + r")\b(?:\s+that\b)?")
# Capitalised words that open a clause or tell a time, never the subject a figure belongs to.
_NOT_SUBJECTS = frozenset("""the a an in on at by for from of to this that these those it its he she they we i
    there here but and or so yet after before when while since during despite meanwhile however also then
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december""".split())


def claim_figures(claims: list[Claim], findings: list[ArticleFindings]) -> list[dict]:
    """DESIGN.md's `numbers` entries: one per slot that two or more articles fill."""
    quantities = {f.article.id: f.quantities for f in findings}
    told: list[Told] = []
    seen: set[tuple[str, int]] = set()
    for claim in claims:
        if len(claim.outlets) < 2:
            continue
        for mention in claim.mentions:
            for quantity in quantities.get(mention.article, []):
                inside = mention.sentence.start <= quantity.start < mention.sentence.end
                if inside and is_figure(quantity) and (mention.article, quantity.start) not in seen:
                    seen.add((mention.article, quantity.start))
                    told.append((quantity, mention.article, mention.sentence, claim.id))
    return [_entry(group) for group in _slots(told) if len({article for _, article, _, _ in group}) >= 2]


def is_figure(quantity: Quantity) -> bool:
    """A figure worth comparing: a bare number is comparable with nothing (itself included), and
    "two people familiar with the matter" describes the sourcing, not the story."""
    if not comparable(quantity, quantity):
        return False
    return not (quantity.counted in SOURCING_NOUNS and quantity.value < 10)


def figure_subject(sentence: str, figure_at: int) -> str | None:
    """The name the figure's clause opens with ("Russia" in "Russia fired 145 drones"), if any.

    Only a name that opens the clause is its subject, and after a reporting verb the clause
    reported: in "the Gazette said the board approved the $1.2 billion lease" the Gazette is who
    tells the figure, not what it is about (the board, unnamed)."""
    before = sentence[:max(0, figure_at)]
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(before)]
    clause = before[breaks[-1]:] if breaks else before
    reported = [m.end() for m in _REPORTING.finditer(clause)]
    clause = clause[reported[-1]:] if reported else clause
    opening = _OPENING_NAME.match(clause)
    if not opening:
        return None
    words = [w for w in opening.group(1).split() if w.lower().strip(".") not in _NOT_SUBJECTS]
    return " ".join(words) or None


def measures_same(a: Told, b: Told) -> bool:
    """Same kind of figure (`comparable`), the same counted thing in full, and the same subject
    when both sentences name one."""
    x, y = a[0], b[0]
    if not comparable(x, y):
        return False
    if x.counted and y.counted and x.counted != y.counted and not (x.conversions or y.conversions):
        return False
    subjects = [_subject_key(sentence.text, quantity.start - sentence.start) for quantity, _, sentence, _ in (a, b)]
    return None in subjects or subjects[0] == subjects[1]


# A sentence's figure subject is asked for once per pair of figures: 540k times for the five
# biggest stories of a 10k-article run, where parsing it again dominated the judge stage.
@lru_cache(maxsize=1 << 14)
def _subject_key(sentence: str, figure_at: int) -> str | None:
    """`name_key` of the figure's subject (`figure_subject`), None when it names none."""
    subject = figure_subject(sentence, figure_at)
    return None if subject is None else name_key(subject)


def _slots(told: list[Told]) -> list[list[Told]]:
    # Only figures of a shared dimension can measure the same (`measures_same` asks `comparable`
    # first), so each figure is compared with those of its dimensions only, in the order the
    # pairwise loops tried them: the first match is the same. On a 150-article story the loops
    # made 153k `measures_same` calls when every figure was tried against every slot.
    dimensions = {id(item): dimension_names(item[0]) for item in told}
    kinds = _kinds(told, dimensions)
    slots: list[list[Told]] = []
    slots_by_dimension: dict[str, list[int]] = defaultdict(list)
    for item in told:
        at = _first_of(slots_by_dimension, dimensions[id(item)],
                       lambda i: measures_same(slots[i][0], item) and same_quantity(slots[i][0][0], item[0]))
        if at is not None:
            slots[at].append(item)
        else:
            _place(slots_by_dimension, dimensions[id(item)], len(slots))
            slots.append([item])
    per_article = Counter((article, kinds[id(slot[0])]) for slot in slots for article in {t[1] for t in slot})
    lone = [slot for slot in slots if all(per_article[t[1], kinds[id(t)]] == 1 for t in slot)]
    joined: list[list[Told]] = []
    joined_by_dimension: dict[str, list[int]] = defaultdict(list)
    for slot in lone:
        at = _first_of(joined_by_dimension, dimensions[id(slot[0])],
                       lambda i: measures_same(joined[i][0], slot[0]) and not {t[1] for t in joined[i]} & {t[1] for t in slot})
        if at is not None:
            joined[at].extend(slot)
        else:
            _place(joined_by_dimension, dimensions[id(slot[0])], len(joined))
            joined.append(slot)
    return joined + [slot for slot in slots if slot not in lone]


def _kinds(told: list[Told], dimensions: dict[int, frozenset[str]]) -> dict[int, int]:
    """Each figure's kind: the index of the first figure in `told` that measures the same as it."""
    by_dimension: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(told):
        _place(by_dimension, dimensions[id(item)], i)
    return {id(item): _first_of(by_dimension, dimensions[id(item)], lambda i: measures_same(told[i], item))
            for item in told}


def _place(by_dimension: dict[str, list[int]], names: frozenset[str], position: int) -> None:
    for name in names:
        by_dimension[name].append(position)


def _first_of(by_dimension: dict[str, list[int]], names: frozenset[str], matches: Callable[[int], bool]) -> int | None:
    """The first position (in the order placed) under any of `names` that `matches`."""
    if len(names) == 1:  # the common case: one dimension, its positions already in order
        positions = by_dimension.get(next(iter(names)), [])
    else:
        positions = sorted({i for name in names for i in by_dimension.get(name, ())})
    return next((i for i in positions if matches(i)), None)


def _entry(group: list[Told]) -> dict:
    first = group[0][0]
    return {
        "quantity": first.counted or first.unit or "count",
        "consistent": all(same_quantity(first, quantity) for quantity, _, _, _ in group[1:]),
        "claim": group[0][3],
        "values": [
            {"value": q.value, "unit": q.unit, "text": q.text, "article": article, "sentence": sentence.text}
            for q, article, sentence, _ in group
        ],
    }
