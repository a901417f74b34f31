"""A watch on the clusterer's background load, for the commands that end in a clustering."""
from __future__ import annotations

import pytest

from storylens.enrich.embed import headline_embedder
from storylens.pipeline import wait_for_clusterer_load


class ClustererWatch:
    """A progress callback: at each input done, it lets a background load of the clusterer under
    way end (as reading that outlasts the load would) and notes whether the embedder is loaded.
    Without a load started early, nothing has loaded it by then: clustering loads it afterwards."""

    def __init__(self) -> None:
        self.loaded: list[bool] = []

    def __call__(self, *_progress) -> None:
        wait_for_clusterer_load()
        self.loaded.append(headline_embedder.cache_info().currsize == 1)

    @staticmethod
    def loads() -> int:
        """How many times the embedder was loaded since the watch began (one: clustering took the early one)."""
        return headline_embedder.cache_info().misses


@pytest.fixture
def clusterer_watch() -> ClustererWatch:
    """A watch that starts with no embedder loaded (once an earlier test's load has ended)."""
    wait_for_clusterer_load()
    headline_embedder.cache_clear()
    return ClustererWatch()
