from storylens.batches import batched


def test_batches_keep_the_order_and_the_last_is_shorter():
    assert list(batched(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batched([], 3)) == []


def test_a_batch_is_read_only_when_asked_for():
    read = []

    def stream():
        for number in range(10):
            read.append(number)
            yield number

    first = next(batched(stream(), 4))
    assert first == [0, 1, 2, 3] and read == [0, 1, 2, 3]
