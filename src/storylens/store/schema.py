"""The tables. Created by an explicit `create_schema` call, never on import.

The schema has a version (table `schema_version`): `create_schema` brings an older store up to
SCHEMA_VERSION one migration at a time, and refuses a store written by a newer storylens."""
from __future__ import annotations

from sqlalchemy import (
    Column, DateTime, Engine, Float, Index, Integer, LargeBinary, MetaData, String, Table, Text, inspect, text,
)

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

# The dossiers `analyze --db` stores for `storylens serve`: the dossier as JSON, and beside it
# the columns the story list filters and sorts on, so the index never parses 1,000 dossiers.
dossiers = Table(
    "dossiers",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("title", Text, nullable=False),
    Column("status", String(20)),  # the main claim's
    Column("first_published", String(40)),
    Column("last_published", String(40)),
    Column("sort_time", Float),  # POSIX seconds of the latest article, for "newest first"
    Column("article_count", Integer, nullable=False),
    Column("summary_row", Text, nullable=False),  # JSON: what the story list shows
    Column("list_text", Text, nullable=False),  # title, main claim and outlets, lower-cased: the list's search
    Column("body", Text, nullable=False),  # JSON: the dossier as DESIGN.md fixes it
    Column("stored_at", DateTime(timezone=True), nullable=False),
    Index("ix_dossiers_status", "status"),
    Index("ix_dossiers_sort_time", "sort_time"),
)

dossier_outlets = Table(
    "dossier_outlets",
    metadata,
    Column("story", String(200), primary_key=True),
    Column("outlet", Text, primary_key=True),
    Index("ix_dossier_outlets_outlet", "outlet"),
)

# The articles as the dossiers name them (the caller's ids, never renamed), with the text the
# article pages highlight. An article id stored again by a later run is replaced.
dossier_articles = Table(
    "dossier_articles",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("story", String(200), nullable=False),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("author", Text),
    Column("published", String(40)),
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Index("ix_dossier_articles_story", "story"),
)

dossier_claims = Table(
    "dossier_claims",
    metadata,
    Column("id", String(220), primary_key=True),
    Column("story", String(200), nullable=False),
    Column("text", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Index("ix_dossier_claims_story", "story"),
)

schema_version = Table(
    "schema_version",
    metadata,
    Column("id", Integer, primary_key=True),  # a single row
    Column("version", Integer, nullable=False),
)

# 1: documents, stories, cluster_state (before versions were kept). 2: the dossier tables.
SCHEMA_VERSION = 2

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


SQLITE_DOSSIER_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS dossier_articles_fts USING fts5("
    "id UNINDEXED, title, text, tokenize='unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS dossier_claims_fts USING fts5("
    "id UNINDEXED, text, tokenize='unicode61 remove_diacritics 2')",
)
POSTGRES_DOSSIER_FTS = (
    "CREATE INDEX IF NOT EXISTS ix_dossier_articles_fts ON dossier_articles USING GIN "
    "(to_tsvector('simple', coalesce(title, '') || ' ' || text))",
    "CREATE INDEX IF NOT EXISTS ix_dossier_claims_fts ON dossier_claims USING GIN (to_tsvector('simple', text))",
)


class NewerSchema(Exception):
    """The store was written by a newer storylens; this one would misread it."""


def create_schema(engine: Engine) -> None:
    """Create what is missing and migrate an older store up to SCHEMA_VERSION."""
    with engine.begin() as conn:
        found = stored_version(conn)
        if found > SCHEMA_VERSION:
            raise NewerSchema(f"this store has schema version {found}; this storylens knows up to {SCHEMA_VERSION}")
        metadata.create_all(conn)  # version 1 → 2 adds tables only: creating the missing ones is the migration
        full_text = {"sqlite": (SQLITE_FTS, *SQLITE_DOSSIER_FTS),
                     "postgresql": (POSTGRES_FTS, *POSTGRES_DOSSIER_FTS)}.get(engine.dialect.name, ())
        for statement in full_text:
            conn.execute(text(statement))
        if found != SCHEMA_VERSION:
            conn.execute(schema_version.delete())
            conn.execute(schema_version.insert().values(id=1, version=SCHEMA_VERSION))


def stored_version(conn) -> int:
    """0 for an empty database, 1 for a store made before versions were kept."""
    tables = set(inspect(conn).get_table_names())
    if "schema_version" in tables:
        row = conn.execute(schema_version.select()).first()
        return row.version if row else 0
    return 1 if "documents" in tables else 0
