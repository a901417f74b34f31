"""Align mentions across a story's articles into claims: one proposition, many wordings.

Sentences are compared two ways and the closer reading wins: TF-IDF cosine over stemmed
content words, with the story's own sentences as the document collection (words every
article shares, the story's topic, weigh little), and the cosine of sentence embeddings,
which sees that "spoke with Putin" and "a phone call between Trump and Putin" are one
event though they share few words. Average linkage then
groups sentences whose mean similarity stays above a threshold; sentences of one article
never pull each other together (an article states a proposition once; its neighbours are
different propositions). A huge story (beyond BLOCK_MENTIONS mentions) is grouped block by
block of articles and the blocks' groups then linked, so its memory grows with its mentions,
not with their square. Denials, refusals and doubts are linked afterwards to the claim
they answer (`answers.py`), because "the Kremlin denied the call took place" shares few
words with "Trump spoke to Putin by phone".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import sparse
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from storylens.enrich.stop_words import ALIGNMENT_STOP_WORDS
from storylens.model import Mention

# Mean similarity above which two groups of sentences tell the same proposition.
SAME_CLAIM = 0.5
# How much sentence embeddings are discounted when two sentences name different people and places.
NAME_WEIGHT = 0.25
# How much both readings are discounted when two sentences count different things with
# different numbers ("ISIS killed 300 soldiers" and "12 civilians were hurt"): near in words and
# topic, not one proposition. The same thing counted differently ($300 million, $350 million)
# stays one claim: that is a figure that drifts, which the claim's figures show.
NUMBER_WEIGHT = 0.3
# Mentions grouped by average linkage over all their pairs at once; beyond, block by block
# (`_blockwise_groups`): all pairs cost memory with the square of the mentions. A generated story
# of 1,000 articles (bench/big_story.py): the dossier stage grew the process by 3.7 GB, 0.43 GB
# block by block; of 300 articles in blocks of 1,000, the same main claim (541 mentions,
# disputed, 2 origins) and the same ten most told claims but two, 408 claims instead of 451.
BLOCK_MENTIONS = 3_000
ROWS_AT_ONCE = 1_000  # rows of similarity made at once beyond a block: 1,000 x 14,000 mentions is 112 MB

_WORD = re.compile(r"[^\W_]+(?:[.,][0-9]+)*")
@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude suffix stripper: enough that "calls", "called" and "calling" meet."""
    for suffix, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    return word


# Words that make a sentence a denial or a reference to a report, not part of its proposition.
DENIAL_TERMS = frozenset(
    stem(word)
    for word in """deny denies denied denial rejected rejects reject refuted refutes dismissed false fiction
    untrue fake true report reports allegations allegation claims claim information story news""".split()
)


# A sentence's terms are asked for again and again (similarity, linking, the representative
# telling), so they are remembered; a tuple, so no caller can change what the next one gets.
@lru_cache(maxsize=1 << 14)
def content_terms(text: str) -> tuple[str, ...]:
    words = (word.casefold() for word in _WORD.findall(text))
    return tuple(stem(word) for word in words if word not in ALIGNMENT_STOP_WORDS and len(word) > 1)


def group_mentions(mentions: list[Mention], embeddings: np.ndarray | None = None, core: list[int] = ()
                   ) -> list[list[int]]:
    """Indices of `mentions` grouped into claims, in order of first appearance.

    `embeddings` holds one unit row per mention (a zero row where a sentence was not
    embedded); without it only the words are compared. `core` is a group fixed in advance
    (each article's telling of the story's main event); the other mentions are grouped by
    average linkage, and a group close enough to the core on average joins it. Beyond
    BLOCK_MENTIONS mentions they are grouped block by block (`_blockwise_groups`).
    """
    if not mentions:
        return []
    features = sentence_features(mentions, embeddings)
    core_set = set(core)
    rest = [i for i in range(len(mentions)) if i not in core_set]
    if len(mentions) <= BLOCK_MENTIONS:
        similarity = similarity_between(features, np.arange(len(mentions)))
        groups = [[rest[i] for i in group] for group in _average_linkage(similarity[np.ix_(rest, rest)])]
        to_core = [similarity[np.ix_(group, list(core))].mean() for group in groups] if core else []
    else:
        groups = _blockwise_groups(features, rest)
        to_core = list(_mean_similarities(features, groups, list(core))) if core and groups else []
    if core:
        joined = [group for group, closeness in zip(groups, to_core) if closeness >= SAME_CLAIM]
        groups = [sorted(list(core) + [i for group in joined for i in group])] + [g for g in groups if g not in joined]
    return sorted(groups, key=lambda group: group[0])


def mention_similarity(mentions: list[Mention], embeddings: np.ndarray | None = None) -> np.ndarray:
    """Pairwise similarity of mentions; zero between two sentences of one article."""
    return similarity_between(sentence_features(mentions, embeddings), np.arange(len(mentions)))


@dataclass(frozen=True, slots=True)
class SentenceFeatures:
    """What `similarity_between` compares, for each of a story's mentions (one row each)."""

    terms: sparse.csr_matrix | None  # TF-IDF rows over the story's sentences; None: no content words at all
    embeddings: np.ndarray | None
    names: sparse.csr_matrix  # 1 for each name a sentence names (`names_in`)
    numbers: sparse.csr_matrix  # 1 for each value it states and each thing it counts (`numbers_in`)
    numbered: np.ndarray  # whether it states a value
    articles: np.ndarray  # its article's id


def sentence_features(mentions: list[Mention], embeddings: np.ndarray | None = None) -> SentenceFeatures:
    texts = [m.sentence.text for m in mentions]
    numbers = [numbers_in(text) for text in texts]
    return SentenceFeatures(
        terms=_term_weights(texts), embeddings=embeddings,
        names=_marks([names_in(text) for text in texts]),
        numbers=_marks([{f"={v}" for v in values} | counted for values, counted in numbers]),
        numbered=np.array([bool(values) for values, _ in numbers]),
        articles=np.array([m.article for m in mentions]))


def similarity_between(features: SentenceFeatures, rows: np.ndarray, columns: np.ndarray | None = None
                       ) -> np.ndarray:
    """The similarity of the mentions `rows` (indices) to the mentions `columns` (default: the
    same): the closer of the word and embedding readings, discounted where the names and
    numbers disagree; zero between two sentences of one article, one on the diagonal."""
    columns = rows if columns is None else columns
    if features.terms is None:
        similarity = (rows[:, None] == columns[None, :]).astype(float)
    else:
        similarity = (features.terms[rows] @ features.terms[columns].T).toarray()
    if features.embeddings is not None:
        embedded = features.embeddings[rows]
        # One array times its own transpose, as before blocks: numpy then takes BLAS's symmetric
        # product, whose last bits differ from the general one's, and a story's reading must not.
        others = embedded if columns is rows else features.embeddings[columns]
        similarity = np.maximum(similarity, (embedded @ others.T)
                                * _entity_agreement(features.names[rows], features.names[columns]))
    similarity = similarity * _number_agreement(features, rows, columns)
    articles = features.articles
    similarity[articles[rows][:, None] == articles[columns][None, :]] = 0.0
    similarity[rows[:, None] == columns[None, :]] = 1.0
    return similarity


def _blockwise_groups(features: SentenceFeatures, mentions: list[int]) -> list[list[int]]:
    """Average linkage over a huge story's `mentions` (indices), without comparing all pairs at
    once: the mentions of consecutive articles, up to BLOCK_MENTIONS, grouped among themselves;
    then the blocks' groups, the biggest BLOCK_MENTIONS of them, grouped by average linkage
    across blocks, each taken as it is (a mention left out stays alone: its claim is among
    the story's least told)."""
    groups: list[list[int]] = []
    for block in _article_blocks(features.articles, mentions):
        rows = np.array(block)
        groups += [[block[i] for i in group] for group in _average_linkage(similarity_between(features, rows))]
    biggest = sorted(groups, key=len, reverse=True)
    linked, alone = biggest[:BLOCK_MENTIONS], biggest[BLOCK_MENTIONS:]
    return alone + _linked_groups(features, linked) if len(linked) > 1 else groups


def _article_blocks(articles: np.ndarray, mentions: list[int]) -> list[list[int]]:
    """`mentions` in blocks of at most BLOCK_MENTIONS, an article's mentions never split (mentions
    come in article order)."""
    blocks: list[list[int]] = [[]]
    for index in mentions:
        if len(blocks[-1]) >= BLOCK_MENTIONS and articles[blocks[-1][-1]] != articles[index]:
            blocks.append([])
        blocks[-1].append(index)
    return blocks


def _linked_groups(features: SentenceFeatures, groups: list[list[int]]) -> list[list[int]]:
    """Groups merged by average linkage, starting from `groups` as they are: the pair whose mean
    similarity over their members' pairs is highest is merged while that mean is above SAME_CLAIM.
    The sums of similarity between groups are made ROWS_AT_ONCE rows at a time, so memory
    grows with the mentions times the groups, not with the mentions squared."""
    members, owner = _members(groups)
    membership = sparse.csr_matrix((np.ones(len(members)), (np.arange(len(members)), owner)),
                                   shape=(len(members), len(groups)))
    sums = np.zeros((len(groups), len(groups)))
    for start in range(0, len(members), ROWS_AT_ONCE):
        rows = slice(start, start + ROWS_AT_ONCE)
        block = similarity_between(features, members[rows], members)
        sums += membership[rows].T @ (block @ membership)
    sizes = np.array([len(group) for group in groups], dtype=float)
    means = sums / np.outer(sizes, sizes)
    np.fill_diagonal(means, -1.0)
    best = means.argmax(axis=1)  # each group's closest, kept up to date so a merge costs a row, not the matrix
    everyone = np.arange(len(groups))
    merged = [list(group) for group in groups]
    alive = np.ones(len(groups), dtype=bool)
    while True:
        first = int(means[everyone, best].argmax())
        second = int(best[first])
        if means[first, second] <= SAME_CLAIM:
            break
        sums[first] += sums[second]
        sums[:, first] += sums[:, second]
        sizes[first] += sizes[second]
        merged[first] += merged[second]
        alive[second] = False
        means[first] = np.where(alive, sums[first] / (sizes[first] * sizes), -1.0)
        means[first, first] = -1.0
        means[:, first] = means[first]
        means[second] = means[:, second] = -1.0
        closer = means[:, first] > means[everyone, best]
        best[closer] = first
        stale = np.flatnonzero((best == second) | ((best == first) & ~closer) | (everyone == first))
        best[stale] = means[stale].argmax(axis=1)
    return [sorted(merged[index]) for index in np.flatnonzero(alive)]


def _members(groups: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """The groups' mentions one after another, and the index of the group each belongs to."""
    return (np.array([i for group in groups for i in group]),
            np.repeat(np.arange(len(groups)), [len(group) for group in groups]))


def _mean_similarities(features: SentenceFeatures, groups: list[list[int]], others: list[int]) -> np.ndarray:
    """Each group's mean similarity to the mentions `others`, ROWS_AT_ONCE rows at a time."""
    members, owner = _members(groups)
    sums = np.zeros(len(groups))
    for start in range(0, len(members), ROWS_AT_ONCE):
        rows = slice(start, start + ROWS_AT_ONCE)
        block = similarity_between(features, members[rows], np.array(others))
        sums += np.bincount(owner[rows], weights=block.sum(axis=1), minlength=len(groups))
    return sums / (np.array([len(group) for group in groups]) * len(others))


def _average_linkage(similarity: np.ndarray) -> list[list[int]]:
    if len(similarity) < 2:
        return [[0]] if len(similarity) else []
    labels = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0 - SAME_CLAIM
    ).fit_predict(1.0 - similarity)
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    return list(groups.values())


def names_in(text: str) -> set[str]:
    """Capitalised words after the first: the names a sentence is about, cheaply."""
    words = _WORD.findall(text)[1:]
    return {stem(word.casefold()) for word in words if word[:1].isupper() and word.casefold() not in ALIGNMENT_STOP_WORDS}


def _marks(found: list[set[str]]) -> sparse.csr_matrix:
    """A row per sentence, a 1 in the column of each thing found in it."""
    column: dict[str, int] = {}
    rows, columns = [], []
    for row, things in enumerate(found):
        for thing in things:
            rows.append(row)
            columns.append(column.setdefault(thing, len(column)))
    return sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, columns)), shape=(len(found), len(column)))


def _entity_agreement(names: sparse.csr_matrix, other_names: sparse.csr_matrix) -> np.ndarray:
    """A factor per pair: 1 when the sentence with fewer names has all its names in the other,
    falling to `1 - NAME_WEIGHT` when they share none. Embeddings see topic more than
    proposition; "Russia is open to talks with Trump" is close to "Trump spoke with Putin"
    until one asks who is named."""
    shared = (names @ other_names.T).toarray()
    counts, other_counts = (np.asarray(marks.sum(axis=1), dtype=np.float32).ravel() for marks in (names, other_names))
    fewer = np.minimum.outer(counts, other_counts)
    both_named = fewer > 0
    factor = np.ones(shared.shape, dtype=np.float32)
    factor[both_named] = 1.0 - NAME_WEIGHT * (1.0 - shared[both_named] / fewer[both_named])
    return factor


_NUMBER = re.compile(r"(?<![\w.])(\d+(?:[.,]\d+)*)\s*(%|[^\W\d_]+)?(?:\s+([^\W\d_]+))?")
_SCALES = frozenset("hundred thousand million billion trillion bn m k per cent percent".split())
_MONTHS = frozenset("""jan january feb february mar march apr april may jun june jul july aug august sep sept
    september oct october nov november dec december""".split())


def numbers_in(text: str) -> tuple[set[str], set[str]]:
    """The values a sentence states and the words after them, the things they count ("300
    Iraqi soldiers": 300; iraqi, soldier), leaving out years and days of the month, which date a sentence rather than
    state a quantity."""
    values, counted = set(), set()
    for found in _NUMBER.finditer(text):
        value, first, second = found.group(1).replace(",", ""), (found.group(2) or "").casefold(), \
            (found.group(3) or "").casefold()
        before = text[: found.start()].split()[-1:] or [""]
        if re.fullmatch(r"1[89]\d\d|20\d\d", value) or before[0].casefold().strip(".,") in _MONTHS:
            continue
        values.add(value)
        counted |= {stem(word) for word in (first, second) if word and word not in _SCALES and word not in ALIGNMENT_STOP_WORDS}
    return values, counted


def _number_agreement(features: SentenceFeatures, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """1 for each pair of sentences unless both state numbers that share neither a value nor a
    counted thing: then `1 - NUMBER_WEIGHT` (one matrix product, not a loop over pairs)."""
    shared = (features.numbers[rows] @ features.numbers[columns].T).toarray()
    apart = (shared == 0) & features.numbered[rows][:, None] & features.numbered[columns][None, :]
    return np.where(apart, 1.0 - NUMBER_WEIGHT, 1.0).astype(np.float32)


def _term_weights(texts: list[str]) -> sparse.csr_matrix | None:
    """TF-IDF rows of `texts` over their content terms, the texts themselves the collection."""
    vectorizer = TfidfVectorizer(analyzer=content_terms, sublinear_tf=True)
    try:
        return vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # no content words at all
        return None
