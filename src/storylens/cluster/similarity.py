"""How alike two items are, as story clustering sees them.

The similarity of two items is a weighted sum of the cosine of their headline embeddings and
the TF-IDF cosine of their words, with the IDF taken from the items being clustered. Both the
embedding's weight and the threshold move with how long the two texts are (features of the
text, never of its source): between two headlines the embedding says most, as they share few
words even within a story; between two bodies their words say almost everything, and two
bodies share many words even across stories. The margin is lowered by the time between the two
(time_penalty; shape, scale and weight learned on PolNeAR's dated event stories). Weight, slopes and thresholds are learned by train/story_model.py
on AllSides train and the fit half of FNC-1's rumour stories (mean BCubed F1 over five kinds of
set): one weight and one threshold for every length gave 0.879, and FNC-1's bodies wanted far
less embedding than the rest (best alone at weight 0.15, 0.96, against 0.93 at the shared
0.45); the weight falling by 0.26 and the threshold by 0.08 per e-fold of length give 0.890.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from scipy import sparse

from storylens.model import NewsItem

MODEL_FILE = Path(__file__).with_name("story_model.json")
HASH_FEATURES = 1 << 20
HEADLINE_CHARS = 300  # embedded text when an item has no title: the start of its text
# Words compared: title and the first TEXT_CHARS of the text, so that a body without a title
# is compared by more than its lead: on the fit half of FNC-1's rumour bodies, BCubed F1
# 0.886 at 600 characters, 0.928 at 2,000, 0.924 at 5,000.
TEXT_CHARS = 2000
REFERENCE_WORDS = 30.0  # the length (distinct words) at which `threshold` holds as learned
# Rare words weigh more than plain TF-IDF says: on AllSides train, IDF squared, with words no
# other item has left out, clusters better (mean BCubed F1 .889 vs .878, 300-story chunks).
IDF_POWER = 2
RARE_WORDS_FROM = 50
PRIOR_DOCUMENTS = 50  # items seen before words used once are dropped
# The time term: the margin drops by weight * log(1 + days apart / scale), learned by
# train/story_model.py --time-only on PolNeAR's train months (hand-labelled event stories,
# bench/cluster_sets.py) as the best point that keeps the seeds one story: log, 2 days, 0.15
# (0.06 a day apart, 0.23 a week, 0.37 three weeks). Fit BCubed F1 (mean of title + lead, full
# text, title only) 0.903 with the former shape, 0.2 * (1 - exp(-days)), which capped at 0.2 after
# three days; 0.675 with no time term. A fixed cap let same-topic stories weeks apart merge
# (PolNeAR's debates, primaries and email news recur month after month); a growing penalty keeps
# them apart and still lets a retelling whose words clearly match join (the seeds' re-post three
# weeks on, tests/cluster/test_linkage.py). These defaults are the former shape, for a model file
# that names none; an undated item pays nothing. The multilingual model's, learned the same way
# with its own embedding (which splits the seeds under any log point of the grid): saturating,
# 7 days, 0.3 (PolNeAR fit 0.903 -> 0.913; its dev month 0.851/0.872/0.793 -> 0.864/0.879/0.806).
TIME_WEIGHT = 0.2
TIME_SCALE_DAYS = 1.0


@dataclass(frozen=True, slots=True)
class LinkageModel:
    embedding_weight: float  # at REFERENCE_WORDS; the rest of the similarity is the TF-IDF cosine
    threshold: float  # two items of REFERENCE_WORDS distinct words each join at this similarity
    length_slope: float = 0.0  # threshold change per e-fold of the pair's length
    weight_slope: float = 0.0  # embedding weight change per e-fold of the pair's length
    # Until RARE_WORDS_FROM items are known, words used once still count and the IDF is mostly
    # prior, so cosines run lower: a handful of pages about one story needs its own threshold.
    small_batch_threshold: float | None = None
    time_weight: float = TIME_WEIGHT
    # The time term's shape (see time_penalty): "saturating", weight * (1 - exp(-days / scale)),
    # at most the weight; or "log", weight * log(1 + days / scale), which keeps growing.
    time_shape: str = "saturating"
    time_scale_days: float = TIME_SCALE_DAYS
    # Days apart that cost nothing: one news cycle, over which a story's items spread as much
    # as two stories' do (see time_penalty).
    time_grace_days: float = 0.0
    # Items in two languages share hardly a word: their embeddings and their names speak, at
    # the threshold learned for the embedding alone (multilingual model only).
    cross_language_threshold: float | None = None
    # Two groups of VETO_SIZE short items (linkage.py) whose distinctive words differ stay
    # apart; a word is distinctive when at least this share of its uses is in the group.
    veto_share: float | None = None
    # An item that average linkage leaves alone joins the group its average margin is best to
    # when that average is at least -singleton_reach (linkage.with_singletons_placed).
    singleton_reach: float = 0.0
    # ... and only a group one of whose items it matches within this margin (None: any group):
    # a lone item close to a story's average but to none of its items is not of it.
    singleton_member_margin: float | None = None

    def threshold_after(self, documents: int) -> float:
        """The item threshold that holds once `documents` items are known."""
        if documents < RARE_WORDS_FROM and self.small_batch_threshold is not None:
            return self.small_batch_threshold
        return self.threshold

    def to_json(self) -> dict:
        return {"embedding_weight": self.embedding_weight, "threshold": self.threshold,
                "length_slope": self.length_slope, "weight_slope": self.weight_slope,
                "small_batch_threshold": self.small_batch_threshold, "time_weight": self.time_weight,
                "cross_language_threshold": self.cross_language_threshold, "veto_share": self.veto_share,
                "singleton_reach": self.singleton_reach, "time_shape": self.time_shape,
                "time_scale_days": self.time_scale_days, "time_grace_days": self.time_grace_days,
                "singleton_member_margin": self.singleton_member_margin}


def model_from_json(data: dict) -> LinkageModel:
    return LinkageModel(data["embedding_weight"], data["threshold"], data.get("length_slope", 0.0),
                        data.get("weight_slope", 0.0), data.get("small_batch_threshold"),
                        time_weight=data.get("time_weight", TIME_WEIGHT),
                        time_shape=data.get("time_shape", "saturating"),
                        time_scale_days=data.get("time_scale_days", TIME_SCALE_DAYS),
                        time_grace_days=data.get("time_grace_days", 0.0),
                        cross_language_threshold=data.get("cross_language_threshold"),
                        veto_share=data.get("veto_share"), singleton_reach=data.get("singleton_reach", 0.0),
                        singleton_member_margin=data.get("singleton_member_margin"))


@cache
def load_linkage_model(kind: str = "linkage") -> LinkageModel:
    """The shipped model: `linkage` (MiniLM headlines), `multilingual` (USE multilingual)."""
    return model_from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8"))[kind])


def headline(item: NewsItem) -> str:
    """What is embedded: the title tells stories apart better than title + lead cut to the same
    length (AllSides train), and a short text embeds several times faster."""
    return item.title.strip() if item.title and item.title.strip() else item.text[:HEADLINE_CHARS]


def compared_text(item: NewsItem) -> str:
    text = item.text[:TEXT_CHARS]
    return f"{item.title}. {text}" if item.title else text


@cache
def _vectorizer():
    from sklearn.feature_extraction.text import HashingVectorizer

    # Single words: on AllSides train, adding word pairs lowers BCubed F1 by about a point.
    return HashingVectorizer(n_features=HASH_FEATURES, stop_words="english", alternate_sign=False, norm=None,
                             dtype=np.float32)


def word_counts(items: list[NewsItem]) -> sparse.csr_matrix:
    return _vectorizer().transform([compared_text(item) for item in items]).tocsr()


@dataclass(slots=True)
class Pool:
    """Items being clustered together: vectors, word counts, times (NaN: undated), ids, and
    for multilingual clustering their languages ("" unknown) and names (see `names_of`)."""

    ids: list[str]
    vectors: np.ndarray
    counts: sparse.csr_matrix
    times: np.ndarray
    languages: list[str]
    names: list[str]

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, rows) -> Pool:
        return Pool([self.ids[k] for k in rows], self.vectors[rows], self.counts[rows], self.times[rows],
                    [self.languages[k] for k in rows], [self.names[k] for k in rows])

    @staticmethod
    def empty(dimension: int) -> Pool:
        return Pool([], np.zeros((0, dimension), np.float32), sparse.csr_matrix((0, HASH_FEATURES), dtype=np.float32),
                    np.zeros(0), [], [])

    @staticmethod
    def join(first: Pool, second: Pool) -> Pool:
        return Pool(first.ids + second.ids, np.concatenate([first.vectors, second.vectors]),
                    sparse.vstack([first.counts, second.counts]).tocsr(), np.concatenate([first.times, second.times]),
                    first.languages + second.languages, first.names + second.names)


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
        return unit_sparse_rows(weighted)

    def idf(self, columns: np.ndarray) -> np.ndarray:
        # PRIOR_DOCUMENTS unseen items: in a batch of a handful, a word two items share is not
        # common, whatever the plain ratio says; from a few hundred items on, the prior fades.
        documents = self.documents + PRIOR_DOCUMENTS
        return (np.log((1.0 + documents) / (1.0 + self.counts[columns])) + 1.0).astype(np.float32)


def unit_sparse_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    return sparse.diags(1.0 / np.where(norms == 0, 1.0, norms)).dot(matrix).tocsr()


def margins(pool: Pool, frequencies: DocumentFrequencies, model: LinkageModel, threshold: float) -> np.ndarray:
    """Similarity minus the pair's threshold, for every two items of the pool: they belong
    together where it is at least 0."""
    return feature_margins(pool, frequencies.tfidf(pool.counts), log_lengths(pool.counts), model, threshold)


def feature_margins(pool: Pool, words: sparse.csr_matrix, log_length: np.ndarray, model: LinkageModel,
                    threshold: float) -> np.ndarray:
    """`margins` from the pool's vectors, times, languages and names, its rows' weighted words
    and log lengths. A row may be the mean of several items' (a story carried from an earlier
    block): dot products of means are then the mean similarity over their pairs."""
    pair_length = ((log_length[:, None] + log_length[None, :]) / 2).astype(np.float32)
    embedded = pool.vectors @ pool.vectors.T
    weight = np.clip(model.embedding_weight + model.weight_slope * pair_length, 0.0, 1.0)
    result = weight * embedded + (1.0 - weight) * words.dot(words.T).toarray()
    across = cross_language(pool.languages) if model.cross_language_threshold is not None else None
    if across is not None:
        # Names agree across languages where words do not: they add to the embedding's say.
        shared_names = name_cosines(pool.names)
        result[across] = embedded[across] + shared_names[across] - (model.cross_language_threshold - threshold)
    result -= threshold + model.length_slope * pair_length
    result -= time_penalty(pool.times, model.time_weight, model.time_scale_days, model.time_shape,
                           model.time_grace_days)
    return result


def log_lengths(counts: sparse.csr_matrix) -> np.ndarray:
    """Per item, log of its distinct words over REFERENCE_WORDS: a headline is about -1.3, a
    title and lead 0, a body's first TEXT_CHARS 1 to 2."""
    return np.log(np.maximum(np.diff(counts.indptr), 1.0)) - np.log(REFERENCE_WORDS)


def pair_log_lengths(counts: sparse.csr_matrix) -> np.ndarray:
    log_length = log_lengths(counts)
    return (log_length[:, None] + log_length[None, :]) / 2


def cross_language(languages: list[str]) -> np.ndarray | None:
    known = np.array(languages, dtype=object)
    if len(set(languages) - {""}) < 2:
        return None
    return (known[:, None] != known[None, :]) & (known[:, None] != "") & (known[None, :] != "")


TIME_SHAPES = ("saturating", "log")


def time_penalty(times: np.ndarray, weight: float, scale_days: float = TIME_SCALE_DAYS,
                 shape: str = "saturating", grace_days: float = 0.0) -> np.ndarray | np.floating:
    """The prior against pairs far apart in time (see LinkageModel.time_shape), counted from
    `grace_days` apart; 0 where either is undated: no evidence either way."""
    if shape not in TIME_SHAPES:
        raise ValueError(f"unknown time shape {shape!r}, not one of {TIME_SHAPES}")
    if weight == 0 or np.isnan(times).all():
        return np.float32(0.0)
    with np.errstate(invalid="ignore"):
        days = np.maximum(np.abs(times[:, None] - times[None, :]) / 86400.0 - grace_days, 0.0)
    growth = np.log1p(days / scale_days) if shape == "log" else -np.expm1(-days / scale_days)
    return np.nan_to_num(weight * growth, nan=0.0).astype(np.float32)


# Cyrillic to Latin letters, so that a name reads alike in English, German, Russian and Ukrainian.
LATIN = str.maketrans({**dict(zip("абвгдезийклмнопрстуфхцыэіїєґ", "abvgdezijklmnoprstufhcyeiieg")),
                       "ё": "e", "ж": "zh", "ч": "ch", "ш": "sh", "щ": "sh", "ю": "yu", "я": "ya", "ь": "", "ъ": ""})
CAPITALISED = re.compile(r"\b[^\W\d_][\w'’-]*")


def names_of(text: str) -> str:
    """The capitalised words of a text (names, in most languages), lower-cased and in Latin letters."""
    return " ".join(word for word in CAPITALISED.findall(text) if word[0].isupper()).casefold().translate(LATIN)


def name_cosines(names: list[str]) -> np.ndarray:
    """TF-IDF cosines of the names' character 4-grams (IDF from the items being clustered):
    "Orlavik", "Орлавике" and "Орлавіку" share most of theirs. On one story told in English,
    German, Russian and Ukrainian, 0.16-0.61 between its tellings, 0-0.06 to another story."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    try:
        grams = TfidfVectorizer(analyzer="char_wb", ngram_range=(4, 4), sublinear_tf=True).fit_transform(names)
    except ValueError:  # no item has a name of four letters
        return np.zeros((len(names), len(names)))
    return grams.dot(grams.T).toarray()
