"""Train story clustering on AllSides train and write src/storylens/cluster/story_model.json.

    python train/story_model.py [--data ../shared/data/allsides] [--linkage-only | --small-batch-only]

Two models share the file. `linkage` (batch clustering, cluster/linkage.py): the weight of the
headline embedding against the TF-IDF cosine and the average-linkage threshold, searched on a
grid for the best mean BCubed F1 over the training chunks (one tree per chunk and weight, cut
at every threshold). Then, at that weight, the threshold for batches smaller than
`linkage.RARE_WORDS_FROM` items (a user's folder of pages about one or a few stories), on
batches of 1 to 10 training stories. `--linkage-only` trains just the linkage part and keeps
the online scorer; `--small-batch-only` just the small-batch threshold.
The online scorer (cluster/stories.py, used by `ingest`):

1. Replays the training stories as a stream in chunks of ~300 stories (the size of a dev
   split), joining every item to its gold story, and records the features of each item
   against the candidate stories the clusterer would look at (label: is it the gold story).
   A third of the chunks are lower-cased, headline-only feeds have no capitalised names,
   and the model must not rely on them being there.
2. Fits a logistic regression on those features.
3. Runs the real clusterer over the training chunks, searching the join threshold (merging
   off) and then the merge threshold, and keeps the pair with the best mean BCubed F1.
Only the train split is used; val is for bench/cluster.py.
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
from sklearn.linear_model import LogisticRegression

from storylens.cluster import linkage
from storylens.cluster.evaluation import bcubed
from storylens.cluster.scoring import FEATURES, MODEL_FILE, StoryScorer
from storylens.cluster.stories import StoryClusterer, assign_stories
from storylens.enrich.embed import english_embedder, headline_embedder
from storylens.model import NewsItem

REPO = Path(__file__).resolve().parents[1]
CHUNK_STORIES = 300
SEED = 7


class PrecomputedEmbedder:
    """Embeds each distinct text once; the grid search replays the same texts many times."""

    def __init__(self, inner):
        self.inner, self.dimension, self.cache = inner, inner.dimension, {}

    def embed(self, texts):
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if missing:
            self.cache.update(zip(missing, self.inner.embed(missing)))
        return np.stack([self.cache[t] for t in texts]) if texts else np.zeros((0, self.dimension), np.float32)


def load_items(path: Path) -> list[tuple[NewsItem, str]]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    return [(NewsItem(id=r["id"], text=r["text"] or "", title=r["title"]), r["story"]) for r in rows]


def chunks(items: list[tuple[NewsItem, str]], rng: random.Random) -> list[list[tuple[NewsItem, str]]]:
    stories = sorted({story for _, story in items})
    rng.shuffle(stories)
    groups = [set(stories[i : i + CHUNK_STORIES]) for i in range(0, len(stories), CHUNK_STORIES)]
    result = []
    for number, group in enumerate(groups):
        chunk = [(item, story) for item, story in items if story in group]
        rng.shuffle(chunk)
        if number % 3 == 2:
            chunk = lower_cased(chunk)
        result.append(chunk)
    return result


def replay_features(chunk, embedder, scorer) -> tuple[list[list[float]], list[int]]:
    """Features of each item against its candidate stories, with items always joining gold."""
    clusterer = StoryClusterer(scorer, embedder=embedder)
    vectors = embedder.embed([item.headline_and_lead for item, _ in chunk])
    by_gold, rows, labels = {}, [], []
    observations = [clusterer.prepare(item, vector) for (item, _), vector in zip(chunk, vectors)]  # as `add` does
    for (_, gold), obs in zip(chunk, observations):
        candidates = [clusterer.active[row] for row in clusterer.candidate_rows(obs)]
        target = by_gold.get(gold)
        if target is not None and target not in candidates:
            candidates.append(target)  # the model must also learn from the gold story it missed
        rows += clusterer.features_all(obs, candidates)
        labels += [int(story is target) for story in candidates]
        if target is None:
            by_gold[gold] = clusterer.start(obs)
        else:
            clusterer.join(target, obs)
    return rows, labels


def rival_floor(rows) -> float:
    """The median similarity of the best rival a candidate met in the training pools."""
    x = np.asarray(rows)
    rivals = x[:, 0] - x[:, 1]  # similarity minus margin
    return round(float(np.median(rivals[rivals > 0])), 6) if len(x) else 0.0


def with_floor(rows, floor: float) -> list[list[float]]:
    """Margins recomputed as if every rival below the floor were the floor (as `features_all` does)."""
    return [[r[0], r[0] - max(r[0] - r[1], floor), *r[2:]] for r in rows]


def fit(rows, labels, threshold=0.5, merge_threshold=0.9, floor: float = 0.0) -> StoryScorer:
    x = np.asarray(rows, dtype=np.float64)
    means, scales = x.mean(axis=0), x.std(axis=0) + 1e-9
    model = LogisticRegression(C=1.0, max_iter=1000).fit((x - means) / scales, labels)
    return StoryScorer(tuple(model.coef_[0].round(6).tolist()), round(float(model.intercept_[0]), 6),
                       tuple(means.round(6).tolist()), tuple(scales.round(6).tolist()), threshold, merge_threshold,
                       rival_floor=floor)


def mean_f1(chunk_list, scorer, embedder) -> float:
    scores = []
    for chunk in chunk_list:
        items = [item for item, _ in chunk]
        predicted = assign_stories(items, clusterer=StoryClusterer(scorer, embedder=embedder))
        scores.append(bcubed(predicted, [gold for _, gold in chunk])[2])
    return float(np.mean(scores))


def with_thresholds(scorer: StoryScorer, join: float, merge: float) -> StoryScorer:
    return StoryScorer(scorer.weights, scorer.bias, scorer.means, scorer.scales, join, merge, scorer.window_days,
                       scorer.rival_floor)


NEVER = 1.01  # a merge threshold no probability reaches
TIE = 0.001


def grid_point(chunk_list, scorer, embedder, join: float, merge: float) -> float:
    score = mean_f1(chunk_list, with_thresholds(scorer, join, merge), embedder)
    print(f"  join {join:.2f} merge {merge:.2f}: mean BCubed F1 {score:.4f}", flush=True)
    return score


EMBEDDING_WEIGHTS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)
LINKAGE_THRESHOLDS = np.round(np.arange(0.10, 0.50, 0.01), 2)


def lower_cased(chunk: list[tuple[NewsItem, str]]) -> list[tuple[NewsItem, str]]:
    """Feed style: aggregators' headlines and snippets often come lower-cased."""
    return [(NewsItem(i.id, i.text.lower(), (i.title or "").lower() or None), s) for i, s in chunk]


def linkage_scores(chunk_list, embedder, weight: float, thresholds: np.ndarray = LINKAGE_THRESHOLDS) -> np.ndarray:
    """Mean BCubed F1 over the chunks at every threshold, for one embedding weight."""
    scores = np.zeros(len(thresholds))
    for chunk in chunk_list:
        items = [item for item, _ in chunk]
        gold = [story for _, story in chunk]
        counts = linkage.word_counts(items)
        frequencies = linkage.DocumentFrequencies()
        frequencies.add(counts)
        pool = linkage.Pool([item.id for item in items], embedder.embed([linkage.headline(i) for i in items]),
                            counts, np.full(len(items), np.nan))
        model = linkage.LinkageModel(weight, 0.0)
        tree = linkage.average_linkage(linkage.similarity(pool, frequencies, model))
        for k, threshold in enumerate(thresholds):
            labels = linkage.groups(tree, len(items), threshold)
            scores[k] += bcubed([str(label) for label in labels], gold)[2]
    return scores / len(chunk_list)


def train_linkage(chunk_list) -> tuple[linkage.LinkageModel, float]:
    embedder = PrecomputedEmbedder(headline_embedder())
    best = (-1.0, 0.0, 0.0)
    for weight in EMBEDDING_WEIGHTS:
        scores = linkage_scores(chunk_list, embedder, weight)
        k = int(np.argmax(scores))
        print(f"  linkage: embedding weight {weight:.2f}: best threshold {LINKAGE_THRESHOLDS[k]:.2f}, "
              f"mean BCubed F1 {scores[k]:.4f}", flush=True)
        best = max(best, (float(scores[k]), weight, float(LINKAGE_THRESHOLDS[k])))
    return linkage.LinkageModel(best[1], best[2]), round(best[0], 4)


SMALL_BATCH_THRESHOLDS = np.round(np.arange(0.05, 0.40, 0.01), 2)
SMALL_BATCHES = 1500


def small_batches(items: list[tuple[NewsItem, str]], rng: random.Random) -> list[list[tuple[NewsItem, str]]]:
    """Batches of 1 to 10 whole training stories, under RARE_WORDS_FROM items; a third lower-cased."""
    members: dict[str, list[tuple[NewsItem, str]]] = {}
    for item, story in items:
        members.setdefault(story, []).append((item, story))
    stories = sorted(members)
    batches = []
    while len(batches) < SMALL_BATCHES:
        chosen = rng.sample(stories, rng.randint(1, 10))
        batch = [pair for story in chosen for pair in members[story]]
        if not 2 <= len(batch) < linkage.RARE_WORDS_FROM:
            continue
        if len(batches) % 3 == 2:
            batch = lower_cased(batch)
        batches.append(batch)
    return batches


def train_small_batch_threshold(batches, weight: float) -> tuple[float, float]:
    """The small-batch threshold with the best mean BCubed F1 at the learned weight, and that F1."""
    scores = linkage_scores(batches, PrecomputedEmbedder(headline_embedder()), weight, SMALL_BATCH_THRESHOLDS)
    best = int(np.argmax(scores))
    return float(SMALL_BATCH_THRESHOLDS[best]), round(float(scores[best]), 4)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "allsides")
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--linkage-only", action="store_true", help="train the batch model, keep the online one")
    parser.add_argument("--small-batch-only", action="store_true",
                        help="train only the batch model's small-batch threshold, keep the rest")
    args = parser.parse_args()
    train_file = args.data / "train.jsonl"
    if not train_file.exists():
        print(f"AllSides train not found at {train_file}; nothing to train on", file=sys.stderr)
        return 1
    started = time.perf_counter()
    rng = random.Random(SEED)
    items = load_items(train_file)
    chunk_list = chunks(items, rng)
    if args.small_batch_only:
        data = json.loads(args.out.read_text(encoding="utf-8"))
        model, linkage_f1 = linkage.load_linkage_model(), data["linkage"]["train_bcubed_f1"]
    else:
        model, linkage_f1 = train_linkage(chunk_list)
    print(f"linkage: weight {model.embedding_weight}, threshold {model.threshold}, train BCubed F1 {linkage_f1}")
    small, small_f1 = train_small_batch_threshold(small_batches(items, random.Random(SEED)), model.embedding_weight)
    print(f"linkage: small-batch threshold {small}, train BCubed F1 {small_f1} on {SMALL_BATCHES} batches of 1-10 stories")
    model = dataclasses.replace(model, small_batch_threshold=small)
    linkage_part = {"linkage": model.to_json() | {"train_bcubed_f1": linkage_f1, "small_batch_train_bcubed_f1": small_f1}}
    if args.linkage_only or args.small_batch_only:
        data = json.loads(args.out.read_text(encoding="utf-8")) | linkage_part
        args.out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.out} in {time.perf_counter() - started:.0f} s")
        return 0
    embedder = PrecomputedEmbedder(english_embedder())
    placeholder = StoryScorer((0.0,) * len(FEATURES), 0.0, (0.0,) * len(FEATURES), (1.0,) * len(FEATURES), 0.5, 0.9)
    rows, labels = [], []
    for chunk in chunk_list:
        chunk_rows, chunk_labels = replay_features(chunk, embedder, placeholder)
        rows += chunk_rows
        labels += chunk_labels
    floor = rival_floor(rows)
    scorer = fit(with_floor(rows, floor), labels, floor=floor)
    print(f"{len(rows)} item-story pairs ({sum(labels)} same story) from {len(chunk_list)} chunks; "
          f"weights {dict(zip(FEATURES, scorer.weights))}")
    # Coordinate search: the join threshold with merging off, then the merge threshold.
    best = (-1.0, 0.5, NEVER)
    for join in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        best = max(best, (grid_point(chunk_list, scorer, embedder, join, NEVER), join, NEVER))
    # Triplets never drift apart, so merging can only tie here; a tie (within TIE, below the
    # spread between chunks) goes to the most cautious merge, which long streams need.
    for merge in (0.9, 0.75, 0.6):
        score = grid_point(chunk_list, scorer, embedder, best[1], merge)
        if score >= best[0] - TIE and best[2] == NEVER:
            best = (score, best[1], merge)
    scorer = with_thresholds(scorer, best[1], best[2])
    data = scorer.to_json() | {"trained_on": "AllSides train", "train_bcubed_f1": round(best[0], 4)} | linkage_part
    args.out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"best: join {best[1]} merge {best[2]}, train BCubed F1 {best[0]:.4f}; wrote {args.out} "
          f"in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
