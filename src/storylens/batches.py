"""Lists of a fixed size from a stream, for every stage that works in batches (nlp.pipe, the
store's transactions, the stance model). itertools.batched arrives only with Python 3.12."""
from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Lists of `size` items in order, the last one shorter; nothing is read ahead of a batch."""
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
