"""`storylens ingest`: store new articles, join them to the store's stories, and rebuild the
dossiers of the stories that changed, so `storylens serve` shows them."""
from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from storylens.commands.extract import extract
from storylens.commands.reports import OnDuplicate, OnProblem, RunReport, story_failures, tally
from storylens.commands.resumable import Progress as IngestProgressCallback, ResumableReport, ingest_resumably
from storylens.commands.storing import store_articles
from storylens.commands.story_rounds import CLUSTER_EVERY, StoryRounds
from storylens.engine import Progress
from storylens.engine.executors import Executor
from storylens.pipeline import load_clusterer_in_background, stored_story_dossiers
from storylens.read import ReadLimits
from storylens.store import DEFAULT_URL, open_store


def ingest(
    paths: Iterable[str],
    db_url: str = DEFAULT_URL,
    *,
    limits: ReadLimits = ReadLimits(),
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    on_problem: OnProblem | None = None,
    on_duplicate: OnDuplicate | None = None,
    workers: int | None = None,
    executor: Executor | None = None,
    cluster_every: int = CLUSTER_EVERY,
) -> RunReport:
    """Store every new article (one transaction per batch, so an interrupted run loses at most
    the batch in flight and a re-run stores only what is missing), assign stories (every
    `cluster_every` documents stored, as the resumable ingest does), and store
    the dossiers of the stories this run changed; a story whose dossier fails goes to
    `on_problem` and its earlier dossier is dropped (the next run builds it again). Dossiers run on `executor` when given (the
    caller closes it), else on `workers` processes."""
    engine = open_store(db_url)
    load_clusterer_in_background()  # while the inputs are read: clustering at the end need not wait for it
    report = RunReport(stored=0)
    articles = tally(extract(paths, limits=limits, stdin=stdin, progress=progress), report, on_problem, on_duplicate)
    try:
        rounds = StoryRounds(engine, cluster_every)
        store_articles(engine, (article for article in articles if not article.duplicate_of), report, on_duplicate,
                       on_stored=rounds.stored)
        changes = rounds.finish()
        report.assigned = changes.assigned
        report.dossiers = stored_story_dossiers(engine, changes, workers=workers, executor=executor,
                                                on_problem=story_failures(report, on_problem))
    finally:
        engine.dispose()
    return report


def ingest_on_dask(
    paths: Iterable[str],
    db_url: str = DEFAULT_URL,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    limits: ReadLimits = ReadLimits(),
    progress: IngestProgressCallback | None = None,
    on_problem: OnProblem | None = None,
    on_duplicate: OnDuplicate | None = None,
    retry_failed: bool = False,
) -> ResumableReport:
    """`ingest` on a Dask cluster: a local one of `workers` processes, or the running one at
    `scheduler`. Resumable: inputs an earlier run finished are skipped (`retry_failed` tries
    the ones a worker died on again); each input's articles are stored with its done mark in
    one transaction. The changed stories' dossiers are built on the workers too."""
    from storylens.engine.dask import open_dask  # imports distributed: only when asked for

    with open_dask(workers=workers, scheduler=scheduler) as executor:
        return ingest_resumably(paths, db_url, executor, limits=limits, progress=progress, on_problem=on_problem,
                                on_duplicate=on_duplicate, retry_failed=retry_failed)
