"""Story clustering quality on AllSides val, ours beside a tuned TF-IDF + agglomerative baseline.

    python bench/cluster.py [--data ../shared/data/allsides]

Prints BCubed precision/recall/F1, pairwise F1, the number of clusters and the time taken,
for storylens (what `storylens cluster` runs: average linkage over a headline embedding and
TF-IDF similarity, weight and threshold learned on train by train/story_model.py; embedding
included in the time) and for the baseline: scikit-learn TF-IDF (word 1-2-grams, sublinear
tf) + average-linkage agglomerative clustering on cosine distance, its distance threshold
tuned on AllSides train (chunks the size of val). Also a lower-cased headline + snippet variant
of val, closer to Google-News-style feeds, and small batches (1 to 10 val stories, a user's
folder of pages), clustered with and without the small-batch threshold. Reads
../shared/data; says so when it is missing.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import pdist
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from storylens.cluster.evaluation import bcubed, pairwise
from storylens.cluster.linkage import LinkageClusterer, link_stories, load_linkage_model
from storylens.enrich.embed import headline_embedder
from storylens.model import NewsItem

REPO = Path(__file__).resolve().parents[1]
CHUNK_STORIES = 300
SMALL_BATCHES = 300


def load(path: Path) -> tuple[list[NewsItem], list[str]]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    return [NewsItem(id=r["id"], text=r["text"] or "", title=r["title"]) for r in rows], [r["story"] for r in rows]


def feed_style(items: list[NewsItem]) -> list[NewsItem]:
    """Lower-cased headline plus a short snippet, as news aggregators' feeds give them."""
    return [NewsItem(i.id, i.text[:160].lower(), (i.title or "").lower() or None) for i in items]


def tfidf_vectors(items: list[NewsItem]):
    texts = [item.headline_and_lead for item in items]
    return TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), stop_words="english").fit_transform(texts)


def baseline(items: list[NewsItem], threshold: float) -> list[str]:
    model = AgglomerativeClustering(n_clusters=None, distance_threshold=threshold, metric="cosine", linkage="average")
    return [str(label) for label in model.fit_predict(tfidf_vectors(items).toarray())]


def tune_baseline(items: list[NewsItem], gold: list[str]) -> float:
    """The distance threshold with the best mean BCubed F1 over train chunks of val's size.

    One average-linkage tree per chunk (scipy; the same merges as scikit-learn's), cut at
    every threshold, so the search costs one clustering per chunk."""
    stories = sorted(set(gold))
    random.Random(7).shuffle(stories)
    thresholds = np.arange(0.5, 1.0, 0.0125)
    scores = np.zeros(len(thresholds))
    for start in range(0, len(stories), CHUNK_STORIES):
        chosen = set(stories[start : start + CHUNK_STORIES])
        members = [k for k, story in enumerate(gold) if story in chosen]
        distances = pdist(tfidf_vectors([items[k] for k in members]).toarray(), metric="cosine")
        tree = linkage(np.nan_to_num(distances, nan=1.0), method="average")
        chunk_gold = [gold[k] for k in members]
        for n, threshold in enumerate(thresholds):
            labels = fcluster(tree, threshold, criterion="distance")
            scores[n] += bcubed([str(label) for label in labels], chunk_gold)[2]
    return float(thresholds[int(np.argmax(scores))])


def report(name: str, predicted: list[str], gold: list[str], seconds: float) -> None:
    p, r, f = bcubed(predicted, gold)
    pair_f1 = pairwise(predicted, gold)[2]
    print(f"  {name:34s} BCubed P {p:.3f} R {r:.3f} F1 {f:.3f} | pairwise F1 {pair_f1:.3f} | "
          f"{len(set(predicted)):4d} clusters (gold {len(set(gold))}) | {seconds:6.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "allsides")
    args = parser.parse_args()
    if not (args.data / "val.jsonl").exists():
        print(f"AllSides data not found at {args.data}; nothing to measure", file=sys.stderr)
        return 1
    train_items, train_gold = load(args.data / "train.jsonl")
    val_items, val_gold = load(args.data / "val.jsonl")
    threshold = tune_baseline(train_items, train_gold)
    feed_threshold = tune_baseline(feed_style(train_items), train_gold)
    started = time.perf_counter()
    headline_embedder()
    print(f"AllSides val: {len(val_items)} items, {len(set(val_gold))} stories "
          f"(embedding model loaded in {time.perf_counter() - started:.1f} s, not counted below)")
    for label, items, cut in (("title + lead", val_items, threshold), ("feed style", feed_style(val_items), feed_threshold)):
        print(f"{label}:")
        started = time.perf_counter()
        ours = link_stories(items)
        report("storylens", ours, val_gold, time.perf_counter() - started)
        started = time.perf_counter()
        theirs = baseline(items, cut)
        report(f"TF-IDF + agglomerative (t={cut:.3f})", theirs, val_gold, time.perf_counter() - started)
    small_batches(val_items, val_gold)
    return 0


def small_batches(items: list[NewsItem], gold: list[str]) -> None:
    """Mean BCubed F1 over batches of 1-10 whole val stories (seeded), as a folder of pages is."""
    members: dict[str, list[int]] = {}
    for k, story in enumerate(gold):
        members.setdefault(story, []).append(k)
    rng = random.Random(11)
    batches = [[k for story in rng.sample(sorted(members), rng.randint(1, 10)) for k in members[story]]
               for _ in range(SMALL_BATCHES)]
    model = load_linkage_model()
    print(f"small batches ({SMALL_BATCHES} of 1-10 val stories, {np.mean([len(b) for b in batches]):.1f} items on average):")
    for name, threshold in (("small-batch threshold", model.small_batch_threshold), ("large-batch threshold", model.threshold)):
        scores = []
        for batch in batches:
            clusterer = LinkageClusterer(dataclasses.replace(model, small_batch_threshold=threshold))
            scores.append(bcubed(link_stories([items[k] for k in batch], clusterer=clusterer), [gold[k] for k in batch]))
        p, r, f = np.mean(scores, axis=0)
        print(f"  storylens, {name} {threshold:.2f}   BCubed P {p:.3f} R {r:.3f} F1 {f:.3f} (mean over batches)")


if __name__ == "__main__":
    sys.exit(main())
