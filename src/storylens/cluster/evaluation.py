"""Clustering quality against a gold partition: BCubed and pairwise precision/recall/F1."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence


def bcubed(predicted: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """Per item: precision = share of its predicted cluster in its gold cluster, recall the
    converse; averaged over items (Bagga & Baldwin 1998)."""
    pair_counts = Counter(zip(predicted, gold))
    predicted_sizes, gold_sizes = Counter(predicted), Counter(gold)
    n = len(predicted)
    if not n:
        return 1.0, 1.0, 1.0
    precision = sum(count * count / predicted_sizes[p] for (p, _g), count in pair_counts.items()) / n
    recall = sum(count * count / gold_sizes[g] for (_p, g), count in pair_counts.items()) / n
    return precision, recall, f1(precision, recall)


def pairwise(predicted: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """Over all pairs of items: precision and recall of "same cluster"."""
    def pairs(counts) -> int:
        return sum(c * (c - 1) // 2 for c in counts.values())

    together = pairs(Counter(zip(predicted, gold)))
    predicted_pairs, gold_pairs = pairs(Counter(predicted)), pairs(Counter(gold))
    precision = together / predicted_pairs if predicted_pairs else 1.0
    recall = together / gold_pairs if gold_pairs else 1.0
    return precision, recall, f1(precision, recall)


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
