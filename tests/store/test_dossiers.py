import sqlite3

import pytest
from sqlalchemy import create_engine, inspect

from storylens.render.listing import StoryQuery
from storylens.store import open_store
from storylens.store.dossiers import article_texts, claim_story, get_article, get_dossier, search, story_rows, store_dossiers
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
def store(store_url):
    engine = open_store(store_url)
    store_dossiers(engine, [dossier("s1", "Vale Herald", "disputed", "2025-02-01", "ferry lease"),
                            dossier("s2", "Orchard Post", "corroborated", "2025-02-03", "bridge tender")],
                   {"s1-a": "The ferry lease was signed. More.", "s2-a": "The bridge tender was signed."})
    yield engine
    engine.dispose()


def test_dossiers_come_back_as_stored_under_the_callers_ids(store):
    assert get_dossier(store, "s1") == dossier("s1", "Vale Herald", "disputed", "2025-02-01", "ferry lease")
    assert get_article(store, "s1-a")["text"] == "The ferry lease was signed. More."
    assert claim_story(store, "s2-001") == "s2"
    assert get_dossier(store, "nope") is None and claim_story(store, "nope") is None
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


def test_undated_stories_come_last_both_ways_on_both_databases(store):
    undated = dossier("s0", "Fen Echo", "single_source", "2025-01-01", "lock gate")
    undated["articles"][0]["published"] = None
    store_dossiers(store, [undated], {})
    assert [r["id"] for r in story_rows(store, StoryQuery(sort="newest"), 10)[0]] == ["s2", "s1", "s0"]
    assert [r["id"] for r in story_rows(store, StoryQuery(sort="oldest"), 10)[0]] == ["s1", "s2", "s0"]


def test_storing_a_story_again_replaces_it_and_its_search_entries(store):
    store_dossiers(store, [dossier("s1", "Vale Herald", "denied", "2025-02-01", "canal permit")], {"s1-a": "Canal permit."})
    assert get_dossier(store, "s1")["claims"][0]["status"] == "denied"
    assert search(store, "ferry") == {"articles": [], "claims": [], "next": None}
    found = search(store, "canal")
    assert [a["id"] for a in found["articles"]] == ["s1-a"] and [c["id"] for c in found["claims"]] == ["s1-001"]


def test_search_takes_punctuation_as_words_and_pages(store):
    assert search(store, 'bridge" OR *')["articles"] == []
    assert search(store, "signed", page=1)["next"] is None and len(search(store, "signed")["claims"]) == 2


def test_search_pages_hold_every_match_once_best_first(store):
    from storylens.store.dossiers import SEARCH_PAGE

    many = [dossier(f"m{n:02d}", "Fen Echo", "single_source", "2025-03-01", "sluice gate") for n in range(SEARCH_PAGE + 5)]
    texts = {f"m{n:02d}-a": "The sluice gate." + (" Sluice gate sluice gate." if n == 7 else "") for n in range(len(many))}
    store_dossiers(store, many, texts)
    first, second = search(store, "sluice gate"), search(store, "sluice gate", page=2)
    assert len(first["articles"]) == SEARCH_PAGE and first["next"] == 2 and second["next"] is None
    assert first["articles"][0]["id"] == "m07-a"  # the article saying it most comes first
    found = [a["id"] for a in first["articles"] + second["articles"]]
    assert sorted(found) == sorted(texts) and len(set(found)) == len(found)
    assert set(first["articles"][0]) == {"id", "title", "outlet", "published", "story"}
    assert search(store, "sluice gate", page=3) == {"articles": [], "claims": [], "next": None}


# A version-2 store as storylens wrote it before migration 3 (the columns that matter here).
VERSION_2 = (
    "CREATE TABLE documents (id VARCHAR(64) PRIMARY KEY, content_hash VARCHAR(64) UNIQUE, source TEXT, title TEXT, "
    "text TEXT, story VARCHAR(64), published VARCHAR(40))",
    "CREATE TABLE stories (id VARCHAR(64) PRIMARY KEY, size INTEGER)",
    "CREATE TABLE dossier_articles (id VARCHAR(200) PRIMARY KEY, story VARCHAR(200) NOT NULL, source TEXT NOT NULL, "
    "url TEXT, outlet TEXT, title TEXT, author TEXT, published VARCHAR(40), language VARCHAR(8), text TEXT NOT NULL)",
    "CREATE TABLE schema_version (id INTEGER PRIMARY KEY, version INTEGER NOT NULL)",
    "INSERT INTO schema_version VALUES (1, 2)",
    "INSERT INTO dossier_articles VALUES ('kept', 's0', 'x.html', NULL, NULL, 'Kept title', NULL, NULL, 'en', 'Kept.')",
)


def test_a_version_2_store_is_migrated(store_url):
    engine = create_engine(store_url)
    with engine.begin() as conn:
        for statement in VERSION_2:
            conn.exec_driver_sql(statement)
    engine.dispose()
    engine = open_store(store_url)
    tables = set(inspect(engine).get_table_names())
    assert "stories" not in tables and {"dossiers", "dossier_claims", "cluster_state"} <= tables
    assert {"ingested_inputs", "input_records", "document_findings"} <= tables  # version 4
    assert "cluster_carried" in tables  # version 6
    with engine.connect() as conn:
        assert stored_version(conn) == SCHEMA_VERSION == 6
    assert get_article(engine, "kept")["title"] == "Kept title"  # rows survive the migration
    long_id = "a" * 250  # wider than version 2's VARCHAR(200), which PostgreSQL enforced
    store_dossiers(engine, [dossier(long_id, "Vale Herald", "disputed", "2025-02-01", "sluice gate")], {})
    assert get_dossier(engine, long_id)["id"] == long_id
    engine.dispose()


def test_a_version_4_stores_search_rows_are_remade_under_their_rows_rowids(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'v4.db'}")
    store_dossiers(engine, [dossier("s1", "Vale Herald", "disputed", "2025-02-01", "ferry lease"),
                            dossier("s2", "Orchard Post", "corroborated", "2025-02-03", "bridge tender")], {})
    with engine.begin() as conn:  # as version 4 wrote them: rowids of the FTS table's own
        for table in ("dossier_articles", "dossier_claims"):
            conn.exec_driver_sql(f"UPDATE {table}_fts SET rowid = rowid + 1000")
        conn.exec_driver_sql("UPDATE schema_version SET version = 4")
    engine.dispose()
    engine = open_store(f"sqlite:///{tmp_path / 'v4.db'}")
    store_dossiers(engine, [dossier("s1", "Vale Herald", "denied", "2025-02-01", "canal permit")], {})
    assert search(engine, "ferry") == {"articles": [], "claims": [], "next": None}  # no stale row left
    assert [a["id"] for a in search(engine, "canal")["articles"]] == ["s1-a"]
    assert [c["id"] for c in search(engine, "bridge")["claims"]] == ["s2-001"]
    engine.dispose()


def test_a_version_1_store_is_migrated(tmp_path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:  # a version-1 store: documents only, no version table
        conn.execute("CREATE TABLE documents (id TEXT PRIMARY KEY, content_hash TEXT, source TEXT, text TEXT)")
    engine = create_engine(f"sqlite:///{path}")
    create_schema(engine)
    assert {"dossiers", "dossier_articles", "schema_version"} <= set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        assert stored_version(conn) == SCHEMA_VERSION
    engine.dispose()


def test_a_store_from_a_newer_storylens_is_refused_with_one_line(store_url):
    open_store(store_url).dispose()
    engine = create_engine(store_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE schema_version SET version = 99")
    with pytest.raises(NewerSchema, match="schema version 99"):
        create_schema(engine)
    engine.dispose()
    with pytest.raises(NewerSchema) as refusal:
        open_store(store_url)
    assert str(refusal.value).startswith("the store at ") and "\n" not in str(refusal.value)
    assert f"knows up to {SCHEMA_VERSION}" in str(refusal.value)


def test_the_store_is_in_wal_mode(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'wal.db'}")
    with store.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    store.dispose()


KILN = "A pottery kiln caught fire overnight in Sedgemoor, and the fire crew kept it from the workshop, its chief said."


def test_analyze_with_a_db_stores_dossiers_under_the_stores_ids(tmp_path, store_url):
    import json

    from storylens import commands
    from storylens.store import get_document

    db = store_url
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(json.dumps({"id": "r1", "title": "Kiln fire in Sedgemoor", "text": KILN}) + "\n")
    second.write_text(json.dumps({"id": "r1", "title": "Orchard sale in Brantwick",
                                  "text": "The council sold the old orchard to a cooperative on Friday, its clerk said."}) + "\n")
    assert commands.ingest([str(first)], db).stored == 1
    report, _ = commands.analyze([str(second)], tmp_path / "out", db_url=db, workers=1)
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


def test_postgresql_search_is_answered_by_the_gin_indexes(postgres_url):
    from sqlalchemy import text

    engine = open_store(postgres_url)
    with engine.connect() as conn:
        conn.exec_driver_sql("SET enable_seqscan = off")  # an empty table is otherwise scanned, index or not
        for table in ("documents", "dossier_articles", "dossier_claims"):
            plan = conn.execute(text(f"EXPLAIN SELECT id FROM {table} WHERE search_vector @@ plainto_tsquery('simple', 'x')"))
            assert f"ix_{table}_search" in " ".join(row[0] for row in plan)
    engine.dispose()


def test_two_writers_storing_one_story_at_once_both_succeed(store_url):
    import datetime as dt
    import threading
    import time

    from storylens.store.dossiers import forget_story, write_story

    engine = open_store(store_url)
    first, second = (dossier("s9", "Vale Herald", status, "2025-02-01", "weir repair") for status in ("disputed", "denied"))
    holder = engine.connect()
    transaction = holder.begin()
    forget_story(holder, "s9")
    write_story(holder, first, {}, dt.datetime.now(dt.timezone.utc))  # not committed yet: the rows are locked
    failures = []

    def store_the_second():
        try:
            store_dossiers(engine, [second], {})
        except Exception as error:  # noqa: BLE001 (the test reports it)
            failures.append(error)

    writer = threading.Thread(target=store_the_second)
    writer.start()
    time.sleep(0.5)  # the second writer is waiting on the first's rows (PostgreSQL) or lock (SQLite)
    transaction.commit()
    holder.close()
    writer.join(20)
    assert failures == [] and get_dossier(engine, "s9")["claims"][0]["status"] == "denied"  # the later one holds
    engine.dispose()
