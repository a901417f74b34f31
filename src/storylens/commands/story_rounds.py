"""Story clustering while an ingest stores its documents, in rounds that do not depend on the
engine or on the order in which its inputs arrive.

The clusterer continues the store's stories a batch at a time (pipeline.stored_story_changes),
and what it finds depends on which documents share a batch (the words' weights, the
threshold, where an item left alone goes). A round of "whatever is stored by now" made the
stories depend on which units a Dask cluster happened to finish first: on 1,000 generated
articles stored in 20 files, clustered after every 300 stored documents, the files in input
order gave 79 stories, shuffled 85, against 89 clustered at once. So a round here is the next
`every` documents the run stored, counted in input order (input, then record), which is the
same sequence for the local ingest, which reads its inputs in order, and for the resumable
one, whose units `InputOrder` puts back in the order they were submitted in.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from storylens.pipeline import StoryChanges, stored_story_changes

# Documents stored between two rounds of story clustering (one clusterer batch is 1,500).
CLUSTER_EVERY = 3_000


@dataclass(slots=True)
class StoryRounds:
    """The rounds of one ingest run; `stored` takes the run's new documents in input order."""

    engine: object
    every: int = CLUSTER_EVERY
    pending: list[str] = field(default_factory=list)  # stored in this run, not yet clustered, in input order
    changes: StoryChanges = field(default_factory=StoryChanges)  # what the rounds so far changed

    def stored(self, documents: Iterable[str]) -> None:
        """Take the next documents of the run; cluster every round they complete."""
        self.pending += documents
        while len(self.pending) >= self.every:
            self._round(self.pending[: self.every])
            del self.pending[: self.every]

    def finish(self) -> StoryChanges:
        """The last round: every stored document without a story (the rest of this run's, and
        any an interrupted run left), then what all the rounds changed."""
        self._round(None)
        self.pending.clear()
        return StoryChanges(self.changes.assigned, self.changes.changed - self.changes.absorbed,
                            self.changes.absorbed)

    def _round(self, documents: list[str] | None) -> None:
        if documents is not None and not documents:
            return
        found = stored_story_changes(self.engine, among=documents)
        self.changes.assigned += found.assigned
        self.changes.changed |= found.changed
        self.changes.absorbed |= found.absorbed


Place = tuple[int, ...]  # a unit's place in input order: (n,), or (n, part) for an input of a batch that failed


@dataclass(slots=True)
class InputOrder:
    """Hands on the documents each unit stored in the order the units were submitted in,
    whatever order they finish in. A unit that waits for an earlier one keeps only its ids."""

    hand_on: Callable[[list[str]], None]
    next: int = 0  # the first unit not yet handed on
    waiting: dict[int, list[list[str] | None]] = field(default_factory=dict)  # unit → its parts' documents

    def finished(self, place: Place, documents: list[str]) -> None:
        """A unit (or a part of a split one) is stored, or failed with no documents."""
        if len(place) == 1:
            self.waiting[place[0]] = [documents]
        else:
            self.waiting[place[0]][place[1]] = documents
        self._release()

    def split(self, unit: int, parts: int) -> None:
        """A batch that failed is tried again input by input: it is done once all its parts are."""
        self.waiting[unit] = [None] * parts

    def _release(self) -> None:
        while (parts := self.waiting.get(self.next)) is not None and all(part is not None for part in parts):
            del self.waiting[self.next]
            self.next += 1
            for documents in parts:
                self.hand_on(documents)
