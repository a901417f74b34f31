"""`ingest` builds the dossiers of the stories a run changed and stores them under the store's
story ids; a later run rebuilds only the story it adds to."""
from __future__ import annotations

import json

from storylens.commands import ingest
from storylens.store import open_store
from storylens.store.dossiers import dossier_stamp, get_dossier
from storylens.store.stories import story_of

FERRY = [
    ("f1", "2025-04-02", "Ferry fares to rise on the Orlund crossing",
     "The Orlund Ferry Company will raise fares on the Orlund crossing by a fifth from June, its director Tomas Reyne said on Tuesday."),
    ("f2", "2025-04-03", "Orlund ferry fare rise draws protest",
     "Islanders protested on Wednesday against the Orlund Ferry Company's plan to raise fares on the Orlund crossing by a fifth from June."),
    ("f3", "2025-04-05", "Orlund ferry company defends fare rise",
     "The Orlund Ferry Company defended its fare rise on the Orlund crossing, saying fuel costs had doubled, director Tomas Reyne said."),
]
LIBRARY = [
    ("l1", "2025-04-02", "Brantwick library to open on Sundays",
     "The Brantwick public library will open on Sundays from May, the town's librarian Inge Valk said, after a petition signed by 900 readers."),
]


def write_records(path, records) -> str:
    path.write_text("".join(json.dumps({"id": i, "published": day, "title": title, "outlet": "Orlund Post", "text": text}) + "\n"
                            for i, day, title, text in records), encoding="utf-8")
    return str(path)


def test_a_second_ingest_rebuilds_the_dossier_of_the_story_it_adds_to_and_no_other(tmp_path):
    db = f"sqlite:///{tmp_path / 'news.db'}"
    first = ingest([write_records(tmp_path / "first.jsonl", FERRY[:2] + LIBRARY)], db, workers=1)
    assert (first.stored, first.assigned, first.dossiers) == (3, 3, 2)
    engine = open_store(db)
    ferry, library = story_of(engine, "f1"), story_of(engine, "l1")
    assert ferry == story_of(engine, "f2") != library
    stamps = {story: dossier_stamp(engine, story) for story in (ferry, library)}
    assert [a["id"] for a in get_dossier(engine, ferry)["articles"]] == ["f1", "f2"]  # the store's story id is the dossier's

    second = ingest([write_records(tmp_path / "second.jsonl", FERRY[2:])], db, workers=1)
    assert (second.stored, second.assigned, second.dossiers) == (1, 1, 1)
    assert story_of(engine, "f3") == ferry
    assert [a["id"] for a in get_dossier(engine, ferry)["articles"]] == ["f1", "f2", "f3"]
    assert dossier_stamp(engine, ferry) != stamps[ferry]  # rebuilt
    assert dossier_stamp(engine, library) == stamps[library]  # untouched
    engine.dispose()


def test_ingest_builds_the_dossiers_a_store_filled_before_it_lacks(tmp_path):
    from storylens.pipeline import assign_stored_stories
    from storylens.store import insert_articles
    from storylens.store.dossiers import story_rows
    from storylens.render.listing import StoryQuery
    from storylens.model import Article

    db = f"sqlite:///{tmp_path / 'old.db'}"
    engine = open_store(db)
    insert_articles(engine, [Article(i, f"{i}.txt", None, "Orlund Post", title, None, day, "en", text)
                             for i, day, title, text in FERRY[:2]])
    assert assign_stored_stories(engine) == 2  # as an ingest of before dossiers were stored
    assert story_rows(engine, StoryQuery(), 10)[1] == 0
    report = ingest([write_records(tmp_path / "more.jsonl", LIBRARY)], db, workers=1)
    assert report.dossiers == 2
    assert sorted(row["title"] for row in story_rows(engine, StoryQuery(), 10)[0]) == [
        "Brantwick library to open on Sundays", "Ferry fares to rise on the Orlund crossing"]
    engine.dispose()


def test_the_dossier_of_a_story_absorbed_by_another_is_dropped(tmp_path):
    from storylens.pipeline import StoryChanges, stored_story_dossiers
    from storylens.store.dossiers import store_dossiers

    engine = open_store(f"sqlite:///{tmp_path / 'news.db'}")
    merged_away = {"id": "s-old", "title": "Old", "summary": "", "articles": [], "claims": [], "quotes": [],
                   "numbers": [], "timeline": [], "provenance": {"nodes": [], "edges": []}}
    store_dossiers(engine, [merged_away], {})
    assert get_dossier(engine, "s-old") is not None
    assert stored_story_dossiers(engine, StoryChanges(absorbed={"s-old"}), workers=1) == 0
    assert get_dossier(engine, "s-old") is None
    engine.dispose()


def test_serve_shows_an_ingested_corpus(tmp_path):
    from fastapi.testclient import TestClient

    from storylens.web import create_app

    db = f"sqlite:///{tmp_path / 'news.db'}"
    ingest([write_records(tmp_path / "in.jsonl", FERRY + LIBRARY)], db, workers=1)
    engine = open_store(db)
    with TestClient(create_app(engine)) as client:
        listed = client.get("/api/stories").json()
        ferry = story_of(engine, "f1")
        page = client.get(f"/stories/{ferry}")
        article = client.get("/api/articles/f3").json()
    library = story_of(engine, "l1")
    engine.dispose()
    assert sorted(row["id"] for row in listed["stories"]) == sorted({ferry, library})
    assert page.status_code == 200 and "Ferry fares to rise on the Orlund crossing" in page.text
    assert "fuel costs had doubled" in article["text"]


def test_a_resumable_ingest_tells_on_duplicate_of_a_copy_within_one_input_as_ingest_does(tmp_path):
    from storylens.commands.resumable import ingest_resumably
    from storylens.engine.executors import InProcess

    copy = [("f9", "2025-04-06", "Ferry fares to rise (copy)", FERRY[0][3])]  # f1's text again, in the same file
    path = write_records(tmp_path / "in.jsonl", FERRY[:1] + copy)
    told = {"ingest": [], "resumable": []}
    local = ingest([path], f"sqlite:///{tmp_path / 'a.db'}", workers=1,
                   on_duplicate=lambda article, holder: told["ingest"].append((article.source, holder)))
    resumed = ingest_resumably([path], f"sqlite:///{tmp_path / 'b.db'}", InProcess(),
                               on_duplicate=lambda article, holder: told["resumable"].append((article.source, holder)))
    assert told["resumable"] == told["ingest"] and len(told["ingest"]) == 1
    assert (resumed.read, resumed.duplicates, resumed.stored) == (local.read, local.duplicates, local.stored) == (2, 1, 1)


def test_a_story_whose_dossier_fails_loses_its_stale_dossier_and_the_next_run_builds_it(tmp_path, monkeypatch):
    import importlib

    pipeline = importlib.import_module("storylens.pipeline")
    db = f"sqlite:///{tmp_path / 'news.db'}"
    ingest([write_records(tmp_path / "first.jsonl", FERRY[:2] + LIBRARY)], db, workers=1)
    engine = open_store(db)
    ferry, library = story_of(engine, "f1"), story_of(engine, "l1")
    library_stamp = dossier_stamp(engine, library)
    built = pipeline.dossiers_of

    def failing_on_f3(task, **kwargs):
        if any(article.id == "f3" for _, members in task.stories for article in members):
            raise ValueError("a page the judge cannot read")
        return built(task, **kwargs)

    monkeypatch.setattr(pipeline, "dossiers_of", failing_on_f3)
    problems = []
    second = ingest([write_records(tmp_path / "second.jsonl", FERRY[2:])], db, workers=1, on_problem=problems.append)
    assert (second.stored, second.failed, second.exit_code) == (1, 1, 1)
    assert [(p.source, p.detail) for p in problems] == [(ferry, "ValueError: a page the judge cannot read")]
    assert get_dossier(engine, ferry) is None  # not the old one, which lacks f3 and would not say so
    assert dossier_stamp(engine, library) == library_stamp
    monkeypatch.setattr(pipeline, "dossiers_of", built)
    third = ingest([write_records(tmp_path / "none.jsonl", [])], db, workers=1)
    assert (third.stored, third.dossiers, third.failed) == (0, 1, 0)
    assert [a["id"] for a in get_dossier(engine, ferry)["articles"]] == ["f1", "f2", "f3"]
    engine.dispose()


def test_ingest_loads_the_clusterer_while_it_reads_its_inputs(tmp_path, clusterer_watch):
    inputs = [write_records(tmp_path / "first.jsonl", FERRY[:2]), write_records(tmp_path / "second.jsonl", LIBRARY)]
    report = ingest(inputs, f"sqlite:///{tmp_path / 'news.db'}", workers=1, progress=clusterer_watch)
    assert clusterer_watch.loaded == [True, True] and clusterer_watch.loads() == 1
    assert report.assigned == 3


def test_a_resumable_ingest_loads_the_clusterer_while_its_units_run(tmp_path, clusterer_watch):
    from storylens.commands.resumable import ingest_resumably
    from storylens.engine.executors import InProcess

    inputs = [write_records(tmp_path / "first.jsonl", FERRY[:2]), write_records(tmp_path / "second.jsonl", LIBRARY)]
    report = ingest_resumably(inputs, f"sqlite:///{tmp_path / 'news.db'}", InProcess(), progress=clusterer_watch)
    assert clusterer_watch.loaded == [True, True] and clusterer_watch.loads() == 1
    assert report.assigned == 3


def test_ingest_reads_judges_and_stores_the_changed_stories_a_batch_at_a_time_with_the_same_dossiers(
        tmp_path, monkeypatch):
    import importlib

    from storylens.store import story_members as members_module

    pipeline = importlib.import_module("storylens.pipeline")
    monkeypatch.setattr(pipeline, "TASK_ARTICLES", 1)  # a task per story, in both runs
    path = write_records(tmp_path / "in.jsonl", FERRY + LIBRARY)
    whole = ingest([path], f"sqlite:///{tmp_path / 'whole.db'}", workers=1)
    read_members = members_module.story_members
    batches = []

    def story_members(engine, story_ids):
        batches.append(list(story_ids))
        return read_members(engine, story_ids)

    monkeypatch.setattr(members_module, "story_members", story_members)
    monkeypatch.setattr(pipeline, "DOSSIER_ARTICLES", 2)  # the ferry story's 3 articles fill a batch alone
    batched = ingest([path], f"sqlite:///{tmp_path / 'batched.db'}", workers=1)
    engines = [open_store(f"sqlite:///{tmp_path / name}") for name in ("whole.db", "batched.db")]
    ferry, library = story_of(engines[1], "f1"), story_of(engines[1], "l1")
    assert batches == [[ferry], [library]]  # the biggest story first, as the tasks are cut
    assert whole.dossiers == batched.dossiers == 2
    for story in (ferry, library):
        assert get_dossier(engines[0], story) == get_dossier(engines[1], story)
    for engine in engines:
        engine.dispose()
