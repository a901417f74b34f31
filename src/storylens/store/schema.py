"""The tables. Created by an explicit `create_schema` call, never on import."""
from __future__ import annotations

from sqlalchemy import Column, DateTime, Engine, Float, Index, Integer, LargeBinary, MetaData, String, Table, Text, text

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
    Column("story", String(64)),  # set by story clustering; NULL until then
    Column("copy_of", String(64)),  # the earlier document this one is a near-verbatim copy of
    Index("ix_documents_published", "published"),
    Index("ix_documents_story", "story"),
)

# The online clusterer's memory, so the next ingest joins new articles to these stories.
stories = Table(
    "stories",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("first_time", Float),  # POSIX seconds of its earliest and latest dated article
    Column("last_time", Float),
    Column("vector_sum", LargeBinary, nullable=False),
    Column("recent", LargeBinary, nullable=False),
    Column("terms", LargeBinary, nullable=False),
    Column("counts", LargeBinary, nullable=False),
    Column("names", Text, nullable=False),  # JSON {name: count}
    Column("active", Integer, nullable=False),  # 0 once it fell out of the clusterer's time window
)

cluster_state = Table(
    "cluster_state",
    metadata,
    Column("id", Integer, primary_key=True),  # a single row
    Column("embedding", String(32), nullable=False),  # "english" or "multilingual": state is per model
    Column("documents", Integer, nullable=False),
    Column("frequencies", LargeBinary, nullable=False),
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
