"""The tables. Created by an explicit `create_schema` call, never on import."""
from __future__ import annotations

from sqlalchemy import Column, DateTime, Engine, Index, MetaData, String, Table, Text, text

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),
    # Ingest is idempotent on this: the same normalised text is never stored twice.
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("author", Text),
    Column("published", String(40)),
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Index("ix_documents_published", "published"),
)

# SQLite: an FTS5 table kept beside `documents` (same transaction). PostgreSQL: a GIN
# index over a tsvector expression, so no second copy of the text.
SQLITE_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
    "id UNINDEXED, title, text, tokenize='unicode61 remove_diacritics 2')"
)
POSTGRES_FTS = (
    "CREATE INDEX IF NOT EXISTS ix_documents_fts ON documents USING GIN "
    "(to_tsvector('simple', coalesce(title, '') || ' ' || text))"
)


def create_schema(engine: Engine) -> None:
    metadata.create_all(engine)
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(text(SQLITE_FTS))
        elif engine.dialect.name == "postgresql":
            conn.execute(text(POSTGRES_FTS))
