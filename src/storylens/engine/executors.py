"""Executors: one way to run a function over independent tasks, here or in worker processes.

The interface every executor keeps (a Dask executor in `engine/dask.py` is a third one):

    map(fn, tasks, *, key) -> Iterator[tuple[str, R | Problem]]

- `fn` and the tasks are picklable: a module-level function, dataclass tasks.
- Results come back as `(key(task), result)` in completion order; a caller that needs input
  order sorts by key afterwards. At most a bounded window of tasks is in flight, so `tasks`
  may be an endless stream.
- An exception in `fn`, or a worker that dies on the task, yields `(key, Problem(source=key,
  kind=FAILED or WORKER_DIED, detail="<ExcType>: <message>"))`, and the run goes on.
- `close()` releases the workers; every executor is also a context manager.

Worker processes are started fresh (`spawn`), never forked: a fork of a process whose ONNX
session already runs threads can hang in the child. Each worker runs `initializer` once
(loading its models) before its first task.

A worker's log records and warnings do not reach the parent's handlers by themselves (a
spawned process starts with Python's defaults and prints to stderr, outside the CLI's one
line per message and --quiet). Each worker hands them to a queue, tagged with the key of the
task it runs (`record.task`), and a thread in the parent passes them to the parent's loggers.
"""
from __future__ import annotations

import builtins
import itertools
import logging
import logging.handlers
import multiprocessing
import os
import threading
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol, TypeVar

from storylens.model import Problem, ProblemKind

T = TypeVar("T")
R = TypeVar("R")

# Tasks in flight per worker: two keep a worker busy while its next result travels back,
# and bound the memory an endless stream of tasks can take.
WINDOW_PER_WORKER = 2
# Pool restarts one `map` call allows: a pool that keeps dying (a worker that cannot even
# start) must not restart for every task of a long run.
MAX_RESTARTS = 3


class Executor(Protocol):
    def map(self, fn: Callable[[T], R], tasks: Iterable[T], *, key: Callable[[T], str]
            ) -> Iterator[tuple[str, R | Problem]]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Executor: ...

    def __exit__(self, *exc) -> None: ...


def failure(key: str, error: BaseException) -> Problem:
    """The Problem that stands in for a task whose function raised."""
    return Problem(key, ProblemKind.FAILED, f"{type(error).__name__}: {error}")


def cores() -> int:
    """The cores this process may use (fewer than the machine's under a CPU affinity mask)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class InProcess:
    """Runs each task here, one after another, in input order."""

    def map(self, fn: Callable[[T], R], tasks: Iterable[T], *, key: Callable[[T], str]
            ) -> Iterator[tuple[str, R | Problem]]:
        for task in tasks:
            try:
                result = fn(task)
            except Exception as error:  # one bad task must not end the run; the Problem says why
                yield key(task), failure(key(task), error)
            else:
                yield key(task), result

    def close(self) -> None:
        pass

    def __enter__(self) -> InProcess:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class WorkerProcesses:
    """`workers` spawned processes that each run `initializer` (a picklable function) first.

    A worker that dies (killed by the out-of-memory killer, a crash in a library) breaks the
    whole pool, and every task in flight fails with it. The pool is then started again and
    those tasks are run again one at a time, so the one that kills a worker on its own is
    known: it becomes a WORKER_DIED Problem, and the rest come out as usual.
    """

    def __init__(self, workers: int, initializer: Callable[[], None] | None = None):
        self.workers = workers
        self.initializer = initializer
        self.messages = multiprocessing.get_context("spawn").Queue()
        self.listener = threading.Thread(target=_pass_on_messages, args=(self.messages,), daemon=True)
        self.listener.start()
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        level = logging.getLogger().getEffectiveLevel()  # the parent's, as the CLI set it for this run
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_worker, initargs=(self.messages, level, self.initializer))

    def _restart(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = self._start()

    def map(self, fn: Callable[[T], R], tasks: Iterable[T], *, key: Callable[[T], str]
            ) -> Iterator[tuple[str, R | Problem]]:
        waiting, suspects = iter(tasks), deque()  # suspects: tasks in flight when the pool broke
        running: dict[Future, T] = {}
        restarts = 0
        try:
            while True:
                window = 1 if suspects else self.workers * WINDOW_PER_WORKER
                while len(running) < window and (task := _next_task(suspects, waiting)) is not None:
                    try:
                        running[self.pool.submit(_run_task, fn, task, key(task))] = task
                    except BrokenProcessPool:  # it broke since the last wait: the task never ran
                        suspects.appendleft(task)
                        break
                if not running:
                    if not suspects:
                        return
                    restarts += 1
                    yield from self._after_break([], suspects, key, restarts, waiting)
                    continue
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                broken = [running.pop(future) for future in done if _broke_pool(future)]
                for future in done:
                    if future in running:
                        task = running.pop(future)
                        yield key(task), _outcome(future, key(task))
                if broken:
                    broken += list(running.values())  # their futures broke with the pool too
                    running.clear()
                    restarts += 1
                    yield from self._after_break(broken, suspects, key, restarts, waiting)
        finally:
            for future in running:
                future.cancel()

    def _after_break(self, broken: list, suspects: deque, key: Callable, restarts: int, waiting: Iterator
                     ) -> Iterator[tuple[str, Problem]]:
        """Restart the pool; a task that broke it while running alone is the one that kills."""
        if restarts > MAX_RESTARTS:
            for task in itertools.chain(broken, list(suspects), waiting):  # a stream: never listed whole
                yield key(task), Problem(key(task), ProblemKind.WORKER_DIED,
                                         f"BrokenProcessPool: worker processes died {restarts} times in this run")
            suspects.clear()
            return
        self._restart()
        if len(broken) == 1:
            yield key(broken[0]), Problem(key(broken[0]), ProblemKind.WORKER_DIED,
                                          "BrokenProcessPool: a worker process died running this task")
        else:
            suspects.extend(broken)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        if self.listener.is_alive():
            self.messages.put(None)  # after the workers: everything they sent is in the queue first
            self.listener.join()
            self.messages.close()

    def __enter__(self) -> WorkerProcesses:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _next_task(suspects: deque, waiting: Iterator):
    if suspects:
        return suspects.popleft()
    return next(waiting, None)


def _broke_pool(future: Future) -> bool:
    return not future.cancelled() and isinstance(future.exception(), BrokenProcessPool)


def _outcome(future: Future, key: str):
    error = future.exception()
    return failure(key, error) if error is not None else future.result()


# The key of the task this worker process runs now, for its log records and warnings.
_task_in_work: str | None = None


def _run_task(fn: Callable[[T], R], task: T, task_key: str) -> R:
    global _task_in_work
    _task_in_work = task_key
    try:
        return fn(task)
    finally:
        _task_in_work = None


class _TaskTag(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.task = _task_in_work
        return True


def _start_worker(messages, level: int, initializer: Callable[[], None] | None) -> None:
    """In a new worker: its log records and warnings go to the parent, then its own start-up."""
    to_parent = logging.handlers.QueueHandler(messages)
    to_parent.addFilter(_TaskTag())
    root = logging.getLogger()
    root.handlers[:] = [to_parent]
    root.setLevel(level)
    logging.captureWarnings(False)
    warnings.showwarning = _warning_to_log
    if initializer is not None:
        initializer()


def _warning_to_log(message, category, filename, lineno, file=None, line=None) -> None:
    """A warning travels as a record; the parent's showwarning (the CLI's, or Python's) shows it."""
    record = logging.LogRecord("py.warnings", logging.WARNING, filename, lineno, "%s", (str(message),), None)
    record.warning_category = category.__name__
    logging.getLogger("py.warnings").handle(record)


def _pass_on_messages(messages) -> None:
    """Parent side: each worker record goes to the parent's logger of that name, a warning to
    the parent's warnings.showwarning, until the None that close() sends; meanwhile
    `worker_task_in_work()` names the task it came from."""
    while (record := messages.get()) is not None:
        _passing.task = getattr(record, "task", None)
        try:
            category = getattr(record, "warning_category", None)
            if category is not None:
                warnings.showwarning(record.getMessage(), _warning_class(category), record.pathname, record.lineno)
            elif logging.getLogger(record.name).isEnabledFor(record.levelno):
                logging.getLogger(record.name).handle(record)
        finally:
            _passing.task = None


_passing = threading.local()


def worker_task_in_work() -> str | None:
    """The key of the worker task whose log record or warning this thread is passing on now."""
    return getattr(_passing, "task", None)


def _warning_class(name: str) -> type[Warning]:
    """The category by name: a built-in one, or a stand-in of that name for a library's own."""
    found = getattr(builtins, name, None)
    return found if isinstance(found, type) and issubclass(found, Warning) else type(name, (UserWarning,), {})
