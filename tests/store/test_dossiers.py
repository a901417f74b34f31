import sqlite3

import pytest
from sqlalchemy import create_engine, inspect

from storylens.render.listing import StoryQuery
from storylens.store import open_store
from storylens.store.dossiers import article_texts, get_article, get_claim, get_dossier, search, story_rows, store_dossiers
from storylens.store.schema import SCHEMA_VERSION, NewerSchema, create_schema, stored_version


def dossier(story_id: str, outlet: str, status: str, published: str, words: str) -> dict:
    article = {"id": f"{story_id}-a", "source": "x.html", "outlet": outlet, "url": None, "title": f"{words} headline",
               "published": published, "language": "en", "author": None}
    claim = {"id": f"{story_id}-001", "text": f"The {words} was signed.", "status": status, "independent_origins": 1,
             "origins": [outlet], "outlets": [outlet], "denials": [],
             "mentions": [{"article": article["id"], "sentence": f"The {words} was signed.", "start": 0, "end": 20,
                           "stance": "asserts", "attributed_to": [], "hedged": False}]}
    return {"id": story_id, "title": f"{words} story", "summary": "", "articles": [article], "claims": [claim],
            "quotes": [], "numbers": [], "timeline": [], "provenance": {"nodes": [], "edges": []}}


@pytest.fixture
def store(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'views.db'}")
    store_dossiers(engine, [dossier("s1", "Vale Herald", "disputed", "2025-02-01", "ferry lease"),
                            dossier("s2", "Orchard Post", "corroborated", "2025-02-03", "bridge tender")],
                   {"s1-a": "The ferry lease was signed. More.", "s2-a": "The bridge tender was signed."})
    yield engine
    engine.dispose()


def test_dossiers_come_back_as_stored_under_the_callers_ids(store):
    assert get_dossier(store, "s1") == dossier("s1", "Vale Herald", "disputed", "2025-02-01", "ferry lease")
    assert get_article(store, "s1-a")["text"] == "The ferry lease was signed. More."
    assert get_claim(store, "s2-001")[1]["status"] == "corroborated"
    assert get_dossier(store, "nope") is None and get_claim(store, "nope") is None
    assert article_texts(store, ["s2-a"]) == {"s2-a": "The bridge tender was signed."}


def test_the_story_list_filters_sorts_and_pages_in_sql(store):
    rows, total, outlets = story_rows(store, StoryQuery(), 10)
    assert [r["id"] for r in rows] == ["s2", "s1"] and total == 2 and outlets == ["Orchard Post", "Vale Herald"]
    assert [r["id"] for r in story_rows(store, StoryQuery(sort="oldest"), 10)[0]] == ["s1", "s2"]
    assert [r["id"] for r in story_rows(store, StoryQuery(status="disputed"), 10)[0]] == ["s1"]
    assert [r["id"] for r in story_rows(store, StoryQuery(outlet="Orchard Post"), 10)[0]] == ["s2"]
    assert [r["id"] for r in story_rows(store, StoryQuery(q="FERRY"), 10)[0]] == ["s1"]
    assert story_rows(store, StoryQuery(q="100%_"), 10)[1] == 0
    rows, total, _ = story_rows(store, StoryQuery(page=2), 1)
    assert [r["id"] for r in rows] == ["s1"] and total == 2


def test_storing_a_story_again_replaces_it_and_its_search_entries(store):
    store_dossiers(store, [dossier("s1", "Vale Herald", "denied", "2025-02-01", "canal permit")], {"s1-a": "Canal permit."})
    assert get_dossier(store, "s1")["claims"][0]["status"] == "denied"
    assert search(store, "ferry") == {"articles": [], "claims": [], "next": None}
    found = search(store, "canal")
    assert [a["id"] for a in found["articles"]] == ["s1-a"] and [c["id"] for c in found["claims"]] == ["s1-001"]


def test_search_takes_punctuation_as_words_and_pages(store):
    assert search(store, 'bridge" OR *')["articles"] == []
    assert search(store, "signed", page=1)["next"] is None and len(search(store, "signed")["claims"]) == 2


def test_an_old_store_is_migrated_and_a_newer_one_refused(tmp_path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:  # a version-1 store: documents only, no version table
        conn.execute("CREATE TABLE documents (id TEXT PRIMARY KEY, content_hash TEXT, source TEXT, text TEXT)")
    engine = create_engine(f"sqlite:///{path}")
    create_schema(engine)
    assert {"dossiers", "dossier_articles", "schema_version"} <= set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        assert stored_version(conn) == SCHEMA_VERSION
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE schema_version SET version = 99")
    with pytest.raises(NewerSchema, match="schema version 99"):
        create_schema(engine)
    engine.dispose()


def test_the_store_is_in_wal_mode(store):
    with store.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


KILN = "A pottery kiln caught fire overnight in Sedgemoor, and the fire crew kept it from the workshop, its chief said."


def test_analyze_with_a_db_stores_dossiers_under_the_stores_ids(tmp_path):
    import json

    from storylens import jobs
    from storylens.store import get_document

    db = f"sqlite:///{tmp_path / 'run.db'}"
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(json.dumps({"id": "r1", "title": "Kiln fire in Sedgemoor", "text": KILN}) + "\n")
    second.write_text(json.dumps({"id": "r1", "title": "Orchard sale in Brantwick",
                                  "text": "The council sold the old orchard to a cooperative on Friday, its clerk said."}) + "\n")
    assert jobs.ingest([str(first)], db).stored == 1
    report, _ = jobs.analyze([str(second)], tmp_path / "out", db_url=db, workers=1)
    assert report.stored == 1
    reported = json.loads((tmp_path / "out" / "stories.json").read_text(encoding="utf-8"))
    [orchard_id] = [a["id"] for a in reported[0]["articles"]]
    assert orchard_id.startswith("r1~")  # "r1" holds the kiln text: the report names the article as the store does
    engine = open_store(db)
    rows, total, _ = story_rows(engine, StoryQuery(), 10)
    assert total == 2  # ingest's kiln story and analyze's orchard story
    stored = get_dossier(engine, reported[0]["id"])
    assert [a["id"] for a in stored["articles"]] == [orchard_id]
    assert get_article(engine, orchard_id)["text"].startswith("The council sold the old orchard")
    assert get_document(engine, orchard_id)["text"].startswith("The council sold the old orchard")
    assert get_document(engine, "r1")["text"] == KILN  # the ingested text is untouched
    engine.dispose()
