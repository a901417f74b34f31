"""The commands as plain functions: `storylens.extract`, `ingest`, `analyze`.

The CLI is a thin layer over these; so are the benchmarks. Each takes callbacks for what
happens along the way (a skipped input, a duplicate) and returns a `RunReport`, so a caller
decides how to show it.
"""
from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from storylens.dossier import build_dossier
from storylens.engine import Progress, articles_from
from storylens.model import Article, Problem
from storylens.read import ReadLimits
from storylens.render import write_report
from storylens.store import DEFAULT_URL, insert_articles, open_store

STORE_BATCH = 200

OnProblem = Callable[[Problem], None]
OnDuplicate = Callable[[Article, str], None]  # the duplicate, and the id or source it repeats


@dataclass(slots=True)
class RunReport:
    read: int = 0  # articles cleaned, duplicates included
    skipped: int = 0  # inputs or records that gave no article
    duplicates: int = 0
    stored: int | None = None  # set by jobs that write to a store

    @property
    def exit_code(self) -> int:
        """0 when every input gave an article, 1 when something was skipped."""
        return 1 if self.skipped else 0

    def as_dict(self) -> dict:
        counts = {"read": self.read, "skipped": self.skipped, "duplicates": self.duplicates}
        return counts if self.stored is None else counts | {"stored": self.stored}


def extract(
    paths: Iterable[str],
    *,
    limits: ReadLimits = ReadLimits(),
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> Iterator[Article | Problem]:
    """Every article in `paths` (files, folders, URLs, `-`), problems in place of bad inputs."""
    return articles_from(paths, limits=limits, stdin=stdin, progress=progress)


def tally(
    items: Iterable[Article | Problem],
    report: RunReport,
    on_problem: OnProblem | None = None,
    on_duplicate: OnDuplicate | None = None,
) -> Iterator[Article]:
    """Count as the stream passes; yield only the articles, first copies and duplicates alike."""
    for item in items:
        if isinstance(item, Problem):
            report.skipped += 1
            if on_problem:
                on_problem(item)
            continue
        report.read += 1
        if item.duplicate_of:
            report.duplicates += 1
            if on_duplicate:
                on_duplicate(item, item.duplicate_of)
        yield item


def ingest(
    paths: Iterable[str],
    db_url: str = DEFAULT_URL,
    *,
    limits: ReadLimits = ReadLimits(),
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    on_problem: OnProblem | None = None,
    on_duplicate: OnDuplicate | None = None,
) -> RunReport:
    """Store every new article; one transaction per batch, so an interrupted run loses at
    most the batch in flight and a re-run stores only what is missing."""
    engine = open_store(db_url)
    report = RunReport(stored=0)
    articles = tally(extract(paths, limits=limits, stdin=stdin, progress=progress), report, on_problem, on_duplicate)
    fresh = (article for article in articles if not article.duplicate_of)
    try:
        while batch := list(itertools.islice(fresh, STORE_BATCH)):
            counts = insert_articles(engine, batch)
            report.stored += counts.stored
            report.duplicates += len(counts.duplicates)
            for article, holder in counts.duplicates:
                if on_duplicate:
                    on_duplicate(article, holder)
    finally:
        engine.dispose()
    return report


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
) -> tuple[RunReport, Path]:
    """The main job: read, clean, build dossiers and write the report directory.

    Returns the report and the path of the written index.html. Exact duplicates are left
    out of the stories: a second copy of the same text adds nothing to them.
    """
    report = RunReport()
    stream = tally(extract(paths, limits=limits, stdin=stdin, progress=progress), report, on_problem, on_duplicate)
    articles = [article for article in stream if not article.duplicate_of]
    if db_url:
        engine = open_store(db_url)
        try:
            report.stored = sum(insert_articles(engine, articles[i : i + STORE_BATCH]).stored
                                for i in range(0, len(articles), STORE_BATCH))
        finally:
            engine.dispose()
    # Stories are not yet separated: every article goes into one dossier until the
    # cluster stage exists.
    dossiers = [build_dossier("all", "All articles", articles)] if articles else []
    index = write_report(out_dir, dossiers, {article.id: article.text for article in articles})
    return report, index
