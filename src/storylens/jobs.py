"""The commands as plain functions: `storylens.extract`, `ingest`, `analyze`, `cluster_records`.

The CLI is a thin layer over these; so are the benchmarks. Each takes callbacks for what
happens along the way (a skipped input, a duplicate) and returns a `RunReport`, so a caller
decides how to show it.
"""
from __future__ import annotations

import copy
import itertools
import logging
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from storylens.cluster.records import (
    WARNING_KINDS, items_from_articles, items_from_records, records_from_file, records_from_jsonl,
)
from storylens.dossier import build_dossier
from storylens.engine import Progress, articles_from
from storylens.model import Article, Assignment, NewsItem, Problem, ProblemKind
from storylens.read import ReadLimits
from storylens.read.formats import format_by_name
from storylens.render import write_report
from storylens.store import DEFAULT_URL, insert_articles, open_store

log = logging.getLogger(__name__)

STORE_BATCH = 200
ATTRIBUTION_BATCH = 64  # documents parsed together: nlp.pipe is fast only in batches
STANCE_BATCH = 256  # pairs judged together: the stance model embeds in batches
# Below this many articles, starting worker processes (each loads spaCy and MiniLM, ~3 s)
# costs more than the second core saves.
PARALLEL_ARTICLES = 200
TASK_ARTICLES = 50  # articles parsed and judged per worker task: enough for full batches, small enough to share out evenly

OnProblem = Callable[[Problem], None]
OnDuplicate = Callable[[Article, str], None]  # the duplicate, and the id or source it repeats


@dataclass(slots=True)
class RunReport:
    read: int = 0  # articles cleaned, duplicates included
    skipped: int = 0  # inputs or records that gave no article
    duplicates: int = 0
    stored: int | None = None  # set by jobs that write to a store
    assigned: int | None = None  # documents given a story by ingest

    @property
    def exit_code(self) -> int:
        """0 when every input gave an article, 1 when something was skipped."""
        return 1 if self.skipped else 0

    def as_dict(self) -> dict:
        counts = {"read": self.read, "skipped": self.skipped, "duplicates": self.duplicates}
        if self.stored is not None:
            counts["stored"] = self.stored
        if self.assigned is not None:
            counts["assigned"] = self.assigned
        return counts


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
        report.assigned = assign_stored_stories(engine)
    finally:
        engine.dispose()
    return report


def assign_stored_stories(engine, *, multilingual: bool = False) -> int:
    """Join every stored document that has no story yet to the store's stories (or new ones),
    oldest first, one transaction per batch. Returns how many documents were assigned."""
    from storylens.cluster.api import assign
    from storylens.cluster.linkage import LinkageClusterer
    from storylens.store.stories import load_clusterer, save_assignments, unassigned_items

    embedding = "multilingual" if multilingual else "english"
    clusterer = LinkageClusterer(multilingual=multilingual)
    load_clusterer(engine, clusterer, embedding)
    assigned = 0
    while items := unassigned_items(engine):
        assignments = assign(items, clusterer=clusterer)
        if not assignments:  # cannot happen for stored articles; guards the loop all the same
            break
        save_assignments(engine, clusterer, assignments, embedding)
        assigned += len(assignments)
    return assigned


def first_of_each_id(articles: Iterable[Article], report: RunReport, on_problem: OnProblem | None) -> list[Article]:
    """Two records may name the same id (JSON Lines written by hand); the first keeps it and
    the later one is skipped with a problem, as `storylens cluster` does."""
    kept: dict[str, Article] = {}
    for article in articles:
        first = kept.setdefault(article.id, article)
        if first is not article:
            report.read -= 1
            report.skipped += 1
            if on_problem:
                on_problem(Problem(article.source, ProblemKind.DUPLICATE_ID, f"id {article.id!r} already used by {first.source}"))
    return list(kept.values())


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Lists of `size` items in order (itertools.batched arrives only with Python 3.12)."""
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


@contextmanager
def timed(timings: dict[str, float] | None, stage: str):
    """Add the time spent in the block to `timings[stage]` (for benchmarks; None skips it)."""
    start = time.perf_counter()
    try:
        yield
    finally:
        if timings is not None:
            timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start


def story_dossiers(articles: list[Article], *, multilingual: bool = False, workers: int | None = None,
                   timings: dict[str, float] | None = None) -> list[dict]:
    """Group articles into stories and build one dossier each, the biggest story first.

    With `workers` > 1 (default: one per core) and enough articles, the stories are parsed
    and judged in that many worker processes; the dossiers are the same either way.
    """
    from storylens.cluster.api import assign
    from storylens.engine.processes import WorkerPool, cores
    from storylens.enrich.embed import RememberingEmbedder, headline_embedder

    if not articles:
        return []
    workers = cores() if workers is None else workers
    # Started before clustering, so the workers load their models while the parent clusters.
    pool = WorkerPool(workers, warm_up_worker) if workers > 1 and len(articles) >= PARALLEL_ARTICLES else None
    try:
        # The judge compares sentences with the headlines clustering embeds: made once, kept.
        headlines = None if multilingual else RememberingEmbedder(headline_embedder())
        with timed(timings, "cluster"):
            assignments = assign(list(items_from_articles(articles)), multilingual=multilingual,
                                 headline_embedder=headlines)
        by_id = {article.id: article for article in articles}
        members: dict[str, list[Article]] = {}
        for assignment in assignments:
            members.setdefault(assignment.story, []).append(by_id[assignment.id])
        copies = {a.id: a.copy_of for a in assignments if a.copy_of}
        tasks = story_tasks(list(members.items()), copies, headlines.vectors if headlines else {})
        done: dict[int, list[dict]] = {}
        if pool is not None:
            try:
                with timed(timings, "claims+judge"):
                    done.update(pool.map_unordered(dossiers_of, tasks))
            except BrokenProcessPool as error:
                # A worker killed (out of memory) or unable to start (a script that starts
                # the job without `if __name__ == "__main__":`): what is left is done here.
                log.warning("worker processes failed (%s); going on in this process", error)
        for number, task in enumerate(tasks):
            if number not in done:
                done[number] = dossiers_of(task, timings)
    finally:
        if pool is not None:
            pool.close()
    dossiers = [dossier for number in sorted(done) for dossier in done[number]]
    return sorted(dossiers, key=lambda d: (-len(d["articles"]), d["articles"][0]["published"] or "", d["id"]))


@dataclass(slots=True)
class StoryTask:
    """Stories parsed and judged together (in a worker process, or in this one)."""

    stories: list[tuple[str, list[Article]]]  # (story id, its articles)
    copies: dict[str, str]  # copy id → original id, among these articles
    vectors: dict  # headline text → its embedding, from clustering


def story_tasks(stories: list[tuple[str, list[Article]]], copies: dict[str, str], vectors: dict) -> list[StoryTask]:
    """Stories in tasks of about TASK_ARTICLES articles, the biggest first (so that the last
    task to finish is a small one and no worker idles long)."""
    groups: list[list[tuple[str, list[Article]]]] = [[]]
    for story in sorted(stories, key=lambda story: -len(story[1])):
        if sum(len(members) for _, members in groups[-1]) >= TASK_ARTICLES:
            groups.append([])
        groups[-1].append(story)
    tasks = []
    for group in groups:
        ids = {article.id for _, members in group for article in members}
        titles = {article.title.strip() for _, members in group for article in members if article.title}
        tasks.append(StoryTask(group, {copy: original for copy, original in copies.items() if copy in ids},
                               {title: vectors[title] for title in titles if title in vectors}))
    return tasks


def dossiers_of(task: StoryTask, timings: dict[str, float] | None = None) -> list[dict]:
    """The dossiers of a task's stories: claims found (parsed in one batch), judged, built.

    The sentences every story compares by embedding are embedded in one batch too: sorted by
    length across stories, they waste little work on padding; so are the article-stance
    pairs of all the task's stories (`judge_stories`)."""
    from storylens.claims.findings import find_in_stories
    from storylens.judge.claims import story_mentions, texts_to_embed, vectors_of
    from storylens.judge.figures import claim_figures
    from storylens.judge.refutations import judge_stories

    with timed(timings, "claims"):
        findings = find_in_stories([members for _, members in task.stories], task.copies)
    dossiers = []
    with timed(timings, "judge"):
        mentions = [story_mentions(story_findings) for story_findings in findings]
        wanted = list(dict.fromkeys(text for story_findings, story_mentioned in zip(findings, mentions)
                                    for text in texts_to_embed(story_findings, story_mentioned)))
        vectors = dict(zip(wanted, vectors_of(wanted, task.vectors)))
        claims = judge_stories([story_id for story_id, _ in task.stories], findings, mentions, vectors)
    for (story_id, members), story_findings, story_claims in zip(task.stories, findings, claims):
        with timed(timings, "judge"):
            figures = claim_figures(story_claims, story_findings)
        dossiers.append(build_dossier(story_id, story_title(members), members, task.copies,
                                      findings=story_findings, claims=story_claims, figures=figures))
    return dossiers


def warm_up_worker() -> None:
    """Load a worker's models before its first task; one thread per worker process, for the
    embedder and for numpy's BLAS, whose idle threads otherwise spin on the other worker's core."""
    from threadpoolctl import threadpool_limits

    from storylens.claims.attribution import find_attributions
    from storylens.enrich.embed import headline_embedder, share_cores

    threadpool_limits(1)
    share_cores(1)
    headline_embedder()
    find_attributions("A worker said it is ready.")


def story_title(articles: list[Article]) -> str:
    """The headline of the story's earliest dated article (the one that broke it), else the first."""
    dated = sorted((a for a in articles if a.published), key=lambda a: a.published)
    first = (dated or articles)[0]
    return first.title or first.text[:80]


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
    timings: dict[str, float] | None = None,
) -> tuple[RunReport, Path]:
    """The main job: read, clean, build dossiers and write the report directory.

    Returns the report and the path of the written index.html. Exact duplicates are left
    out of the stories: a second copy of the same text adds nothing to them. `timings`, when
    given, receives the seconds spent in each stage.
    """
    report = RunReport()
    with timed(timings, "read+clean"):
        stream = tally(extract(paths, limits=limits, stdin=stdin, progress=progress), report, on_problem, on_duplicate)
        articles = first_of_each_id((article for article in stream if not article.duplicate_of), report, on_problem)
    dossiers = story_dossiers(articles, workers=workers, timings=timings)
    texts = {article.id: article.text for article in articles}
    if db_url:
        store_analysis(db_url, articles, dossiers, texts, report)
    with timed(timings, "render"):
        index = write_report(out_dir, dossiers, texts)
    return report, index


def store_analysis(db_url: str, articles: list[Article], dossiers: list[dict], texts: dict[str, str],
                   report: RunReport) -> None:
    """The articles as `ingest` stores them, and the dossiers `storylens serve` shows. The store may
    rename an article whose id it already holds for another text: it gets a copy, so the caller's
    articles (and the dossiers' ids) keep theirs."""
    from storylens.store.dossiers import store_dossiers

    engine = open_store(db_url)
    try:
        report.stored = sum(insert_articles(engine, [copy.copy(a) for a in articles[i : i + STORE_BATCH]]).stored
                            for i in range(0, len(articles), STORE_BATCH))
        store_dossiers(engine, dossiers, texts)
    finally:
        engine.dispose()


@dataclass(slots=True)
class ClusterReport:
    clustered: int = 0  # records that got a story
    skipped: int = 0  # records or inputs left out
    copies: int = 0
    stories: int = 0
    dates_ignored: int = 0  # records clustered without their absurd or unreadable date

    @property
    def exit_code(self) -> int:
        """0 when every record was clustered (an ignored date included), 1 when one was skipped."""
        return 1 if self.skipped else 0

    def as_dict(self) -> dict:
        return {"clustered": self.clustered, "skipped": self.skipped, "copies": self.copies,
                "stories": self.stories}


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
    """`storylens cluster`: one Assignment per usable record, in input order.

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


def attributions(
    paths: Iterable[str],
    *,
    raw: bool = False,
    limits: ReadLimits = ReadLimits(),
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> Iterator[dict | Problem]:
    """`storylens attributions`: per document `{"id", "source", "attributions": [...]}`.

    Offsets point into the cleaned article text, or with `raw` into each file's exact text
    (the file is taken as already clean; its id is its path).
    """
    from storylens.claims.attribution import attributions_of_texts
    from storylens.claims.speakers import normalise_speakers
    from storylens.read.raw import raw_texts

    if raw:
        documents = ((item[0], item[0], item[1]) if isinstance(item, tuple) else item
                     for item in raw_texts(paths, limits, stdin))
    else:
        documents = ((item.id, item.source, item.text) if isinstance(item, Article) else item
                     for item in extract(paths, limits=limits, stdin=stdin, progress=progress))
    for batch in batched(documents, ATTRIBUTION_BATCH):
        problems = [item for item in batch if isinstance(item, Problem)]
        usable = [item for item in batch if not isinstance(item, Problem)]
        yield from problems
        found = attributions_of_texts(text for _, _, text in usable)
        for (doc_id, source, text), attributions_found in zip(usable, found):
            normalise_speakers([text], [attributions_found])
            yield {"id": doc_id, "source": source, "attributions": [a.to_record() for a in attributions_found]}


def stance_of_articles(
    claim: str,
    paths: Iterable[str],
    *,
    limits: ReadLimits = ReadLimits(),
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> Iterator[dict | Problem]:
    """`storylens stance --claim`: `{"id","stance","score"}` of each article toward `claim`."""
    from storylens.judge.stance import stance_of_pairs

    items = extract(paths, limits=limits, stdin=stdin, progress=progress)
    for batch in batched(items, STANCE_BATCH):
        yield from (item for item in batch if isinstance(item, Problem))
        articles = [item for item in batch if isinstance(item, Article)]
        judged = stance_of_pairs((claim, article.text) for article in articles)
        for article, (stance, score) in zip(articles, judged):
            yield {"id": article.id, "stance": stance, "score": round(score, 4)}


def stance_of_pair_rows(path: str, *, limits: ReadLimits = ReadLimits(), stdin: BinaryIO | None = None
                        ) -> Iterator[dict | Problem]:
    """`storylens stance --pairs`: rows `{"id","claim","text"}` → `{"id","stance","score"}`."""
    from storylens.judge.stance import stance_of_pairs
    from storylens.read.jsonl import json_lines, json_lines_of_file

    rows = (json_lines(stdin or sys.stdin.buffer, "-", limits.max_bytes) if path == "-"
            else json_lines_of_file(path, limits.max_bytes))
    for batch in batched(rows, STANCE_BATCH):
        pairs = []
        for row in batch:
            checked = row if isinstance(row, Problem) else _pair_row(*row)
            if isinstance(checked, Problem):
                yield checked
            else:
                pairs.append(checked)
        judged = stance_of_pairs((claim, text) for _, claim, text in pairs)
        for (row_id, _, _), (stance, score) in zip(pairs, judged):
            yield {"id": row_id, "stance": stance, "score": round(score, 4)}


def _pair_row(source: str, record: object) -> tuple[object, str, str] | Problem:
    if not isinstance(record, dict):
        return Problem(source, ProblemKind.MALFORMED, "not a JSON object")
    for key in ("id", "claim", "text"):
        if key not in record:
            return Problem(source, ProblemKind.MALFORMED, f"no '{key}'")
    if not isinstance(record["claim"], str) or not isinstance(record["text"], str):
        return Problem(source, ProblemKind.MALFORMED, "'claim' and 'text' must be strings")
    return record["id"], record["claim"], record["text"]
