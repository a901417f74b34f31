"""Ingest on a real Dask LocalCluster (worker processes): the same store as the local ingest, and
nothing lost or doubled when a worker dies on an input, a worker is killed, or the client is."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from storylens import commands
from storylens.cli import main
from storylens.render.listing import StoryQuery
from storylens.store.dossiers import get_dossier, story_rows
from storylens.engine.dask import DaskExecutor
from storylens.commands.resumable import ingest_resumably
from storylens.engine.units import ingest_unit
from storylens.model import ProblemKind
from storylens.store import open_store
from storylens.store.inputs import document_findings, ingested_inputs, input_records
from storylens.store.schema import documents
from tests.conftest import news_page
from tests.read.conftest import gzip_members, http_response, warc_record

ROOT = Path(__file__).resolve().parents[2]
STORIES = [
    ("Harbour lease", "The harbour authority of Port Wendell signed a lease for the eastern terminal, {who} said."),
    ("Bridge closure", "The Alder Street bridge in Tamsford will close for repairs until the spring, {who} said."),
]
SPEAKERS = ["two officials", "the mayor, Lena Voss", "a council spokesperson", "people briefed on the plan"]


def page(number: int) -> str:
    """An article of one of two stories, each page in its own words."""
    title, lead = STORIES[number % 2]
    who = SPEAKERS[number % len(SPEAKERS)]
    paragraphs = [lead.format(who=who), f"It is the {number + 1}th report this week, according to the Courier.",
                  f"Resident {number} said the {title.lower()} had been decided without a public vote on the matter."]
    return news_page(title=f"{title}: update {number}", paragraphs=paragraphs, site=f"Outlet {number % 3}",
                     published=f"2025-03-{number % 9 + 1:02d}T09:00:00Z")


def corpus(folder: Path, pages: int = 6) -> Path:
    """`pages` HTML files, a WARC of three more pages, one exact copy and one file with no article."""
    folder.mkdir()
    for number in range(pages):
        (folder / f"p{number:02d}.html").write_text(page(number), encoding="utf-8")
    (folder / "p99-copy.html").write_text(page(0), encoding="utf-8")
    (folder / "q-empty.html").write_text("<html><body></body></html>", encoding="utf-8")
    records = [warc_record("response", f"<urn:uuid:{n:08d}-0000-0000-0000-000000000000>",
                           uri=f"https://www.outlet{n}.example/story/{n}",
                           block=http_response(page(100 + n).encode("utf-8"))) for n in range(3)]
    (folder / "crawl.warc.gz").write_bytes(gzip_members(records))
    return folder


def stored(db_url: str) -> list[dict]:
    engine = open_store(db_url)
    with engine.connect() as conn:
        rows = [dict(row) for row in conn.execute(select(documents).order_by(documents.c.id)).mappings()]
    engine.dispose()
    return rows


def table(db_url: str, which) -> list:
    engine = open_store(db_url)
    with engine.connect() as conn:
        rows = list(conn.execute(select(which)))
    engine.dispose()
    return rows


def stories_of(rows: list[dict]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for row in rows:
        groups.setdefault(row["story"], set()).add(row["id"])
    return {frozenset(group) for group in groups.values()}


def test_dask_stores_the_same_documents_as_the_local_ingest(tmp_path, dask_client):
    folder = corpus(tmp_path / "corpus")
    local, dask = f"sqlite:///{tmp_path / 'local.db'}", f"sqlite:///{tmp_path / 'dask.db'}"
    expected = commands.ingest([str(folder)], local, workers=1)
    problems = []
    report = ingest_resumably([str(folder)], dask, DaskExecutor(dask_client), on_problem=problems.append, batch_files=3)
    assert (report.read, report.skipped, report.duplicates, report.stored, report.assigned) == (
        expected.read, expected.skipped, expected.duplicates, expected.stored, expected.assigned) == (10, 1, 1, 9, 9)
    assert [problem.source for problem in problems] == [str(folder / "q-empty.html")]
    assert report.inputs_done == 9 and report.inputs_failed == 0  # 8 pages (one gave no article) and the WARC
    ours, theirs = stored(dask), stored(local)
    columns = ["id", "source", "url", "outlet", "title", "author", "published", "language", "text", "content_hash",
               "copy_of"]
    assert [[row[c] for c in columns] for row in ours] == [[row[c] for c in columns] for row in theirs]
    assert stories_of(ours) == stories_of(theirs) and len(stories_of(ours)) == 2
    findings = {row.document for row in table(dask, document_findings)}
    assert findings == {row["id"] for row in ours}
    assert report.dossiers == expected.dossiers == 2  # built on the workers, as a second stage
    assert dossiers_by_members(dask) == dossiers_by_members(local)  # the reading does not change with the engine
    again = ingest_resumably([str(folder)], dask, DaskExecutor(dask_client))
    assert (again.inputs_already_done, again.inputs_done, again.read, again.stored) == (9, 0, 0, 0)


def dossiers_by_members(db_url: str) -> dict[frozenset[str], dict]:
    """Each stored dossier under its articles' ids, without its own id (a story's id is the store's)."""
    engine = open_store(db_url)
    rows, _, _ = story_rows(engine, StoryQuery(), 50)
    found = {}
    for row in rows:
        dossier = get_dossier(engine, row["id"])
        found[frozenset(article["id"] for article in dossier["articles"])] = dossier | {"id": None}
    engine.dispose()
    return found


def test_the_cli_ingests_on_a_running_cluster_and_a_rerun_skips_what_is_done(tmp_path, dask_client, capsys):
    folder = corpus(tmp_path / "corpus")
    argv = ["ingest", str(folder), "--db", f"sqlite:///{tmp_path / 'cli.db'}", "--engine", "dask",
            "--scheduler", dask_client.scheduler.address, "--quiet"]
    assert main(argv) == 1  # q-empty.html gives no article
    first = json.loads(capsys.readouterr().out)
    assert (first["stored"], first["dossiers"], first["inputs"]) == (9, 2, {"done": 9, "already_done": 0, "failed": 0})
    assert main(argv) == 0  # everything was done by the first run, q-empty.html included
    again = json.loads(capsys.readouterr().out)
    assert (again["stored"], again["dossiers"], again["inputs"]["already_done"]) == (0, 0, 9)


def raising_on_poison(unit):
    if any("poison" in key for key, _ in unit.inputs):
        raise ValueError("a hostile page tripped the parser")
    return ingest_unit(unit)


def test_an_exception_fails_its_input_alone_and_the_run_goes_on(tmp_path, dask_client):
    folder = corpus(tmp_path / "corpus", pages=4)
    (folder / "p02-poison.html").write_text(page(40), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'store.db'}"
    problems, with_story = [], []

    def progress(state) -> None:  # how many documents have a story while the run is going on
        if state.files_done:
            with_story.append(sum(1 for row in stored(db) if row["story"]))

    # Batches of three: the batch that holds the poison fails, and its inputs are tried one by one.
    report = ingest_resumably([str(folder)], db, DaskExecutor(dask_client), unit=raising_on_poison, batch_files=3,
                              on_problem=problems.append, cluster_every=2, progress=progress)
    poison = str(folder / "p02-poison.html")
    assert [(p.source, p.kind, p.detail) for p in problems if p.source == poison] == [
        (poison, ProblemKind.FAILED, "ValueError: a hostile page tripped the parser")]
    assert report.inputs_failed == 1 and report.stored == 7
    assert report.assigned == 7 and all(row["story"] for row in stored(db))
    assert any(with_story)  # stories were assigned as documents came, not only at the end
    marks = {row.input: (row.status, row.reason) for row in table(db, ingested_inputs)}
    assert marks[poison] == ("failed", "processing failed: ValueError: a hostile page tripped the parser")
    assert sum(status == "done" for status, _ in marks.values()) == 7


def slow_unit(unit):
    time.sleep(0.2)  # long enough that a kill lands while units are in flight
    return ingest_unit(unit)


def test_a_worker_killed_mid_run_loses_nothing_and_doubles_nothing(tmp_path, dask_client):
    folder = corpus(tmp_path / "corpus", pages=4)
    db = f"sqlite:///{tmp_path / 'store.db'}"
    victim = next(iter(dask_client.run(os.getpid).values()))
    report = ingest_resumably([str(folder)], db, DaskExecutor(dask_client), unit=slow_unit, batch_files=1,
                              progress=_once(lambda: os.kill(victim, signal.SIGKILL)))
    assert victim not in dask_client.run(os.getpid).values()  # the worker did die (and its nanny started another)
    assert report.inputs_failed == 0 and report.inputs_done == 7 and report.stored == 7
    rows = stored(db)
    assert len(rows) == 7 and len(table(db, input_records)) == 8  # the copy points at its original


def _once(action):
    done = []

    def progress(state) -> None:
        if state.files_done >= 1 and not done:
            done.append(True)
            action()

    return progress


CLIENT_RUN = """
import sys
from storylens.engine.dask import open_dask
from storylens.commands.resumable import ingest_resumably
from tests.engine.test_dask import slow_unit

def progress(state):
    print(state.files_done, flush=True)

with open_dask(scheduler=sys.argv[1], window=2) as executor:  # as `--scheduler ADDRESS` joins it
    ingest_resumably([sys.argv[2]], sys.argv[3], executor, unit=slow_unit, batch_files=1, progress=progress)
print("finished", flush=True)
"""


def test_a_client_killed_mid_run_is_resumed_with_only_what_is_missing(tmp_path, dask_client):
    folder = corpus(tmp_path / "corpus", pages=6)
    db = f"sqlite:///{tmp_path / 'store.db'}"
    driver = subprocess.Popen([sys.executable, "-c", CLIENT_RUN, dask_client.scheduler.address, str(folder), db],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        for line in driver.stdout:
            if line.strip().isdigit() and int(line) >= 3:
                break
        driver.send_signal(signal.SIGKILL)
    finally:
        driver.wait(30)
    assert driver.returncode == -signal.SIGKILL
    marks = table(db, ingested_inputs)
    records = table(db, input_records)
    assert 3 <= len(marks) < 9
    assert {row.input for row in marks} <= {row.input for row in records} | {str(folder / "q-empty.html")}
    report = ingest_resumably([str(folder)], db, DaskExecutor(dask_client))
    assert report.inputs_already_done == len(marks) and report.inputs_done == 9 - len(marks)
    rows = stored(db)
    assert len(rows) == len({row["content_hash"] for row in rows}) == 9
    assert len(table(db, input_records)) == 10 and len(table(db, ingested_inputs)) == 9
    assert all(row["story"] for row in rows)


def unstorable_poison(unit):
    output = ingest_unit(unit)
    for finished in output.finished:
        if "poison" in finished.input:
            finished.records[0].article.text = None  # a text the store refuses (documents.text is NOT NULL)
    return output


def test_an_input_the_store_refuses_is_marked_failed_and_the_rest_of_its_batch_is_stored(tmp_path, dask_client):
    folder = corpus(tmp_path / "corpus", pages=4)
    (folder / "p02-poison.html").write_text(page(42), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'store.db'}"
    problems = []
    report = ingest_resumably([str(folder)], db, DaskExecutor(dask_client), unit=unstorable_poison, batch_files=4,
                              on_problem=problems.append)
    poison = str(folder / "p02-poison.html")
    (refused,) = [p for p in problems if p.source == poison]
    assert refused.kind == ProblemKind.FAILED and refused.detail.startswith("not stored: IntegrityError: NOT NULL")
    assert report.inputs_failed == 1 and report.inputs_done == 7 and report.stored == 7 and len(stored(db)) == 7
    assert {row.input: row.status for row in table(db, ingested_inputs)}[poison] == "failed"


def test_analyze_on_dask_writes_the_same_stories_as_the_local_engine(tmp_path, dask_client, capsys):
    from storylens.commands.analyze import analyze_in_units

    folder = corpus(tmp_path / "corpus")
    local_report, local_index = commands.analyze([str(folder)], tmp_path / "local", workers=1)
    problems = []
    report, index = analyze_in_units([str(folder)], tmp_path / "dask", DaskExecutor(dask_client),
                                     on_problem=problems.append)
    expected = (tmp_path / "local" / "stories.json").read_text(encoding="utf-8")
    assert (tmp_path / "dask" / "stories.json").read_text(encoding="utf-8") == expected
    assert len(json.loads(expected)) == 2
    assert (report.read, report.skipped, report.duplicates) == (local_report.read, local_report.skipped,
                                                               local_report.duplicates) == (10, 1, 1)
    assert [problem.source for problem in problems] == [str(folder / "q-empty.html")]
    argv = ["analyze", str(folder), "--out", str(tmp_path / "cli"), "--engine", "dask",
            "--scheduler", dask_client.scheduler.address, "--quiet"]
    assert main(argv) == 1  # q-empty.html gives no article
    assert (tmp_path / "cli" / "stories.json").read_text(encoding="utf-8") == expected


@pytest.mark.parametrize("argv, told", [
    (["analyze", "x", "--scheduler", "tcp://127.0.0.1:8786"], "needs --engine dask"),
    (["analyze", "x", "--engine", "dask", "--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"], "not both"),
    (["analyze", "-", "--engine", "dask"], "stdin"),
])
def test_analyze_engine_options_that_do_not_go_together_exit_with_2(argv, told, capsys):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2 and told in capsys.readouterr().err


def dying_on_poison(unit):
    if any("poison" in key for key, _ in unit.inputs):
        os._exit(3)  # as a native crash or the kernel's OOM killer would end the worker
    return ingest_unit(unit)


def test_an_input_that_kills_its_workers_is_marked_failed_and_the_others_are_stored_once(tmp_path, dask_client):
    folder = corpus(tmp_path / "corpus", pages=4)
    (folder / "p01-poison.html").write_text(page(41), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'store.db'}"
    # One death, not the default four: a worker's restart (spawn, imports, spaCy) takes 5-15 s here.
    # Last in this file, so no later test here waits for the restarted worker, and the session's
    # other tests give it time to come up before the cluster closes (closing waits for a start).
    forgiven = dask_client.run_on_scheduler(_allow_failures, 0)
    try:
        problems = []
        report = ingest_resumably([str(folder)], db, DaskExecutor(dask_client, window=2), unit=dying_on_poison,
                                  batch_files=1, on_problem=problems.append)
    finally:
        dask_client.run_on_scheduler(_allow_failures, forgiven)
    poison = str(folder / "p01-poison.html")
    assert [(p.kind, p.detail) for p in problems if p.source == poison] == [
        (ProblemKind.WORKER_DIED, "worker died 1 time on this input")]
    assert report.inputs_failed == 1 and report.stored == 7
    rows = stored(db)
    assert len(rows) == len({row["content_hash"] for row in rows}) == 7
    assert sorted(row.record for row in table(db, input_records)) == sorted(
        [str(folder / name) for name in ("p00.html", "p01.html", "p02.html", "p03.html", "p99-copy.html")]
        + [row["source"] for row in rows if "#" in row["source"]])
    marks = {row.input: (row.status, row.reason) for row in table(db, ingested_inputs)}
    assert marks[poison] == ("failed", "worker died: worker died 1 time on this input")


def _allow_failures(count: int, dask_scheduler=None) -> int:
    before = dask_scheduler.allowed_failures
    dask_scheduler.allowed_failures = count
    return before

