"""The source-span errors of the attribution extractor on PolNeAR dev, by class, with counts.

    python bench/attribution_errors.py [--data ../shared/data/polnear] [--show CLASS] [--rows 20]

Scores as bench/attribution.py does (distinct predicted source spans against gold Source spans,
by overlap, one to one), then sorts every unmatched span into one class:
- an unmatched predicted source: its cue is no gold cue (a spurious attribution); its gold
  attribution has no source; a wrong source (split by whether ours or the gold one is a pronoun);
  or it overlaps a gold source another of ours matched;
- an unmatched gold source: its cue was missed; the cue was found with no source; a wrong source;
  or it is overlapped by one of ours matched to another gold source;
and counts, over the matched ones, how their boundaries agree (exact, ours longer, shorter, crossing).
`--show` prints the spans of the classes whose name holds that text.
Reads ../shared/data; says so and exits 0 when it is missing.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "train"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from attribution import matching, merged_siblings, overlaps, without_told_outlets  # noqa: E402
from attribution_polnear import load_split  # noqa: E402

from storylens.claims.attribution import attributions_of_texts  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
PRONOUNS = frozenset("he she they it we i you him her them who that which".split())


def _text(text: str, fragments) -> str:
    return " ".join(text[a:b] for a, b in fragments)


def _wrong(ours: str, gold: str) -> str:
    if ours.lower() in PRONOUNS:
        return "wrong source (ours a pronoun)"
    return "wrong source (gold a pronoun)" if gold.lower() in PRONOUNS else "wrong source"


def predicted_class(article, attributions, span, gold_sources) -> str:
    if any(overlaps(gold, *span) for gold in gold_sources):
        return "ours: overlaps a gold source another of ours matched"
    hits = [g for a in attributions for g in article.attributions if overlaps(g.cue, a.cue.start, a.cue.end)]
    if not hits:
        return "ours: cue is no gold cue"
    sourced = [g for g in hits if g.kind == "Attribution" and g.source]
    if not sourced:
        return "ours: the gold attribution has no source"
    return "ours: " + _wrong(article.text[span[0]:span[1]], _text(article.text, sourced[0].source))


def gold_class(article, predicted, fragments, spans) -> str:
    if any(overlaps(fragments, *span) for span in spans):
        return "gold: overlapped by one of ours matched to another"
    uses = [g for g in article.attributions if g.source == fragments]
    found = [a for g in uses for a in predicted if overlaps(g.cue, a.cue.start, a.cue.end)]
    if not found:
        return "gold: cue missed"
    sourced = [a for a in found if a.source is not None]
    if not sourced:
        return "gold: cue found, no source"
    return "gold: " + _wrong(sourced[0].source.text, _text(article.text, fragments))


def boundary(span, fragments) -> str:
    start, end = fragments[0][0], fragments[-1][1]
    if span == (start, end):
        return "exact"
    if span[0] <= start and span[1] >= end:
        return "ours longer"
    return "ours shorter" if span[0] >= start and span[1] <= end else "crossing"


def classify(article, predicted, counts: Counter, examples: dict) -> None:
    spans = sorted({(a.source.start, a.source.end) for a in predicted if a.source})
    by_span = defaultdict(list)
    for attribution in predicted:
        if attribution.source:
            by_span[(attribution.source.start, attribution.source.end)].append(attribution)
    gold = article.sources
    owner = matching(len(spans), len(gold), lambda p, g: overlaps(gold[g], *spans[p]))
    matched = set(owner) - {-1}
    for p, span in enumerate(spans):
        name = ("boundary: " + boundary(span, gold[owner.index(p)])) if p in matched else \
            predicted_class(article, by_span[span], span, gold)
        counts[name] += 1
        examples[name].append(f"{article.text[span[0]:span[1]]!r} :: {_context(article.text, *span)}")
    for g, fragments in enumerate(gold):
        if owner[g] < 0:
            name = gold_class(article, predicted, fragments, spans)
            counts[name] += 1
            examples[name].append(f"{_text(article.text, fragments)!r} :: {_context(article.text, fragments[0][0], fragments[-1][1])}")


def _context(text: str, start: int, end: int, width: int = 80) -> str:
    return text[max(0, start - width):end + width].replace("\n", " ")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "polnear")
    parser.add_argument("--show", default="", help="print the spans of the classes whose name holds this")
    parser.add_argument("--rows", type=int, default=20)
    args = parser.parse_args()
    if not (args.data / "dev" / "text").is_dir():
        print(f"PolNeAR dev not found under {args.data}; nothing to measure.")
        return 0
    articles = load_split(args.data / "dev")
    predictions = [without_told_outlets(merged_siblings(found))
                   for found in attributions_of_texts(article.text for article in articles)]
    counts, examples = Counter(), defaultdict(list)
    for article, predicted in zip(articles, predictions):
        classify(article, predicted, counts, examples)
    print(f"PolNeAR dev: source spans by class ({len(articles)} articles)")
    for name, count in sorted(counts.items()):
        print(f"  {count:5d}  {name}")
    for name in sorted(examples):
        if args.show and args.show in name:
            print(f"== {name}")
            for line in examples[name][:args.rows]:
                print(f"   {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
