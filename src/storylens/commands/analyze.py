"""`storylens analyze`: the main job, from inputs to the report directory (and the store)."""
from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from storylens.commands.extract import extract
from storylens.commands.reports import (
    OnDuplicate, OnProblem, RunReport, first_of_each_id, skipped, story_failures, tally,
)
from storylens.clean.duplicates import mark_exact_duplicates
from storylens.commands.resumable import BATCH_FILES, input_units
from storylens.commands.storing import store_articles, store_ids, under_store_ids
from storylens.engine import Progress
from storylens.engine.executors import Executor
from storylens.engine.units import InputUnit, fingerprint, ingest_unit, unit_key
from storylens.model import Article, Problem, ProblemKind
from storylens.pipeline import load_clusterer_in_background, story_dossiers, timed
from storylens.read import ReadLimits, expand_inputs
from storylens.render import write_report
from storylens.store import open_store

log = logging.getLogger(__name__)


def analyze(
    paths: Iterable[str],
    out_dir: str | Path,
    *,
    db_url: str | None = None,
    limits: ReadLimits = ReadLimits(),
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    on_problem: OnProblem | None = None,
    on_duplicate: OnDuplicate | None = None,
    workers: int | None = None,
    executor: Executor | None = None,
    timings: dict[str, float] | None = None,
) -> tuple[RunReport, Path]:
    """Read, clean, build dossiers and write the report directory; with `db_url`, store the
    articles and dossiers too.

    Returns the report and the path of the written index.html. Exact duplicates are left
    out of the stories: a second copy of the same text adds nothing to them. A story whose
    dossier fails goes to `on_problem` and the report holds every other story. The stories
    run on `executor` when given (the caller closes it), else on `workers` processes.
    `timings`, when given, receives the seconds spent in each stage.
    """
    load_clusterer_in_background()  # while the inputs are read: clustering at the end need not wait for it
    report = RunReport()
    with timed(timings, "read+clean"):
        stream = tally(extract(paths, limits=limits, stdin=stdin, progress=progress), report, on_problem, on_duplicate)
        articles = first_of_each_id((article for article in stream if not article.duplicate_of), report, on_problem)
    index = report_of(articles, out_dir, report, db_url=db_url, workers=workers, executor=executor,
                      timings=timings, on_problem=on_problem)
    return report, index


def report_of(articles: list[Article], out_dir: str | Path, report: RunReport, *, db_url: str | None,
              workers: int | None = None, executor: Executor | None = None, timings: dict[str, float] | None = None,
              on_problem: OnProblem | None = None, findings: dict[str, dict] | None = None) -> Path:
    """Stories and dossiers of the articles read, the report directory written (and the store
    filled); `findings` are per-article findings already made, by article id. Returns index.html."""
    engine = open_store(db_url) if db_url else None
    try:
        # Named as the store will name them, but stored only once the dossiers are made.
        named = under_store_ids(articles, store_ids(engine, articles)) if engine is not None else articles
        if findings:
            findings = {new.id: findings[old.id] for old, new in zip(articles, named) if old.id in findings}
        dossiers = story_dossiers(named, workers=workers, executor=executor, timings=timings,
                                  on_problem=story_failures(report, on_problem), findings=findings)
        texts = {article.id: article.text for article in named}
        if engine is not None:
            store_run(engine, articles, named, dossiers, texts, report, workers=workers, executor=executor,
                      on_problem=story_failures(report, on_problem))
    finally:
        if engine is not None:
            engine.dispose()
    with timed(timings, "render"):
        return write_report(out_dir, dossiers, texts)


def store_run(engine, articles: list[Article], named: list[Article], dossiers: list[dict], texts: dict[str, str],
              report: RunReport, *, workers: int | None = None, executor: Executor | None = None,
              on_problem: OnProblem | None = None) -> None:
    """Store the articles as `ingest` does and join them to the store's stories, so a later
    `ingest` continues those stories. A report dossier whose story the store now holds with the
    very same articles is stored as it is; the store's other changed stories (this run's
    articles joined older ones) get their dossiers built as `ingest` builds them. A text the
    store already held is not a duplicate of this run: it stays in the report, uncounted."""
    from storylens.pipeline import StoryChanges, stored_story_changes, stored_story_dossiers
    from storylens.store.dossiers import store_dossiers
    from storylens.store.story_members import member_ids

    counts = RunReport()
    ids = store_articles(engine, articles, counts)
    if any(ids[article.id] != renamed.id for article, renamed in zip(articles, named)):
        # Another writer stored some of these texts or ids while this run worked.
        log.warning("the store changed during this run: some report ids differ from the store's")
    report.stored = counts.stored
    changes = stored_story_changes(engine)
    members = member_ids(engine, [dossier["id"] for dossier in dossiers])
    same = [d for d in dossiers if members.get(d["id"]) == {article["id"] for article in d["articles"]}]
    store_dossiers(engine, same, texts)
    rest = StoryChanges(changed=changes.changed - {d["id"] for d in same}, absorbed=changes.absorbed)
    stored_story_dossiers(engine, rest, workers=workers, executor=executor, on_problem=on_problem)


# --- on Dask: the per-input units on the workers, clustering here, dossiers on the workers ------
def analyze_on_dask(
    paths: Iterable[str],
    out_dir: str | Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    db_url: str | None = None,
    limits: ReadLimits = ReadLimits(),
    progress: Progress | None = None,
    on_problem: OnProblem | None = None,
    on_duplicate: OnDuplicate | None = None,
) -> tuple[RunReport, Path]:
    """`analyze` on a Dask cluster (a local one of `workers` processes, or the running one at
    `scheduler`): the same report as the local engine."""
    from storylens.engine.dask import ModelsPerWorker, open_dask  # imports distributed: only when asked for

    with open_dask(workers=workers, scheduler=scheduler, plugin=ModelsPerWorker(embedder=True)) as executor:
        return analyze_in_units(paths, out_dir, executor, db_url=db_url, limits=limits, progress=progress,
                                on_problem=on_problem, on_duplicate=on_duplicate)


def analyze_in_units(paths: Iterable[str], out_dir: str | Path, executor: Executor, *, db_url: str | None = None,
                     limits: ReadLimits = ReadLimits(), progress: Progress | None = None,
                     on_problem: OnProblem | None = None, on_duplicate: OnDuplicate | None = None
                     ) -> tuple[RunReport, Path]:
    """`analyze` with each input read, cleaned and parsed (the per-article claims) by a unit on
    `executor` (engine/units.py), as the resumable ingest does; the articles are then taken in
    input order, exact duplicates marked across the run, and the dossiers built on `executor`
    from the findings the units made."""
    load_clusterer_in_background()  # while the workers read: clustering at the end need not wait for it
    report = RunReport()
    found = read_in_units(paths, executor, limits, report, on_problem, on_duplicate, progress)
    items = mark_exact_duplicates(article for article, _ in found)
    articles = first_of_each_id((a for a in tally(items, report, None, on_duplicate) if not a.duplicate_of),
                                report, on_problem)
    findings = {article.id: record for article, record in found}
    index = report_of(articles, out_dir, report, db_url=db_url, executor=executor, on_problem=on_problem,
                      findings=findings)
    return report, index


def read_in_units(paths: Iterable[str], executor: Executor, limits: ReadLimits, report: RunReport,
                  on_problem: OnProblem | None, on_duplicate: OnDuplicate | None,
                  progress: Progress | None) -> list[tuple[Article, str]]:
    """(article, its per-article findings as JSON text) of every input, in input order; problems
    reported. A unit of several inputs that fails is run again input by input, so only the input
    at fault is missing."""
    inputs = list(expand_inputs(paths))
    keys = [item for item in inputs if isinstance(item, str)]
    for problem in [item for item in inputs if isinstance(item, Problem)]:
        skipped(report, on_problem, problem)
    if "-" in keys:
        keys.remove("-")
        skipped(report, on_problem, Problem("-", ProblemKind.UNSUPPORTED, "stdin cannot be shared with workers"))
    units = list(input_units(((key, fingerprint(key)) for key in keys), limits, BATCH_FILES))
    done: dict[str, list[tuple[Article, str]]] = {}
    while units:
        by_key, retries = {unit.key: unit for unit in units}, []
        for key, result in executor.map(ingest_unit, units, key=unit_key):
            unit = by_key[key]
            if isinstance(result, Problem) and len(unit.inputs) > 1:
                retries += [InputUnit((item,), unit.limits) for item in unit.inputs]
            elif isinstance(result, Problem):
                skipped(report, on_problem, Problem(unit.inputs[0][0], result.kind, result.detail))
            else:
                _take_unit(result, done, report, on_problem, on_duplicate)
            if progress:
                progress(len(done), len(keys))
        units = retries
    return [found for key in keys if key in done for found in done[key]]


def _take_unit(output, done: dict, report: RunReport, on_problem: OnProblem | None,
               on_duplicate: OnDuplicate | None) -> None:
    for problem in output.problems:
        skipped(report, on_problem, problem)
    for finished in output.finished:
        # kept as the store keeps them, JSON text (the dossier stage reads either): as dicts, the
        # findings of 1k generated articles took 23 KB each in this process, as text 4 KB
        done[finished.input] = [(record.article, json.dumps(record.findings, ensure_ascii=False))
                                for record in finished.records]
    # exact duplicates within an input are left out by the unit: counted and passed on here, as local does
    report.read += len(output.duplicates)
    report.duplicates += len(output.duplicates)
    for article, holder in output.duplicates:
        if on_duplicate:
            on_duplicate(article, holder)
