"""`analyze --db` stores articles the way `ingest` does, and its report names them as the store does."""
from __future__ import annotations

import json

from storylens.commands import analyze, ingest
from storylens.commands.reports import RunReport
from storylens.commands.storing import store_articles
from storylens.model import Article
from storylens.store import get_document, open_store
from storylens.store.dossiers import get_dossier

KILN = "A pottery kiln caught fire overnight in Sedgemoor, and the fire crew kept it from the workshop, its chief said."
ORCHARD = "The council of Brantwick sold the old orchard to a growers' cooperative on Friday, its clerk said."
BRIDGE = "The footbridge over the Senn at Harlow will close for repairs in June, the county engineer said on Monday."


def records(path, rows) -> str:
    path.write_text("".join(json.dumps({"id": i, "title": t, "text": x}) + "\n" for i, t, x in rows), encoding="utf-8")
    return str(path)


def test_the_ids_in_stories_json_are_the_ids_in_the_store(tmp_path):
    db = f"sqlite:///{tmp_path / 'run.db'}"
    ingest([records(tmp_path / "first.jsonl", [("r1", "Kiln fire", KILN)])], db, workers=1)
    second = [("r1", "Orchard sold", ORCHARD),  # an id the store holds for another text
              ("r2", "Kiln fire again", KILN),  # a text the store holds under another id
              ("r3", "Footbridge to close", BRIDGE)]
    report, _ = analyze([records(tmp_path / "second.jsonl", second)], tmp_path / "out", db_url=db, workers=1)
    assert report.stored == 2 and report.duplicates == 0  # the kiln text is in the report, stored once
    text_of = {title: text for _, title, text in second}
    reported = json.loads((tmp_path / "out" / "stories.json").read_text(encoding="utf-8"))
    engine = open_store(db)
    ids = {}
    for dossier in reported:
        assert get_dossier(engine, dossier["id"])["articles"] == dossier["articles"]
        for entry in dossier["articles"]:
            ids[entry["title"]] = entry["id"]
            assert get_document(engine, entry["id"])["text"] == text_of[entry["title"]]
    engine.dispose()
    assert ids["Kiln fire again"] == "r1" and ids["Footbridge to close"] == "r3"
    assert ids["Orchard sold"].startswith("r1~")


def test_storing_never_changes_the_callers_articles(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'run.db'}")
    kiln = Article("r1", "a.txt", None, None, "Kiln", None, None, "en", KILN)
    orchard = Article("r1", "b.txt", None, None, "Orchard", None, None, "en", ORCHARD)
    assert store_articles(engine, [kiln], RunReport()) == {"r1": "r1"}
    ids = store_articles(engine, [orchard], RunReport())
    engine.dispose()
    assert orchard.id == "r1" and ids == {"r1": f"r1~{orchard.content_hash[:8]}"}


def test_analyze_stores_nothing_before_its_dossiers_are_made(tmp_path, monkeypatch):
    import importlib

    import pytest

    from storylens.store import count_documents

    analyze_module = importlib.import_module("storylens.commands.analyze")  # the module, not the function

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt  # the user stops the run while stories are being judged

    monkeypatch.setattr(analyze_module, "story_dossiers", interrupted)
    db = f"sqlite:///{tmp_path / 'run.db'}"
    with pytest.raises(KeyboardInterrupt):
        analyze([records(tmp_path / "in.jsonl", [("r3", "Footbridge to close", BRIDGE)])], tmp_path / "out", db_url=db)
    engine = open_store(db)
    assert count_documents(engine) == 0
    engine.dispose()


def test_duplicates_within_one_input_reach_on_duplicate_in_units_as_they_do_locally(tmp_path):
    from storylens.commands.analyze import analyze_in_units
    from storylens.engine.executors import InProcess

    path = records(tmp_path / "one.jsonl", [("k1", "Kiln fire", KILN), ("k2", "Kiln fire, again", KILN),
                                            ("o1", "Orchard sold", ORCHARD)])
    told = {"local": [], "units": []}
    local, _ = analyze([path], tmp_path / "local", workers=1,
                       on_duplicate=lambda article, holder: told["local"].append((article.source, holder)))
    units, _ = analyze_in_units([path], tmp_path / "units", InProcess(),
                                on_duplicate=lambda article, holder: told["units"].append((article.source, holder)))
    assert told["units"] == told["local"] and len(told["local"]) == 1  # the second kiln record, once
    assert (units.read, units.duplicates) == (local.read, local.duplicates) == (3, 1)


def test_analyze_with_a_db_joins_its_articles_to_the_stores_stories(tmp_path):
    from storylens.store.dossiers import story_rows
    from storylens.render.listing import StoryQuery
    from storylens.store.stories import story_of
    from storylens.store.story_members import stories_without_dossier

    db = f"sqlite:///{tmp_path / 'run.db'}"
    report, _ = analyze([records(tmp_path / "in.jsonl", [("k1", "Kiln fire", KILN), ("o1", "Orchard sold", ORCHARD)])],
                        tmp_path / "out", db_url=db, workers=1)
    reported = {d["id"]: {a["id"] for a in d["articles"]}
                for d in json.loads((tmp_path / "out" / "stories.json").read_text(encoding="utf-8"))}
    engine = open_store(db)
    assert {story_of(engine, "k1"), story_of(engine, "o1")} == set(reported)  # each document in its report story
    assert stories_without_dossier(engine) == set()
    later = ingest([records(tmp_path / "later.jsonl", [("b1", "Footbridge to close", BRIDGE)])], db, workers=1)
    assert (later.assigned, later.dossiers) == (1, 1)  # only the new story: the analyzed ones are the store's
    assert story_rows(engine, StoryQuery(), 10)[1] == 3
    engine.dispose()


def test_analyze_in_units_loads_the_clusterer_while_its_units_run(tmp_path, clusterer_watch):
    from storylens.commands.analyze import analyze_in_units
    from storylens.engine.executors import InProcess

    inputs = [records(tmp_path / "a.jsonl", [("k1", "Kiln fire", KILN)]),
              records(tmp_path / "b.jsonl", [("o1", "Orchard sold", ORCHARD)])]
    report, _ = analyze_in_units(inputs, tmp_path / "out", InProcess(), progress=clusterer_watch)
    assert clusterer_watch.loaded == [True, True] and clusterer_watch.loads() == 1
    assert report.read == 2


def test_analyze_loads_the_clusterer_while_it_reads_its_inputs(tmp_path, clusterer_watch):
    inputs = [records(tmp_path / "a.jsonl", [("k1", "Kiln fire", KILN)]),
              records(tmp_path / "b.jsonl", [("o1", "Orchard sold", ORCHARD)])]
    report, _ = analyze(inputs, tmp_path / "out", workers=1, progress=clusterer_watch)
    assert clusterer_watch.loaded == [True, True] and clusterer_watch.loads() == 1
    assert report.read == 2
