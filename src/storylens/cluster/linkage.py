"""Batch story clustering (`storylens cluster`, `storylens.cluster`): average linkage over a
learned similarity, block by block in time order.

The similarity of two items is a weighted sum of the cosine of their headline embeddings and
the TF-IDF cosine of their title + lead words; two groups of items are one story while their
average pairwise similarity stays above the learned threshold (average linkage). The weight
and the threshold are learned on AllSides train by train/story_model.py. Items more than the
time window apart are never similar.

A batch is cut into blocks of BLOCK items in time order; each block is clustered together
with the CARRY most recent items before it, which keep the stories they already have: a
block's cluster that holds carried items continues their story, and one that holds carried
items of two stories merges them. So the cost per item depends on BLOCK and CARRY, not on how
many stories were seen, and a batch of up to BLOCK items is clustered exactly.

Whole-batch: word weights (IDF) come from every item handed to `add` before any is placed.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components

from storylens.cluster.scoring import DEFAULT_WINDOW_DAYS, MODEL_FILE
from storylens.model import NewsItem

BLOCK = 1500
CARRY = 750
HASH_FEATURES = 1 << 20
# Similarity of two items too far apart in time: below anything two texts can reach (the
# cosines are >= -1), so an average that includes such a pair falls fast.
FAR_APART = -1.0
HEADLINE_CHARS = 300  # embedded text when an item has no title: the start of its text
VETO_SIZE = 3  # groups this large are checked for distinctive words before they merge
OWN_SHARE = 2 / 3  # of a distinctive word's uses in the batch, at least this many in its group
# Rare words weigh more than plain TF-IDF says: on AllSides train, IDF squared, with words no
# other item has left out, clusters better (mean BCubed F1 .889 vs .878, 300-story chunks).
IDF_POWER = 2
RARE_WORDS_FROM = 50
PRIOR_DOCUMENTS = 50  # items seen before words used once are dropped


@dataclass(frozen=True, slots=True)
class LinkageModel:
    embedding_weight: float  # the rest of the similarity is the TF-IDF cosine
    threshold: float  # join while the average similarity is at least this
    window_days: float = DEFAULT_WINDOW_DAYS
    # Until RARE_WORDS_FROM items are known, words used once still count and the IDF is mostly
    # prior, so cosines run lower: a handful of pages about one story needs its own threshold.
    small_batch_threshold: float | None = None

    def threshold_after(self, documents: int) -> float:
        """The threshold that holds once `documents` items are known."""
        if documents < RARE_WORDS_FROM and self.small_batch_threshold is not None:
            return self.small_batch_threshold
        return self.threshold

    def to_json(self) -> dict:
        return {"embedding_weight": self.embedding_weight, "threshold": self.threshold,
                "window_days": self.window_days, "small_batch_threshold": self.small_batch_threshold}


@cache
def load_linkage_model() -> LinkageModel:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))["linkage"]
    return LinkageModel(data["embedding_weight"], data["threshold"], data.get("window_days", DEFAULT_WINDOW_DAYS),
                        data.get("small_batch_threshold"))


def headline(item: NewsItem) -> str:
    """What is embedded: the title tells stories apart better than title + lead cut to the same
    length (AllSides train), and a short text embeds several times faster."""
    return item.title.strip() if item.title and item.title.strip() else item.text[:HEADLINE_CHARS]


@cache
def _vectorizer():
    from sklearn.feature_extraction.text import HashingVectorizer

    # Single words: on AllSides train, adding word pairs lowers BCubed F1 by about a point.
    return HashingVectorizer(n_features=HASH_FEATURES, stop_words="english", alternate_sign=False, norm=None,
                             dtype=np.float32)


def word_counts(items: Sequence[NewsItem]) -> sparse.csr_matrix:
    return _vectorizer().transform([item.headline_and_lead for item in items]).tocsr()


@dataclass(slots=True)
class Pool:
    """Items being clustered together: vectors, word counts, times (NaN: undated), ids."""

    ids: list[str]
    vectors: np.ndarray
    counts: sparse.csr_matrix
    times: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, rows) -> Pool:
        return Pool([self.ids[k] for k in rows], self.vectors[rows], self.counts[rows], self.times[rows])

    @staticmethod
    def join(first: Pool, second: Pool) -> Pool:
        return Pool(first.ids + second.ids, np.concatenate([first.vectors, second.vectors]),
                    sparse.vstack([first.counts, second.counts]).tocsr(), np.concatenate([first.times, second.times]))


class DocumentFrequencies:
    """How many items so far contained each hashed word, and the IDF they give."""

    def __init__(self):
        self.documents = 0
        self.counts = np.zeros(HASH_FEATURES, dtype=np.int32)

    def add(self, counts: sparse.csr_matrix) -> None:
        self.documents += counts.shape[0]
        np.add.at(self.counts, counts.indices, 1)  # a csr row holds each column once

    def tfidf(self, counts: sparse.csr_matrix) -> sparse.csr_matrix:
        """Sublinear tf times IDF to the power IDF_POWER, rows L2-normalised. Once there are
        enough items to tell, a word no other item has is left out: it cannot match anything,
        and it would only dilute the rest (in a batch of two, every unshared word is unique)."""
        weighted = counts.copy()
        weighted.data = (1.0 + np.log(weighted.data)) * self.idf(weighted.indices) ** IDF_POWER
        if self.documents >= RARE_WORDS_FROM:
            weighted.data *= self.counts[weighted.indices] > 1
        norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
        return sparse.diags(1.0 / np.where(norms == 0, 1.0, norms)).dot(weighted).tocsr()

    def idf(self, columns: np.ndarray) -> np.ndarray:
        # PRIOR_DOCUMENTS unseen items: in a batch of a handful, a word two items share is not
        # common, whatever the plain ratio says; from a few hundred items on, the prior fades.
        documents = self.documents + PRIOR_DOCUMENTS
        return (np.log((1.0 + documents) / (1.0 + self.counts[columns])) + 1.0).astype(np.float32)


def similarity(pool: Pool, frequencies: DocumentFrequencies, model: LinkageModel) -> np.ndarray:
    """The learned pairwise similarity of every two items of the pool."""
    words = frequencies.tfidf(pool.counts)
    result = model.embedding_weight * (pool.vectors @ pool.vectors.T)
    result += (1.0 - model.embedding_weight) * words.dot(words.T).toarray()
    window = model.window_days * 86400.0
    with np.errstate(invalid="ignore"):  # NaN (undated) compares False: never too far
        result[np.abs(pool.times[:, None] - pool.times[None, :]) > window] = FAR_APART
    return result


def average_linkage(similarities: np.ndarray):
    """The scipy average-linkage tree over distances 1 - similarity (a cut at 1 - t keeps
    groups whose average similarity is at least t). Training cuts one tree at many thresholds."""
    distances = 1.0 - similarities[np.triu_indices(len(similarities), 1)]
    return linkage(np.maximum(distances, 0.0), method="average")


def groups(tree, size: int, threshold: float) -> np.ndarray:
    if size < 2:
        return np.zeros(size, dtype=np.int64)
    return fcluster(tree, 1.0 - threshold, criterion="distance")


def linked_groups(similarities: np.ndarray, presence: sparse.csr_matrix, frequencies: np.ndarray,
                  threshold: float) -> np.ndarray:
    """A group label per item: average linkage down to `threshold`, where two groups of
    VETO_SIZE or more items that each have distinctive words but share none stay apart
    (`distinctive`). Groups can only meet through pairs above the threshold, so linkage runs
    inside each connected component of those pairs, a few dozen items as a rule."""
    labels = np.zeros(len(similarities), dtype=np.int64)
    count, component = connected_components(sparse.csr_matrix(similarities >= threshold), directed=False)
    next_label = 0
    for members in np.split(np.argsort(component, kind="stable"), np.cumsum(np.bincount(component))[:-1]):
        if len(members) == 1:
            labels[members] = next_label
            next_label += 1
            continue
        local = constrained_average_linkage(similarities[np.ix_(members, members)], presence[members],
                                            frequencies, threshold)
        labels[members] = local + next_label
        next_label += int(local.max()) + 1
    return labels


def constrained_average_linkage(similarities: np.ndarray, presence: sparse.csr_matrix, frequencies: np.ndarray,
                                threshold: float) -> np.ndarray:
    size = len(similarities)
    average = similarities.astype(np.float64)  # between groups, kept for the group's first row
    np.fill_diagonal(average, -np.inf)
    sizes = np.ones(size)
    words = [Counter(presence.indices[presence.indptr[k]:presence.indptr[k + 1]].tolist()) for k in range(size)]
    owner = np.arange(size)
    nearest = np.argmax(average, axis=1)  # each group's closest other group, and how close
    best = average[np.arange(size), nearest]
    while True:
        i = int(np.argmax(best))
        if best[i] < threshold:
            break
        j = int(nearest[i])
        if vetoed(words[i], words[j], sizes[i], sizes[j], frequencies):
            average[i, j] = average[j, i] = -np.inf  # and so for every group either joins later
            stale = np.array([i, j])
        else:
            merged = (sizes[i] * average[i] + sizes[j] * average[j]) / (sizes[i] + sizes[j])
            merged[np.isnan(merged)] = -np.inf  # -inf (vetoed, or itself) stays -inf
            merged[i] = -np.inf
            average[i], average[:, i] = merged, merged
            average[j], average[:, j] = -np.inf, -np.inf
            sizes[i] += sizes[j]
            if len(words[i]) < len(words[j]):
                words[i], words[j] = words[j], words[i]
            words[i].update(words[j])
            owner[owner == j] = i
            closer = merged > best  # others may now be closest to the merged group
            nearest[closer], best[closer] = i, merged[closer]
            stale = np.flatnonzero(((nearest == i) | (nearest == j)) & ~closer)
            stale = np.union1d(stale, [i])
        nearest[stale] = np.argmax(average[stale], axis=1)
        best[stale] = average[stale, nearest[stale]]
        best[j] = -np.inf if owner[j] != j else best[j]
    return np.unique(owner, return_inverse=True)[1]


def distinctive(words: Counter, size: float, frequencies: np.ndarray) -> set[int]:
    """Words at least half the group's items use, and whose uses in the whole batch are mostly
    (OWN_SHARE) in the group: its place and people, not its topic's vocabulary."""
    least = max(2.0, size / 2)
    return {word for word, uses in words.items() if uses >= least and frequencies[word] * OWN_SHARE <= uses}


def vetoed(first: Counter, second: Counter, first_size: float, second_size: float, frequencies: np.ndarray) -> bool:
    """Two grown stories whose distinctive words differ entirely are two stories, however much
    of their wording they share: two fires in two towns, written from one template."""
    if min(first_size, second_size) < VETO_SIZE:
        return False
    ours, theirs = distinctive(first, first_size, frequencies), distinctive(second, second_size, frequencies)
    return bool(ours) and bool(theirs) and not ours & theirs


def embed_distinct(embedder, texts: list[str]) -> np.ndarray:
    """Each distinct text embedded once: syndicated and updated items often keep a headline."""
    distinct = list(dict.fromkeys(texts))
    if len(distinct) == len(texts):
        return embedder.embed(texts)
    row = {text: k for k, text in enumerate(distinct)}
    return embedder.embed(distinct)[[row[text] for text in texts]]


def story_id_for(first_item_id: str) -> str:
    return "s" + hashlib.sha1(first_item_id.encode("utf-8")).hexdigest()[:12]


class LinkageClusterer:
    """Stories for items handed over in time order, a block at a time; see the module doc."""

    def __init__(self, model: LinkageModel | None = None, *, embedder=None, window_days: float | None = None):
        from storylens.enrich.embed import headline_embedder

        model = model or load_linkage_model()
        self.model = model if window_days is None else dataclasses.replace(model, window_days=window_days)
        self.embedder = embedder or headline_embedder()
        self.frequencies = DocumentFrequencies()
        self.parent: dict[str, str] = {}  # merged story → the story that absorbed it
        self.carried = Pool([], np.zeros((0, self.embedder.dimension), np.float32),
                            sparse.csr_matrix((0, HASH_FEATURES), dtype=np.float32), np.zeros(0))
        self.story_of: dict[str, str] = {}  # carried item id → story
        self.stories_known = 0

    def add(self, items: Sequence[NewsItem]) -> list[str]:
        """Story ids for the items, which come oldest first (undated ones last)."""
        if not items:
            return []
        vectors = embed_distinct(self.embedder, [headline(item) for item in items])
        counts = word_counts(items)
        self.frequencies.add(counts)
        times = np.array([item.published.timestamp() if item.published else np.nan for item in items])
        fresh = Pool([item.id for item in items], vectors, counts, times)
        assigned = []
        for start in range(0, len(items), BLOCK):
            assigned += self.add_block(fresh[np.arange(start, min(start + BLOCK, len(items)))])
        return [self.resolve(story) for story in assigned]

    def add_block(self, block: Pool) -> list[str]:
        pool = Pool.join(self.carried, block)
        presence = pool.counts.copy()
        presence.data[:] = 1
        labels = linked_groups(similarity(pool, self.frequencies, self.model), presence, self.frequencies.counts,
                               self.model.threshold_after(self.frequencies.documents))
        story_of_label = {}
        for label in dict.fromkeys(labels.tolist()):
            members = np.flatnonzero(labels == label)
            story_of_label[label] = self.story_for([pool.ids[k] for k in members])
        stories = [story_of_label[label] for label in labels.tolist()]
        self.carry(pool, stories)
        return stories[len(pool) - len(block):]

    def story_for(self, member_ids: list[str]) -> str:
        """The story a group continues (the one most of its carried members are in, absorbing
        the others), or a new one named after its first item."""
        known = Counter(self.resolve(self.story_of[i]) for i in member_ids if i in self.story_of)
        if not known:
            self.stories_known += 1
            return story_id_for(member_ids[0])
        keeper = known.most_common(1)[0][0]
        for other in known:
            if other != keeper:
                self.parent[other] = keeper
        return keeper

    def carry(self, pool: Pool, stories: list[str]) -> None:
        """Keep the CARRY most recent items (within the time window of the newest) for the next block."""
        keep = np.arange(max(0, len(pool) - CARRY), len(pool))
        dated = pool.times[~np.isnan(pool.times)]
        if len(dated):
            with np.errstate(invalid="ignore"):
                keep = keep[~(pool.times[keep] < dated.max() - self.model.window_days * 86400.0)]
        self.carried = pool[keep]
        self.story_of = {pool.ids[k]: stories[k] for k in keep.tolist()}

    def resolve(self, story_id: str) -> str:
        while story_id in self.parent:
            story_id = self.parent[story_id]
        return story_id


def link_stories(items: Sequence[NewsItem], *, clusterer: LinkageClusterer | None = None) -> list[str]:
    """One story id per item, in input order; items are clustered oldest first (undated ones
    after the dated, in input order)."""
    clusterer = clusterer or LinkageClusterer()
    order = sorted(range(len(items)), key=lambda i: (items[i].published is None,
                                                     items[i].published.timestamp() if items[i].published else 0.0, i))
    assigned = clusterer.add([items[i] for i in order])
    result = [""] * len(items)
    for position, story in zip(order, assigned):
        result[position] = clusterer.resolve(story)
    return result
