"""`storylens analyze`: the main job, from inputs to the report directory (and the store)."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from storylens.commands.extract import extract
from storylens.commands.reports import (
    OnDuplicate, OnProblem, RunReport, first_of_each_id, story_failures, tally,
)
from storylens.commands.storing import store_articles, under_store_ids
from storylens.engine import Progress
from storylens.engine.executors import Executor
from storylens.model import Article
from storylens.pipeline import story_dossiers, timed
from storylens.read import ReadLimits
from storylens.render import write_report
from storylens.store import open_store


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
        if engine is not None:
            articles = stored(engine, articles, report)
        dossiers = story_dossiers(articles, workers=workers, executor=executor, timings=timings,
                                  on_problem=story_failures(report, on_problem))
        texts = {article.id: article.text for article in articles}
        if engine is not None:
            from storylens.store.dossiers import store_dossiers

            store_dossiers(engine, dossiers, texts)
    finally:
        if engine is not None:
            engine.dispose()
    with timed(timings, "render"):
        index = write_report(out_dir, dossiers, texts)
    return report, index


def stored(engine, articles: list[Article], report: RunReport) -> list[Article]:
    """Store the articles as `ingest` does, and name them as the store does from here on, so
    that the report and the store agree (copies: the caller's articles keep their ids). A text
    the store already held is not a duplicate of this run: it stays in the report."""
    counts = RunReport()
    ids = store_articles(engine, articles, counts)
    report.stored = counts.stored
    return under_store_ids(articles, ids)
