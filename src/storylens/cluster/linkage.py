"""Story clustering (`storylens cluster`, `analyze`, `ingest`, `--multilingual`): average
linkage over the learned margins of similarity.py, block by block in time order.

Two groups are one story while the average margin of their pairs stays at least 0, with one
exception for small groups of short texts: two groups of exactly VETO_SIZE items, each with
distinctive words (its place and people) that the other lacks, stay apart (templated stories
about two towns). The veto is held to small groups and short texts because elsewhere it
split real stories: for groups of any size, FNC-1's forty-headline rumours fell apart (fit
half: BCubed F1 0.77 with it, 0.94 without); for groups of three or four of any length, fit
headlines lost 1.3 points and fit bodies 3.9. Held to three and three, texts of at most
VETO_LONGEST, and a word's uses 90 % in its group, it lifts AllSides train 0.888 -> 0.893 for
0.940 -> 0.933 on FNC-1's fit headlines, bodies unchanged: the fit mean over the five kinds
0.8897 -> 0.8904, so train/story_model.py, which chooses between it and none on the fit sets,
keeps it.
Where no veto can apply, scipy's tree gives the same groups faster.

A batch is cut into blocks of BLOCK items in time order; each block is clustered together
with the CARRY most recent items before it, which keep the stories they already have: a
block's cluster that holds carried items continues their story, and one that holds carried
items of two stories merges them. So the cost per item depends on BLOCK and CARRY, not on how
many stories were seen, and a batch of up to BLOCK items is clustered exactly. The same
clusterer continues a store's stories between ingest runs (store/stories.py).

Whole-batch: word weights (IDF) come from every item handed to `add` before any is placed.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components

from storylens.cluster.similarity import (
    DocumentFrequencies, LinkageModel, Pool, compared_text, headline, load_linkage_model, log_lengths, margins,
    names_of, word_counts,
)
from storylens.model import NewsItem

BLOCK = 1500
CARRY = 750
# Margins are above -FAR (cosines are at least -1, the thresholds small): scipy's tree wants
# distances that are not negative, FAR - margin.
FAR = 4.0
VETO_SIZE = 3
# Mean log length (similarity.log_lengths) above which items are long: a title and lead is
# about 0, a body 1 to 2, where the veto cost fit bodies 1.4 points and gained nothing.
VETO_LONGEST = 0.6


@dataclass(slots=True)
class Veto:
    """What the distinctive-word veto reads: each item's words (hashed columns), how many items
    of the batch use each word, each item's log length (similarity.log_lengths), and the share
    of a word's uses that makes it distinctive (LinkageModel.veto_share)."""

    presence: sparse.csr_matrix
    frequencies: np.ndarray
    log_length: np.ndarray
    share: float

    def __getitem__(self, rows: np.ndarray) -> Veto:
        return Veto(self.presence[rows], self.frequencies, self.log_length[rows], self.share)


def linked_groups(margin: np.ndarray, veto: Veto | None = None) -> np.ndarray:
    """A group label per row: average linkage while the average margin is at least 0 (and no
    veto holds). Groups can only meet through pairs at or above 0, so linkage runs inside each
    connected component of those pairs, a few dozen rows as a rule."""
    labels = np.zeros(len(margin), dtype=np.int64)
    count, component = connected_components(sparse.csr_matrix(margin >= 0), directed=False)
    next_label = 0
    for members in np.split(np.argsort(component, kind="stable"), np.cumsum(np.bincount(component))[:-1]):
        local_margin = margin[np.ix_(members, members)]
        if len(members) == 1:
            local = np.zeros(1, np.int64)
        elif veto is not None and len(members) >= 2 * VETO_SIZE:
            local = vetoed_average_linkage(local_margin, veto[members])
        else:
            local = average_linkage(local_margin)
        labels[members] = local + next_label
        next_label += int(local.max()) + 1
    return labels


def average_linkage(margin: np.ndarray) -> np.ndarray:
    """Labels 0.. of scipy's average-linkage tree over distances FAR - margin, cut at FAR."""
    distances = FAR - margin[np.triu_indices(len(margin), 1)]
    tree = linkage(np.maximum(distances, 0.0), method="average")
    return fcluster(tree, FAR, criterion="distance") - 1


def vetoed_average_linkage(margin: np.ndarray, veto: Veto) -> np.ndarray:
    """Average linkage (best pair first, averages kept per group, each group's nearest other
    group tracked) in which a vetoed pair of groups is never joined, nor what they grow into."""
    size = len(margin)
    average = margin.astype(np.float64)
    np.fill_diagonal(average, -np.inf)
    sizes, length = np.ones(size), veto.log_length.astype(np.float64)  # length: per group, summed
    words = [Counter(veto.presence.indices[veto.presence.indptr[k]:veto.presence.indptr[k + 1]].tolist())
             for k in range(size)]
    owner = np.arange(size)
    nearest = np.argmax(average, axis=1)
    best = average[np.arange(size), nearest]
    while True:
        i = int(np.argmax(best))
        if best[i] < 0:
            break
        j = int(nearest[i])
        if vetoed(words[i], words[j], (sizes[i], sizes[j]), (length[i] + length[j]) / (sizes[i] + sizes[j]), veto):
            average[i, j] = average[j, i] = -np.inf
            stale = np.array([i, j])
        else:
            merged = (sizes[i] * average[i] + sizes[j] * average[j]) / (sizes[i] + sizes[j])
            merged[np.isnan(merged)] = -np.inf  # -inf (vetoed, or itself) stays -inf
            merged[i] = -np.inf
            average[i], average[:, i] = merged, merged
            average[j], average[:, j] = -np.inf, -np.inf
            sizes[i], length[i] = sizes[i] + sizes[j], length[i] + length[j]
            words[i].update(words[j])
            owner[owner == j] = i
            closer = merged > best  # others may now be closest to the merged group
            nearest[closer], best[closer] = i, merged[closer]
            stale = np.union1d(np.flatnonzero(((nearest == i) | (nearest == j)) & ~closer), [i])
        nearest[stale] = np.argmax(average[stale], axis=1)
        best[stale] = average[stale, nearest[stale]]
        if owner[j] != j:
            best[j] = -np.inf
    return np.unique(owner, return_inverse=True)[1]


def vetoed(first: Counter, second: Counter, sizes: tuple[float, float], mean_log_length: float, veto: Veto) -> bool:
    """Two groups of VETO_SIZE short items whose distinctive words differ entirely are two
    stories, however much of their wording they share: two fires in two towns, one template."""
    if sizes != (VETO_SIZE, VETO_SIZE) or mean_log_length > VETO_LONGEST:
        return False
    ours, theirs = distinctive(first, sizes[0], veto), distinctive(second, sizes[1], veto)
    return bool(ours) and bool(theirs) and not ours & theirs


def distinctive(words: Counter, size: float, veto: Veto) -> set[int]:
    """Words at least half the group's items use, and whose uses in the whole batch are mostly
    (veto.share) in the group: its place and people, not its topic's vocabulary."""
    least = max(2.0, size / 2)
    return {word for word, uses in words.items() if uses >= least and veto.frequencies[word] * veto.share <= uses}


def cluster_pool(pool: Pool, frequencies: DocumentFrequencies, model: LinkageModel, threshold: float) -> np.ndarray:
    """A group label per item of the pool."""
    veto = None
    if model.veto_share is not None:
        presence = pool.counts.copy()
        presence.data[:] = 1
        veto = Veto(presence, frequencies.counts, log_lengths(pool.counts), model.veto_share)
    return linked_groups(margins(pool, frequencies, model, threshold), veto)


def embed_distinct(embedder, texts: list[str]) -> np.ndarray:
    """Each distinct text embedded once: syndicated and updated items often keep a headline."""
    distinct = list(dict.fromkeys(texts))
    if len(distinct) == len(texts):
        return embedder.embed(texts)
    row = {text: k for k, text in enumerate(distinct)}
    return embedder.embed(distinct)[[row[text] for text in texts]]


def story_id_for(first_item_id: str) -> str:
    return "s" + hashlib.sha1(first_item_id.encode("utf-8")).hexdigest()[:12]


def language_of(item: NewsItem) -> str:
    """The item's language as given, else as detected ("" when too short to tell)."""
    from storylens.enrich.language import detect_language, normalise_language_tag

    return normalise_language_tag(item.language) or detect_language(headline(item) + " " + item.text[:300]) or ""


def time_of(item: NewsItem) -> float:
    return item.published.timestamp() if item.published else np.nan


class LinkageClusterer:
    """Stories for items handed over in time order, a block at a time; see the module doc.

    `multilingual` compares with the multilingual embedding, and across languages by the
    embedding alone."""

    def __init__(self, model: LinkageModel | None = None, *, embedder=None, multilingual: bool = False):
        from storylens.enrich.embed import headline_embedder, multilingual_embedder

        self.multilingual = multilingual
        self.model = model or load_linkage_model("multilingual" if multilingual else "linkage")
        self.embedder = embedder or (multilingual_embedder() if multilingual else headline_embedder())
        self.frequencies = DocumentFrequencies()
        self.parent: dict[str, str] = {}  # merged story → the story that absorbed it
        self.carried = Pool.empty(self.embedder.dimension)
        self.story_of: dict[str, str] = {}  # carried item id → story
        self.stories_known = 0

    def pool_of(self, items: Sequence[NewsItem], counts: sparse.csr_matrix | None = None) -> Pool:
        vectors = embed_distinct(self.embedder, [headline(item) for item in items])
        counts = word_counts(list(items)) if counts is None else counts
        languages = [language_of(item) if self.multilingual else "" for item in items]
        names = [names_of(compared_text(item)) if self.multilingual else "" for item in items]
        return Pool([item.id for item in items], vectors, counts, np.array([time_of(i) for i in items]), languages,
                    names)

    def add(self, items: Sequence[NewsItem]) -> list[str]:
        """Story ids for the items, which come oldest first (undated ones last)."""
        if not items:
            return []
        fresh = self.pool_of(items)
        self.frequencies.add(fresh.counts)
        assigned = []
        for start in range(0, len(items), BLOCK):
            assigned += self.add_block(fresh[np.arange(start, min(start + BLOCK, len(items)))])
        return [self.resolve(story) for story in assigned]

    def add_block(self, block: Pool) -> list[str]:
        pool = Pool.join(self.carried, block)
        labels = cluster_pool(pool, self.frequencies, self.model, self.model.threshold_after(self.frequencies.documents))
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
        """Keep the CARRY most recent items for the next block (time is a prior, not a wall:
        how old they are does not matter)."""
        keep = np.arange(max(0, len(pool) - CARRY), len(pool))
        self.carried = pool[keep]
        self.story_of = {pool.ids[k]: stories[k] for k in keep.tolist()}

    def resolve(self, story_id: str) -> str:
        while story_id in self.parent:
            story_id = self.parent[story_id]
        return story_id


def time_order(items: Sequence[NewsItem]) -> list[int]:
    """Oldest first, undated after the dated, ties in input order."""
    return sorted(range(len(items)), key=lambda i: (items[i].published is None,
                                                    items[i].published.timestamp() if items[i].published else 0.0, i))


def link_stories(items: Sequence[NewsItem], *, clusterer: LinkageClusterer | None = None) -> list[str]:
    """One story id per item, in input order; items are clustered in `time_order`."""
    clusterer = clusterer or LinkageClusterer()
    order = time_order(items)
    assigned = clusterer.add([items[i] for i in order])
    result = [""] * len(items)
    for position, story in zip(order, assigned):
        result[position] = clusterer.resolve(story)
    return result
