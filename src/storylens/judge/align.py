"""Align mentions across a story's articles into claims: one proposition, many wordings.

Sentences are compared two ways and the closer reading wins: TF-IDF cosine over stemmed
content words, with the story's own sentences as the document collection (words every
article shares, the story's topic, weigh little), and the cosine of sentence embeddings,
which sees that "spoke with Putin" and "a phone call between Trump and Putin" are one
event though they share few words. Average linkage then
groups sentences whose mean similarity stays above a threshold; sentences of one article
never pull each other together (an article states a proposition once; its neighbours are
different propositions). Denials, refusals and doubts are linked afterwards to the claim
they answer (`answers.py`), because "the Kremlin denied the call took place" shares few
words with "Trump spoke to Putin by phone".
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
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
    average linkage, and a group close enough to the core on average joins it.
    """
    if not mentions:
        return []
    similarity = mention_similarity(mentions, embeddings)
    core_set = set(core)
    rest = [i for i in range(len(mentions)) if i not in core_set]
    groups = [[rest[i] for i in group] for group in _average_linkage(similarity[np.ix_(rest, rest)])]
    if core:
        joined = [group for group in groups if similarity[np.ix_(group, list(core))].mean() >= SAME_CLAIM]
        groups = [sorted(list(core) + [i for group in joined for i in group])] + [g for g in groups if g not in joined]
    return sorted(groups, key=lambda group: group[0])


def mention_similarity(mentions: list[Mention], embeddings: np.ndarray | None = None) -> np.ndarray:
    """Pairwise similarity of mentions; zero between two sentences of one article."""
    texts = [m.sentence.text for m in mentions]
    similarity = _similarity(texts)
    if embeddings is not None:
        similarity = np.maximum(similarity, (embeddings @ embeddings.T) * _entity_agreement(texts))
    similarity = similarity * _number_agreement(texts)
    articles = np.array([m.article for m in mentions])
    similarity[articles[:, None] == articles[None, :]] = 0.0
    np.fill_diagonal(similarity, 1.0)
    return similarity


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


def _entity_agreement(texts: list[str]) -> np.ndarray:
    """A factor per pair: 1 when the sentence with fewer names has all its names in the other,
    falling to `1 - NAME_WEIGHT` when they share none. Embeddings see topic more than
    proposition; "Russia is open to talks with Trump" is close to "Trump spoke with Putin"
    until one asks who is named."""
    names = [names_in(text) for text in texts]
    column: dict[str, int] = {}
    named = np.zeros((len(texts), 0), dtype=np.float32)
    if any(names):
        for found in names:
            for name in found:
                column.setdefault(name, len(column))
        named = np.zeros((len(texts), len(column)), dtype=np.float32)
        for row, found in enumerate(names):
            named[row, [column[name] for name in found]] = 1.0
    counts = named.sum(axis=1)
    shared = named @ named.T
    fewer = np.minimum.outer(counts, counts)
    both_named = fewer > 0
    factor = np.ones((len(texts), len(texts)), dtype=np.float32)
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


def _number_agreement(texts: list[str]) -> np.ndarray:
    """1 for each pair of sentences unless both state numbers that share neither a value nor a
    counted thing: then `1 - NUMBER_WEIGHT` (one matrix product, not a loop over pairs)."""
    found = [numbers_in(text) for text in texts]
    column: dict[str, int] = {}
    for values, counted in found:
        for key in [f"={v}" for v in values] + list(counted):
            column.setdefault(key, len(column))
    marks = np.zeros((len(texts), len(column)), dtype=np.float32)
    for row, (values, counted) in enumerate(found):
        marks[row, [column[key] for key in [f"={v}" for v in values] + list(counted)]] = 1.0
    numbered = np.array([bool(values) for values, _ in found])
    apart = (marks @ marks.T == 0) & numbered[:, None] & numbered[None, :]
    return np.where(apart, 1.0 - NUMBER_WEIGHT, 1.0).astype(np.float32)


def _similarity(texts: list[str]) -> np.ndarray:
    vectorizer = TfidfVectorizer(analyzer=content_terms, sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # no content words at all
        return np.eye(len(texts))
    return (matrix @ matrix.T).toarray()
