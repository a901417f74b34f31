"""A throwaway PostgreSQL server for the tests that run against it (Debian's `postgresql`
package; `make test` installs it as root). Started once per session on first use: `initdb` into
a temporary folder, `pg_ctl start` on a free port, reached through a unix socket in that folder
(no TCP listener, so nothing else on the machine can reach it), removed at the end. PostgreSQL
refuses to run as root, so under root (CI) the server runs as the `postgres` system user.
When no server can be started, the PostgreSQL tests skip and say why."""
from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest

START_TIMEOUT = 30  # seconds; initdb + start take ~2 s here


@dataclass(slots=True)
class PostgresServer:
    folder: Path
    port: int
    run_as: list[str]  # the command prefix that runs a PostgreSQL binary as its owner
    bin: Path
    databases: itertools.count

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.folder}&port={self.port}"

    def admin(self, sql: str) -> None:
        """A statement on the `postgres` database, outside a transaction (CREATE/DROP DATABASE)."""
        import psycopg

        with psycopg.connect(host=str(self.folder), port=self.port, user="postgres", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(sql)


class PostgresTestsSkipped(UserWarning):
    """Shown in pytest's warnings summary, so the skip's reason is seen without `-rs`."""


def skip_postgres(reason: str):
    warnings.warn(PostgresTestsSkipped(f"PostgreSQL tests skipped: {reason}"), stacklevel=2)
    pytest.skip(reason)


def postgres_bin() -> Path | None:
    """The folder of Debian's newest PostgreSQL binaries, or any `initdb` on the PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    initdb = found[-1] if found else shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def runner() -> tuple[list[str], int | None]:
    """(prefix, uid to own the folder): as ourselves, or as `postgres` when we are root."""
    if os.geteuid() != 0:
        return [], None
    try:
        owner = pwd.getpwnam("postgres")
    except KeyError:
        skip_postgres("running as root and there is no `postgres` user to run the PostgreSQL server as")
    return ["runuser", "-u", "postgres", "--"], owner.pw_uid


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server() -> PostgresServer:
    bin_folder = postgres_bin()
    if bin_folder is None:
        skip_postgres("no PostgreSQL server binaries (initdb): `make test` installs Debian's postgresql as root")
    run_as, owner = runner()
    # Short, for a unix socket path has at most ~100 characters; under /tmp when the server runs as
    # `postgres`, who may not enter root's TMPDIR.
    folder = Path(tempfile.mkdtemp(prefix="storylens-pg-", dir="/tmp" if owner is not None else None))
    if owner is not None:
        os.chown(folder, owner, -1)
    data = folder / "data"
    initdb = [*run_as, str(bin_folder / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
              "-E", "UTF8", "--locale=C", "--no-sync"]
    subprocess.run(initdb, check=True, capture_output=True, timeout=START_TIMEOUT)
    port = free_port()
    # fsync off: a test server's data may be lost in a crash; it is thrown away anyway.
    options = f"-p {port} -k {folder} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
    start = [*run_as, str(bin_folder / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"),
             "-o", options, "-w", "-t", str(START_TIMEOUT), "start"]
    subprocess.run(start, check=True, capture_output=True, timeout=START_TIMEOUT + 5)
    return PostgresServer(folder, port, run_as, bin_folder, itertools.count(1))


def stop_server(server: PostgresServer) -> None:
    stop = [*server.run_as, str(server.bin / "pg_ctl"), "-D", str(server.folder / "data"), "-m", "immediate", "stop"]
    subprocess.run(stop, capture_output=True, timeout=START_TIMEOUT)
    shutil.rmtree(server.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server():
    started = time.monotonic()
    try:
        server = start_server()
    except (OSError, subprocess.SubprocessError) as error:
        detail = getattr(error, "stderr", b"") or b""
        skip_postgres(f"the PostgreSQL test server did not start: {error} {detail.decode(errors='replace')[-300:]}")
    print(f"\nPostgreSQL test server up in {time.monotonic() - started:.1f} s")
    yield server
    stop_server(server)


@pytest.fixture
def postgres_url(postgres_server):
    """A fresh, empty database on the session's server, dropped after the test."""
    name = f"t{next(postgres_server.databases)}"
    postgres_server.admin(f"CREATE DATABASE {name}")
    yield postgres_server.url(name)
    postgres_server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """The URL of an empty store: a SQLite file, then a PostgreSQL database (the same tests run on both)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("postgres_url")
