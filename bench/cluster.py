"""Story clustering quality on every dev set, ours beside a tuned TF-IDF + average-link baseline.

    python bench/cluster.py [--data ../shared/data] [--sets SUBSTRING] [--no-small-batches] [--no-baseline]

The sets (bench/cluster_sets.py): AllSides val (title + lead, lower-cased, stop-word-free,
title only, lead only) and FNC-1 train's big rumour stories (3-40 articles each), once as
headlines and once as bodies without titles, on the half of the stories not used for fitting;
and the mixed stream: those big headline-only stories pooled in one batch with AllSides titles
(small stories), as titles and lower-cased with leads; and the long headline stream (the big
check stories spread over four clusterer blocks of AllSides titles); and PolNeAR dated (hand-made
event stories of 924 dated political articles, one time-ordered stream of fewer than a block:
title + lead, full text, title only; the check side is PolNeAR's dev month, and storylens is
also shown undated and on the fit side, the train months the time term is learned on). For the streams, also
storylens with the whole stream as one block (what blocks cost), and for every set the
singletons found against the truth's and how many items of big stories (BIG_STORY+ items)
were left alone, with the BCubed recall over big stories' items.
Prints BCubed P/R/F1, pairwise F1, the number of clusters and the time for storylens (what
`storylens cluster` runs; embedding included in the time) and for the baseline: scikit-learn
TF-IDF (word 1-2-grams, sublinear tf, English stop words) + average-link agglomerative
clustering on cosine distance, its distance threshold tuned on the set's fit side (AllSides
train, or the FNC-1 fit half) in chunks of at most 300 stories. Then small batches (1 to 10 val
stories, a user's folder of pages). Reads ../shared/data; says so when it is missing.
"""
from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import pdist
from sklearn.feature_extraction.text import TfidfVectorizer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cluster_sets import (  # noqa: E402
    DATA, ClusterSet, allsides_sets, fnc_sets, long_stream_set, mixed_sets, polnear_sets,
)

from storylens.cluster.evaluation import bcubed, pairwise  # noqa: E402
from storylens.cluster.linkage import LinkageClusterer, link_stories  # noqa: E402
from storylens.cluster.similarity import RARE_WORDS_FROM  # noqa: E402
from storylens.enrich.embed import headline_embedder  # noqa: E402
from storylens.model import NewsItem  # noqa: E402

CHUNK_STORIES = 300
SMALL_BATCHES = 300
THRESHOLDS = np.arange(0.3, 1.0, 0.0125)
BIG_STORY = 4


def tfidf_vectors(items: list[NewsItem]):
    texts = [item.headline_and_lead for item in items]
    return TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), stop_words="english").fit_transform(texts)


def baseline_labels(items: list[NewsItem], thresholds) -> list[np.ndarray]:
    """Average-link labels at every distance threshold (one scipy tree; the same merges as
    scikit-learn's AgglomerativeClustering with metric='cosine', linkage='average')."""
    if len(items) < 2:
        return [np.zeros(len(items), dtype=int) for _ in thresholds]
    distances = pdist(tfidf_vectors(items).toarray(), metric="cosine")
    tree = linkage(np.nan_to_num(distances, nan=1.0), method="average")
    return [fcluster(tree, threshold, criterion="distance") for threshold in thresholds]


def story_chunks(gold: list[str], seed: int = 7) -> list[list[int]]:
    stories = sorted(set(gold))
    random.Random(seed).shuffle(stories)
    chunks = []
    for start in range(0, len(stories), CHUNK_STORIES):
        chosen = set(stories[start : start + CHUNK_STORIES])
        chunks.append([k for k, story in enumerate(gold) if story in chosen])
    return chunks


def tune_baseline(items: list[NewsItem], gold: list[str], chunks: list[list[int]] | None = None) -> float:
    """The distance threshold with the best mean BCubed F1 over fit chunks."""
    scores = np.zeros(len(THRESHOLDS))
    for members in chunks or story_chunks(gold):
        chunk_gold = [gold[k] for k in members]
        for n, labels in enumerate(baseline_labels([items[k] for k in members], THRESHOLDS)):
            scores[n] += bcubed([str(label) for label in labels], chunk_gold)[2]
    return float(THRESHOLDS[int(np.argmax(scores))])


def report(name: str, predicted: list[str], gold: list[str], seconds: float) -> float:
    p, r, f = bcubed(predicted, gold)
    pair_f1 = pairwise(predicted, gold)[2]
    print(f"  {name:30s} BCubed P {p:.3f} R {r:.3f} F1 {f:.3f} | pairwise F1 {pair_f1:.3f} | "
          f"{len(set(predicted)):4d} clusters (gold {len(set(gold))}) | {seconds:6.2f} s", flush=True)
    print(f"  {'':30s} {singletons(predicted, gold)}")
    return f


def singletons(predicted: list[str], gold: list[str]) -> str:
    """Items found alone against the truth's, and what big stories lose: their items left
    alone, and the BCubed recall over their items."""
    found, true = Counter(predicted), Counter(gold)
    alone = [k for k, label in enumerate(predicted) if found[label] == 1]
    big = [k for k, story in enumerate(gold) if true[story] >= BIG_STORY]
    big_alone = sum(true[gold[k]] >= BIG_STORY for k in alone)
    big_recall = bcubed([predicted[k] for k in big], [gold[k] for k in big])[1] if big else 1.0
    return (f"singletons {len(alone)} (gold {sum(c == 1 for c in true.values())}); items of big stories alone "
            f"{big_alone} of {len(big)}; big stories' BCubed R {big_recall:.3f}")


class RememberingEmbedder:
    """Embeds each distinct text once, so that a stream clustered twice is embedded once."""

    def __init__(self, inner):
        self.inner, self.dimension, self.vectors = inner, inner.dimension, {}

    def embed(self, texts):
        missing = [t for t in dict.fromkeys(texts) if t not in self.vectors]
        if missing:
            self.vectors.update(zip(missing, self.inner.embed(missing)))
        return np.stack([self.vectors[t] for t in texts])


def measure(cluster_set: ClusterSet, baseline: bool = True) -> tuple[float, float]:
    print(f"{cluster_set.name}: {len(cluster_set.check_items)} items, {len(set(cluster_set.check_gold))} stories "
          f"(baseline tuned on {len(cluster_set.fit_items)} fit items)")
    stream = cluster_set.name.startswith(("Mixed", "Long"))
    embedder = RememberingEmbedder(headline_embedder())
    started = time.perf_counter()
    ours = report("storylens", link_stories(cluster_set.check_items, clusterer=LinkageClusterer(embedder=embedder)),
                  cluster_set.check_gold, time.perf_counter() - started)
    if cluster_set.name.startswith("PolNeAR"):
        dated_figures(cluster_set, embedder)
    if stream:
        started = time.perf_counter()
        whole = LinkageClusterer(embedder=embedder, block=len(cluster_set.check_items))
        report("storylens, one block", link_stories(cluster_set.check_items, clusterer=whole),
               cluster_set.check_gold, time.perf_counter() - started)
    if not cluster_set.fit_items or not baseline:
        return ours, float("nan")
    cut = tune_baseline(cluster_set.fit_items, cluster_set.fit_gold, cluster_set.fit_chunks)
    started = time.perf_counter()
    labels = baseline_labels(cluster_set.check_items, [cut])[0]
    theirs = report(f"TF-IDF + average link (t={cut:.3f})", [str(label) for label in labels],
                    cluster_set.check_gold, time.perf_counter() - started)
    return ours, theirs


def dated_figures(cluster_set: ClusterSet, embedder) -> None:
    """For a dated set: storylens with the dates taken away (what the time term does), on the
    fit side, which the time term is learned on (train/story_model.py), and on both sides as
    one time-ordered stream."""
    undated = [dataclasses.replace(item, published=None) for item in cluster_set.check_items]
    started = time.perf_counter()
    report("storylens, undated", link_stories(undated, clusterer=LinkageClusterer(embedder=embedder)),
           cluster_set.check_gold, time.perf_counter() - started)
    started = time.perf_counter()
    report("storylens, fit side", link_stories(cluster_set.fit_items, clusterer=LinkageClusterer(embedder=embedder)),
           cluster_set.fit_gold, time.perf_counter() - started)
    started = time.perf_counter()
    whole = cluster_set.fit_items + cluster_set.check_items
    report("storylens, both as one stream", link_stories(whole, clusterer=LinkageClusterer(embedder=embedder)),
           cluster_set.fit_gold + cluster_set.check_gold, time.perf_counter() - started)


def small_batches(name: str, items: list[NewsItem], gold: list[str], most_stories: int = 10,
                  most_items: int | None = None) -> None:
    """Mean BCubed over batches of 1 to `most_stories` whole check stories (at most `most_items`
    items of each; seeded), under RARE_WORDS_FROM items, as a folder of pages is."""
    members: dict[str, list[int]] = {}
    for k, story in enumerate(gold):
        members.setdefault(story, []).append(k)
    rng, batches = random.Random(11), []
    while len(batches) < SMALL_BATCHES:
        stories = rng.sample(sorted(members), rng.randint(1, most_stories))
        batch = [k for story in stories for k in members[story][:most_items]]
        if len(batch) < RARE_WORDS_FROM:
            batches.append(batch)
    scores = [bcubed(link_stories([items[k] for k in batch]), [gold[k] for k in batch]) for batch in batches]
    p, r, f = np.mean(scores, axis=0)
    print(f"small batches ({SMALL_BATCHES} of 1-{most_stories} {name} stories, "
          f"{np.mean([len(b) for b in batches]):.1f} items on average):")
    print(f"  storylens                      BCubed P {p:.3f} R {r:.3f} F1 {f:.3f} (mean over batches)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--sets", default="", help="only the sets whose name contains this")
    parser.add_argument("--no-small-batches", action="store_true")
    parser.add_argument("--no-baseline", action="store_true", help="storylens only (the baseline's tuning is slow)")
    args = parser.parse_args()
    if not (args.data / "allsides" / "val.jsonl").exists() or not (args.data / "fnc1" / "train_stances.csv").exists():
        print(f"dev data not found at {args.data} (allsides/, fnc1/); nothing to measure", file=sys.stderr)
        return 1
    started = time.perf_counter()
    headline_embedder()
    print(f"embedding model loaded in {time.perf_counter() - started:.1f} s, not counted below")
    every = (allsides_sets(args.data) + fnc_sets(args.data) + mixed_sets(args.data) + [long_stream_set(args.data)]
             + polnear_sets(args.data))
    sets = [s for s in every if args.sets.lower() in s.name.lower()]
    results = {s.name: measure(s, not args.no_baseline) for s in sets}
    print("summary (BCubed F1, storylens vs baseline):")
    for name, (ours, theirs) in results.items():
        verdict = "no baseline" if np.isnan(theirs) else "better" if ours > theirs else "NOT better"
        print(f"  {name:30s} {ours:.3f} vs {theirs:.3f}  {verdict}")
    if not args.no_small_batches:
        val = allsides_sets(args.data)[0]
        small_batches("AllSides val", val.check_items, val.check_gold)
        for rumours in fnc_sets(args.data):  # a folder of full-text pages is a small batch too
            small_batches(rumours.name.replace(" by rumour", ""), rumours.check_items, rumours.check_gold,
                          most_stories=4, most_items=8)
    return 0


if __name__ == "__main__":
    sys.exit(main())
