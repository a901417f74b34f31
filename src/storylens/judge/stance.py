"""The stance of an article toward a claim: agree, disagree, discuss or unrelated (FNC-1).

Two stages of gradient-boosted trees over topic-free features (`stance_features`): first
whether the article is about the claim at all, then, for those that are, whether it agrees,
disagrees or only discusses it (the mean probabilities of a few boosted models that differ
only in their seed: steadier on the rare `disagree`). Trained on FNC-1 train by
train/stance_model.py and shipped as stance_model.npz beside this file: plain arrays (the
trees' nodes, the IDF table), no pickle, evaluated here with numpy alone.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import numpy as np

from storylens.judge.stance_features import FEATURE_NAMES, Idf, body_view, claim_view, pair_features

MODEL_FILE = Path(__file__).with_name("stance_model.npz")
LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED_LABELS = ("agree", "disagree", "discuss")
# Pairs are featurised in chunks so a million-pair job holds a bounded number of body views.
CHUNK_PAIRS = 20_000
ROWS_PER_BLOCK = 1024  # rows x trees node indices per step: ~1k x 1k, a few MB

Embed = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class TreeEnsemble:
    """Gradient-boosted regression trees, all nodes of all trees in flat arrays.

    `left`/`right` index the flat arrays; `roots[t]` is tree t's first node and
    `tree_output[t]` the output (class) its leaf values add to.
    """

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    is_leaf: np.ndarray
    value: np.ndarray
    missing_left: np.ndarray
    roots: np.ndarray
    tree_output: np.ndarray
    baseline: np.ndarray  # one per output
    depth: int

    def raw_scores(self, rows: np.ndarray) -> np.ndarray:
        """Sum of leaf values per output, in blocks of rows so a big batch stays small in memory."""
        if len(rows) <= ROWS_PER_BLOCK:
            return self._raw_scores_block(rows)
        return np.vstack([self._raw_scores_block(rows[i : i + ROWS_PER_BLOCK]) for i in range(0, len(rows), ROWS_PER_BLOCK)])

    def _raw_scores_block(self, rows: np.ndarray) -> np.ndarray:
        """Every row walks every tree at once, one level per step.

        Trees are walked deepest first, and a level only steps the trees that still have
        nodes below it: most trees are far shallower than the deepest, and stepping their
        rows in place on a leaf (leaves lead to themselves) would be wasted work.
        """
        order, active, left, right = self._walk_plan
        nodes = np.broadcast_to(self.roots[order], (len(rows), len(order))).copy()
        row_index = np.arange(len(rows))[:, None]
        for count in active:
            current = nodes[:, :count]
            x = rows[row_index, self.feature[current]]
            go_left = np.where(np.isnan(x), self.missing_left[current], x <= self.threshold[current])
            nodes[:, :count] = np.where(go_left, left[current], right[current])
        outputs = np.zeros((len(order), len(self.baseline)))
        outputs[np.arange(len(order)), self.tree_output[order]] = 1.0
        return self.value[nodes] @ outputs + self.baseline

    @cached_property
    def _walk_plan(self) -> tuple[np.ndarray, list[int], np.ndarray, np.ndarray]:
        """Trees deepest first, how many of them each level steps, and children with leaves as their own."""
        node_depth = np.zeros(len(self.feature), dtype=np.int32)
        for node in range(len(self.feature)):  # a parent comes before its children in the flat arrays
            if not self.is_leaf[node]:
                node_depth[self.left[node]] = node_depth[self.right[node]] = node_depth[node] + 1
        tree_of_node = np.searchsorted(self.roots, np.arange(len(self.feature)), side="right") - 1
        tree_depth = np.zeros(len(self.roots), dtype=np.int32)
        np.maximum.at(tree_depth, tree_of_node, node_depth)
        order = np.argsort(-tree_depth, kind="stable")
        active = [int((tree_depth > level).sum()) for level in range(int(tree_depth.max(initial=0)))]
        itself = np.arange(len(self.feature))
        left = np.where(self.is_leaf, itself, self.left)
        right = np.where(self.is_leaf, itself, self.right)
        return order, active, left, right

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """Class probabilities: a sigmoid for one output (as [p(0), p(1)]), a softmax for several."""
        raw = self.raw_scores(rows)
        if raw.shape[1] == 1:
            positive = 1.0 / (1.0 + np.exp(-np.clip(raw[:, 0], -30, 30)))
            return np.column_stack([1.0 - positive, positive])
        raw = raw - raw.max(axis=1, keepdims=True)
        exp = np.exp(raw)
        return exp / exp.sum(axis=1, keepdims=True)

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        fields = ("feature", "threshold", "left", "right", "is_leaf", "value", "missing_left", "roots", "tree_output", "baseline")
        arrays = {f"{prefix}_{name}": getattr(self, name) for name in fields}
        arrays[f"{prefix}_depth"] = np.array(self.depth)
        return arrays

    @classmethod
    def from_arrays(cls, arrays, prefix: str) -> TreeEnsemble:
        fields = ("feature", "threshold", "left", "right", "is_leaf", "value", "missing_left", "roots", "tree_output", "baseline")
        return cls(**{name: arrays[f"{prefix}_{name}"] for name in fields}, depth=int(arrays[f"{prefix}_depth"]))


@dataclass(frozen=True)
class AveragedEnsemble:
    """Several tree ensembles over the same classes; the probabilities are the mean of theirs."""

    members: tuple[TreeEnsemble, ...]

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        total = self.members[0].probabilities(rows)
        for member in self.members[1:]:
            total = total + member.probabilities(rows)
        return total / len(self.members)

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        arrays = {f"{prefix}_members": np.array(len(self.members))}
        for i, member in enumerate(self.members):
            arrays.update(member.to_arrays(f"{prefix}{i}"))
        return arrays

    @classmethod
    def from_arrays(cls, arrays, prefix: str) -> AveragedEnsemble:
        if f"{prefix}_members" not in arrays:  # a file from before averaging: one ensemble
            return cls((TreeEnsemble.from_arrays(arrays, prefix),))
        return cls(tuple(TreeEnsemble.from_arrays(arrays, f"{prefix}{i}") for i in range(int(arrays[f"{prefix}_members"]))))


@dataclass(frozen=True)
class StanceModel:
    idf: Idf
    relatedness: TreeEnsemble  # unrelated (0) vs related (1)
    stance: AveragedEnsemble  # agree, disagree, discuss among related pairs
    related_threshold: float  # p(related) from which a pair counts as related
    stance_bias: np.ndarray  # added to the stance log-probabilities: tuned for the FNC score and `disagree`

    def save(self, path: Path) -> None:
        meta = {"labels": LABELS, "features": FEATURE_NAMES, "related_threshold": self.related_threshold}
        np.savez_compressed(
            path,
            meta=np.array(json.dumps(meta)),
            idf_words=np.array(sorted(self.idf.weights)),
            idf_values=np.array([self.idf.weights[w] for w in sorted(self.idf.weights)], dtype=np.float32),
            idf_unseen=np.array(self.idf.unseen),
            stance_bias=self.stance_bias,
            **self.relatedness.to_arrays("related"),
            **self.stance.to_arrays("stance"),
        )


@cache
def load_model(path: Path = MODEL_FILE) -> StanceModel:
    """The shipped model, read once per process."""
    with np.load(path, allow_pickle=False) as arrays:
        meta = json.loads(str(arrays["meta"]))
        if tuple(meta["features"]) != FEATURE_NAMES:
            raise RuntimeError(f"{path} was trained on other features; rerun train/stance_model.py")
        words = [str(w) for w in arrays["idf_words"]]
        idf = Idf(dict(zip(words, arrays["idf_values"].astype(float).tolist())), float(arrays["idf_unseen"]))
        return StanceModel(
            idf=idf,
            relatedness=TreeEnsemble.from_arrays(arrays, "related"),
            stance=AveragedEnsemble.from_arrays(arrays, "stance"),
            related_threshold=float(meta["related_threshold"]),
            stance_bias=arrays["stance_bias"].astype(float),
        )


def stance_of_pairs(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, float]]:
    """For each (claim, article text): its stance label and that label's probability, in input order.

    Each distinct claim and each distinct body is featurised and embedded once, so a claim
    against many articles, or an article against many claims, costs little more than its parts.
    """
    pairs = [(claim or "", text or "") for claim, text in pairs]
    model = load_model()
    results: list[tuple[str, float]] = []
    for start in range(0, len(pairs), CHUNK_PAIRS):
        rows = feature_matrix(pairs[start : start + CHUNK_PAIRS], model.idf)
        results += decide(model, rows)
    return results


def decide(model: StanceModel, rows: np.ndarray) -> list[tuple[str, float]]:
    """Labels and their probabilities for feature rows: related or not first, then which stance."""
    if len(rows) == 0:
        return []
    p_related = model.relatedness.probabilities(rows)[:, 1]
    stance_probabilities = model.stance.probabilities(rows)
    chosen = np.argmax(np.log(stance_probabilities + 1e-12) + model.stance_bias, axis=1)
    decisions = []
    for p, probabilities, index in zip(p_related, stance_probabilities, chosen):
        if p < model.related_threshold:
            decisions.append(("unrelated", float(1.0 - p)))
        else:
            decisions.append((RELATED_LABELS[index], float(p * probabilities[index])))
    return decisions


def feature_matrix(pairs: Sequence[tuple[str, str]], idf: Idf, embed: Embed | None = None) -> np.ndarray:
    """One row of `FEATURE_NAMES` per pair; `embed` defaults to the shared MiniLM embedder."""
    if not pairs:
        return np.zeros((0, len(FEATURE_NAMES)), dtype=np.float32)
    if embed is None:
        from storylens.enrich.embed import english_embedder

        embed = english_embedder().embed
    claims = {claim: claim_view(claim, idf) for claim in dict.fromkeys(claim for claim, _ in pairs)}
    bodies = {body: body_view(body, idf) for body in dict.fromkeys(body for _, body in pairs)}
    vectors = embeddings(list(claims) + [s for view in bodies.values() for s in view.sentences], embed)
    sentence_vectors = {body: np.vstack([vectors[s] for s in view.sentences]) for body, view in bodies.items()}
    rows = np.zeros((len(pairs), len(FEATURE_NAMES)), dtype=np.float32)
    for i, (claim, body) in enumerate(pairs):
        rows[i] = pair_features(claims[claim], vectors[claim], bodies[body], sentence_vectors[body])
    return rows


def embeddings(texts: list[str], embed: Embed) -> dict[str, np.ndarray]:
    """One vector per distinct text, embedded in a single batch (the embedder sorts by length)."""
    distinct = list(dict.fromkeys(texts))
    return dict(zip(distinct, embed(distinct)))
