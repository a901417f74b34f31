"""The executor on a Dask cluster: a local one (`LocalCluster`) or a real scheduler's.

Tasks are submitted in a bounded window and collected as they complete, so an endless stream
of inputs never piles up futures in the client. Each worker loads its models once, in a worker
plugin, before its first task (and again after a restart): spaCy's parser costs ~1 s to load
and MiniLM ~2 s, against a few ms of task overhead. A task that keeps killing the workers that
run it (a hostile input crashing a native library, or eating the memory) is given up by the
scheduler after `distributed.scheduler.allowed-failures` deaths (`KilledWorker`); it becomes a
Problem for its key and the run goes on.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from distributed import Client, WorkerPlugin, as_completed
from distributed.scheduler import KilledWorker

from storylens.model import Problem, ProblemKind

T = TypeVar("T")
R = TypeVar("R")

# Tasks in flight per worker thread: two keep a thread busy while the client stores the last
# result (a unit of one WARC takes seconds, collecting it milliseconds).
WINDOW_PER_THREAD = 2


class ModelsPerWorker(WorkerPlugin):
    """Loads the models a task needs once per worker, with one thread each for numpy's BLAS and
    ONNX Runtime: a worker is given one core, and idle BLAS threads spin on the others."""

    name = "storylens-models"

    def __init__(self, *, parser: bool = True, embedder: bool = False):
        self.parser = parser  # spaCy, for the claims stage of ingest
        self.embedder = embedder  # MiniLM, for stages that embed (story judging)

    def setup(self, worker) -> None:
        from threadpoolctl import threadpool_limits

        from storylens.enrich.embed import headline_embedder, share_cores
        from storylens.enrich.nlp import english

        threadpool_limits(1)
        share_cores(1)
        if self.parser:
            english(entities=False)  # the pipeline the claims stage asks for (claims/attribution.py)
            _warm_stages()
        if self.embedder:
            headline_embedder()


@functools.cache  # once per worker process: every client that joins a running cluster registers the plugin again
def _warm_stages() -> None:
    """A tiny page through clean and the claims stage, so that what they load on first use
    (trafilatura and htmldate, the language model, the cue and denial readers) is loaded here,
    not in the worker's first task: that took 13-15 s instead of 3-5 s on a loaded machine."""
    from storylens.claims.findings import find_in_story
    from storylens.clean.documents import clean_document
    from storylens.model import Article, Document

    text = "A worker said on Tuesday that it is ready. Its nanny denied that it had been slow to start."
    page = f"<html><head><title>Ready</title></head><body><article><p>{text}</p><p>{text}</p></article></body></html>"
    cleaned = clean_document(Document("warm-up", page, "html", "https://warm-up.example/ready"))
    article = cleaned if isinstance(cleaned, Article) else Article("warm-up", "warm-up", None, None, None, None,
                                                                   None, "en", text)
    find_in_story([article])


def open_dask(*, workers: int | None = None, scheduler: str | None = None, plugin: WorkerPlugin | None = None,
              window: int | None = None) -> DaskExecutor:
    """`--workers N`: a local cluster of N worker processes (one thread each: the parser and
    the embedder are single-threaded here), closed with the executor. `--scheduler ADDRESS`:
    a running cluster's scheduler, left running. The models are loaded on every worker first."""
    if (workers is None) == (scheduler is None):
        raise ValueError("give either workers or a scheduler address")
    cluster = None
    if workers is not None:
        from distributed import LocalCluster

        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster if cluster is not None else scheduler)
    return DaskExecutor(client, window=window, plugin=plugin or ModelsPerWorker(), owned=(client, cluster))


class DaskExecutor:
    """`map(fn, tasks, key=...)` on a Dask cluster; see engine/executors.py for the interface."""

    def __init__(self, client: Client, *, window: int | None = None, plugin: WorkerPlugin | None = None,
                 owned: tuple = ()):
        self.client = client
        self.window = window
        self.owned = [thing for thing in owned if thing is not None]  # closed with the executor
        if plugin is not None:
            client.register_plugin(plugin)

    def map(self, fn: Callable[[T], R], tasks: Iterable[T], *,
            key: Callable[[T], str]) -> Iterator[tuple[str, R | Problem]]:
        """(key(task), result or Problem) as tasks complete, at most `window` in flight."""
        pending = iter(tasks)
        window = self.window or WINDOW_PER_THREAD * max(1, self._threads())
        running = as_completed()
        keys = {}
        try:
            for _ in range(window):
                if not self._submit(fn, pending, key, running, keys):
                    break
            for future in running:
                source = keys.pop(future.key)
                yield source, _outcome(future, source)
                future.release()
                self._submit(fn, pending, key, running, keys)
        finally:
            for future in list(running.futures):
                future.cancel()

    def _submit(self, fn, pending: Iterator, key, running, keys: dict) -> bool:
        task = next(pending, _END)
        if task is _END:
            return False
        # pure=False: a task submitted again (a retry, or by a second client) is a new one,
        # never the released result of the first.
        future = self.client.submit(fn, task, pure=False)
        keys[future.key] = key(task)
        running.add(future)
        return True

    def _threads(self) -> int:
        return sum(self.client.nthreads().values())

    def close(self) -> None:
        while self.owned:
            self.owned.pop(0).close()

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


_END = object()


def _outcome(future, source: str):
    try:
        return future.result()
    except KilledWorker as error:
        deaths = error.allowed_failures + 1
        return Problem(source, ProblemKind.WORKER_DIED, f"worker died {deaths} time{'s' if deaths > 1 else ''} on this input")
    except Exception as error:  # the task's own exception, shipped back by the worker
        return Problem(source, ProblemKind.FAILED, f"{type(error).__name__}: {error}"[:300])

