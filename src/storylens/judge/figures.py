"""Which figures agree: the quantities a story's claims give, compared across outlets.

Only figures in claims that two or more outlets tell are compared, and only figures of
the same kind (same unit family, or the same thing counted). Equal figures form one slot.
Two slots of unequal figures are rivals (a disagreement) only when every article in them
gives just one figure of that kind: "$1.2 billion" in one outlet against "$1.5 billion"
in another is a disagreement, but an article that says "$4.6 million, under the $5
million budget" gives two slots, not a quarrel with itself. A parenthetical conversion
("800 miles (1,287 km)") is the same figure, never a rival.
"""
from collections import Counter

from storylens.claims.numbers import comparable, same_quantity
from storylens.model import ArticleFindings, Claim, Quantity

SOURCING_NOUNS = frozenset({"person", "people", "source", "official", "member", "aide", "diplomat", "insider"})
Told = tuple[Quantity, str, str, str]  # a figure, the article, the sentence and the claim that give it


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
                    told.append((quantity, mention.article, mention.sentence.text, claim.id))
    return [_entry(group) for group in _slots(told) if len({article for _, article, _, _ in group}) >= 2]


def is_figure(quantity: Quantity) -> bool:
    """A figure worth comparing: a bare number is comparable with nothing (itself included), and
    "two people familiar with the matter" describes the sourcing, not the story."""
    if not comparable(quantity, quantity):
        return False
    return not (quantity.counted in SOURCING_NOUNS and quantity.value < 10)


def _slots(told: list[Told]) -> list[list[Told]]:
    slots: list[list[Told]] = []
    for item in told:
        same = next((slot for slot in slots if comparable(slot[0][0], item[0]) and same_quantity(slot[0][0], item[0])), None)
        if same:
            same.append(item)
        else:
            slots.append([item])
    per_article = Counter((article, _kind(slot[0][0], told)) for slot in slots for article in {t[1] for t in slot})
    lone = [slot for slot in slots if all(per_article[t[1], _kind(t[0], told)] == 1 for t in slot)]
    joined: list[list[Told]] = []
    for slot in lone:
        rival = next((group for group in joined if comparable(group[0][0], slot[0][0])
                      and not {t[1] for t in group} & {t[1] for t in slot}), None)
        if rival:
            rival.extend(slot)
        else:
            joined.append(slot)
    return joined + [slot for slot in slots if slot not in lone]


def _kind(quantity: Quantity, told: list[Told]) -> int:
    """The index of the first figure in `told` this one is comparable with: its kind."""
    return next(i for i, told_figure in enumerate(told) if comparable(told_figure[0], quantity))


def _entry(group: list[Told]) -> dict:
    first = group[0][0]
    return {
        "quantity": first.counted or first.unit or "count",
        "consistent": all(same_quantity(first, quantity) for quantity, _, _, _ in group[1:]),
        "claim": group[0][3],
        "values": [
            {"value": q.value, "unit": q.unit, "text": q.text, "article": article, "sentence": sentence}
            for q, article, sentence, _ in group
        ],
    }
