"""Online story clustering: each item joins the best existing story or starts a new one.

For every item, the stories alive in its time window are ranked by embedding similarity to
their centroid; the best few are scored by a small logistic model over embedding, word
(TF-IDF) and entity agreement and the time gap (`scoring.py`, trained on AllSides train by
train/story_model.py). The item joins the top-scoring story when the score clears the learned
threshold. Centroids update as items join, stories that drifted together are merged every few
hundred items, and stories whose last item is far behind the stream leave the active index,
so the cost per item depends on how many stories are alive, not how many were ever seen.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from storylens.cluster.features import DocumentFrequencies, TermBag, entities, hashed_counts, tfidf_cosine
from storylens.cluster.scoring import StoryScorer, load_scorer
from storylens.model import NewsItem

CANDIDATES = 8  # stories scored in full per item, best by centroid similarity
RECENT_MEMBERS = 6  # member vectors kept per story for the best-single-match feature
MERGE_EVERY = 500
ADD_CHUNK = 5000  # items embedded at once by assign_stories
PRUNE_EVERY = 2000


@dataclass(slots=True)
class Story:
    id: str
    row: int
    size: int
    vector_sum: np.ndarray
    bag: TermBag
    names: Counter[str]
    first: float | None  # POSIX seconds; None while no member is dated
    last: float | None
    recent: list[np.ndarray] = field(default_factory=list)

    def centroid(self) -> np.ndarray:
        norm = float(np.linalg.norm(self.vector_sum))
        return self.vector_sum / norm if norm else self.vector_sum


@dataclass(slots=True)
class Observation:
    """One item, prepared: its vector, words, names and time."""

    item_id: str
    vector: np.ndarray
    bag: TermBag
    names: frozenset[str]
    time: float | None


def story_id_for(first_item_id: str) -> str:
    return "s" + hashlib.sha1(first_item_id.encode("utf-8")).hexdigest()[:12]


class StoryClusterer:
    """Holds the stories seen so far; `add` assigns a batch of items in the order given."""

    def __init__(self, scorer: StoryScorer | None = None, *, multilingual: bool = False,
                 window_days: float | None = None, embedder=None):
        from storylens.enrich.embed import english_embedder, multilingual_embedder

        self.scorer = scorer or load_scorer()
        self.embedder = embedder or (multilingual_embedder() if multilingual else english_embedder())
        self.window = (window_days or self.scorer.window_days) * 86400.0
        self.frequencies = DocumentFrequencies()
        self.parent: dict[str, str] = {}  # merged story id → the story that absorbed it
        self.matrix = np.zeros((1024, self.embedder.dimension), dtype=np.float32)  # active centroids
        self.spans = np.full((1024, 2), np.nan)  # active stories' first and last times (NaN: undated)
        self.active: list[Story] = []
        self.latest: float | None = None
        self.seen = 0

    def add(self, items: Sequence[NewsItem]) -> list[str]:
        vectors = self.embedder.embed([item.headline_and_lead for item in items])
        # All of a batch's words count in the document frequencies before any item is placed:
        # with IDF from only the items before it, the start of a batch would be judged on noise.
        observations = [self.prepare(item, vector) for item, vector in zip(items, vectors)]
        assigned = [self.observe(obs) for obs in observations]
        return [self.resolve(story_id) for story_id in assigned]

    def finish(self) -> None:
        """End of a batch: merge what drifted together, then give every story still holding a
        single item a second look against the stories as they ended up. An early item often
        arrives before its story has enough members to recognise it; this is where it joins."""
        self.merge_similar()
        self.rescue_singletons()

    def resolve(self, story_id: str) -> str:
        while story_id in self.parent:
            story_id = self.parent[story_id]
        return story_id

    def prepare(self, item: NewsItem, vector: np.ndarray) -> Observation:
        text = item.headline_and_lead
        bag = TermBag.of(hashed_counts(text))
        self.frequencies.add(bag)
        time = item.published.timestamp() if item.published else None
        return Observation(item.id, vector, bag, entities(text), time)

    def observe(self, obs: Observation) -> str:
        self.seen += 1
        if obs.time is not None:
            self.latest = obs.time if self.latest is None else max(self.latest, obs.time)
        best, score = self.best_story(obs)
        if best is not None and score >= self.scorer.threshold:
            self.join(best, obs)
            story_id = best.id
        else:
            story_id = self.start(obs).id
        if self.seen % MERGE_EVERY == 0:
            self.merge_similar()
        if self.seen % PRUNE_EVERY == 0:
            self.prune()
        return story_id

    def best_story(self, obs: Observation) -> tuple[Story | None, float]:
        rows = self.candidate_rows(obs)
        if not len(rows):
            return None, 0.0
        candidates = [self.active[row] for row in rows]
        scored = [(self.scorer.score(features), k) for k, features in enumerate(self.features_all(obs, candidates))]
        score, best = max(scored)
        return candidates[best], score

    def features_all(self, obs: Observation, candidates: list[Story]) -> list[list[float]]:
        """Features of the item against each candidate; each is also judged against its rivals."""
        similarities = [float(story.centroid() @ obs.vector) for story in candidates]
        rows = []
        for k, story in enumerate(candidates):
            rival = max((s for j, s in enumerate(similarities) if j != k), default=self.scorer.rival_floor)
            rival = max(rival, self.scorer.rival_floor)
            rows.append(self.features(obs, story, similarities[k], rival))
        return rows

    def candidate_rows(self, obs: Observation) -> np.ndarray:
        count = len(self.active)
        if not count:
            return np.zeros(0, dtype=np.int64)
        similarity = self.matrix[:count] @ obs.vector
        if obs.time is not None:
            first, last = self.spans[:count, 0], self.spans[:count, 1]
            with np.errstate(invalid="ignore"):  # NaN (undated) compares False: never too far
                far = (obs.time < first - self.window) | (obs.time > last + self.window)
            similarity[far] = -np.inf
        top = min(CANDIDATES, count)
        rows = np.argpartition(-similarity, top - 1)[:top]
        return rows[np.isfinite(similarity[rows])]

    def features(self, obs: Observation, story: Story, similarity: float, rival: float) -> list[float]:
        """In the order of scoring.FEATURES."""
        shared = len(obs.names & story.names.keys())
        return [
            similarity,
            similarity - rival,
            max(float(member @ obs.vector) for member in story.recent),
            tfidf_cosine(obs.bag, story.bag, self.frequencies),
            shared / len(obs.names) if obs.names else 0.0,
            1.0 if obs.names else 0.0,
        ]

    def start(self, obs: Observation) -> Story:
        story = Story(story_id_for(obs.item_id), len(self.active), 1, obs.vector.copy(), obs.bag,
                      Counter(obs.names), obs.time, obs.time, [obs.vector])
        self.activate(story)
        return story

    def activate(self, story: Story) -> None:
        if len(self.active) == len(self.matrix):
            self.matrix = np.concatenate([self.matrix, np.zeros_like(self.matrix)])
            self.spans = np.concatenate([self.spans, np.full_like(self.spans, np.nan)])
        story.row = len(self.active)
        self.active.append(story)
        self.refresh(story)

    def refresh(self, story: Story) -> None:
        self.matrix[story.row] = story.centroid()
        self.spans[story.row] = (np.nan, np.nan) if story.first is None else (story.first, story.last)

    def join(self, story: Story, obs: Observation) -> None:
        story.size += 1
        story.vector_sum += obs.vector
        story.bag = story.bag.plus(obs.bag)
        story.names.update(obs.names)
        story.recent = (story.recent + [obs.vector])[-RECENT_MEMBERS:]
        if obs.time is not None:
            story.first = obs.time if story.first is None else min(story.first, obs.time)
            story.last = obs.time if story.last is None else max(story.last, obs.time)
        self.refresh(story)

    def merge_similar(self) -> None:
        """Merge pairs of active stories the scorer would join, judged story against story."""
        threshold = self.scorer.merge_threshold
        for story in list(self.active):
            if story.id in self.parent:
                continue
            obs = Observation(story.id, story.centroid(), story.bag, frozenset(story.names), story.last)
            candidates = [self.active[row] for row in self.candidate_rows(obs)]
            candidates = [other for other in candidates if other is not story and other.id not in self.parent]
            for other, features in zip(candidates, self.features_all(obs, candidates)):
                if self.scorer.score(features) >= threshold:
                    self.absorb(other, story)
                    break
        self.compact(lambda story: story.id not in self.parent)

    def rescue_singletons(self) -> None:
        for story in list(self.active):
            if story.size != 1 or story.id in self.parent:
                continue
            obs = Observation(story.id, story.recent[0], story.bag, frozenset(story.names), story.last)
            candidates = [self.active[row] for row in self.candidate_rows(obs)]
            candidates = [other for other in candidates if other is not story and other.id not in self.parent]
            scored = [(self.scorer.score(f), k) for k, f in enumerate(self.features_all(obs, candidates))]
            if scored and max(scored)[0] >= self.scorer.threshold:
                self.absorb(candidates[max(scored)[1]], story)
        self.compact(lambda story: story.id not in self.parent)

    def absorb(self, keeper: Story, merged: Story) -> None:
        keeper.size += merged.size
        keeper.vector_sum += merged.vector_sum
        keeper.bag = keeper.bag.plus(merged.bag)
        keeper.names.update(merged.names)
        keeper.recent = (keeper.recent + merged.recent)[-RECENT_MEMBERS:]
        times = [t for t in (keeper.first, keeper.last, merged.first, merged.last) if t is not None]
        keeper.first, keeper.last = (min(times), max(times)) if times else (None, None)
        self.refresh(keeper)
        self.parent[merged.id] = keeper.id  # its row stays until the next compact; candidates skip it

    def prune(self) -> None:
        """Stories whose last item is two windows behind the stream leave the active index."""
        if self.latest is None:
            return
        cutoff = self.latest - 2 * self.window
        self.compact(lambda story: story.last is None or story.last >= cutoff)

    def compact(self, keep) -> None:
        kept = [story for story in self.active if keep(story)]
        self.active = []
        for story in kept:
            self.activate(story)


def assign_stories(items: Sequence[NewsItem], *, multilingual: bool = False,
                   clusterer: StoryClusterer | None = None) -> list[str]:
    """One story id per item, in input order. Items are fed oldest first (undated ones after
    the dated, in input order), as a stream would bring them."""
    clusterer = clusterer or StoryClusterer(multilingual=multilingual)
    order = sorted(range(len(items)), key=lambda i: (items[i].published is None, sort_time(items[i]), i))
    assigned = []
    for start in range(0, len(order), ADD_CHUNK):  # bounded memory: embeddings of one chunk at a time
        assigned += clusterer.add([items[i] for i in order[start : start + ADD_CHUNK]])
    clusterer.finish()
    result = [""] * len(items)
    for position, story_id in zip(order, assigned):
        result[position] = clusterer.resolve(story_id)
    return result


def sort_time(item: NewsItem) -> float:
    return item.published.timestamp() if item.published else 0.0


# -- state, so a store can keep the stories between runs ----------------------------------------

def export_state(clusterer: StoryClusterer) -> tuple[bytes, list[dict]]:
    """The document frequencies as bytes, and one dict per active story (its vectors as bytes)."""
    frequencies = clusterer.frequencies.counts.astype(np.int32).tobytes()
    stories = [
        {
            "id": story.id,
            "size": story.size,
            "first": story.first,
            "last": story.last,
            "vector_sum": story.vector_sum.astype(np.float32).tobytes(),
            "recent": np.stack(story.recent).astype(np.float32).tobytes(),
            "terms": story.bag.terms.astype(np.int64).tobytes(),
            "counts": story.bag.counts.astype(np.float32).tobytes(),
            "names": dict(story.names),
        }
        for story in clusterer.active
    ]
    return frequencies, stories


def restore_state(clusterer: StoryClusterer, frequencies: bytes, documents: int, stories: list[dict]) -> None:
    """Load what `export_state` wrote into a fresh clusterer."""
    clusterer.frequencies.counts = np.frombuffer(frequencies, dtype=np.int32).copy()
    clusterer.frequencies.documents = documents
    dimension = clusterer.embedder.dimension
    for row in stories:
        recent = np.frombuffer(row["recent"], dtype=np.float32).reshape(-1, dimension)
        story = Story(row["id"], 0, row["size"], np.frombuffer(row["vector_sum"], dtype=np.float32).copy(),
                      TermBag(np.frombuffer(row["terms"], dtype=np.int64).copy(),
                              np.frombuffer(row["counts"], dtype=np.float32).copy()),
                      Counter(row["names"]), row["first"], row["last"], list(recent.copy()))
        clusterer.activate(story)
        if story.last is not None:
            clusterer.latest = story.last if clusterer.latest is None else max(clusterer.latest, story.last)
