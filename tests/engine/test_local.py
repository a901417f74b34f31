"""The local article stream: a folder walk that streams, progress totals, and the input in work."""
import logging

import pytest

from storylens.engine import local
from storylens.model import Article, Problem
from tests.conftest import news_page


@pytest.fixture
def pages(tmp_path):
    for number in range(5):
        (tmp_path / f"{number}.html").write_text(news_page(f"Story number {number}", [f"Paragraph of story {number}. " * 8]))
    return tmp_path


def test_an_ordinary_batch_knows_its_total(pages):
    calls = []
    articles = list(local.articles_from([str(pages)], progress=lambda done, total: calls.append((done, total))))
    assert [a.source for a in articles] == [str(pages / f"{n}.html") for n in range(5)]
    assert calls == [(n, 5) for n in range(1, 6)]


def test_a_tree_bigger_than_the_lookahead_streams_with_a_running_count(pages, monkeypatch):
    monkeypatch.setattr(local, "LOOKAHEAD", 3)
    calls = []
    list(local.articles_from([str(pages)], progress=lambda done, total: calls.append((done, total))))
    assert calls == [(n, None) for n in range(1, 6)]


def test_reading_starts_before_the_walk_ends(monkeypatch, pages):
    monkeypatch.setattr(local, "LOOKAHEAD", 2)
    listed = []

    def walk():
        for number in range(5):
            listed.append(number)
            yield str(pages / f"{number}.html")

    documents = local.read_all(walk(), local.ReadLimits(), None, None)
    assert next(documents).source == str(pages / "0.html")
    assert len(listed) <= 3  # the lookahead and one more, not the whole walk


def test_the_input_in_work_is_known_while_reading_and_cleaning_only(pages, monkeypatch):
    seen = []

    class Recorder(logging.Handler):
        def emit(self, record):
            seen.append(local.input_in_work())

    import storylens.clean.documents as documents

    real = documents.extract_parts

    def logging_extract(doc, furniture):
        logging.getLogger("trafilatura.test").error("about this page")
        return real(doc, furniture)

    monkeypatch.setattr(documents, "extract_parts", logging_extract)
    handler = Recorder()
    logging.getLogger("trafilatura.test").addHandler(handler)
    try:
        items = list(local.articles_from([str(pages)]))
    finally:
        logging.getLogger("trafilatura.test").removeHandler(handler)
    assert all(isinstance(item, Article) for item in items)
    assert seen == [str(pages / f"{n}.html") for n in range(5)]
    assert local.input_in_work() is None


def test_problems_from_the_walk_keep_their_place(pages):
    (pages / "2b.bin").write_bytes(b"\x00")
    sources = [item.source for item in local.articles_from([str(pages)])]
    assert sources[2:4] == [str(pages / "2.html"), str(pages / "2b.bin")]
    assert isinstance(list(local.articles_from([str(pages / "nope.html")]))[0], Problem)
