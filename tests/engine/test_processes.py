"""The worker pool: real spawned processes, results matched to their tasks, failures surfaced."""
from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool

import pytest

from storylens.engine.processes import WorkerPool, cores


def _nothing() -> None:
    pass


def _square(number: int) -> int:
    if number < 0:
        raise ValueError(f"negative: {number}")
    return number * number


def _die(_: object) -> None:
    import os

    os._exit(3)  # a worker killed mid-task, as the out-of-memory killer would


def test_results_come_back_with_their_task_numbers():
    with WorkerPool(2, _nothing) as pool:
        results = dict(pool.map_unordered(_square, [3, 1, 4, 1, 5]))
    assert results == {0: 9, 1: 1, 2: 16, 3: 1, 4: 25}


def test_an_error_in_a_worker_is_raised_in_the_caller():
    with WorkerPool(2, _nothing) as pool, pytest.raises(ValueError, match="negative: -2"):
        dict(pool.map_unordered(_square, [1, -2]))


def test_a_dead_worker_breaks_the_pool_loudly():
    with WorkerPool(1, _nothing) as pool, pytest.raises(BrokenProcessPool):
        dict(pool.map_unordered(_die, [1]))


def test_cores_counts_at_least_one():
    assert cores() >= 1
