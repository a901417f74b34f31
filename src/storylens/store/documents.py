"""Writes and reads of articles. One transaction per batch, so an interrupted ingest keeps
every batch it finished and a re-run adds only what is missing."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, func, insert, select, text

from storylens.model import Article
from storylens.store.connection import open_store  # noqa: F401 (its home was this module; callers may import it here)
from storylens.store.schema import documents


@dataclass(slots=True)
class IngestCounts:
    stored: int = 0
    duplicates: list[tuple[Article, str]] = field(default_factory=list)  # (article, id already holding its text)
    ids: dict[str, str] = field(default_factory=dict)  # the caller's id → the id the store holds its text under
    holders: list[str] = field(default_factory=list)  # the same, article by article in batch order
    documents: list[str] = field(default_factory=list)  # ids of the documents stored, in batch order


def insert_articles(engine: Engine, articles: Iterable[Article]) -> IngestCounts:
    """Store one batch in one transaction; texts already stored are counted as duplicates.

    The articles are never changed: `ids` says under which id the store holds each one's
    text (its own id, a suffixed one when a different text holds it, or the id of the
    document that already holds the same text)."""
    batch = list(articles)
    counts = IngestCounts()
    if not batch:
        return counts
    with engine.begin() as conn:
        rows = placed_rows(conn, batch, counts)
        write_document_rows(conn, rows)
        counts.stored = len(rows)
        counts.documents = [row["id"] for row in rows]
    return counts


def write_document_rows(conn: Connection, rows: list[dict]) -> None:
    """Insert documents' rows, and on SQLite their FTS5 rows beside them (PostgreSQL computes
    its tsvector column itself)."""
    if not rows:
        return
    conn.execute(insert(documents), rows)
    if conn.dialect.name == "sqlite":
        conn.execute(text("INSERT INTO documents_fts (id, title, text) VALUES (:id, :title, :text)"),
                     [{"id": r["id"], "title": r["title"] or "", "text": r["text"]} for r in rows])


def planned_ids(engine: Engine, articles: Iterable[Article]) -> dict[str, str]:
    """The ids `insert_articles` would give one batch now, without writing anything."""
    counts = IngestCounts()
    with engine.connect() as conn:
        placed_rows(conn, list(articles), counts)
    return counts.ids


def placed_rows(conn, batch: list[Article], counts: IngestCounts) -> list[dict]:
    """The rows to insert for `batch`; fills `counts.ids` and `counts.duplicates`."""
    hashes = {article.content_hash for article in batch}
    known = select(documents.c.content_hash, documents.c.id).where(documents.c.content_hash.in_(hashes))
    holders = {content_hash: doc_id for content_hash, doc_id in conn.execute(known)}
    taken_ids = set(conn.execute(select(documents.c.id).where(documents.c.id.in_([a.id for a in batch]))).scalars())
    rows = []
    now = dt.datetime.now(dt.timezone.utc)
    for article in batch:
        if article.content_hash in holders:
            counts.duplicates.append((article, holders[article.content_hash]))
            counts.ids[article.id] = holders[article.content_hash]
            counts.holders.append(holders[article.content_hash])
            continue
        holders[article.content_hash] = counts.ids[article.id] = stored_id = unused_id(article, taken_ids)
        counts.holders.append(stored_id)
        taken_ids.add(stored_id)
        rows.append(article_row(article, now) | {"id": stored_id})
    return rows


def unused_id(article: Article, taken: set[str]) -> str:
    """A record's own id can collide with a different text stored earlier (an edited page in
    JSON Lines): keep both versions, the newer under a suffixed id."""
    if article.id not in taken:
        return article.id
    return f"{article.id}~{article.content_hash[:8]}"


def article_row(article: Article, ingested_at: dt.datetime) -> dict:
    return article.to_record() | {"content_hash": article.content_hash, "ingested_at": ingested_at}


def count_documents(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(documents)).scalar_one()


def get_document(engine: Engine, doc_id: str) -> dict | None:
    with engine.connect() as conn:
        row = conn.execute(select(documents).where(documents.c.id == doc_id)).mappings().first()
    return dict(row) if row else None


def search_documents(engine: Engine, query: str, *, limit: int = 20) -> list[dict]:
    """Full-text search over title and text, best matches first."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            sql = text(
                "SELECT d.id, d.title, d.outlet, d.published FROM documents_fts f "
                "JOIN documents d ON d.id = f.id WHERE documents_fts MATCH :q ORDER BY rank LIMIT :n"
            )
            params = {"q": fts5_query(query), "n": limit}
        else:
            sql = text(  # schema.POSTGRES_FTS's column, under a GIN index
                "SELECT id, title, outlet, published FROM documents, plainto_tsquery('simple', :q) q "
                "WHERE search_vector @@ q ORDER BY ts_rank(search_vector, q) DESC, id LIMIT :n"
            )
            params = {"q": query, "n": limit}
        return [dict(row) for row in conn.execute(sql, params).mappings()]


def fts5_query(query: str) -> str:
    """Words as quoted FTS5 terms, so a user's punctuation is never parsed as FTS syntax."""
    words = [word.replace('"', '""') for word in query.split()]
    return " ".join(f'"{word}"' for word in words) or '""'
