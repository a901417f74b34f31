"""What a command tells its caller: the counts of a run, and the callbacks for what happens
along the way (a skipped input, a duplicate, a story whose dossier failed)."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from storylens.model import Article, Problem, ProblemKind

OnProblem = Callable[[Problem], None]
OnDuplicate = Callable[[Article, str], None]  # the duplicate, and the id or source it repeats


@dataclass(slots=True)
class RunReport:
    read: int = 0  # articles cleaned, duplicates included
    skipped: int = 0  # inputs or records that gave no article
    duplicates: int = 0
    stored: int | None = None  # set by jobs that write to a store
    assigned: int | None = None  # documents given a story by ingest
    dossiers: int | None = None  # dossiers built (and stored, by ingest)
    failed: int = 0  # stories whose dossier could not be built (each reported as a Problem)

    @property
    def exit_code(self) -> int:
        """0 when every input gave an article and every story its dossier, else 1."""
        return 1 if self.skipped or self.failed else 0

    def as_dict(self) -> dict:
        counts = {"read": self.read, "skipped": self.skipped, "duplicates": self.duplicates}
        for name in ("stored", "assigned", "dossiers"):
            if getattr(self, name) is not None:
                counts[name] = getattr(self, name)
        if self.failed:
            counts["failed"] = self.failed
        return counts


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


def tally(
    items: Iterable[Article | Problem],
    report: RunReport,
    on_problem: OnProblem | None = None,
    on_duplicate: OnDuplicate | None = None,
) -> Iterator[Article]:
    """Count as the stream passes; yield only the articles, first copies and duplicates alike."""
    for item in items:
        if isinstance(item, Problem):
            skipped(report, on_problem, item)
            continue
        report.read += 1
        if item.duplicate_of:
            report.duplicates += 1
            if on_duplicate:
                on_duplicate(item, item.duplicate_of)
        yield item


def skipped(report: RunReport, on_problem: OnProblem | None, problem: Problem) -> None:
    """An input or record that gave no article: counted, then passed on."""
    report.skipped += 1
    if on_problem:
        on_problem(problem)


def story_failures(report: RunReport, on_problem: OnProblem | None) -> OnProblem:
    """The callback for stories whose dossier failed: counted in `report.failed`, then passed on."""
    def failed(problem: Problem) -> None:
        report.failed += 1
        if on_problem:
            on_problem(problem)
    return failed


def first_of_each_id(articles: Iterable[Article], report: RunReport, on_problem: OnProblem | None) -> list[Article]:
    """Two records may name the same id (JSON Lines written by hand); the first keeps it and
    the later one is skipped with a problem, as `storylens cluster` does."""
    kept: dict[str, Article] = {}
    for article in articles:
        first = kept.setdefault(article.id, article)
        if first is not article:
            report.read -= 1
            skipped(report, on_problem, Problem(article.source, ProblemKind.DUPLICATE_ID,
                                                f"id {article.id!r} already used by {first.source}"))
    return list(kept.values())
