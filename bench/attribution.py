"""Attribution extraction quality and speed on PolNeAR dev.

    python bench/attribution.py [--data ../shared/data/polnear] [--floor] [--missed]

Runs `attributions_of_texts` over the dev articles (one annotation file per article, the
first in name order) and prints precision / recall / F1 of
- attributions: a prediction matches a gold attribution when their contents overlap and
  their sources overlap; a gold `Attribution-no-source` is matched by any prediction whose
  content overlaps it (its source, named or not, is not judged: PolNeAR leaves out a source
  the annotators could not pin to a span, where we often name the nearest subject);
- source spans: predicted sources (distinct spans) against every gold Source span, by overlap;
- cues: predicted cue spans against gold Cue spans, by overlap;
every matching one-to-one (a maximum matching); sibling attributions of coordinated sources count
as one (`merged_siblings`), and the outlet that was told ("X told the Post that Y": the Post → X → Y,
`attribution.told_outlet`) is left out (`without_told_outlets`): it is a link of our chain, and
PolNeAR marks one attribution per cue (`--with-told` scores it too); plus articles/s and ms per 500 words on the
dev texts and on generated news prose (bench/synthetic_stories.py; the spaCy model is loaded
before the clock starts). `--floor` exits 1 below the pinned floors.
Reads ../shared/data; says so and exits 0 when it is missing.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "train"))
from attribution_polnear import load_split  # noqa: E402

from storylens.claims.attribution import attributions_of_texts, find_attributions  # noqa: E402
from storylens.claims.cues import stem  # noqa: E402
from storylens.model import Attribution, Span  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
# The project's targets. When written, the extractor measured 0.685 / 0.741 here,
# 0.718 / 0.763 after the second round, 0.734 / 0.775 after the third and 0.737 / 0.783 after
# the fourth (0.734 / 0.781 with --with-told) and 0.743 / 0.791 after the fifth (candidate verbs widened
# from PolNeAR train and a report-verb lexicon, claims/cue_verbs.txt), so `--floor` still fails; lower
# nothing to make it pass.
FLOORS = {"attribution F1": 0.75, "source F1": 0.80}


def overlaps(fragments, start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in fragments)


def matching(n_pred: int, n_gold: int, edge) -> list[int]:
    """For each gold item, the prediction a maximum one-to-one matching gives it, or -1
    (Kuhn's augmenting paths; a few dozen items per article)."""
    neighbours = [[g for g in range(n_gold) if edge(p, g)] for p in range(n_pred)]
    owner = [-1] * n_gold

    def augment(p: int, seen: set[int]) -> bool:
        for g in neighbours[p]:
            if g not in seen:
                seen.add(g)
                if owner[g] < 0 or augment(owner[g], seen):
                    owner[g] = p
                    return True
        return False

    for p in range(n_pred):
        augment(p, set())
    return owner


def max_matching(n_pred: int, n_gold: int, edge) -> int:
    """Size of a maximum one-to-one matching."""
    return sum(owner >= 0 for owner in matching(n_pred, n_gold, edge))


def attribution_edge(predicted, gold):
    def edge(p: int, g: int) -> bool:
        pred, truth = predicted[p], gold[g]
        if not overlaps(truth.content, pred.content.start, pred.content.end):
            return False
        if truth.kind == "Attribution-no-source" or not truth.source:
            return True
        return pred.source is not None and overlaps(truth.source, pred.source.start, pred.source.end)
    return edge


def merged_siblings(predicted):
    """Sibling attributions ("The Post and Reuters reported X": one per source, the same cue and
    content) as one, its source running over theirs: PolNeAR marks a coordination as one Source."""
    groups: dict[tuple, list] = {}
    for attribution in predicted:
        groups.setdefault((attribution.cue.start, attribution.content.start, attribution.content.end), []).append(attribution)
    merged = []
    for siblings in groups.values():
        sources = [a.source for a in siblings if a.source is not None]
        first = siblings[0]
        if len(sources) > 1:
            start, end = min(s.start for s in sources), max(s.end for s in sources)
            first = Attribution(Span(start, end, ""), first.cue, first.content, first.kind)
        merged.append(first)
    return merged


def without_told_outlets(predicted):
    """Without the attributions that hold another of the same cue, source and content inside their own
    content: the outlet told ("X told the Post that Y"), an outer link PolNeAR's one attribution per
    cue cannot mark (11 of the 276 unmatched predicted sources on dev)."""
    def holds(outer, inner) -> bool:
        return (outer is not inner and inner.source is not None and outer.cue == inner.cue
                and outer.content.start <= min(inner.source.start, inner.content.start)
                and max(inner.source.end, inner.content.end) <= outer.content.end
                and (outer.content.start, outer.content.end) != (inner.content.start, inner.content.end))
    return [a for a in predicted if not any(holds(a, other) for other in predicted)]


def score(articles, predictions) -> dict[str, tuple[int, int, int]]:
    """{measure: (matched, predicted, gold)} summed over articles."""
    totals = {"attribution": [0, 0, 0], "source": [0, 0, 0], "cue": [0, 0, 0]}
    for article, predicted in zip(articles, predictions):
        gold = article.attributions
        sources = sorted({(a.source.start, a.source.end) for a in predicted if a.source})
        cues = [(a.cue.start, a.cue.end) for a in predicted]
        gold_cues = [g.cue for g in gold]
        rows = {
            "attribution": (max_matching(len(predicted), len(gold), attribution_edge(predicted, gold)), len(predicted), len(gold)),
            "source": (max_matching(len(sources), len(article.sources),
                                    lambda p, g: overlaps(article.sources[g], *sources[p])), len(sources), len(article.sources)),
            "cue": (max_matching(len(cues), len(gold_cues), lambda p, g: overlaps(gold_cues[g], *cues[p])),
                    len(cues), len(gold_cues)),
        }
        for name, row in rows.items():
            totals[name] = [t + r for t, r in zip(totals[name], row)]
    return {name: tuple(row) for name, row in totals.items()}


# Words of a gold cue that do not carry it ("the report", "in a statement").
CUE_FILLERS = frozenset("the a an in his her its their to of that this".split())


def missed_cues(articles, predictions, rows: int = 30) -> None:
    """The gold cues no prediction overlaps, counted by the stem of their first content word."""
    missed: Counter = Counter()
    for article, predicted in zip(articles, predictions):
        cues = [(a.cue.start, a.cue.end) for a in predicted]
        for gold in article.attributions:
            if any(overlaps(gold.cue, start, end) for start, end in cues):
                continue
            words = [w for a, b in gold.cue for w in re.findall(r"[A-Za-z]+", article.text[a:b].lower())]
            word = next((w for w in words if w not in CUE_FILLERS), words[0] if words else "")
            missed[stem(word)] += 1
    print(f"missed gold cues: {sum(missed.values())}; by stem of their first content word:")
    for word, count in missed.most_common(rows):
        print(f"  {count:4d} {word}")


def prf(matched: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision, recall = matched / max(1, predicted), matched / max(1, gold)
    return precision, recall, 2 * precision * recall / max(1e-9, precision + recall)


def news_speed(count: int = 120) -> None:
    """Speed on plain news prose: the generated articles of bench/synthetic_stories.py."""
    sys.path.insert(0, str(REPO / "bench"))
    from synthetic_stories import stories

    texts = [article["text"] for story in stories(count, 7) for article in story["articles"]][:count]
    words = sum(len(text.split()) for text in texts)
    started = time.perf_counter()
    found = sum(len(attributions) for attributions in attributions_of_texts(texts))
    elapsed = time.perf_counter() - started
    print(f"news prose   {len(texts) / elapsed:.1f} articles/s, {1000 * elapsed / words * 500:.1f} ms per 500 words "
          f"({words / len(texts):.0f} words/article, {found} attributions; bench/synthetic_stories.py)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "polnear")
    parser.add_argument("--floor", action="store_true", help="exit 1 when a figure is below its pinned floor")
    parser.add_argument("--missed", action="store_true", help="print the missed gold cues by word")
    parser.add_argument("--with-told", action="store_true", help="score the outlet-told attributions too")
    args = parser.parse_args()
    if not (args.data / "dev" / "text").is_dir():
        print(f"PolNeAR dev not found under {args.data}; nothing to measure.")
        return 0
    articles = load_split(args.data / "dev")
    find_attributions("Officials said the model is loaded before timing.")
    started = time.perf_counter()
    predictions = [merged_siblings(found) for found in attributions_of_texts(article.text for article in articles)]
    elapsed = time.perf_counter() - started
    if not args.with_told:
        predictions = [without_told_outlets(found) for found in predictions]
    words = sum(len(article.text.split()) for article in articles)
    print(f"PolNeAR dev: {len(articles)} articles, {sum(len(a.attributions) for a in articles)} gold attributions")
    figures = {}
    for name, row in score(articles, predictions).items():
        precision, recall, f1 = prf(*row)
        figures[f"{name} F1"] = f1
        print(f"{name:12s} P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}   ({row[0]} matched, {row[1]} predicted, {row[2]} gold)")
    print(f"speed        {len(articles) / elapsed:.1f} articles/s, {1000 * elapsed / len(articles):.1f} ms/article "
          f"({words / len(articles):.0f} words/article, {1000 * elapsed / words * 500:.1f} ms per 500 words)")
    if args.missed:
        missed_cues(articles, predictions)
    news_speed()
    failed = [name for name, floor in FLOORS.items() if figures[name] < floor]
    if args.floor and failed:
        print("below floor: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
