"""The resumable ingest's tables: an input is done only with its rows, and a retry doubles nothing."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from storylens.model import Article
from storylens.store import open_store
from storylens.store.documents import search_documents
from storylens.store.inputs import (
    DONE, FAILED, FinishedInput, StoredRecord, document_findings, finished_inputs, findings_texts,
    ingested_inputs, mark_failed, records_of, store_inputs,
)
from storylens.store.schema import documents


@pytest.fixture
def engine(store_url):
    engine = open_store(store_url)
    yield engine
    engine.dispose()


def article(source: str, text: str) -> Article:
    return Article(id=f"id-{source}", source=source, url=None, outlet="The Fenwick Ledger", title=f"About {source}",
                   author=None, published="2025-05-01", language="en", text=text)


def finished(name: str, texts: list[str], fingerprint: str = "10:1") -> FinishedInput:
    records = [StoredRecord(f"{name}#{n}", article(f"{name}#{n}", text), {"wire": None, "n": n})
               for n, text in enumerate(texts)]
    return FinishedInput(name, fingerprint, records, len(texts))


def count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_an_input_is_stored_with_its_records_findings_and_done_mark(engine):
    counts = store_inputs(engine, [finished("a.warc.gz", ["The ferry sank off Marlow.", "Tolls rise in Dunmere."])])
    assert counts.stored == 2 and counts.duplicates == [] and counts.already == 0
    assert finished_inputs(engine, ["a.warc.gz", "b.warc.gz"]) == {"a.warc.gz": ("10:1", DONE)}
    assert records_of(engine, "a.warc.gz") == {"a.warc.gz#0": "id-a.warc.gz#0", "a.warc.gz#1": "id-a.warc.gz#1"}
    assert json.loads(findings_texts(engine, ["id-a.warc.gz#1"])["id-a.warc.gz#1"]) == {"wire": None, "n": 1}
    assert [row["id"] for row in search_documents(engine, "ferry")] == ["id-a.warc.gz#0"]


def test_storing_an_input_again_doubles_no_row(engine):
    store_inputs(engine, [finished("a.warc.gz", ["The ferry sank off Marlow."])])
    again = store_inputs(engine, [finished("a.warc.gz", ["The ferry sank off Marlow."])])
    assert (again.stored, again.already) == (0, 1)
    assert count(engine, documents) == count(engine, document_findings) == 1


def test_a_text_another_input_stored_points_at_that_document(engine):
    store_inputs(engine, [finished("a.html", ["The ferry sank off Marlow."])])
    counts = store_inputs(engine, [finished("b.html", ["The  FERRY sank off Marlow."])])
    assert counts.stored == 0
    assert [(a.source, holder) for a, holder in counts.duplicates] == [("b.html#0", "id-a.html#0")]
    assert records_of(engine, "b.html") == {"b.html#0": "id-a.html#0"}


def test_a_changed_input_replaces_its_record_map_and_keeps_the_old_documents(engine):
    store_inputs(engine, [finished("a.html", ["The ferry sank off Marlow."], fingerprint="10:1")])
    counts = store_inputs(engine, [finished("a.html", ["The ferry was raised off Marlow."], fingerprint="12:2")])
    assert counts.stored == 1  # the edited text, under a suffixed id: the old one keeps its own
    assert finished_inputs(engine, ["a.html"]) == {"a.html": ("12:2", DONE)}
    assert list(records_of(engine, "a.html").values()) != ["id-a.html#0"] and count(engine, documents) == 2


def test_a_failure_inside_the_transaction_leaves_no_row_and_no_done_mark(engine):
    broken = finished("b.html", ["Tolls rise in Dunmere.", "placeholder"])
    broken.records[1].article.text = None  # documents.text is NOT NULL: the insert fails midway
    with pytest.raises(IntegrityError):
        store_inputs(engine, [finished("a.html", ["The ferry sank off Marlow."]), broken])
    assert finished_inputs(engine, ["a.html", "b.html"]) == {}
    assert count(engine, documents) == count(engine, document_findings) == 0


def test_a_failed_input_is_marked_with_its_reason_and_a_later_success_replaces_the_mark(engine):
    mark_failed(engine, "c.warc.gz", "99:3", "worker died: worker died 4 times on this input")
    with engine.connect() as conn:
        row = conn.execute(select(ingested_inputs)).one()
    assert (row.status, row.reason, row.articles) == (FAILED, "worker died: worker died 4 times on this input", 0)
    store_inputs(engine, [finished("c.warc.gz", ["The ferry sank off Marlow."], fingerprint="99:3")])
    assert finished_inputs(engine, ["c.warc.gz"]) == {"c.warc.gz": ("99:3", DONE)}
