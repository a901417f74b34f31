"""The tables. Created by an explicit `create_schema` call, never on import.

The schema has a version (table `schema_version`): `create_schema` brings an older store up to
SCHEMA_VERSION one migration at a time, and refuses a store written by a newer storylens.
Every statement here runs on SQLite and PostgreSQL. Ids and what a record brings are unbounded
`Text`: a JSON Lines record's id can be any length, and PostgreSQL, unlike SQLite, enforces a VARCHAR's."""
from __future__ import annotations

from sqlalchemy import (
    Column, Connection, DateTime, Engine, Float, Index, Integer, LargeBinary, MetaData, String, Table, Text, inspect,
    text,
)

from storylens.store.errors import NewerSchema

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", Text, primary_key=True),
    # Ingest is idempotent on this: the same normalised text is never stored twice.
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("author", Text),
    Column("published", Text),
    Column("language", Text),
    Column("text", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("story", Text),  # set by story clustering; NULL until then
    Column("copy_of", Text),  # the earlier document this one is a near-verbatim copy of
    Index("ix_documents_published", "published"),
    Index("ix_documents_story", "story"),
)

cluster_state = Table(
    "cluster_state",
    metadata,
    Column("id", Integer, primary_key=True),  # a single row
    Column("embedding", String(32), nullable=False),  # "english" or "multilingual": state is per model
    Column("documents", Integer, nullable=False),
    Column("frequencies", LargeBinary, nullable=False),
)

# The items the clusterer carries into its next block (linkage.LinkageClusterer.carried: its
# most recently continued stories, each by its latest items), in the clusterer's order, with
# their headline vectors: `ingest` resumes the clusterer's own state instead of re-reading and
# re-embedding the latest documents (store/stories.py). Replaced whole with every batch.
cluster_carried = Table(
    "cluster_carried",
    metadata,
    Column("position", Integer, primary_key=True),
    Column("document", Text, nullable=False),
    Column("story", Text, nullable=False),
    Column("vector", LargeBinary, nullable=False),  # float32, little-endian
)

# The dossiers `analyze --db` stores for `storylens serve`: the dossier as JSON, and beside it
# the columns the story list filters and sorts on, so the index never parses 1,000 dossiers.
dossiers = Table(
    "dossiers",
    metadata,
    Column("id", Text, primary_key=True),
    Column("title", Text, nullable=False),
    Column("status", String(20)),  # the main claim's
    Column("first_published", Text),
    Column("last_published", Text),
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
    Column("story", Text, primary_key=True),
    Column("outlet", Text, primary_key=True),
    Index("ix_dossier_outlets_outlet", "outlet"),
)

# The articles as the dossiers name them (the caller's ids, never renamed), with the text the
# article pages highlight. An article id stored again by a later run is replaced.
dossier_articles = Table(
    "dossier_articles",
    metadata,
    Column("id", Text, primary_key=True),
    Column("story", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("author", Text),
    Column("published", Text),
    Column("language", Text),
    Column("text", Text, nullable=False),
    Index("ix_dossier_articles_story", "story"),
)

dossier_claims = Table(
    "dossier_claims",
    metadata,
    Column("id", Text, primary_key=True),
    Column("story", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Index("ix_dossier_claims_story", "story"),
)

# The resumable ingest (commands/resumable.py): which inputs a run finished, each record's
# document, and what the claims stage found in each document on a worker.
ingested_inputs = Table(
    "ingested_inputs",
    metadata,
    Column("input", Text, primary_key=True),  # the path or URL as the run was given it
    Column("fingerprint", String(80), nullable=False),  # "size:mtime_ns" of a file; a changed file is read again
    Column("status", String(16), nullable=False),  # DONE or FAILED
    Column("reason", Text),  # why it failed
    Column("articles", Integer, nullable=False),  # articles it gave, duplicates included
    Column("finished_at", DateTime(timezone=True), nullable=False),
)

input_records = Table(
    "input_records",
    metadata,
    Column("input", Text, primary_key=True),
    Column("record", Text, primary_key=True),  # the article's source within the input (file#record-id)
    Column("document", Text, nullable=False),  # the document holding its text
)

# What the claims stage found in each document on its own (attributions, quotes, figures,
# denials, wire): the parse is the costly part, done once on the workers and kept as JSON.
document_findings = Table(
    "document_findings",
    metadata,
    Column("document", Text, primary_key=True),
    Column("findings", Text, nullable=False),
)

schema_version = Table(
    "schema_version",
    metadata,
    Column("id", Integer, primary_key=True),  # a single row
    Column("version", Integer, nullable=False),
)

# 1: documents, stories, cluster_state (before versions were kept). 2: the dossier tables.
# 3: the former online clusterer's `stories` table dropped; ids unbounded on PostgreSQL.
# 4: the resumable ingest's tables (tables only: create_all is that migration).
# 5: SQLite: the dossier tables' FTS5 rows kept under their rows' rowids (store/dossiers.indexed).
# 6: cluster_carried (a table only; a store without its rows resumes from its latest documents,
#    store/stories.load_clusterer, and keeps the clusterer's own state from its next ingest on).
SCHEMA_VERSION = 6

# SQLite: FTS5 tables kept beside `documents` and the dossier tables (same transaction).
# PostgreSQL: a stored tsvector column, computed by the server on every write, under a GIN
# index; ranking reads the column instead of parsing each matching text again. It covers a
# text's first SEARCHED_CHARACTERS: a tsvector holds at most 1 MB, and an untrusted 2 MB page of
# distinct words would otherwise make its whole batch fail to insert (tests/store).
SEARCHED_CHARACTERS = 200_000
SQLITE_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
    "id UNINDEXED, title, text, tokenize='unicode61 remove_diacritics 2')"
)
SQLITE_DOSSIER_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS dossier_articles_fts USING fts5("
    "id UNINDEXED, title, text, tokenize='unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS dossier_claims_fts USING fts5("
    "id UNINDEXED, text, tokenize='unicode61 remove_diacritics 2')",
)
SEARCHED = {"documents": "coalesce(title, '') || ' ' || text", "dossier_articles": "coalesce(title, '') || ' ' || text",
            "dossier_claims": "text"}
POSTGRES_FTS = tuple(statement for table, words in SEARCHED.items() for statement in (
    f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS "
    f"(to_tsvector('simple', left({words}, {SEARCHED_CHARACTERS}))) STORED",
    f"CREATE INDEX IF NOT EXISTS ix_{table}_search ON {table} USING GIN (search_vector)"))
FULL_TEXT = {"sqlite": (SQLITE_FTS, *SQLITE_DOSSIER_FTS), "postgresql": POSTGRES_FTS}


# Widened to TEXT by migration 3 (PostgreSQL): the columns of ids and of what a record may carry
# (its published and language strings) that versions 1 and 2 made VARCHAR(n).
WIDENED_COLUMNS = {"documents": ("id", "story", "copy_of", "published", "language"),
                   "dossiers": ("id", "first_published", "last_published"), "dossier_outlets": ("story",),
                   "dossier_articles": ("id", "story", "published", "language"), "dossier_claims": ("id", "story")}
SCHEMA_LOCK = 7_461_311  # any constant: PostgreSQL's advisory lock that lets one process migrate at a time


def create_schema(engine: Engine) -> None:
    """Create what is missing and migrate an older store up to SCHEMA_VERSION, in one transaction."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":  # two processes opening a new store: the second waits
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})
        found = stored_version(conn)
        if found > SCHEMA_VERSION:
            raise NewerSchema(f"this store has schema version {found}; this storylens knows up to {SCHEMA_VERSION}")
        if found == SCHEMA_VERSION:
            return
        metadata.create_all(conn)  # versions 2, 4 and 6 add tables only: creating the missing ones is that migration
        if 0 < found < 3:
            migrate_to_3(conn)
        for statement in FULL_TEXT.get(engine.dialect.name, ()):
            conn.execute(text(statement))
        if 0 < found < 5:
            migrate_to_5(conn)
        conn.execute(schema_version.delete())
        conn.execute(schema_version.insert().values(id=1, version=SCHEMA_VERSION))


def migrate_to_3(conn: Connection) -> None:
    conn.execute(text("DROP TABLE IF EXISTS stories"))
    if conn.dialect.name != "postgresql":
        return  # SQLite never enforced a VARCHAR's length, and keeps its FTS5 tables
    for old_index in ("ix_documents_fts", "ix_dossier_articles_fts", "ix_dossier_claims_fts"):
        conn.execute(text(f"DROP INDEX IF EXISTS {old_index}"))  # over an expression: the column replaces them
    for table, columns in WIDENED_COLUMNS.items():
        present = {column["name"] for column in inspect(conn).get_columns(table)}
        changes = ", ".join(f"ALTER COLUMN {column} TYPE TEXT" for column in columns if column in present)
        if changes:
            conn.execute(text(f"ALTER TABLE {table} {changes}"))


def migrate_to_5(conn: Connection) -> None:
    """SQLite: the dossiers' FTS5 rows made again, each under its row's rowid, which is how
    `store.dossiers` finds them now (their old rowids were the FTS table's own)."""
    if conn.dialect.name != "sqlite":
        return
    for table, columns, values in (("dossier_articles", "title, text", "coalesce(title, ''), text"),
                                   ("dossier_claims", "text", "text")):
        conn.execute(text(f"DELETE FROM {table}_fts"))
        conn.execute(text(f"INSERT INTO {table}_fts (rowid, id, {columns}) SELECT rowid, id, {values} FROM {table}"))


def stored_version(conn: Connection) -> int:
    """0 for an empty database, 1 for a store made before versions were kept."""
    tables = set(inspect(conn).get_table_names())
    if "schema_version" in tables:
        row = conn.execute(schema_version.select()).first()
        return row.version if row else 0
    return 1 if "documents" in tables else 0
