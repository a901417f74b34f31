"""Train story clustering and write src/storylens/cluster/story_model.json.

    python train/story_model.py [--data ../shared/data] [--skip-multilingual]

Fit sets only (bench/cluster_sets.py): AllSides train in chunks of 300 stories (title + lead,
a third lower-cased; and some chunks title only and lead only, for the length slope), and the
fit half of FNC-1's big rumour stories, as headlines and as bodies without titles. The score
is the mean BCubed F1 over the five kinds of set, each kind weighing the same, so neither
three-item stories nor forty-item ones decide alone. Nothing is keyed to a set: one model for
every text length, whose threshold moves with the length of the texts compared.

1. Average linkage (similarity.py, linkage.py): embedding weight, length slope and threshold
   on a grid; one tree per chunk and (weight, slope), cut at every threshold (the same
   groups `linkage.cluster_pool` finds, component by component).
2. The small-batch threshold, on batches of 1 to 10 training stories (under RARE_WORDS_FROM).
3. `multilingual`: the same search with USE multilingual on AllSides train (English only: the
   dev data has no other language), and the threshold for the embedding alone, which decides
   across languages.
The time term (similarity.TIME_WEIGHT) is not trained here: no dev set has dates; it was set on
generated stories, as similarity.py says.
Val and FNC-1's check half are for bench/cluster.py.
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from cluster_sets import DATA, allsides_sets, fnc_sets  # noqa: E402

from storylens.cluster import linkage as story_linkage  # noqa: E402
from storylens.cluster import similarity  # noqa: E402
from storylens.cluster.evaluation import bcubed  # noqa: E402
from storylens.enrich.embed import headline_embedder, multilingual_embedder  # noqa: E402
from storylens.model import NewsItem  # noqa: E402

CHUNK_STORIES = 300
SEED = 7
WEIGHTS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55)
SLOPES = (-0.03, -0.015, 0.0, 0.015, 0.03)
THRESHOLDS = np.round(np.arange(0.0, 0.6, 0.01), 2)
SMALL_BATCHES = 600
FAR = story_linkage.FAR  # the tree's distances are FAR - margin, as in linkage.py


class PrecomputedEmbedder:
    """Embeds each distinct text once; the searches replay the same texts many times."""

    def __init__(self, inner):
        self.inner, self.dimension, self.cache = inner, inner.dimension, {}

    def embed(self, texts):
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if missing:
            self.cache.update(zip(missing, self.inner.embed(missing)))
        return np.stack([self.cache[t] for t in texts]) if texts else np.zeros((0, self.dimension), np.float32)


@dataclasses.dataclass
class Chunk:
    """One fit chunk, its pool and word weights prepared once."""

    kind: str
    gold: list[str]
    embedded: np.ndarray
    lexical: np.ndarray
    log_length: np.ndarray


def prepared(kind: str, items: list[NewsItem], gold: list[str], embedder) -> Chunk:
    clusterer = story_linkage.LinkageClusterer(similarity.LinkageModel(0.3, 0.3), embedder=embedder)
    pool = clusterer.pool_of(items)
    frequencies = similarity.DocumentFrequencies()
    frequencies.add(pool.counts)
    words = frequencies.tfidf(pool.counts)
    log_length = np.log(np.maximum(np.diff(pool.counts.indptr), 1.0)) - np.log(similarity.REFERENCE_WORDS)
    # The pool and frequencies (4 MB each) are not kept: the searches need only the cosines.
    return Chunk(kind, gold, pool.vectors @ pool.vectors.T, words.dot(words.T).toarray(), log_length)


def lower_cased(items: list[NewsItem]) -> list[NewsItem]:
    return [NewsItem(i.id, i.text.lower(), (i.title or "").lower() or None) for i in items]


def in_chunks(items: list[NewsItem], gold: list[str], rng: random.Random, limit: int | None = None):
    stories = sorted(set(gold))
    rng.shuffle(stories)
    for number, start in enumerate(range(0, len(stories), CHUNK_STORIES)):
        if limit is not None and number >= limit:
            return
        chosen = set(stories[start : start + CHUNK_STORIES])
        members = [k for k, story in enumerate(gold) if story in chosen]
        yield number, [items[k] for k in members], [gold[k] for k in members]


def fit_chunks(data: Path, embedder, allsides_only: bool = False) -> list[Chunk]:
    sets = {s.name: s for s in allsides_sets(data) + ([] if allsides_only else fnc_sets(data))}
    chunks = []
    main = sets["AllSides title + lead"]
    for number, items, gold in in_chunks(main.fit_items, main.fit_gold, random.Random(SEED)):
        chunks.append(prepared("allsides", lower_cased(items) if number % 3 == 2 else items, gold, embedder))
    for kind, name in (("title", "AllSides title only"), ("lead", "AllSides lead only")):
        fit = sets[name]
        chunks += [prepared(kind, items, gold, embedder)
                   for _, items, gold in in_chunks(fit.fit_items, fit.fit_gold, random.Random(SEED + 1), limit=3)]
    if not allsides_only:
        for kind, name in (("fnc headlines", "FNC-1 headlines by rumour"), ("fnc bodies", "FNC-1 bodies by rumour")):
            chunks.append(prepared(kind, sets[name].fit_items, sets[name].fit_gold, embedder))
    return chunks


def mean_by_kind(chunks: list[Chunk], scores: np.ndarray) -> np.ndarray:
    """Mean over kinds of the mean over each kind's chunks (scores: one row per chunk)."""
    kinds = sorted({chunk.kind for chunk in chunks})
    return np.mean([scores[[c.kind == kind for c in chunks]].mean(axis=0) for kind in kinds], axis=0)


def tree_scores(chunks: list[Chunk], weight: float, slope: float) -> np.ndarray:
    scores = np.zeros((len(chunks), len(THRESHOLDS)))
    for row, chunk in enumerate(chunks):
        margin = weight * chunk.embedded + (1 - weight) * chunk.lexical
        margin -= slope * (chunk.log_length[:, None] + chunk.log_length[None, :]) / 2
        distances = FAR - margin[np.triu_indices(len(margin), 1)]
        tree = linkage(np.maximum(distances, 0.0), method="average")
        for k, threshold in enumerate(THRESHOLDS):
            labels = fcluster(tree, FAR - threshold, criterion="distance")
            scores[row, k] = bcubed([str(label) for label in labels], chunk.gold)[2]
    return mean_by_kind(chunks, scores)


def search_items(chunks: list[Chunk], weights=WEIGHTS, slopes=SLOPES) -> tuple[float, float, float, float]:
    best = (-1.0, 0.0, 0.0, 0.0)
    for weight in weights:
        for slope in slopes:
            scores = tree_scores(chunks, weight, slope)
            k = int(np.argmax(scores))
            print(f"  weight {weight:.2f} slope {slope:+.2f}: threshold {THRESHOLDS[k]:.2f} F1 {scores[k]:.4f}",
                  flush=True)
            best = max(best, (float(scores[k]), weight, slope, float(THRESHOLDS[k])))
    return best


def small_batches(data: Path, embedder, rng: random.Random) -> list[Chunk]:
    """Batches of 1 to 10 whole training stories, under RARE_WORDS_FROM items; a third lower-cased."""
    fit = allsides_sets(data)[0]
    members: dict[str, list[int]] = {}
    for k, story in enumerate(fit.fit_gold):
        members.setdefault(story, []).append(k)
    stories, batches = sorted(members), []
    while len(batches) < SMALL_BATCHES:
        chosen = [k for story in rng.sample(stories, rng.randint(1, 10)) for k in members[story]]
        if not 2 <= len(chosen) < similarity.RARE_WORDS_FROM:
            continue
        items = [fit.fit_items[k] for k in chosen]
        batches.append(prepared("small", lower_cased(items) if len(batches) % 3 == 2 else items,
                                [fit.fit_gold[k] for k in chosen], embedder))
    return batches


def train_model(chunks: list[Chunk], small: list[Chunk], weights=WEIGHTS, slopes=SLOPES) -> tuple[dict, dict]:
    f1, weight, slope, threshold = search_items(chunks, weights, slopes)
    print(f"items: weight {weight} slope {slope} threshold {threshold}: F1 {f1:.4f}")
    scores = tree_scores(small, weight, slope)
    best = int(np.argmax(scores))
    print(f"small batches: threshold {THRESHOLDS[best]:.2f} F1 {scores[best]:.4f}", flush=True)
    model = similarity.LinkageModel(weight, threshold, slope, small_batch_threshold=float(THRESHOLDS[best]))
    return model.to_json(), {"train_bcubed_f1": round(f1, 4), "small_batch_train_bcubed_f1": round(float(scores[best]), 4)}


def cross_language_threshold(chunks: list[Chunk]) -> float:
    """The threshold at which the embedding alone clusters best (English fit chunks)."""
    scores = tree_scores(chunks, 1.0, 0.0)
    return float(THRESHOLDS[int(np.argmax(scores))])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=similarity.MODEL_FILE)
    parser.add_argument("--skip-multilingual", action="store_true", help="keep the shipped multilingual model")
    args = parser.parse_args()
    if not (args.data / "allsides" / "train.jsonl").exists() or not (args.data / "fnc1" / "train_stances.csv").exists():
        print(f"dev data not found at {args.data} (allsides/, fnc1/); nothing to train on", file=sys.stderr)
        return 1
    started = time.perf_counter()
    old = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
    embedder = PrecomputedEmbedder(headline_embedder())
    english, figures = train_model(fit_chunks(args.data, embedder), small_batches(args.data, embedder, random.Random(SEED)))
    data = {"trained_on": "AllSides train; FNC-1 train rumour stories, fit half", "linkage": english | figures}
    if args.skip_multilingual and "multilingual" in old:
        data["multilingual"] = old["multilingual"]
    elif not args.skip_multilingual:
        embedder = PrecomputedEmbedder(multilingual_embedder())
        chunks = fit_chunks(args.data, embedder, allsides_only=True)
        model, figures = train_model(chunks, small_batches(args.data, embedder, random.Random(SEED)),
                                     weights=(0.35, 0.5, 0.65), slopes=(english["length_slope"],))
        model["cross_language_threshold"] = cross_language_threshold([c for c in chunks if c.kind == "allsides"])
        data["multilingual"] = model | figures
    args.out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out} in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
