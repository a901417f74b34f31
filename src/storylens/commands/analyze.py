"""`storylens analyze`: the main job, from inputs to the report directory (and the store)."""
from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from storylens.commands.extract import extract
from storylens.commands.reports import (
    OnDuplicate, OnProblem, RunReport, first_of_each_id, story_failures, tally,
)
from storylens.commands.storing import store_articles, store_ids, under_store_ids
from storylens.engine import Progress
from storylens.engine.executors import Executor
from storylens.model import Article
from storylens.pipeline import story_dossiers, timed
from storylens.read import ReadLimits
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
    report = RunReport()
    with timed(timings, "read+clean"):
        stream = tally(extract(paths, limits=limits, stdin=stdin, progress=progress), report, on_problem, on_duplicate)
        articles = first_of_each_id((article for article in stream if not article.duplicate_of), report, on_problem)
    engine = open_store(db_url) if db_url else None
    try:
        # Named as the store will name them, but stored only once the dossiers are made.
        named = under_store_ids(articles, store_ids(engine, articles)) if engine is not None else articles
        dossiers = story_dossiers(named, workers=workers, executor=executor, timings=timings,
                                  on_problem=story_failures(report, on_problem))
        texts = {article.id: article.text for article in named}
        if engine is not None:
            store_run(engine, articles, named, dossiers, texts, report)
    finally:
        if engine is not None:
            engine.dispose()
    with timed(timings, "render"):
        index = write_report(out_dir, dossiers, texts)
    return report, index


def store_run(engine, articles: list[Article], named: list[Article], dossiers: list[dict], texts: dict[str, str],
              report: RunReport) -> None:
    """Store the articles as `ingest` does, then the dossiers. A text the store already held is
    not a duplicate of this run: it stays in the report, uncounted."""
    from storylens.store.dossiers import store_dossiers

    counts = RunReport()
    ids = store_articles(engine, articles, counts)
    if any(ids[article.id] != renamed.id for article, renamed in zip(articles, named)):
        # Another writer stored some of these texts or ids while this run worked.
        log.warning("the store changed during this run: some report ids differ from the store's")
    report.stored = counts.stored
    store_dossiers(engine, dossiers, texts)
