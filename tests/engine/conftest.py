"""The Dask cluster the tests share: one per session, as `--workers 2` starts it.

Starting it (two worker processes, each loading spaCy and warming the claims stage) took 2.6 s
at load 2 and 20 s at load 9 on this machine. It starts in a thread as soon as the collected
tests are known to need it, so it comes up while the tests before the first Dask one run, and
it closes at the end of the session.
"""
from __future__ import annotations

import threading

import pytest

from storylens.engine.dask import DaskExecutor, open_dask


class ClusterStart:
    """`open_dask(workers=2)` under way in a thread."""

    def __init__(self) -> None:
        self.started: list[DaskExecutor | BaseException] = []
        self.thread = threading.Thread(target=self._start, name="storylens-test-cluster", daemon=True)
        self.thread.start()

    def _start(self) -> None:
        try:
            self.started.append(open_dask(workers=2))
        except BaseException as error:  # handed to the first test that asks for the cluster
            self.started.append(error)

    def executor(self) -> DaskExecutor:
        self.thread.join()
        if isinstance(self.started[0], BaseException):
            raise self.started[0]
        return self.started[0]

    def close(self) -> None:
        self.thread.join()
        if isinstance(self.started[0], DaskExecutor):
            self.started[0].close()


_cluster: list[ClusterStart] = []


def pytest_collection_finish(session) -> None:
    if any("dask_client" in getattr(item, "fixturenames", ()) for item in session.items):
        _cluster.append(ClusterStart())


def pytest_sessionfinish(session) -> None:
    while _cluster:
        _cluster.pop().close()


@pytest.fixture(scope="session")
def dask_client():
    """The shared cluster's client; a test that changes the scheduler's settings puts them back."""
    if not _cluster:  # collected some other way: start it now
        _cluster.append(ClusterStart())
    return _cluster[0].executor().client
