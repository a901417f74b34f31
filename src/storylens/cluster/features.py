"""What story clustering compares: word vectors (hashed, TF-IDF with document frequencies
learned as items arrive) and named entities (capitalised names, read without a parser so
that thousands of items a second are cheap).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

HASH_BITS = 20
WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
# A run of capitalised words ("Vladimir Putin", "North Quay") or an acronym ("NATO").
NAME_RUN = re.compile(r"(?:\b(?:[A-Z][\w'’.-]*[a-z][\w'’-]*|[A-Z]{2,})\b(?:\s+|$))+")

# Words too common in news to say which story an item belongs to; entities that are just
# these (a capitalised sentence opener) are dropped too.
STOP_WORDS = frozenset(
    """a about after again against all also an and any are as at be because been before being between both
    but by can could did do does during each even for from had has have he her here hers him his how i if in
    into is it its just may me might more most much must my new no not now of off on once one only or other
    our out over own said same says she should since so some such than that the their them then there these
    they this those through to too under until up us very was we were what when where which while who whom
    why will with would year years you your mr mrs ms dr monday tuesday wednesday thursday friday saturday
    sunday january february march april may june july august september october november december today
    yesterday tomorrow week news report reports according told""".split()
)


def words(text: str) -> list[str]:
    return [w for w in (m.group().casefold().strip("'’-") for m in WORD.finditer(text)) if w and w not in STOP_WORDS]


def hashed_counts(text: str) -> Counter[int]:
    """Word and adjacent-word-pair counts, hashed to ints (a fixed, unbounded-vocabulary space)."""
    tokens = words(text)
    grams = tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]
    return Counter(stable_hash(gram) for gram in grams)


def stable_hash(term: str) -> int:
    # Python's hash() is salted per process; a story's terms must hash the same tomorrow.
    value = 2166136261
    for byte in term.encode("utf-8"):
        value = ((value ^ byte) * 16777619) & 0xFFFFFFFF
    return value & ((1 << HASH_BITS) - 1)


def entities(text: str) -> frozenset[str]:
    """Names mentioned in the text, casefolded; sentence openers like "The" are not names."""
    found = set()
    for match in NAME_RUN.finditer(text):
        parts = [p for p in match.group().split() if p.casefold().strip(".'’") not in STOP_WORDS]
        if parts:
            found.add(" ".join(parts).casefold().strip(".'’"))
            found.update(p.casefold().strip(".'’") for p in parts if len(p) > 2)
    return frozenset(found)


@dataclass(slots=True)
class DocumentFrequencies:
    """Online IDF: how many items so far contained each hashed term."""

    documents: int = 0
    counts: np.ndarray = field(default_factory=lambda: np.zeros(1 << HASH_BITS, dtype=np.int32))

    def add(self, bag: TermBag) -> None:
        self.documents += 1
        self.counts[bag.terms] += 1

    def idf(self, terms: np.ndarray) -> np.ndarray:
        return np.log((1.0 + self.documents) / (1.0 + self.counts[terms])) + 1.0


@dataclass(slots=True)
class TermBag:
    """Sorted hashed terms and their counts, as arrays so cosines are vectorised."""

    terms: np.ndarray  # int64, sorted, unique
    counts: np.ndarray  # float32

    @classmethod
    def of(cls, counts: Counter[int]) -> TermBag:
        terms = np.fromiter(sorted(counts), dtype=np.int64, count=len(counts))
        return cls(terms, np.array([counts[t] for t in terms.tolist()], dtype=np.float32))

    @classmethod
    def empty(cls) -> TermBag:
        return cls(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))

    def plus(self, other: TermBag) -> TermBag:
        terms = np.union1d(self.terms, other.terms)
        counts = np.zeros(len(terms), dtype=np.float32)
        counts[np.searchsorted(terms, self.terms)] += self.counts
        counts[np.searchsorted(terms, other.terms)] += other.counts
        return TermBag(terms, counts)


def tfidf_cosine(a: TermBag, b: TermBag, frequencies: DocumentFrequencies) -> float:
    """TF-IDF cosine of two bags (a story's bag is the sum of its members')."""
    if not len(a.terms) or not len(b.terms):
        return 0.0
    shared, in_a, in_b = np.intersect1d(a.terms, b.terms, assume_unique=True, return_indices=True)
    if not len(shared):
        return 0.0
    idf_shared = frequencies.idf(shared)
    dot = float(np.sum(a.counts[in_a] * b.counts[in_b] * idf_shared**2))
    norm_a = float(np.linalg.norm(a.counts * frequencies.idf(a.terms)))
    norm_b = float(np.linalg.norm(b.counts * frequencies.idf(b.terms)))
    return dot / (norm_a * norm_b)
