"""Near-duplicate copies: wire stories and syndicated re-posts of an earlier article's text.

A copy is the same body text under another header, with a trimmed ending, a changed headline
or a few words edited. Candidates come from MinHash LSH over word 5-shingles of the body (the
title is left out: re-posts change it first); each candidate pair is then checked exactly on
the two shingle sets. Every copy points at the earliest version of its text, so a copy of a
copy points at the original too.

Whole-batch: the earliest version can only be known once every item is in.
"""
from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache

import numpy as np
from datasketch import MinHash

from storylens.model import NewsItem

SHINGLE_WORDS = 5
# Below this many words a text shares too few shingles with anything for an overlap to be
# evidence of copying: two briefs quoting the same 20-word statement are not copies.
MIN_WORDS = 25
# Share of the shorter text's shingles that must occur in the longer one. A trimmed copy keeps
# all of its shingles (containment 1.0); each edited word costs at most five, so a 300-word
# copy survives about a dozen edits. Two articles on one story that share a long quote stay
# far below (a 40-word quote in 300-word articles is ~0.12).
MIN_CONTAINMENT = 0.8
# A later version this much longer than the earlier one adds reporting of its own (an update
# that expands a brief); it is a new article, not a copy. Later versions may be trimmed freely.
MAX_GROWTH = 1.5

NUM_PERM = 128
# 42 bands of 3 rows: a pair becomes a candidate with probability 1 - (1 - J^3)^42, which is
# 0.996 at Jaccard 0.5 (a copy trimmed to half), 0.87 at 0.36 (trimmed to half and edited
# down to MIN_CONTAINMENT), 0.99 at 0.47 (the loosest pair MAX_GROWTH allows), and 0.005 at
# 0.05 (different articles sharing a quote).
BANDS, ROWS = 42, 3
# Items sharing one bucket are checked against at most this many of its earliest members, so
# a text re-posted ten thousand times costs linear work, not quadratic; the earliest members
# are the original and its first copies, which is what a later copy needs to meet.
MAX_EARLIER_PER_BUCKET = 16
SHINGLE_CACHE = 4096  # shingle sets recomputed for the exact check, the most recent kept
# Candidates whose MinHash estimate of containment is below this are not checked exactly. At
# 128 permutations the estimate for a pair at the 0.8 threshold has a standard error of about
# 0.03 for texts of equal length and 0.07 for a copy trimmed to half, so a true copy is
# dropped here only when it is trimmed to a third or less, and then rarely (about 1 in 1000).
PREFILTER_CONTAINMENT = 0.5

_WORD = re.compile(r"\w+")
# Odd 64-bit multipliers that mix five word hashes into one shingle hash (wrapping arithmetic).
_MIXERS = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                    0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD], dtype=np.uint64)
_BAND_MIXERS = _MIXERS[:ROWS]
_NO_DATE = datetime.min.replace(tzinfo=timezone.utc)


def find_copies(items: Sequence[NewsItem]) -> dict[str, str]:
    """Copy id → id of the earliest version of its text, for every item that copies another.

    "Earliest" is by `published`, then input order; undated items count as later than every
    dated one, since nothing says they came first. Texts under MIN_WORDS words are left out.
    Ids must be unique (`storylens.cluster` checks them).
    """
    ranked = sorted(range(len(items)), key=lambda index: _time_key(items[index], index))
    texts = [items[index].text for index in ranked]
    sketches = sketch(texts)
    roots = _roots(texts, sketches, _candidate_pairs(sketches, len(texts)))
    return {items[ranked[rank]].id: items[ranked[root]].id for rank, root in enumerate(roots) if root != rank}


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def shingle_hashes(words: list[str]) -> np.ndarray:
    """The distinct 32-bit hashes of the text's word 5-shingles. crc32 rather than hash(): the
    same input must give the same copies in every process."""
    word_hashes = np.array(list(map(zlib.crc32, map(str.encode, words))), dtype=np.uint64)
    count = len(words) - SHINGLE_WORDS + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint32)
    mixed = np.zeros(count, dtype=np.uint64)
    for offset in range(SHINGLE_WORDS):
        mixed += word_hashes[offset : offset + count] * _MIXERS[offset]
    return sorted_unique((mixed >> np.uint64(32)).astype(np.uint32))


@dataclass(slots=True)
class Sketches:
    """What is kept of each text between the passes: 512 bytes of MinHash and a count, per row."""

    exact_of: dict[int, int]  # rank → rank of the first earlier text with the very same words
    ranks: np.ndarray  # rank of each sketched text, one row each, ascending
    signatures: np.ndarray  # rows × NUM_PERM MinHash values
    sizes: np.ndarray  # distinct shingles per row

    def row_of(self, ranks):
        """The row of a sketched rank, or an array of rows for an array of ranks."""
        return np.searchsorted(self.ranks, ranks)


def sketch(texts: list[str]) -> Sketches:
    """MinHash every text of MIN_WORDS words or more, in time order, except exact repeats of an
    earlier text: those are settled by the words alone."""
    permutations = MinHash(num_perm=NUM_PERM).permutations
    first_with_words: dict[bytes, int] = {}
    exact_of: dict[int, int] = {}
    ranks: list[int] = []
    signatures = np.empty((len(texts), NUM_PERM), dtype=np.uint32)
    sizes = np.empty(len(texts), dtype=np.int64)
    for rank, text in enumerate(texts):
        words = words_of(text)
        if len(words) < MIN_WORDS:
            continue
        digest = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=16).digest()
        first = first_with_words.setdefault(digest, rank)
        if first != rank:
            exact_of[rank] = first
            continue
        shingles = shingle_hashes(words)
        # The shingles are 32-bit hashes already: int passes them through to datasketch's own mixing.
        minhash = MinHash(num_perm=NUM_PERM, hashfunc=int, permutations=permutations, scheme="affine32")
        minhash.update_batch(shingles.tolist())
        signatures[len(ranks)], sizes[len(ranks)] = minhash.hashvalues, len(shingles)
        ranks.append(rank)
    rows = len(ranks)
    return Sketches(exact_of, np.array(ranks, dtype=np.int64), signatures[:rows], sizes[:rows])


def _time_key(item: NewsItem, index: int) -> tuple:
    moment = item.published
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment is None, moment or _NO_DATE, index


def _candidate_pairs(sketches: Sketches, count: int) -> tuple[np.ndarray, np.ndarray]:
    """(later ranks, earlier ranks) of the pairs sharing at least one LSH band bucket, each
    pair once, sorted by later rank.

    Buckets are found by sorting each band's keys, not by a hash table of sets: datasketch's
    MinHashLSH keeps a Python set per bucket, about a gigabyte at 100k items and 42 bands.
    Pairs are kept as one array of `later * count + earlier` codes: 8 bytes a pair.
    """
    codes = np.empty(0, dtype=np.int64)
    for band in range(BANDS):
        rows = sketches.signatures[:, band * ROWS : (band + 1) * ROWS].astype(np.uint64)
        keys = (rows * _BAND_MIXERS).sum(axis=1, dtype=np.uint64)
        order = np.argsort(keys, kind="stable")  # stable: ranks ascend within a bucket
        column = keys[order]
        starts = np.flatnonzero(np.r_[True, column[1:] != column[:-1]])
        sizes = np.diff(np.r_[starts, len(column)])
        pairs_of_two = starts[sizes == 2]  # most shared buckets: one vectorised step for them all
        band_codes = [sketches.ranks[order[pairs_of_two + 1]] * count + sketches.ranks[order[pairs_of_two]]]
        for start, size in zip(starts[sizes > 2].tolist(), sizes[sizes > 2].tolist()):
            members = sketches.ranks[order[start : start + size]]
            later, earlier = _bucket_pairs(size)
            band_codes.append(members[later] * count + members[earlier])
        codes = sorted_unique(np.concatenate([codes, sorted_unique(np.concatenate(band_codes))]))
    return codes // count, codes % count


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """np.unique by sorting. numpy 2.4's np.unique hashes instead, several times slower here;
    a stable sort (timsort) merges two already sorted runs in linear time."""
    values = np.sort(values, kind="stable")
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values


def _bucket_pairs(size: int) -> tuple[np.ndarray, np.ndarray]:
    """Positions (later, earlier) in a bucket of `size` members in time order: each member with
    each of the MAX_EARLIER_PER_BUCKET earliest before it."""
    per_member = np.minimum(np.arange(1, size), MAX_EARLIER_PER_BUCKET)
    later = np.repeat(np.arange(1, size), per_member)
    earlier = np.arange(per_member.sum()) - np.repeat(np.cumsum(per_member) - per_member, per_member)
    return later, earlier


def _roots(texts: list[str], sketches: Sketches, pairs: tuple[np.ndarray, np.ndarray]) -> list[int]:
    """The rank of each text's earliest version (its own rank when it copies nothing).

    Texts are settled in time order, so an earlier text's root is final when a later one
    meets it; a copy takes the earliest root among the texts it verifiably copies.
    """

    @lru_cache(maxsize=SHINGLE_CACHE)
    def shingles(rank: int) -> frozenset[int]:
        return frozenset(shingle_hashes(words_of(texts[rank])).tolist())

    later, earlier = pairs
    bounds = np.searchsorted(later, np.arange(len(texts) + 1))  # rank's pairs: bounds[rank]:bounds[rank + 1]
    roots = np.arange(len(texts))
    for rank in range(len(texts)):
        if rank in sketches.exact_of:
            roots[rank] = roots[sketches.exact_of[rank]]
            continue
        met = earlier[bounds[rank] : bounds[rank + 1]]
        met = met[np.lexsort((met, roots[met]))]  # earliest root first
        for other in _plausible(rank, met, sketches):
            if is_copy(shingles(rank), shingles(other)):
                roots[rank] = roots[other]
                break
    return roots.tolist()


def _plausible(rank: int, earlier: np.ndarray, sketches: Sketches) -> list[int]:
    """The earlier texts that might pass `is_copy`, judged from MinHash alone, order kept.

    Sharing a bucket only means a Jaccard similarity of maybe 0.2; texts written from the
    same template (sports results, press releases) share many. The signatures estimate the
    shared shingles well enough to drop most such pairs before the exact check rebuilds
    both shingle sets.
    """
    if not len(earlier):
        return []
    row, rows = sketches.row_of(rank), sketches.row_of(earlier)
    jaccard = (sketches.signatures[rows] == sketches.signatures[row]).mean(axis=1)
    size, sizes = sketches.sizes[row], sketches.sizes[rows]
    shared = jaccard * (size + sizes) / (1 + jaccard)  # |A ∩ B| from J = |A ∩ B| / |A ∪ B|
    keep = (shared >= PREFILTER_CONTAINMENT * np.minimum(size, sizes)) & (size <= MAX_GROWTH * sizes)
    return earlier[keep].tolist()


def is_copy(later: frozenset[int], earlier: frozenset[int]) -> bool:
    """Whether a later text's shingles make it a copy of an earlier text's."""
    if not later or not earlier or len(later) > MAX_GROWTH * len(earlier):
        return False
    shared = len(later & earlier)
    return shared >= MIN_CONTAINMENT * min(len(later), len(earlier))
