"""A resumable ingest over any executor (in-process, worker processes, Dask).

The inputs are streamed (a folder of a million files is walked, never listed whole); those a
run already finished are skipped; the rest go to the executor in units (one WARC, or a batch of
small files) that read, clean and find each article's claims on a worker. This process stores
each unit's documents and marks its inputs done in one transaction, so a retry never doubles a
row and a kill at any moment leaves no input done without its rows. Stories are assigned here,
in this process, as the documents arrive, in rounds counted in input order whatever order the
units finish in (commands/story_rounds.py): the stories do not change with the engine.

    with DaskExecutor(Client(...), plugin=ModelsPerWorker()) as executor:
        report = ingest_resumably(["crawl/"], "sqlite:///news.db", executor, progress=print)
"""
from __future__ import annotations

import itertools
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy.exc import DataError, IntegrityError

from storylens.batches import batched
from storylens.commands.reports import OnDuplicate, OnProblem, story_failures
from storylens.commands.story_rounds import CLUSTER_EVERY, InputOrder, Place, StoryRounds
from storylens.engine.units import InputUnit, UnitOutput, fingerprint, ingest_unit, unit_key
from storylens.model import Problem, ProblemKind
from storylens.pipeline import load_clusterer_in_background, stored_story_dossiers
from storylens.read import ReadLimits, expand_inputs
from storylens.read.formats import format_by_name
from storylens.store import open_store
from storylens.store.inputs import (
    FAILED, FinishedInput, UnitCounts, finished_inputs, mark_failed, store_inputs,
)

# Pages below this size share a unit, up to BATCH_FILES or BATCH_BYTES: one task and one
# transaction per small page would cost more in overhead (~5 ms each) than reading it. An
# archive (WARC, ARC, a feed, JSON Lines) is a unit of its own whatever its size: 70 KB of
# gzipped WARC already holds 50 articles, several seconds of parsing.
SMALL_FILE = 1 << 20
ARCHIVES = {"warc", "arc", "feed", "jsonl"}
BATCH_FILES = 32
BATCH_BYTES = 4 << 20
LOOKUP_CHUNK = 256  # inputs looked up in the store at once, to skip the finished ones
LOOKAHEAD = 10_000  # inputs listed ahead, so the progress line knows its total for an ordinary run


@dataclass(slots=True)
class ResumableReport:
    read: int = 0  # articles cleaned, duplicates included
    skipped: int = 0  # inputs or records that gave no article
    duplicates: int = 0
    stored: int = 0
    assigned: int = 0
    inputs_done: int = 0  # finished by this run
    inputs_already_done: int = 0  # finished by an earlier run, skipped
    inputs_failed: int = 0
    dossiers: int = 0  # stories whose dossier this run (re)built and stored
    failed: int = 0  # stories whose dossier failed (they keep their earlier one)

    @property
    def exit_code(self) -> int:
        return 1 if self.skipped or self.inputs_failed or self.failed else 0

    def as_dict(self) -> dict:
        inputs = {"done": self.inputs_done, "already_done": self.inputs_already_done, "failed": self.inputs_failed}
        counts = {"read": self.read, "skipped": self.skipped, "duplicates": self.duplicates, "stored": self.stored,
                  "assigned": self.assigned, "dossiers": self.dossiers, "inputs": inputs}
        if self.failed:
            counts["failed"] = self.failed
        return counts


@dataclass(slots=True)
class IngestProgress:
    files_total: int | None  # None while the walk is longer than LOOKAHEAD
    files_done: int = 0  # finished, failed or skipped as done
    files_skipped: int = 0  # skipped as done by an earlier run
    articles: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def rate(self) -> float:
        """Articles per second since the start."""
        return self.articles / max(time.monotonic() - self.started, 1e-9)

    @property
    def eta(self) -> float | None:
        """Seconds left, from the pace of the files read so far (the skipped ones cost nothing)."""
        read = self.files_done - self.files_skipped
        if self.files_total is None or read == 0:
            return None
        return (self.files_total - self.files_done) * (time.monotonic() - self.started) / read


Progress = Callable[[IngestProgress], None]


@dataclass(slots=True)
class _Run:
    engine: object
    report: ResumableReport
    progress: IngestProgress
    on_progress: Progress | None
    on_problem: OnProblem | None
    on_duplicate: OnDuplicate | None
    rounds: StoryRounds
    order: InputOrder  # hands each unit's documents to `rounds` in input order
    retries: list[tuple[Place, InputUnit]] = field(default_factory=list)


def ingest_resumably(paths: Iterable[str], db_url: str, executor, *, limits: ReadLimits = ReadLimits(),
                     progress: Progress | None = None, on_problem: OnProblem | None = None,
                     on_duplicate: OnDuplicate | None = None, retry_failed: bool = False,
                     cluster_every: int = CLUSTER_EVERY, batch_files: int = BATCH_FILES,
                     unit: Callable[[InputUnit], UnitOutput] = ingest_unit) -> ResumableReport:
    """Store every article of `paths` not stored by an earlier run, assign stories, then
    rebuild the dossiers of the stories that changed, as a second stage on the same executor.

    `executor` has `map(fn, tasks, key=...)` (engine/executors.py). An input that failed in an
    earlier run (a worker died on it) is tried again only with `retry_failed`. `unit` is what
    a worker runs per unit (a picklable function; a wrapper can time it or bound it)."""
    engine = open_store(db_url)
    load_clusterer_in_background()  # while the workers read: the first clustering round need not wait for it
    listed = expand_inputs(paths)
    ahead = list(itertools.islice(listed, LOOKAHEAD))
    rounds = StoryRounds(engine, cluster_every)
    run = _Run(engine, ResumableReport(), IngestProgress(len(ahead) if len(ahead) < LOOKAHEAD else None),
               progress, on_problem, on_duplicate, rounds, InputOrder(rounds.stored))
    try:
        stream = input_units(_unfinished(run, itertools.chain(ahead, listed), retry_failed), limits, batch_files)
        units: Iterable[tuple[Place, InputUnit]] = (((number,), unit) for number, unit in enumerate(stream))
        while units:  # the stream first, then (a list) the inputs of batches that failed, one by one
            in_flight: dict[str, deque[tuple[Place, InputUnit]]] = defaultdict(deque)
            for key, result in executor.map(unit, _remembered(units, in_flight), key=unit_key):
                _take(run, *_taken(in_flight, key), result)
            units, run.retries = run.retries, []  # a failed batch's inputs, one unit each
        changes = rounds.finish()
        run.report.assigned = changes.assigned
        run.report.dossiers = stored_story_dossiers(engine, changes, executor=executor,
                                                    on_problem=story_failures(run.report, on_problem))
    finally:
        engine.dispose()
    return run.report


def _remembered(units: Iterable[tuple[Place, InputUnit]], in_flight: dict[str, deque[tuple[Place, InputUnit]]]
                ) -> Iterator[InputUnit]:
    for place, unit in units:
        in_flight[unit.key].append((place, unit))
        yield unit


def _taken(in_flight: dict[str, deque[tuple[Place, InputUnit]]], key: str) -> tuple[Place, InputUnit]:
    """The place and unit of a result, forgotten: a folder of a million pages must not leave a key each behind."""
    taken = in_flight[key].popleft()
    if not in_flight[key]:
        del in_flight[key]
    return taken


def _unfinished(run: _Run, inputs: Iterable[str | Problem], retry_failed: bool) -> Iterator[tuple[str, str]]:
    """(input, fingerprint) of each input no earlier run finished (or that changed since)."""
    for chunk in batched(inputs, LOOKUP_CHUNK):
        for problem in (item for item in chunk if isinstance(item, Problem)):
            _problem(run, problem)
            _step(run, files=1)
        keys = [item for item in chunk if isinstance(item, str)]
        finished = finished_inputs(run.engine, keys)
        for key in keys:
            if key == "-":
                _problem(run, Problem(key, ProblemKind.UNSUPPORTED, "stdin cannot be shared with workers; give a file"))
                _step(run, files=1)
                continue
            print_ = fingerprint(key)
            known = finished.get(key)
            if known and known[0] == print_ and not (retry_failed and known[1] == FAILED):
                run.report.inputs_already_done += 1
                run.progress.files_skipped += 1
                _step(run, files=1)
            else:
                yield key, print_


def input_units(inputs: Iterable[tuple[str, str]], limits: ReadLimits, batch_files: int) -> Iterator[InputUnit]:
    """An archive or a big file alone, at once; small pages (and URLs) together, in input order."""
    batch: list[tuple[str, str]] = []
    for key, print_ in inputs:
        if format_by_name(key) in ARCHIVES or _size(print_) >= SMALL_FILE:
            yield InputUnit(((key, print_),), limits)
            continue
        batch.append((key, print_))
        if len(batch) >= batch_files or sum(_size(p) for _, p in batch) >= BATCH_BYTES:
            yield InputUnit(tuple(batch), limits)
            batch = []
    if batch:
        yield InputUnit(tuple(batch), limits)


def _size(print_: str) -> int:
    return int(print_.split(":")[0]) if ":" in print_ else 0


def _take(run: _Run, place: Place, unit: InputUnit, result: UnitOutput | Problem) -> None:
    """Store a unit's output, or record why it failed (a batch is split and tried input by input);
    hand what it stored on to the story rounds at its place in input order."""
    if isinstance(result, Problem):
        if len(unit.inputs) > 1:
            run.order.split(place[0], len(unit.inputs))
            run.retries += [(place + (part,), InputUnit((item,), unit.limits)) for part, item in enumerate(unit.inputs)]
        else:
            _failed(run, *unit.inputs[0], result.kind, result.detail)
            run.order.finished(place, [])
        return
    report = run.report
    report.duplicates += len(result.duplicates)
    for article, holder in result.duplicates:
        if run.on_duplicate:
            run.on_duplicate(article, holder)
    for problem in result.problems:
        _problem(run, problem)
    documents: list[str] = []
    for finished, counts in _stored(run, result.finished):
        report.inputs_done += len(finished)
        report.read += sum(item.articles for item in finished)
        report.duplicates += len(counts.duplicates)
        report.stored += counts.stored
        documents += counts.documents
        for article, holder in counts.duplicates:
            if run.on_duplicate:
                run.on_duplicate(article, holder)
        _step(run, files=len(finished), articles=sum(item.articles for item in finished))
    run.order.finished(place, documents)


def _stored(run: _Run, finished: list[FinishedInput]) -> list[tuple[list[FinishedInput], UnitCounts]]:
    """The inputs stored in one transaction; when the store refuses them (a text PostgreSQL cannot
    hold, a NUL byte), input by input, and each refused input is marked failed with the reason.
    A database gone away (OperationalError) ends the run instead: nothing is lost, a rerun resumes."""
    try:
        return [(finished, store_inputs(run.engine, finished))]
    except (DataError, IntegrityError) as error:
        if len(finished) > 1:
            return [part for item in finished for part in _stored(run, [item])]
        reason = f"not stored: {type(error).__name__}: {getattr(error, 'orig', None) or error}"[:300]
        _failed(run, finished[0].input, finished[0].fingerprint, ProblemKind.FAILED, reason)
        return []


def _failed(run: _Run, key: str, print_: str, kind: str, detail: str) -> None:
    mark_failed(run.engine, key, print_, f"{kind}: {detail}")
    run.report.inputs_failed += 1
    _problem(run, Problem(key, kind, detail))
    _step(run, files=1)


def _problem(run: _Run, problem: Problem) -> None:
    run.report.skipped += 1
    if run.on_problem:
        run.on_problem(problem)


def _step(run: _Run, *, files: int = 0, articles: int = 0) -> None:
    run.progress.files_done += files
    run.progress.articles += articles
    if run.on_progress:
        run.on_progress(run.progress)
