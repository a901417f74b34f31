"""Article stance toward a claim with the shipped model and the real embedder, on invented stories."""
from __future__ import annotations

import numpy as np
import pytest

from storylens.enrich.sentences import rough_sentence_spans
from storylens.judge.stance import AveragedEnsemble, LABELS, TreeEnsemble, feature_matrix, load_model, stance_of_pairs
from storylens.judge.stance_features import (
    FEATURE_NAMES, MAX_SENTENCES, body_view, cue_counts, CUE_NAMES, negated_words, normalised_words,
)

CLAIM = "Port Wendell signed a secret twenty-year lease for its container terminal"

# In the article's own voice, no one cited: it asserts the claim.
AGREEING = (
    "Port Wendell has signed a secret twenty-year lease for its container terminal. The lease hands the "
    "eastern terminal to a private shipping group for twenty years. It was signed last week, in secret, "
    "without a vote of the city council. The port confirmed the lease on Tuesday. It is worth 40 million a year."
)
DENYING = (
    "The harbour authority of Port Wendell has denied reports that it signed a secret lease for its "
    "container terminal. \"There is no lease. The story is pure fiction,\" spokesperson Mara Ellison said. "
    "\"No such agreement was signed, and the terminal is not for rent.\" The authority said the claims were "
    "completely false and that it would ask the newspaper to retract its report."
)
DISCUSSING = (
    "Port Wendell may have signed a twenty-year lease for its container terminal, according to unconfirmed "
    "reports. Two officials who asked not to be named reportedly said the deal was agreed last week. "
    "The claims could not be independently verified, and it is unclear whether the city council was told. "
    "The harbour authority did not respond to a request for comment."
)
UNRELATED = (
    "The Lakeside Hornets won their third straight home game on Saturday, beating the Ridgeford Owls "
    "3-1 in front of a sold-out crowd. Striker Jonas Pell scored twice in the second half, and coach "
    "Imke Varga praised her young defence after the match. The Hornets travel to Marlow next week."
)


def test_labels_and_scores_for_each_pair_in_order():
    results = stance_of_pairs([(CLAIM, AGREEING), (CLAIM, UNRELATED), (CLAIM, DENYING)])
    assert len(results) == 3
    for label, score in results:
        assert label in LABELS
        assert 0.0 <= score <= 1.0
    assert results[1][0] == "unrelated"
    assert results[0][0] != "unrelated" and results[2][0] != "unrelated"


def test_an_article_on_another_subject_is_unrelated_with_confidence():
    ((label, score),) = stance_of_pairs([(CLAIM, UNRELATED)])
    assert label == "unrelated"
    assert score > 0.8


def test_a_denial_reads_as_disagree():
    ((label, _),) = stance_of_pairs([(CLAIM, DENYING)])
    assert label == "disagree"


def test_a_confirmation_reads_as_agree_and_hearsay_as_discuss():
    (agree, _), (discuss, _) = stance_of_pairs([(CLAIM, AGREEING), (CLAIM, DISCUSSING)])
    assert agree == "agree"
    assert discuss == "discuss"


def test_a_batch_answers_as_the_pairs_would_one_by_one():
    pairs = [(CLAIM, AGREEING), ("Hornets beat the Owls 3-1 at home", UNRELATED), (CLAIM, DENYING), (CLAIM, AGREEING)]
    batch = stance_of_pairs(pairs)
    alone = [stance_of_pairs([pair])[0] for pair in pairs]
    assert [label for label, _ in batch] == [label for label, _ in alone]
    # Integer arithmetic scales activations per batch, so scores move with what is batched
    # together; the labels must not. How far depends on the CPU: a few thousandths with VNNI
    # int8 products, 0.035 measured on an AVX2-only AMD EPYC (no VNNI).
    assert np.allclose([s for _, s in batch], [s for _, s in alone], atol=0.05)
    assert batch[0] == batch[3]  # the same pair twice: the same answer


def test_odd_inputs_still_get_a_label():
    huge = (AGREEING + "\n\n") * 2_000  # ~ 1 MB: only the opening is read
    pairs = [("", ""), (CLAIM, ""), ("", AGREEING), (CLAIM, "\x00\ufffd\u202e ###"), (CLAIM, huge), ("?!", "...")]
    results = stance_of_pairs(pairs)
    assert len(results) == len(pairs)
    assert all(label in LABELS and 0.0 <= score <= 1.0 for label, score in results)
    assert results[1][0] == "unrelated"  # nothing to agree with


def test_no_pairs_no_work():
    assert stance_of_pairs([]) == []
    assert stance_of_pairs(iter(())) == []


def test_feature_rows_line_up_with_names():
    rows = feature_matrix([(CLAIM, DENYING), (CLAIM, "")], load_model().idf)
    assert rows.shape == (2, len(FEATURE_NAMES))
    assert np.isfinite(rows).all()
    named = dict(zip(FEATURE_NAMES, rows[0]))
    assert named["near_denial"] >= 1  # "denied" sits in a sentence close to the claim
    assert named["word_overlap"] > 0.5
    assert named["body_doubts_claim_not"] == 1 and named["claim_doubts_body_not"] == 0
    assert named["doubt_sentence_cosine"] > 0.5  # the doubting sentences are about this claim


def test_a_claim_that_denies_against_an_article_that_asserts():
    rows = feature_matrix([("Port Wendell did not sign a lease for its container terminal", AGREEING)], load_model().idf)
    named = dict(zip(FEATURE_NAMES, rows[0]))
    assert named["claim_doubts_body_not"] == 1
    assert named["claim_negated_share"] > 0


def test_negated_words_and_debunking_cues():
    assert "urinat" in negated_words(normalised_words("There was no urinating on the air."))
    assert "sign" not in negated_words(normalised_words("Nobody doubts it: they will sign the lease next week."))
    counts = dict(zip(CUE_NAMES, cue_counts("It turns out the video was staged. In fact, there is no evidence at all.")))
    assert counts["debunking"] == 1 and counts["correcting"] == 3


def test_body_view_caps_sentences_and_keeps_offsets():
    body = " ".join(f"Sentence number {i} is here." for i in range(100))
    view = body_view(body, load_model().idf)
    assert len(view.sentences) == MAX_SENTENCES
    assert view.sentences[0] == "Sentence number 0 is here."
    assert all(body[a:b].strip() == body[a:b] for a, b in rough_sentence_spans(body))


def test_tree_ensemble_walks_a_hand_built_stump():
    # One tree: feature 0 <= 0.5 goes left (leaf value -2), else right (leaf value +2); NaN goes right.
    stump = TreeEnsemble(
        feature=np.array([0, 0, 0]), threshold=np.array([0.5, 0.0, 0.0]),
        left=np.array([1, 0, 0]), right=np.array([2, 0, 0]), is_leaf=np.array([False, True, True]),
        value=np.array([0.0, -2.0, 2.0]), missing_left=np.array([False, False, False]),
        roots=np.array([0]), tree_output=np.array([0]), baseline=np.array([0.5]), depth=2,
    )
    raw = stump.raw_scores(np.array([[0.0], [1.0], [np.nan]]))
    assert raw[:, 0].tolist() == [-1.5, 2.5, 2.5]
    probabilities = stump.probabilities(np.array([[0.0]]))
    assert probabilities[0, 1] == pytest.approx(1 / (1 + np.exp(1.5)))


def test_tree_ensemble_walks_trees_of_different_depths():
    # Tree 0 is a lone leaf (+1); tree 1 splits on feature 0, then its right child on feature 1.
    ensemble = TreeEnsemble(
        feature=np.array([0, 0, 0, 1, 0, 0]), threshold=np.array([0.0, 0.5, 0.0, 0.5, 0.0, 0.0]),
        left=np.array([0, 2, 0, 4, 0, 0]), right=np.array([0, 3, 0, 5, 0, 0]),
        is_leaf=np.array([True, False, True, False, True, True]),
        value=np.array([1.0, 0.0, -1.0, 0.0, 2.0, 3.0]), missing_left=np.zeros(6, dtype=bool),
        roots=np.array([0, 1]), tree_output=np.array([0, 0]), baseline=np.array([0.0]), depth=3,
    )
    raw = ensemble.raw_scores(np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]]))
    assert raw[:, 0].tolist() == [0.0, 3.0, 4.0]


def _stump(feature: int, threshold: float, left_values: list[float], right_values: list[float]) -> TreeEnsemble:
    """One stump per class: rows with x[feature] <= threshold get left_values, the others right_values."""
    classes = len(left_values)
    return TreeEnsemble(
        feature=np.tile([feature, 0, 0], classes), threshold=np.tile([threshold, 0.0, 0.0], classes),
        left=np.concatenate([[3 * c + 1, 0, 0] for c in range(classes)]),
        right=np.concatenate([[3 * c + 2, 0, 0] for c in range(classes)]),
        is_leaf=np.tile([False, True, True], classes),
        value=np.concatenate([[0.0, lv, rv] for lv, rv in zip(left_values, right_values)]),
        missing_left=np.zeros(3 * classes, dtype=bool), roots=np.arange(classes) * 3,
        tree_output=np.arange(classes), baseline=np.zeros(classes), depth=2,
    )


def test_averaged_ensemble_probabilities_are_the_mean_of_its_members(tmp_path):
    members = (_stump(0, 0.5, [2.0, -1.0, 0.0], [-1.0, 1.5, 0.0]), _stump(1, 0.0, [0.0, 0.0, 3.0], [1.0, -2.0, 0.5]))
    averaged = AveragedEnsemble(members)
    rows = np.array([[0.0, -1.0], [1.0, -1.0], [0.0, 1.0], [1.0, 1.0], [np.nan, np.nan]])
    expected = (members[0].probabilities(rows) + members[1].probabilities(rows)) / 2
    assert np.allclose(averaged.probabilities(rows), expected)
    assert np.allclose(averaged.probabilities(rows).sum(axis=1), 1.0)
    assert not np.allclose(members[0].probabilities(rows), members[1].probabilities(rows))  # a real average
    # Saved as plain arrays and read back without pickle, it answers the same.
    np.savez(tmp_path / "ensemble.npz", **averaged.to_arrays("stance"))
    with np.load(tmp_path / "ensemble.npz", allow_pickle=False) as arrays:
        loaded = AveragedEnsemble.from_arrays(arrays, "stance")
    assert len(loaded.members) == 2
    assert np.allclose(loaded.probabilities(rows), expected)


def test_the_shipped_stance_stage_is_an_average_of_its_members():
    stance = load_model().stance
    rows = feature_matrix([(CLAIM, DENYING), (CLAIM, AGREEING), (CLAIM, DISCUSSING)], load_model().idf)
    expected = np.mean([member.probabilities(rows) for member in stance.members], axis=0)
    assert np.allclose(stance.probabilities(rows), expected)
