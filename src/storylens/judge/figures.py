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
from collections import Counter
from functools import lru_cache

from storylens.claims.numbers import comparable, same_quantity
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
    # Each figure's kind is found once (it was found again per slot and per article, a cubic cost).
    kinds = {id(item): _kind(item, told) for item in told}
    slots: list[list[Told]] = []
    for item in told:
        same = next((slot for slot in slots if measures_same(slot[0], item) and same_quantity(slot[0][0], item[0])), None)
        if same:
            same.append(item)
        else:
            slots.append([item])
    per_article = Counter((article, kinds[id(slot[0])]) for slot in slots for article in {t[1] for t in slot})
    lone = [slot for slot in slots if all(per_article[t[1], kinds[id(t)]] == 1 for t in slot)]
    joined: list[list[Told]] = []
    for slot in lone:
        rival = next((group for group in joined if measures_same(group[0], slot[0])
                      and not {t[1] for t in group} & {t[1] for t in slot}), None)
        if rival:
            rival.extend(slot)
        else:
            joined.append(slot)
    return joined + [slot for slot in slots if slot not in lone]


def _kind(item: Told, told: list[Told]) -> int:
    """The index of the first figure in `told` that measures the same as this one: its kind."""
    return next(i for i, told_figure in enumerate(told) if measures_same(told_figure, item))


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
