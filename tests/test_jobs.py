"""`jobs.analyze` over worker processes reads the same as in one process."""
from __future__ import annotations

from pathlib import Path

from storylens import jobs

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def test_worker_processes_write_the_same_stories_as_one_process(tmp_path, monkeypatch):
    monkeypatch.setattr(jobs, "PARALLEL_ARTICLES", 1)  # the demo corpus is far below the real threshold
    monkeypatch.setattr(jobs, "TASK_ARTICLES", 4)  # several tasks, so both workers get some
    alone, shared = tmp_path / "alone", tmp_path / "shared"
    timings: dict[str, float] = {}
    jobs.analyze([str(CORPUS)], alone, workers=1)
    jobs.analyze([str(CORPUS)], shared, workers=2, timings=timings)
    assert "claims+judge" in timings  # the workers did the work, not the fallback
    assert "claims" not in timings
    assert (shared / "stories.json").read_text(encoding="utf-8") == (alone / "stories.json").read_text(encoding="utf-8")


def test_stories_are_cut_into_tasks_biggest_first(monkeypatch):
    monkeypatch.setattr(jobs, "TASK_ARTICLES", 3)
    def article(n: int) -> jobs.Article:
        return jobs.Article(id=f"a{n}", source=f"a{n}.txt", url=None, outlet=None, title=f"Headline {n}",
                            author=None, published=None, language="en", text="x")

    stories = [("small", [article(1)]), ("big", [article(n) for n in range(2, 6)]), ("mid", [article(6), article(7)])]
    tasks = jobs.story_tasks(stories, {"a3": "a2", "a7": "a6"}, {"Headline 2": "vector", "Headline 9": "other"})
    assert [[story for story, _ in task.stories] for task in tasks] == [["big"], ["mid", "small"]]
    assert tasks[0].copies == {"a3": "a2"} and tasks[1].copies == {"a7": "a6"}
    assert tasks[0].vectors == {"Headline 2": "vector"} and tasks[1].vectors == {}
