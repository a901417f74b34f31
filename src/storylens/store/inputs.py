"""Which inputs a resumable ingest has finished, and which document each of their records became.

An input (a WARC file, a page, a JSON Lines file) is marked done in the same transaction that
stores its documents, so a run killed at any moment leaves an input either done with all its
rows or not done at all; the next run reads it again. Records are keyed by (input, record):
a retried input never stores a record twice, and a record whose text another input already
stored points at that document instead.

The tables are in store/schema.py (version 4).
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, delete, insert, select

from storylens.model import Article
from storylens.store.documents import IngestCounts, placed_rows, write_document_rows
from storylens.store.schema import document_findings, ingested_inputs, input_records

DONE = "done"
FAILED = "failed"

@dataclass(slots=True)
class StoredRecord:
    """One article of an input, with what the claims stage found in it (a JSON-ready dict)."""

    record: str
    article: Article
    findings: dict


@dataclass(slots=True)
class FinishedInput:
    """One input read to the end: its articles to store (exact duplicates within it left out)."""

    input: str
    fingerprint: str
    records: list[StoredRecord]
    articles: int  # articles it gave, duplicates included


@dataclass(slots=True)
class UnitCounts:
    stored: int = 0  # new documents
    duplicates: list[tuple[Article, str]] = field(default_factory=list)  # (article, document holding its text)
    already: int = 0  # records an earlier try of this input had stored
    documents: list[str] = field(default_factory=list)  # ids of the documents stored, in input and record order


def finished_inputs(engine: Engine, keys: Sequence[str]) -> dict[str, tuple[str, str]]:
    """input → (fingerprint, status) for those of `keys` a run has finished, done or failed."""
    if not keys:
        return {}
    query = select(ingested_inputs.c.input, ingested_inputs.c.fingerprint, ingested_inputs.c.status).where(
        ingested_inputs.c.input.in_(list(keys)))
    with engine.connect() as conn:
        return {row.input: (row.fingerprint, row.status) for row in conn.execute(query)}


def store_inputs(engine: Engine, finished: Sequence[FinishedInput]) -> UnitCounts:
    """The inputs' documents, their findings, their (input, record) maps and their DONE marks, in
    one transaction. A changed input (another fingerprint) has its old record map replaced; the
    documents it gave stay, as stories may hold them."""
    counts = UnitCounts()
    with engine.begin() as conn:
        for item in finished:
            known = conn.execute(select(ingested_inputs.c.fingerprint)
                                 .where(ingested_inputs.c.input == item.input)).first()
            if known is not None and known.fingerprint != item.fingerprint:
                conn.execute(delete(input_records).where(input_records.c.input == item.input))
            found = _store_records(conn, item.input, item.records)
            counts.stored += found.stored
            counts.already += found.already
            counts.duplicates += found.duplicates
            counts.documents += found.documents
            _mark(conn, item.input, item.fingerprint, DONE, None, item.articles)
    return counts


def mark_failed(engine: Engine, key: str, fingerprint: str, reason: str) -> None:
    with engine.begin() as conn:
        _mark(conn, key, fingerprint, FAILED, reason, 0)


def _mark(conn: Connection, key: str, fingerprint: str, status: str, reason: str | None, articles: int) -> None:
    conn.execute(delete(ingested_inputs).where(ingested_inputs.c.input == key))
    conn.execute(insert(ingested_inputs).values(input=key, fingerprint=fingerprint, status=status, reason=reason,
                                                articles=articles, finished_at=dt.datetime.now(dt.timezone.utc)))


def _store_records(conn: Connection, key: str, records: Sequence[StoredRecord]) -> UnitCounts:
    """The records of one input not stored before, placed as `insert_articles` places articles
    (the articles themselves are not changed), with their findings and their (input, record) map."""
    done = set(conn.execute(select(input_records.c.record).where(input_records.c.input == key)).scalars())
    fresh = [record for record in records if record.record not in done]
    placed = IngestCounts()
    rows = placed_rows(conn, [record.article for record in fresh], placed)
    new = {row["id"] for row in rows}
    findings = {holder: record.findings for record, holder in zip(fresh, placed.holders) if holder in new}
    write_document_rows(conn, rows)
    if findings:
        conn.execute(insert(document_findings), [{"document": holder, "findings": json.dumps(found, ensure_ascii=False)}
                                                 for holder, found in findings.items()])
    if fresh:
        conn.execute(insert(input_records), [{"input": key, "record": record.record, "document": holder}
                                             for record, holder in zip(fresh, placed.holders)])
    return UnitCounts(stored=len(rows), already=len(records) - len(fresh), duplicates=placed.duplicates,
                      documents=[row["id"] for row in rows])


def records_of(engine: Engine, key: str) -> dict[str, str]:
    """record → document, for one input."""
    query = select(input_records.c.record, input_records.c.document).where(input_records.c.input == key)
    with engine.connect() as conn:
        return dict(conn.execute(query).all())


FINDINGS_PER_QUERY = 500  # document ids per query: SQLite allows a few thousand bound parameters


def findings_texts(engine: Engine, doc_ids: Sequence[str]) -> dict[str, str]:
    """document → its stored findings as JSON text (left unparsed: a worker reads them), for those
    of `doc_ids` that have any."""
    found: dict[str, str] = {}
    with engine.connect() as conn:
        for begin in range(0, len(doc_ids), FINDINGS_PER_QUERY):
            query = select(document_findings.c.document, document_findings.c.findings).where(
                document_findings.c.document.in_(list(doc_ids[begin:begin + FINDINGS_PER_QUERY])))
            found.update((row.document, row.findings) for row in conn.execute(query))
    return found
