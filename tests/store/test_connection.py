"""Opening a store: the URL forms `--db` takes, and one clear line when it cannot be opened."""
import pytest

from storylens.store import StoreUnavailable, open_store
from storylens.store.connection import store_url


def test_postgresql_urls_mean_psycopg_3():
    assert store_url("postgresql://ann@db.example/news").drivername == "postgresql+psycopg"
    assert store_url("postgres://ann@db.example/news").drivername == "postgresql+psycopg"
    assert store_url("sqlite:///news.db").drivername == "sqlite"


def test_an_unreachable_server_is_one_line_naming_the_url_with_the_password_masked():
    with pytest.raises(StoreUnavailable) as refusal:  # port 1 on loopback: refused at once
        open_store("postgresql://ann:hunter2@127.0.0.1:1/news")
    message = str(refusal.value)
    assert message.startswith("cannot open the store at postgresql+psycopg://ann:***@127.0.0.1:1/news: ")
    assert "hunter2" not in message and "\n" not in message


def test_a_missing_driver_and_a_bad_url_are_one_line_each():
    with pytest.raises(StoreUnavailable, match=r"^cannot open the store at mysql\+nodriverhere://ann:\*\*\*@h/db: no driver"):
        open_store("mysql+nodriverhere://ann:secret@h/db")
    with pytest.raises(StoreUnavailable, match="not a database URL"):
        open_store("not a url")


def test_a_store_opened_without_creating_still_fails_here_not_later(tmp_path):
    with pytest.raises(StoreUnavailable, match="unable to open database file"):
        open_store(f"sqlite:///{tmp_path}/no/such/folder/x.db", create=False)


@pytest.mark.parametrize("command", [["ingest", "nothing.html"], ["serve"]])
def test_the_cli_prints_the_one_line_and_exits_2(command, capsys):
    from storylens.cli import main

    assert main([*command, "--db", "postgresql://ann:hunter2@127.0.0.1:1/news"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("storylens: cannot open the store at postgresql+psycopg://ann:***@127.0.0.1:1/news")
    assert error.count("\n") == 1 and "Traceback" not in error and "hunter2" not in error


def test_psycopg_missing_is_one_line_with_the_fix(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if psycopg were not installed
    with pytest.raises(StoreUnavailable) as refusal:
        open_store("postgresql://ann:hunter2@db.example/news")
    message = str(refusal.value)
    assert message.startswith("cannot open the store at postgresql+psycopg://ann:***@db.example/news: no driver")
    assert "pip install 'psycopg[binary]'" in message and "hunter2" not in message and "\n" not in message
