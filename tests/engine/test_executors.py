"""Both executors, with real spawned processes: results keyed by task, an exception or a dead
worker becomes a Problem in place of its result, and the run goes on."""
from __future__ import annotations

import itertools
import os

import pytest

from storylens.engine.executors import InProcess, WorkerProcesses, cores
from storylens.model import Problem, ProblemKind


def _square(number: int) -> int:
    if number < 0:
        raise ValueError(f"negative: {number}")
    return number * number


def _square_or_die(number: int) -> int:
    if number == 13:
        os._exit(3)  # a worker killed mid-task, as the out-of-memory killer would
    return number * number


def _key(number: int) -> str:
    return f"task-{number}"


def _nothing() -> None:
    pass


@pytest.fixture(params=["in-process", "worker-processes"])
def executor(request):
    with (InProcess() if request.param == "in-process" else WorkerProcesses(2, _nothing)) as chosen:
        yield chosen


def test_results_come_back_under_their_keys(executor):
    assert dict(executor.map(_square, [3, 1, 4, 5], key=_key)) == {"task-3": 9, "task-1": 1, "task-4": 16, "task-5": 25}


def test_an_exception_becomes_a_problem_naming_the_task_and_the_rest_go_on(executor):
    results = dict(executor.map(_square, [1, -2, 3], key=_key))
    assert results["task-1"] == 1 and results["task-3"] == 9
    assert results["task--2"] == Problem("task--2", ProblemKind.FAILED, "ValueError: negative: -2")


def test_an_endless_stream_of_tasks_is_fine(executor):
    results = executor.map(_square, itertools.count(), key=_key)
    assert len(dict(itertools.islice(results, 20))) == 20  # only a window was ever in flight


def test_a_dead_worker_is_the_problem_of_its_task_alone():
    with WorkerProcesses(2, _nothing) as pool:
        results = dict(pool.map(_square_or_die, range(10, 17), key=_key))
        again = dict(pool.map(_square, [2], key=_key))  # the restarted pool takes new work
    assert results.pop("task-13") == Problem("task-13", ProblemKind.WORKER_DIED,
                                             "BrokenProcessPool: a worker process died running this task")
    assert results == {f"task-{n}": n * n for n in (10, 11, 12, 14, 15, 16)}
    assert again == {"task-2": 4}


def _die(_: int) -> None:
    os._exit(3)


def test_a_pool_that_keeps_dying_gives_up_with_problems_not_forever():
    with WorkerProcesses(1, _nothing) as pool:
        results = dict(pool.map(_die, range(6), key=_key))
    assert sorted(results) == [f"task-{n}" for n in range(6)]
    assert all(problem.kind == ProblemKind.WORKER_DIED for problem in results.values())
    assert results["task-5"].detail == "BrokenProcessPool: worker processes died 4 times in this run"


def test_cores_counts_at_least_one():
    assert cores() >= 1


def _warn_and_log(number: int) -> int:
    import logging
    import warnings

    warnings.warn(f"odd markup in task {number}", UserWarning)
    logging.getLogger("somelibrary.parser").warning("could not read part %d", number)
    logging.getLogger("somelibrary.parser").info("chatter nobody asked for")
    return number


def test_a_spawned_worker_warnings_and_log_lines_reach_the_parent_naming_the_task(monkeypatch):
    import logging
    import warnings

    lines = []

    class Collect(logging.Handler):
        def emit(self, record):
            from storylens.engine.executors import worker_task_in_work
            lines.append(f"{worker_task_in_work()}: {record.name}: {record.getMessage()}")

    def show(message, category, filename, lineno, file=None, line=None):
        from storylens.engine.executors import worker_task_in_work
        lines.append(f"{worker_task_in_work()}: {category.__name__}: {message}")

    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [Collect()])
    monkeypatch.setattr(root, "level", logging.WARNING)
    monkeypatch.setattr(warnings, "showwarning", show)
    with WorkerProcesses(1, _nothing) as pool:
        assert sorted(result for _, result in pool.map(_warn_and_log, [1, 2], key=_key)) == [1, 2]
    assert sorted(lines) == sorted([
        "task-1: UserWarning: odd markup in task 1", "task-1: somelibrary.parser: could not read part 1",
        "task-2: UserWarning: odd markup in task 2", "task-2: somelibrary.parser: could not read part 2",
    ])
