"""The one path articles → stories → dossiers: worker processes read as one process does, and a
story whose dossier fails is a Problem naming it while every other story gets its dossier."""
from __future__ import annotations

from pathlib import Path

import pytest

from storylens import commands, pipeline
from storylens.engine.executors import InProcess, WorkerProcesses
from storylens.model import Article, Problem, ProblemKind
from storylens.pipeline import StoryTask, dossiers_of_stories, story_tasks

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def article(n: int, title: str | None = None) -> Article:
    return Article(id=f"a{n}", source=f"a{n}.txt", url=None, outlet=None, title=title or f"Headline {n}",
                   author=None, published=None, language="en", text="x")


def test_worker_processes_write_the_same_stories_as_one_process(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "PARALLEL_ARTICLES", 1)  # the demo corpus is far below the real threshold
    monkeypatch.setattr(pipeline, "TASK_ARTICLES", 4)  # several tasks, so both workers get some
    alone, shared = tmp_path / "alone", tmp_path / "shared"
    timings: dict[str, float] = {}
    commands.analyze([str(CORPUS)], alone, workers=1)
    commands.analyze([str(CORPUS)], shared, workers=2, timings=timings)
    assert "claims+judge" in timings  # the workers did the work
    assert "claims" not in timings
    assert (shared / "stories.json").read_text(encoding="utf-8") == (alone / "stories.json").read_text(encoding="utf-8")


def test_stories_are_cut_into_tasks_biggest_first(monkeypatch):
    monkeypatch.setattr(pipeline, "TASK_ARTICLES", 3)
    stories = [("small", [article(1)]), ("big", [article(n) for n in range(2, 6)]), ("mid", [article(6), article(7)])]
    tasks = story_tasks(stories, {"a3": "a2", "a7": "a6"}, {"Headline 2": "vector", "Headline 9": "other"})
    assert [[story for story, _ in task.stories] for task in tasks] == [["big"], ["mid", "small"]]
    assert tasks[0].copies == {"a3": "a2"} and tasks[1].copies == {"a7": "a6"}
    assert tasks[0].vectors == {"Headline 2": "vector"} and tasks[1].vectors == {}


def dossiers_unless_cursed(task: StoryTask) -> list[dict]:
    """A stand-in for `dossiers_of` (module level, so it pickles) that fails on one story."""
    if any(story_id == "cursed" for story_id, _ in task.stories):
        raise RuntimeError("the parser choked")
    return [{"id": story_id, "articles": [{"id": a.id, "published": None} for a in members]}
            for story_id, members in task.stories]


@pytest.mark.parametrize("make_executor", [InProcess, lambda: WorkerProcesses(2)], ids=["in-process", "processes"])
def test_a_failing_story_is_a_problem_and_every_other_story_gets_its_dossier(make_executor, monkeypatch):
    monkeypatch.setattr(pipeline, "TASK_ARTICLES", 3)  # "cursed" shares its task with "after"
    stories = [("first", [article(1), article(2), article(3)]), ("cursed", [article(4), article(5)]),
               ("after", [article(6)]), ("last", [article(7)])]
    problems: list[Problem] = []
    with make_executor() as executor:
        dossiers = dossiers_of_stories(stories, {}, executor=executor, on_problem=problems.append,
                                       make_dossiers=dossiers_unless_cursed)
    assert [d["id"] for d in dossiers] == ["first", "after", "last"]
    assert problems == [Problem("cursed", ProblemKind.FAILED, "RuntimeError: the parser choked")]


def dossiers_unless_doomed(task: StoryTask) -> list[dict]:
    """Kills its worker process on one story, as the out-of-memory killer would."""
    import os

    if any(story_id == "doomed" for story_id, _ in task.stories):
        os._exit(9)
    return dossiers_unless_cursed(task)


def test_a_story_that_kills_its_worker_is_a_problem_and_the_pool_goes_on(monkeypatch):
    monkeypatch.setattr(pipeline, "TASK_ARTICLES", 3)
    stories = [("first", [article(1), article(2), article(3)]), ("doomed", [article(4), article(5)]),
               ("after", [article(6)]), ("last", [article(7)])]
    problems: list[Problem] = []
    with WorkerProcesses(2) as executor:
        dossiers = dossiers_of_stories(stories, {}, executor=executor, on_problem=problems.append,
                                       make_dossiers=dossiers_unless_doomed)
    assert [d["id"] for d in dossiers] == ["first", "after", "last"]
    assert problems == [Problem("doomed", ProblemKind.WORKER_DIED, "BrokenProcessPool: a worker process died running this task")]


def test_a_failing_story_alone_in_its_task_is_run_once(monkeypatch):
    monkeypatch.setattr(pipeline, "TASK_ARTICLES", 1)  # one story per task
    runs: list[str] = []

    def counted(task: StoryTask) -> list[dict]:
        runs.append(" ".join(story_id for story_id, _ in task.stories))
        return dossiers_unless_cursed(task)

    stories = [("cursed", [article(1)]), ("fine", [article(2)])]
    problems: list[Problem] = []
    dossiers = dossiers_of_stories(stories, {}, executor=InProcess(), on_problem=problems.append, make_dossiers=counted)
    assert [d["id"] for d in dossiers] == ["fine"] and [p.source for p in problems] == ["cursed"]
    assert sorted(runs) == ["cursed", "fine"]


def test_dossiers_from_stored_findings_equal_those_of_a_fresh_parse():
    import json

    from storylens.claims.findings import parse_articles
    from storylens.claims.stored_findings import findings_record

    texts = {"ledger": ("The Ledger", "Harbour master Ilse Varga said on Monday that the quay would be sold for "
                        "$40 million, according to two officials familiar with the sale."),
             "post": ("Morrow Post", '"The quay is not for sale," Varga told reporters. The port authority '
                      "denied the report on Tuesday."),
             "echo": ("Elmport Echo", "The harbour master said the sale was off. Officials said 12 berths would close.")}
    story = [Article(id=key, source=f"{key}.txt", url=None, outlet=outlet, title=f"Quay sale: {outlet}", author=None,
                     published=f"2026-03-0{n + 2}", language="en", text=text)
             for n, (key, (outlet, text)) in enumerate(texts.items())]
    stored = {found.article.id: json.dumps(findings_record(found)) for found in parse_articles(story)}
    fresh = pipeline.dossiers_of(StoryTask([("s1", story)], {}, {}))
    from_store = pipeline.dossiers_of(StoryTask([("s1", story)], {}, {}, findings=stored))
    assert from_store == fresh
    assert fresh[0]["claims"] and any(claim["denials"] for claim in fresh[0]["claims"])
    broken = pipeline.dossiers_of(StoryTask([("s1", story)], {}, {}, findings={"post": "{not json"}))
    assert broken == fresh  # a record that cannot be read: that article is parsed afresh


def test_the_clusterer_loaded_in_the_background_is_the_one_clustering_uses():
    from storylens.enrich.embed import headline_embedder
    from storylens.pipeline import load_clusterer_in_background

    headline_embedder.cache_clear()
    load_clusterer_in_background().join()
    assert headline_embedder.cache_info().currsize == 1
    loaded = headline_embedder()
    assert headline_embedder.cache_info().hits >= 1 and loaded is headline_embedder()
