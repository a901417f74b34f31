"""INSERT … ON CONFLICT in the store's own dialect (SQLite and PostgreSQL spell it alike, but
SQLAlchemy builds it from each dialect's `insert`). A delete-then-insert of the same key by two
writers at once fails on PostgreSQL with a unique violation; an upsert waits and then updates."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, Table, insert
from sqlalchemy.dialects import postgresql, sqlite

DIALECT_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def upsert(conn: Connection, table: Table, rows: Sequence[dict], *, replace: bool = True) -> None:
    """Insert `rows`; a row whose primary key is stored already replaces it (`replace`) or is left out."""
    if not rows:
        return
    dialect_insert = DIALECT_INSERTS.get(conn.dialect.name)
    if dialect_insert is None:  # another database: a plain insert, as before upserts
        conn.execute(insert(table), list(rows))
        return
    statement = dialect_insert(table)
    keys = [column.name for column in table.primary_key.columns]
    changed = {column.name: statement.excluded[column.name] for column in table.columns if column.name not in keys}
    if replace and changed:
        statement = statement.on_conflict_do_update(index_elements=keys, set_=changed)
    else:
        statement = statement.on_conflict_do_nothing(index_elements=keys)
    conn.execute(statement, list(rows))
