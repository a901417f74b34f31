"""The distinctive-word veto for small groups of short texts, and the length-dependent weight
and threshold (linkage.py, similarity.py), on hand-made margins and word matrices."""
import numpy as np
from scipy import sparse

from storylens.cluster.linkage import VETO_LONGEST, Veto, linked_groups
from storylens.cluster.similarity import DocumentFrequencies, LinkageModel, Pool, margins

# Words 0-2 are the topic (all items), 3 is one town's name, 4 the other's.
TOPIC, FIRST_TOWN, SECOND_TOWN = [0, 1, 2], 3, 4


def presence(rows: list[list[int]], columns: int = 5) -> sparse.csr_matrix:
    data = [(r, c) for r, row in enumerate(rows) for c in row]
    return sparse.csr_matrix((np.ones(len(data)), ([r for r, _ in data], [c for _, c in data])),
                             shape=(len(rows), columns))


def two_towns(first: int, second: int, log_length: float = 0.0) -> tuple[np.ndarray, Veto]:
    """Margins that join everything (each town's own items a little closer), and the words."""
    count = first + second
    margin = np.full((count, count), 0.1)
    margin[:first, :first] = margin[first:, first:] = 0.3
    words = presence([TOPIC + [FIRST_TOWN]] * first + [TOPIC + [SECOND_TOWN]] * second)
    frequencies = np.asarray(words.sum(axis=0)).ravel().astype(np.int32)
    return margin, Veto(words, frequencies, np.full(count, log_length), share=0.9)


def partition(labels) -> list[list[int]]:
    found: dict[int, list[int]] = {}
    for position, label in enumerate(labels):
        found.setdefault(int(label), []).append(position)
    return sorted(found.values())


def test_two_groups_of_three_with_different_names_stay_apart():
    margin, veto = two_towns(3, 3)
    assert partition(linked_groups(margin, veto)) == [[0, 1, 2], [3, 4, 5]]
    assert partition(linked_groups(margin)) == [[0, 1, 2, 3, 4, 5]]  # no veto: the margins join them


def test_bigger_groups_join_whatever_their_names():
    # Fragments of a big story, each with its own wording: the veto would split them.
    margin, veto = two_towns(5, 4)
    assert partition(linked_groups(margin, veto)) == [list(range(9))]


def test_long_texts_are_not_vetoed():
    margin, veto = two_towns(3, 3, log_length=VETO_LONGEST + 0.5)
    assert partition(linked_groups(margin, veto)) == [list(range(6))]


def test_groups_that_share_a_distinctive_word_join():
    margin, veto = two_towns(3, 3)
    words = presence([TOPIC + [FIRST_TOWN]] * 3 + [TOPIC + [SECOND_TOWN, FIRST_TOWN]] * 3)
    shared = Veto(words, np.asarray(words.sum(axis=0)).ravel().astype(np.int32), veto.log_length, veto.share)
    assert partition(linked_groups(margin, shared)) == [list(range(6))]


def test_the_vetoed_linkage_agrees_with_the_tree_where_no_veto_holds():
    rng = np.random.default_rng(3)
    points = rng.normal(size=(30, 4))
    margin = points @ points.T / 4 - 0.2
    margin = (margin + margin.T) / 2
    words = presence([[0, 1]] * 30, columns=2)  # one vocabulary: nothing is distinctive
    veto = Veto(words, np.full(2, 30, np.int32), np.zeros(30), share=0.9)
    assert partition(linked_groups(margin, veto)) == partition(linked_groups(margin))


def pool_of(lengths: list[int]) -> Pool:
    """Items with the same embedding and no shared word, of the given numbers of distinct words."""
    rows, columns, start = [], [], 0
    for row, length in enumerate(lengths):
        rows += [row] * length
        columns += list(range(start, start + length))
        start += length
    counts = sparse.csr_matrix((np.ones(len(rows), np.float32), (rows, columns)), shape=(len(lengths), 1 << 20))
    vectors = np.ones((len(lengths), 2), np.float32) / np.sqrt(2)
    return Pool([str(k) for k in range(len(lengths))], vectors, counts, np.full(len(lengths), np.nan),
                [""] * len(lengths), [""] * len(lengths))


def test_the_embedding_weighs_less_between_long_texts():
    pool = pool_of([8, 8, 300, 300])
    frequencies = DocumentFrequencies()
    frequencies.add(pool.counts)
    flat = margins(pool, frequencies, LinkageModel(0.4, 0.2), 0.2)
    assert np.isclose(flat[0, 1], flat[2, 3])  # no slope: length does not matter
    sloped = margins(pool, frequencies, LinkageModel(0.4, 0.2, weight_slope=-0.2), 0.2)
    # Same embedding, no shared word: only the embedding's say differs, larger for headlines.
    assert sloped[0, 1] > flat[0, 1] > flat[2, 3] - 1e-6 > sloped[2, 3]


def test_the_threshold_falls_with_length_when_the_slope_is_negative():
    pool = pool_of([8, 8, 300, 300])
    frequencies = DocumentFrequencies()
    frequencies.add(pool.counts)
    sloped = margins(pool, frequencies, LinkageModel(0.4, 0.2, length_slope=-0.05), 0.2)
    assert sloped[2, 3] > sloped[0, 1]
