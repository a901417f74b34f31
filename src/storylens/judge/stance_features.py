"""Features of a (claim, article body) pair for the stance model.

Nothing here names a topic: every feature is an overlap, a similarity or a count of
denial, doubt, hedge, debunking and negation words, so the model learns how articles take a
side, not which stories they were about. FNC-1's `disagree` is mostly a polarity mismatch (a
claim that says "hoax" against an article that reports the story straight, or the reverse), so
the claim's doubt is set against the doubt of the sentences that match it (`_polarity_features`). Work that depends on one side only is done once per distinct
claim (`ClaimView`) and once per distinct body (`BodyView`); a pair then costs a few dot products.
"""
from __future__ import annotations

import functools
import math
from bisect import bisect_right
import re
from dataclasses import dataclass

import numpy as np

from storylens.claims.denials import denial_cues, negation_cues, no_comment_cues, question_cues
from storylens.claims.hedges import hedge_cues
from storylens.enrich.sentences import rough_sentence_spans
from storylens.enrich.stop_words import STANCE_STOP_WORDS

# The first sentences carry an article's stance (its lede says what it thinks of the claim);
# embedding every sentence of a long article costs more than it tells.
MAX_SENTENCES = 20
MAX_BODY_CHARS = 20_000  # only the opening is read; a pasted book must not stall a batch
LEAD_CHARS = 255  # the fnc-1-baseline's "lead" window
TOP_SENTENCES = 3  # sentences nearest the claim, where its stance is said
ATTENTION_SHARPNESS = 10.0  # cosine gaps of 0.1 weigh a sentence e times less

_WORD = re.compile(r"[a-z0-9]+(?:['\u2019][a-z]+)?")
# Words that report without endorsing: a "discuss" article is full of them.
_HEDGES = frozenset(
    "reportedly allegedly purportedly apparently supposedly claims claimed claiming alleged alleges "
    "rumour rumours rumor rumors rumored unconfirmed unverified speculation speculated appears appear "
    "seems seem possibly perhaps may might could suggests suggested suggest according sources report "
    "reports reported believed".split()
)
_ATTRIBUTING = frozenset("said says told according stated claimed reported tweeted wrote".split())
# The fnc-1-baseline's refuting words, without those the cue finders already count.
# Debunking words join them: an article that calls a picture "photoshopped" is against the claim.
_REFUTING = frozenset(
    "fake fraud hoax false bogus prank pranks retract retracted retraction satire satirical "
    "photoshopped doctored myth parody spoof scam misleading fictional".split()
)
# Words that call a story wrong without the cue finders' grammar ("staged", "nonsense",
# "exaggerated"): FNC-1's `disagree` articles use them far more than its `discuss` ones.
_DEBUNKING = frozenset(
    "staged lie lies lying liar nonsense inaccurate incorrect erroneous exaggerated exaggerating exaggeration "
    "conspiracy legend joke prankster implausible unlikely mistaken misreported misinformation disinformation "
    "unsubstantiated unproven photoshop faked fakes fictitious invented phony phoney sham rubbish fiction "
    "debunks busted fooled duped".split()
)
# Phrases with which an article puts a story right: "it turns out", "in fact", "no evidence".
_CORRECTING = re.compile(
    r"\b(?:actually|in\s+fact|in\s+reality|turn(?:s|ed)?\s+out|however|truth|no\s+(?:evidence|proof|sign|record)|"
    r"not\s+(?:real|genuine|authentic|accurate|the\s+case|so)|made\s+up|never\s+(?:happened|existed|said)|"
    r"clarif(?:y|ied|ies|ication)|correction|apologi[sz]ed?|too\s+good\s+to\s+be\s+true)\b"
)
# Words after which, within `NEGATION_REACH` words, a claim's word is said not to hold.
_NEGATORS = frozenset("not no never none nobody nothing neither nor cannot without isn't wasn't aren't weren't "
                      "didn't doesn't don't hasn't haven't hadn't won't wouldn't can't couldn't".split())
NEGATION_REACH = 4


def normalised_words(text: str) -> list[str]:
    """Lower-cased words with a crude suffix strip, so "denies"/"denied" and "sharks"/"shark" meet."""
    return [_strip_suffix(w) for w in _WORD.findall(text.lower())]


@functools.lru_cache(maxsize=200_000)  # a few thousand distinct words make up most text
def _strip_suffix(word: str) -> str:
    word = word.replace("\u2019", "'")
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_words(words: list[str]) -> list[str]:
    return [w for w in words if w not in STANCE_STOP_WORDS and len(w) > 1]


def cue_counts(text: str) -> np.ndarray:
    """Denial, no-comment, question, negation, hedge and refuting-word counts of one text."""
    return sentence_cue_counts(text, [])[1]


def sentence_cue_counts(text: str, spans: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """Cue counts per sentence (one row per span) and for the whole text.

    The cue finders run once over the whole text and each cue is put in its sentence by
    offset: running them per sentence would scan the opening twice.
    """
    rows = np.zeros((len(spans), len(CUE_NAMES)), dtype=np.float32)
    totals = np.zeros(len(CUE_NAMES), dtype=np.float32)
    starts = [start for start, _ in spans]
    families = (denial_cues(text), no_comment_cues(text), question_cues(text), negation_cues(text), hedge_cues(text))
    for column, found in enumerate(families):
        totals[column] = len(found)
        for cue in found:
            i = bisect_right(starts, cue.start) - 1
            if i >= 0 and cue.start < spans[i][1]:
                rows[i, column] += 1
    totals[len(families):] = _word_cue_counts(text)
    for i, (start, end) in enumerate(spans):
        rows[i, len(families):] = _word_cue_counts(text[start:end])
    return rows, totals


def _marks(body: str, sentences: int) -> tuple[float, float, float]:
    """How much a body asks, quotes and attributes: an article that only relays a claim does all three."""
    said = sum(w in _ATTRIBUTING for w in _WORD.findall(body.lower()))
    quotes = sum(body.count(q) for q in '"\u201c\u201d')
    return body.count("?") / sentences, quotes / sentences, said / sentences


def _word_cue_counts(text: str) -> tuple[int, int, int, int]:
    lowered = text.lower()
    words = _WORD.findall(lowered)
    return (
        sum(w in _HEDGES for w in words),
        sum(w in _REFUTING for w in words),
        sum(w in _DEBUNKING for w in words),
        len(_CORRECTING.findall(lowered)),
    )


CUE_NAMES = ("denial", "no_comment", "question", "negation", "hedging", "hedge", "refuting", "debunking", "correcting")
# The cue families that doubt a story (in `CUE_NAMES` order): a claim that carries one and an
# article that does not, or the reverse, is the commonest shape of `disagree`.
_DOUBTING = np.array([name in ("denial", "question", "refuting", "debunking", "correcting") for name in CUE_NAMES])


def negated_words(words: list[str]) -> set[str]:
    """The (normalised) words that follow a negator closely: "there was no urinating" negates "urinat"."""
    negated: set[str] = set()
    reach = 0
    for word in words:
        if word in _NEGATORS or word.endswith("n't"):
            reach = NEGATION_REACH
        elif reach:
            negated.add(word)
            reach -= 1
    return negated


class Idf:
    """Inverse document frequencies learned from FNC-1 train; unseen words count as rare."""

    def __init__(self, weights: dict[str, float], unseen: float):
        self.weights = weights
        self.unseen = unseen

    def vector(self, words: list[str]) -> dict[str, float]:
        """A unit TF-IDF vector as a dict: sublinear counts times IDF."""
        counts: dict[str, int] = {}
        for word in words:
            counts[word] = counts.get(word, 0) + 1
        vector = {w: (1.0 + math.log(c)) * self.weights.get(w, self.unseen) for w, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {w: v / norm for w, v in vector.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def ngrams(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def char_grams(text: str, n: int) -> set[str]:
    squeezed = " ".join(_WORD.findall(text.lower()))
    return {squeezed[i : i + n] for i in range(len(squeezed) - n + 1)}


@dataclass(slots=True)
class ClaimView:
    """What the features need of one claim, computed once."""

    words: list[str]
    content: set[str]
    bigrams: set[tuple[str, ...]]
    char4: set[str]
    tfidf: dict[str, float]
    cues: np.ndarray
    is_question: float
    negated: set[str]  # content words the claim itself negates ("is not the wife")


@dataclass(slots=True)
class BodyView:
    """What the features need of one article body, computed once."""

    sentences: list[str]
    words: set[str]
    lead_words: set[str]
    bigrams: set[tuple[str, ...]]
    char4: set[str]
    tfidf: dict[str, float]
    sentence_tfidf: list[dict[str, float]]
    sentence_words: list[set[str]]
    sentence_negated: list[set[str]]  # per sentence, the words a negator shortly before denies
    sentence_cues: np.ndarray  # one row of cue counts per sentence
    body_cues: np.ndarray  # per 100 words of the whole (capped) body
    marks: tuple[float, float, float]  # question marks, quotation marks, "said"-like words per sentence
    length_words: int


def claim_view(claim: str, idf: Idf) -> ClaimView:
    words = normalised_words(claim)
    content = content_words(words)
    negated = negated_words(words) & set(content)
    return ClaimView(
        words=words,
        content=set(content),
        bigrams=ngrams(content, 2),
        char4=char_grams(claim, 4),
        tfidf=idf.vector(content),
        cues=cue_counts(claim),
        is_question=float("?" in claim),
        negated=negated,
    )


def body_view(body: str, idf: Idf) -> BodyView:
    """`sentences` are the first `MAX_SENTENCES` of the body's opening: the ones to embed.

    A body without any gets one empty sentence, so that sentence rows, cue rows and the
    caller's sentence vectors always line up and are never empty.
    """
    body = body[:MAX_BODY_CHARS]
    spans = rough_sentence_spans(body)[:MAX_SENTENCES]
    sentences = [body[start:end] for start, end in spans] or [""]
    sentence_cues, totals = sentence_cue_counts(body, spans)
    words = content_words(normalised_words(body))
    sentence_words = [normalised_words(s) for s in sentences]
    return BodyView(
        sentences=sentences,
        words=set(words),
        lead_words=set(content_words(normalised_words(body[:LEAD_CHARS]))),
        bigrams=ngrams(words, 2),
        char4=char_grams(body, 4),
        tfidf=idf.vector(words),
        sentence_tfidf=[idf.vector(content_words(w)) for w in sentence_words],
        sentence_words=[set(w) for w in sentence_words],
        sentence_negated=[negated_words(w) for w in sentence_words],
        sentence_cues=sentence_cues if len(spans) else np.zeros((1, len(CUE_NAMES)), dtype=np.float32),
        body_cues=totals * 100.0 / max(len(words), 1),
        marks=_marks(body, len(sentences)),
        length_words=len(words),
    )


def pair_features(claim: ClaimView, claim_vector: np.ndarray, body: BodyView, sentence_vectors: np.ndarray) -> np.ndarray:
    """One row of `FEATURE_NAMES` for a claim against a body (its sentence embeddings given)."""
    n_content = max(len(claim.content), 1)
    lexical = [
        cosine(claim.tfidf, body.tfidf),
        len(claim.content & body.words) / n_content,
        len(claim.content & body.lead_words) / n_content,
        len(claim.bigrams & body.bigrams) / max(len(claim.bigrams), 1),
        len(claim.char4 & body.char4) / max(len(claim.char4), 1),
        float(len(claim.content)),
    ]
    # The body's sentences, its sentence vectors and its cue rows line up one to one; a body
    # without sentences has one empty row of each (see `body_view`, `sentence_embeddings`).
    sentence_tfidf = np.array([cosine(claim.tfidf, s) for s in body.sentence_tfidf] or [0.0], dtype=np.float32)
    sentence_cosine = sentence_vectors @ claim_vector
    n = len(sentence_cosine)
    nearest = np.argsort(-(sentence_cosine + sentence_tfidf))[:TOP_SENTENCES]  # by meaning and rare words
    best = int(nearest[0])
    top_cosines = np.sort(sentence_cosine)[::-1][:TOP_SENTENCES]
    semantic = [
        float(top_cosines[0]),
        float(top_cosines.mean()),
        float(sentence_cosine.mean()),
        float(sentence_cosine[0]),
        best / max(n - 1, 1),
        float(sentence_tfidf.max()),
        float(np.sort(sentence_tfidf)[::-1][:TOP_SENTENCES].mean()),
    ]
    cues = body.sentence_cues
    near_cues = cues[nearest].sum(axis=0)
    best_cues = cues[best]
    # Cues weighted by how closely each sentence matches the claim: a softer "near" than the top three.
    attention = np.exp(ATTENTION_SHARPNESS * (sentence_cosine - sentence_cosine.max()))
    attended_cues = (attention / attention.sum()) @ cues
    polarity = float((claim.cues[3] > 0) != (best_cues[3] > 0))
    shape = [math.log1p(body.length_words), float(n), claim.is_question, polarity, *body.marks]
    return np.concatenate(
        [lexical, semantic, claim.cues, body.body_cues, near_cues, best_cues, cues[:3].sum(axis=0), attended_cues, shape,
         _polarity_features(claim, body, nearest, near_cues, attended_cues, sentence_cosine, sentence_tfidf)]
    ).astype(np.float32)


def _polarity_features(claim: ClaimView, body: BodyView, nearest: np.ndarray, near_cues: np.ndarray,
                       attended_cues: np.ndarray, sentence_cosine: np.ndarray, sentence_tfidf: np.ndarray) -> list[float]:
    """Whether claim and article doubt the story alike: `disagree` is mostly one doubting and the other not.

    Also how many of the claim's words the matching sentences negate ("there was no
    urinating") and how many the claim negates itself ("... is not the wife").
    """
    claim_doubts = claim.cues[_DOUBTING].sum() + claim.cues[CUE_NAMES.index("negation")] > 0
    near_doubt = float(near_cues[_DOUBTING].sum())
    # How closely the sentences that doubt something match the claim: is it this claim they doubt?
    doubting = body.sentence_cues[:, _DOUBTING].sum(axis=1) > 0
    doubt_cosine = float(sentence_cosine[doubting].max()) if doubting.any() else -1.0
    doubt_tfidf = float(sentence_tfidf[doubting].max()) if doubting.any() else -1.0
    matched = negated = 0
    for i in nearest:
        shared = claim.content & body.sentence_words[i]
        matched += len(shared)
        negated += len(shared & body.sentence_negated[i])
    return [
        near_doubt,
        float(attended_cues[_DOUBTING].sum()),
        float(claim_doubts and near_doubt == 0),
        float(near_doubt > 0 and not claim_doubts),
        negated / max(matched, 1),
        len(claim.negated) / max(len(claim.content), 1),
        doubt_cosine,
        doubt_tfidf,
    ]


FEATURE_NAMES = (
    ("tfidf_cosine", "word_overlap", "lead_overlap", "bigram_overlap", "char4_overlap", "claim_words")
    + ("emb_max", "emb_top_mean", "emb_mean", "emb_first", "best_position", "sent_tfidf_max", "sent_tfidf_top_mean")
    + tuple(f"claim_{c}" for c in CUE_NAMES)
    + tuple(f"body_{c}_per100" for c in CUE_NAMES)
    + tuple(f"near_{c}" for c in CUE_NAMES)
    + tuple(f"best_{c}" for c in CUE_NAMES)
    + tuple(f"lede_{c}" for c in CUE_NAMES)
    + tuple(f"attended_{c}" for c in CUE_NAMES)
    + ("body_log_words", "body_sentences", "claim_is_question", "polarity_differs")
    + ("body_questions", "body_quotes", "body_attributions")
    + ("near_doubt", "attended_doubt", "claim_doubts_body_not", "body_doubts_claim_not", "near_negated_share")
    + ("claim_negated_share", "doubt_sentence_cosine", "doubt_sentence_tfidf")
)
