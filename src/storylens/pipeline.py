"""The one path from articles to dossiers: articles → stories → one dossier per story.

Every command that makes dossiers comes through here: `analyze` (stories clustered in this
run), `ingest` (stories of the store that changed), the web app's uploads and the benchmarks.
Clustering needs the whole set and runs in this process. After it, each story is
independent: `dossiers_of` makes the dossiers of a `StoryTask` (a few stories, their
articles, copies and headline vectors), a pure function of a picklable task, so any
executor of `engine.executors` runs it: in this process, in worker processes, on Dask.

A story whose dossier fails (an exception, a worker that dies on it) becomes a `Problem`
naming its story id, and the other stories' dossiers are made all the same.
"""
from __future__ import annotations

import functools
import json
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TypeVar

from storylens.cluster.records import items_from_articles
from storylens.dossier import build_dossier
from storylens.engine.executors import Executor, InProcess, WorkerProcesses, cores
from storylens.model import Article, Problem

# Below this many articles, starting worker processes (each loads spaCy and MiniLM, ~3 s)
# costs more than the second core saves.
PARALLEL_ARTICLES = 200
TASK_ARTICLES = 50  # articles parsed and judged per task: enough for full batches, small enough to share out evenly
# Articles of stored stories read back, judged and stored at once by `stored_story_dossiers`:
# read whole, every changed story's texts, findings and dossiers were held in the client at once.
DOSSIER_ARTICLES = 2_000

T = TypeVar("T")
OnProblem = Callable[[Problem], None]
Story = tuple[str, list[Article]]  # (story id, its articles)


@dataclass(slots=True)
class StoryTask:
    """Stories parsed and judged together (in a worker process, or in this one)."""

    stories: list[Story]
    copies: dict[str, str]  # copy id → original id, among these articles
    vectors: dict  # headline text → its embedding, from clustering
    # article id → the per-article findings a worker made for it (`claims.stored_findings`' record,
    # or its JSON text as the store keeps it): those articles are not parsed again
    findings: dict = field(default_factory=dict)


def task_key(task: StoryTask) -> str:
    """The task's story ids: what a Problem in place of its dossiers names."""
    return " ".join(story_id for story_id, _ in task.stories)


@contextmanager
def timed(timings: dict[str, float] | None, stage: str):
    """Add the time spent in the block to `timings[stage]` (for benchmarks; None skips it)."""
    start = time.perf_counter()
    try:
        yield
    finally:
        if timings is not None:
            timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start


def executor_for(articles: int, workers: int | None) -> Executor:
    """Worker processes (one per core unless `workers` says) for a big enough run, else this process."""
    workers = cores() if workers is None else workers
    if workers > 1 and articles >= PARALLEL_ARTICLES:
        return WorkerProcesses(workers, warm_up_worker)
    return InProcess()


def story_dossiers(articles: list[Article], *, multilingual: bool = False, workers: int | None = None,
                   executor: Executor | None = None, on_problem: OnProblem | None = None,
                   timings: dict[str, float] | None = None, findings: Mapping | None = None) -> list[dict]:
    """Group articles into stories and build one dossier each, the biggest story first;
    `findings`: per-article findings already made, by article id (`StoryTask.findings`).

    Without an `executor`, one is chosen by `executor_for` and closed at the end; it is
    started before clustering, so worker processes load their models while this one clusters.
    """
    if not articles:
        return []
    run = executor or executor_for(len(articles), workers)
    try:
        stories, copies, vectors = clustered(articles, multilingual=multilingual, timings=timings)
        return dossiers_of_stories(stories, copies, vectors, executor=run, on_problem=on_problem, timings=timings,
                                   findings=findings)
    finally:
        if executor is None:
            run.close()


def clustered(articles: list[Article], *, multilingual: bool = False, timings: dict[str, float] | None = None
              ) -> tuple[list[Story], dict[str, str], dict]:
    """The stories of `articles` (in the clusterer's order), copy id → original, and the
    headline vectors clustering computed (the judge compares sentences with them: made once, kept)."""
    from storylens.cluster.api import assign
    from storylens.enrich.embed import RememberingEmbedder, headline_embedder

    wait_for_clusterer_load()
    headlines = None if multilingual else RememberingEmbedder(headline_embedder())
    with timed(timings, "cluster"):
        assignments = assign(list(items_from_articles(articles)), multilingual=multilingual,
                             headline_embedder=headlines)
    by_id = {article.id: article for article in articles}
    members: dict[str, list[Article]] = {}
    for assignment in assignments:
        members.setdefault(assignment.story, []).append(by_id[assignment.id])
    copies = {a.id: a.copy_of for a in assignments if a.copy_of}
    return list(members.items()), copies, headlines.vectors if headlines else {}


def dossiers_of_stories(stories: list[Story], copies: Mapping[str, str], vectors: Mapping | None = None, *,
                        executor: Executor, on_problem: OnProblem | None = None,
                        findings: Mapping[str, dict | str] | None = None,
                        timings: dict[str, float] | None = None,
                        make_dossiers: Callable[[StoryTask], list[dict]] | None = None) -> list[dict]:
    """The dossiers of stories already grouped, biggest story first; a story that fails goes
    to `on_problem` instead. A task of several stories that fails is run again story by
    story, so only the story at fault is missing. `make_dossiers` (default `dossiers_of`)
    is the pure, picklable function of a task that the executor runs; `findings` are stored
    per-article findings by article id (`StoryTask.findings`)."""
    tasks = story_tasks(stories, dict(copies), dict(vectors or {}), findings)
    # In this process the claims and judge stages are timed apart; a worker's timings stay
    # in the worker, so there the two are timed together.
    in_process = isinstance(executor, InProcess)
    make = make_dossiers or dossiers_of
    if in_process and timings is not None:
        make = functools.partial(make, timings=timings)
    dossiers: list[dict] = []
    with timed(None if in_process else timings, "claims+judge"):
        by_key = {task_key(task): task for task in tasks}
        failed = list(_collect(executor.map(make, tasks, key=task_key), dossiers))
        # A task of one story has failed for that story; a bigger one is run again story by story.
        problems = [problem for key, problem in failed if len(by_key[key].stories) == 1]
        alone = [task_of([story], by_key[key].copies, by_key[key].vectors, by_key[key].findings)
                 for key, _ in failed if len(by_key[key].stories) > 1 for story in by_key[key].stories]
        problems += [problem for _, problem in _collect(executor.map(make, alone, key=task_key), dossiers)]
    for problem in problems:
        if on_problem:
            on_problem(problem)
    return sorted(dossiers, key=lambda d: (-len(d["articles"]), d["articles"][0]["published"] or "", d["id"]))


def _collect(results: Iterable[tuple[str, list[dict] | Problem]], dossiers: list[dict]
             ) -> Iterator[tuple[str, Problem]]:
    """Append each task's dossiers to `dossiers`; yield (key, Problem) in place of the rest."""
    for key, result in results:
        if isinstance(result, Problem):
            yield key, result
        else:
            dossiers.extend(result)


def story_tasks(stories: Sequence[Story], copies: dict[str, str], vectors: dict,
                findings: Mapping[str, dict | str] | None = None) -> list[StoryTask]:
    """Stories in tasks of about TASK_ARTICLES articles, the biggest first (so that the last
    task to finish is a small one and no worker idles long)."""
    return [task_of(group, copies, vectors, findings) for group in story_groups(stories, lambda story: len(story[1]))]


def story_groups(stories: Sequence[T], size: Callable[[T], int]) -> list[list[T]]:
    """The stories of each task `story_tasks` makes, by `size` (a story's article count): biggest
    first, a group closed once it holds TASK_ARTICLES articles."""
    groups: list[list[T]] = [[]]
    for story in sorted(stories, key=lambda story: -size(story)):
        if sum(size(member) for member in groups[-1]) >= TASK_ARTICLES:
            groups.append([])
        groups[-1].append(story)
    return [group for group in groups if group]


def task_of(stories: list[Story], copies: Mapping[str, str], vectors: Mapping,
            findings: Mapping[str, dict | str] | None = None) -> StoryTask:
    """A task of these stories, with the copies, vectors and stored findings that concern their articles only."""
    ids = {article.id for _, members in stories for article in members}
    titles = {article.title.strip() for _, members in stories for article in members if article.title}
    findings = findings or {}
    return StoryTask(stories, {copy: original for copy, original in copies.items() if copy in ids},
                     {title: vectors[title] for title in titles if title in vectors},
                     {article_id: findings[article_id] for article_id in ids if article_id in findings})


def dossiers_of(task: StoryTask, timings: dict[str, float] | None = None) -> list[dict]:
    """The dossiers of a task's stories: claims found (`task_findings`), judged, built.

    The sentences every story compares by embedding are embedded in one batch too: sorted by
    length across stories, they waste little work on padding; so are the article-stance
    pairs of all the task's stories (`judge_stories`)."""
    from storylens.judge.claims import story_mentions, texts_to_embed, vectors_of
    from storylens.judge.figures import claim_figures
    from storylens.judge.refutations import judge_stories

    with timed(timings, "claims"):
        findings = task_findings(task)
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


def task_findings(task: StoryTask) -> list:
    """The claims stage of a task's stories (`ArticleFindings` per article per story). Articles with
    stored findings are not parsed again: only the story part runs for them (speakers named
    across the story's outlets, quotes, who denies); the others are parsed, in one batch."""
    from storylens.claims.findings import find_in_stories, parse_articles, stories_findings
    from storylens.claims.stored_findings import findings_from_record

    articles = [article for _, members in task.stories for article in members]
    stored = {article.id: findings_from_record(article, _record(task.findings[article.id]))
              for article in articles if article.id in task.findings}
    if not any(stored.values()):
        return find_in_stories([members for _, members in task.stories], task.copies)
    missing = [article for article in articles if stored.get(article.id) is None]
    stored.update(zip((article.id for article in missing), parse_articles(missing)))
    return stories_findings([[stored[article.id] for article in members] for _, members in task.stories],
                            task.copies)


def _record(record):
    """A record as given, or read from its JSON text; None for text that is not JSON (its article
    is then parsed afresh)."""
    if isinstance(record, dict):
        return record
    try:
        return json.loads(record)
    except (TypeError, ValueError):
        return None


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


# --- stories kept in a store: what `ingest` runs, the same path as above ----------------------
@dataclass(slots=True)
class StoryChanges:
    assigned: int = 0  # documents given a story
    changed: set[str] = field(default_factory=set)  # stories that gained documents
    absorbed: set[str] = field(default_factory=set)  # stories merged into another: their dossiers go


def assign_stored_stories(engine, *, multilingual: bool = False) -> int:
    """Join every stored document that has no story yet to the store's stories (or new ones),
    oldest first, one transaction per batch. Returns how many documents were assigned."""
    return stored_story_changes(engine, multilingual=multilingual).assigned


def load_clusterer_in_background(*, multilingual: bool = False) -> threading.Thread:
    """Import the clusterer and load its embedder in a thread, for a command that clusters once
    its inputs are read (by workers, or in this process): on a loaded 2-core machine that took
    6.5 s of the 8.9 s the last round of clustering of a 1k-article Dask ingest held the workers
    idle. Clustering waits for it (`wait_for_clusterer_load`); it changes nothing clustered."""
    def load() -> None:
        from storylens.cluster.linkage import LinkageClusterer  # noqa: F401 (its imports are the cost)
        from storylens.enrich.embed import headline_embedder, multilingual_embedder

        multilingual_embedder() if multilingual else headline_embedder()

    global _clusterer_loading
    thread = _clusterer_loading = threading.Thread(target=load, name="storylens-clusterer-load", daemon=True)
    thread.start()
    return thread


# The load `load_clusterer_in_background` started, if any: clustering waits for it rather than
# loading the same model a second time beside it (`functools.cache` does not hold the second caller).
_clusterer_loading: threading.Thread | None = None


def wait_for_clusterer_load() -> None:
    """Return once the load `load_clusterer_in_background` started (if any) has ended."""
    if _clusterer_loading is not None:
        _clusterer_loading.join()


def stored_story_changes(engine, *, multilingual: bool = False, among: Collection[str] | None = None
                         ) -> StoryChanges:
    """`assign_stored_stories`, telling which stories changed and which were absorbed; with
    `among`, only those of these documents are assigned (a round of `StoryRounds`)."""
    from storylens.cluster.api import assign
    from storylens.cluster.linkage import LinkageClusterer
    from storylens.store.stories import load_clusterer, save_assignments, unassigned_items

    wait_for_clusterer_load()
    embedding = "multilingual" if multilingual else "english"
    clusterer = LinkageClusterer(multilingual=multilingual)
    load_clusterer(engine, clusterer, embedding)
    changes, merged = StoryChanges(), {}
    while items := unassigned_items(engine, among=among):
        assignments = assign(items, clusterer=clusterer)
        if not assignments:  # cannot happen for stored articles; guards the loop all the same
            break
        changes.changed.update(clusterer.resolve(assignment.story) for assignment in assignments)
        merged.update(clusterer.parent)  # saving resolves merges in the store and forgets them
        save_assignments(engine, clusterer, assignments, embedding)
        changes.assigned += len(assignments)
    changes.changed = {_resolved(story, merged) for story in changes.changed}
    changes.absorbed = set(merged) - changes.changed
    return changes


def _resolved(story: str, merged: Mapping[str, str]) -> str:
    while story in merged:
        story = merged[story]
    return story


def stored_story_dossiers(engine, changes: StoryChanges, *, workers: int | None = None,
                          executor: Executor | None = None, on_problem: OnProblem | None = None) -> int:
    """Build and store the dossiers of the stories that changed, and of any stored story that
    has none yet (ids: the store's story ids, so unique across runs); drop those of absorbed
    stories. Returns how many were stored.

    The stories are read from the store, judged and stored about DOSSIER_ARTICLES articles at a
    time, so the memory this takes does not grow with the run; each batch is whole tasks of
    `story_tasks`' grouping of all the stories, so the tasks (and the dossiers) are the same.

    A changed story whose dossier fails goes to `on_problem` and loses its stored dossier: kept,
    it would show the story without the articles this run added (a denial among them, say) and
    nothing would tell it is stale. With none, the next ingest builds it again
    (`stories_without_dossier`)."""
    from storylens.store.dossiers import forget_story, store_dossiers
    from storylens.store.inputs import findings_texts
    from storylens.store.story_members import stories_without_dossier, story_members, story_sizes

    wanted = (changes.changed | stories_without_dossier(engine)) - changes.absorbed
    sizes = story_sizes(engine, wanted)
    # in story_members' order (the order given), which story_tasks sorts by size, stably
    by_size = [(story, sizes[story]) for story in sorted(wanted) if story in sizes]
    run = executor or executor_for(sum(sizes.values()), workers)
    failed: list[str] = []
    stored = 0
    try:
        for batch in _dossier_batches(story_groups(by_size, lambda story: story[1])):
            stories, copies = story_members(engine, batch)
            # what a resumable ingest's workers found in each document (a plain ingest stores none)
            findings = findings_texts(engine, [article.id for _, members in stories for article in members])
            dossiers = dossiers_of_stories(stories, copies, executor=run, on_problem=_noting(failed, on_problem),
                                           findings=findings)
            texts = {article.id: article.text for _, members in stories for article in members}
            stored += store_dossiers(engine, dossiers, texts)
    finally:
        if executor is None:
            run.close()
    with engine.begin() as conn:
        for story in sorted(changes.absorbed | (set(failed) & wanted)):
            forget_story(conn, story)
    return stored


def _dossier_batches(groups: list[list[tuple[str, int]]]) -> Iterator[list[str]]:
    """The story ids of whole groups, about DOSSIER_ARTICLES articles at a time, in order."""
    batch, articles = [], 0
    for group in groups:
        batch += [story for story, _ in group]
        articles += sum(size for _, size in group)
        if articles >= DOSSIER_ARTICLES:
            yield batch
            batch, articles = [], 0
    if batch:
        yield batch


def _noting(failed: list[str], on_problem: OnProblem | None) -> OnProblem:
    """`on_problem`, noting the story id each Problem names first (a story's Problem names its story)."""
    def noted(problem: Problem) -> None:
        failed.append(problem.source)
        if on_problem:
            on_problem(problem)
    return noted
