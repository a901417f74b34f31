"""Opening a store: SQLite by default, PostgreSQL through psycopg 3 for `postgresql://` URLs.
A missing driver, a server that cannot be reached or a store this storylens cannot read is a
`StoreError` with one line naming the URL (password masked); the CLI prints it as it is."""
from __future__ import annotations

from functools import cache

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, InterfaceError, NoSuchModuleError, OperationalError

from storylens.store.errors import NewerSchema, StoreUnavailable
from storylens.store.schema import create_schema

CONNECT_TIMEOUT = 10  # seconds: a wrong host fails in that time instead of the OS's ~2 minutes
# `postgresql://` alone means psycopg2 to SQLAlchemy; the dependency we declare is psycopg 3.
POSTGRES_SCHEMES = {"postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg"}


def store_url(url: str) -> URL:
    """The SQLAlchemy URL for a `--db` value."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreUnavailable(f"--db {url!r}: not a database URL (e.g. sqlite:///storylens.db, "
                               "postgresql://user@host/db)") from None
    return parsed.set(drivername=POSTGRES_SCHEMES.get(parsed.drivername, parsed.drivername))


def masked(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def open_store(url: str, *, create: bool = True) -> Engine:
    """An engine for the database at `url`, connected once (so an unreachable store fails here),
    with the schema in place and migrated unless `create` is False."""
    parsed = store_url(url)
    engine = new_engine(parsed)
    try:
        if create:
            create_schema(engine)
        else:
            engine.connect().close()
    except (OperationalError, InterfaceError) as error:  # not there, not allowed in, not a database
        engine.dispose()
        reason = str(error.orig).strip().splitlines()[0] if error.orig else type(error).__name__
        raise StoreUnavailable(f"cannot open the store at {masked(parsed)}: {reason}") from None
    except NewerSchema as refusal:
        engine.dispose()
        raise NewerSchema(f"the store at {masked(parsed)}: {refusal}") from None
    return engine


def new_engine(url: URL) -> Engine:
    postgres = url.get_backend_name() == "postgresql"
    options = {"connect_args": {"connect_timeout": CONNECT_TIMEOUT}} if postgres and "connect_timeout" not in url.query else {}
    try:
        engine = create_engine(url, **options)
    except (NoSuchModuleError, ImportError) as missing:
        hint = " (pip install 'psycopg[binary]')" if postgres else ""
        raise StoreUnavailable(f"cannot open the store at {masked(url)}: no driver for {url.drivername}{hint}: "
                               f"{missing}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    elif postgres:
        event.listen(engine, "connect", _postgres_text_without_nul)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets the web UI read while an ingest writes; the busy timeout waits out a writer.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _postgres_text_without_nul(dbapi_connection, _record) -> None:
    # PostgreSQL text cannot hold U+0000, which an untrusted JSON Lines record can carry: stored
    # as U+FFFD, one character for one, so every offset into the text still points where it did.
    binary, text_format = nul_free_dumpers()
    dbapi_connection.adapters.register_dumper(str, binary)
    dbapi_connection.adapters.register_dumper(str, text_format)  # last: the one `%s` uses


@cache
def nul_free_dumpers() -> tuple[type, type]:
    from psycopg.types.string import StrBinaryDumper, StrDumperUnknown

    class NulFreeBinaryDumper(StrBinaryDumper):
        def dump(self, obj: str):
            return super().dump(obj.replace("\x00", "\ufffd"))

    class NulFreeTextDumper(StrDumperUnknown):
        def dump(self, obj: str):
            return super().dump(obj.replace("\x00", "\ufffd"))

    return NulFreeBinaryDumper, NulFreeTextDumper
