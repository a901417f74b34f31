"""Runs independent pieces of work in worker processes, one per core, for the per-story stages.

The claims stage (spaCy's parser) runs on one core; the judge's embeddings use at most two
threads and wait on small batches. Stories are independent once clustered, so two
processes that each parse and judge their own stories keep both cores busy. Workers are
started fresh (`spawn`), never forked: a fork of a process whose ONNX session already
runs threads can hang in the child. Each worker loads its models once, in `warm_up`, while
the parent is still clustering.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed


def cores() -> int:
    """The cores this process may use (fewer than the machine's under a CPU affinity mask)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class WorkerPool:
    """`workers` processes that each load the models first (`warm_up`, a picklable function)."""

    def __init__(self, workers: int, warm_up: Callable[[], None]):
        self.executor = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=warm_up)

    def map_unordered(self, function: Callable, tasks: Iterable) -> Iterator[tuple[int, object]]:
        """(task number, result) pairs as tasks finish. An exception in a worker is raised
        here; `BrokenProcessPool` when a worker died or could not start."""
        futures: list[Future] = [self.executor.submit(function, task) for task in tasks]
        number = {future: index for index, future in enumerate(futures)}
        try:
            for future in as_completed(futures):
                yield number[future], future.result()
        finally:
            for future in futures:
                future.cancel()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
