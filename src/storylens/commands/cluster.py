"""`storylens cluster`: the story (and copy) of each record or article, in input order."""
from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from storylens.cluster.records import (
    WARNING_KINDS, items_from_articles, items_from_records, records_from_file, records_from_jsonl,
)
from storylens.commands.extract import extract
from storylens.commands.reports import ClusterReport, OnProblem
from storylens.engine import Progress
from storylens.model import Assignment, NewsItem, Problem
from storylens.read import ReadLimits
from storylens.read.formats import format_by_name


def cluster_records(
    paths: Iterable[str],
    *,
    multilingual: bool = False,
    limits: ReadLimits = ReadLimits(),
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    on_problem: OnProblem | None = None,
    on_warning: OnProblem | None = None,
) -> tuple[list[Assignment], ClusterReport]:
    """One Assignment per usable record, in input order.

    `.jsonl`/`.ndjson` files and `-` (stdin) are read as records (`id`, `text`, ...); every
    other path (pages, dumps, WARC, feeds, folders) is extracted to articles first, and the
    article ids are the record ids. Skipped records go to `on_problem`, records kept without
    their date to `on_warning`.
    """
    report = ClusterReport()

    def counted(problem: Problem) -> None:
        warning = problem.kind in WARNING_KINDS
        if warning:
            report.dates_ignored += 1
        else:
            report.skipped += 1
        callback = on_warning if warning else on_problem
        if callback:
            callback(problem)

    # Imported here: MinHash (datasketch pulls in scipy) and the clusterer's models would
    # slow every other command's start.
    from storylens.cluster.api import assign

    items = list(_usable(news_items_from(paths, limits=limits, stdin=stdin, progress=progress), counted))
    assignments = assign(items, multilingual=multilingual)
    report.clustered = len(assignments)
    report.copies = sum(1 for assignment in assignments if assignment.copy_of)
    report.stories = len({assignment.story for assignment in assignments})
    return assignments, report


def news_items_from(
    paths: Iterable[str],
    *,
    limits: ReadLimits = ReadLimits(),
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> Iterator[NewsItem | Problem]:
    """The NewsItem of every record or article in `paths`, in order; problems in place of bad
    ones. Consecutive non-record paths go to one extract run, so its progress bar and its
    folder walk see them together."""
    seen_ids: dict[str, str] = {}
    for reads_records, group in itertools.groupby(paths, key=_holds_records):
        if not reads_records:
            articles = extract(list(group), limits=limits, stdin=stdin, progress=progress)
            yield from items_from_articles(articles, seen_ids)
            continue
        for path in group:
            rows = (records_from_jsonl(stdin or sys.stdin.buffer, "-", limits.max_bytes) if path == "-"
                    else records_from_file(path, limits.max_bytes))
            yield from items_from_records(rows, seen_ids)


def _holds_records(path: str) -> bool:
    return path == "-" or format_by_name(path) == "jsonl"


def _usable(items: Iterable[NewsItem | Problem], on_problem: OnProblem) -> Iterator[NewsItem]:
    for item in items:
        if isinstance(item, Problem):
            on_problem(item)
        else:
            yield item
