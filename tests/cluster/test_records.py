"""Records → NewsItems: what a record must hold, and the one problem each bad record gives."""
import io
from datetime import datetime, timedelta, timezone

import pytest

from storylens.cluster.records import (
    items_from_articles, items_from_records, records_from_file, records_from_jsonl,
)
from storylens.model import Article, NewsItem, Problem, ProblemKind

TEXT = "The ferry to Ostholm will stop running in winter, the island council said."


def checked(*records: object) -> list[NewsItem | Problem]:
    return list(items_from_records((f"in.jsonl#{number}", record) for number, record in enumerate(records, 1)))


def test_a_full_record_becomes_a_news_item():
    [item] = checked({"id": "a1", "text": TEXT, "title": " Ferry stops ", "published": "2025-01-02T08:30:00+01:00",
                      "outlet": "Island Post", "language": "en", "author": "ignored"})
    assert item == NewsItem(id="a1", text=TEXT, title="Ferry stops", outlet="Island Post", language="en",
                            published=datetime(2025, 1, 2, 8, 30, tzinfo=timezone(timedelta(hours=1))))


@pytest.mark.parametrize(
    "published, expected",
    [
        ("2025-01-02", datetime(2025, 1, 2, tzinfo=timezone.utc)),  # a bare date: midnight UTC
        ("2025-01-02T08:30:00", datetime(2025, 1, 2, 8, 30, tzinfo=timezone.utc)),  # no zone: UTC
        ("2025-01-02T08:30:00Z", datetime(2025, 1, 2, 8, 30, tzinfo=timezone.utc)),
        ("Thu, 02 Jan 2025 08:30:00 GMT", datetime(2025, 1, 2, 8, 30, tzinfo=timezone.utc)),  # RFC 2822
        ("", None),
        (None, None),
    ],
)
def test_dates_become_timezone_aware(published, expected):
    [item] = checked({"id": "a1", "text": TEXT, "published": published})
    assert item.published == expected
    assert item.published is None or item.published.tzinfo is not None


def test_a_numeric_id_becomes_a_string():
    [item] = checked({"id": 17, "text": TEXT})
    assert item.id == "17"


@pytest.mark.parametrize(
    "record, kind, detail",
    [
        ({"text": TEXT}, ProblemKind.MALFORMED, "no 'id'"),
        ({"id": None, "text": TEXT}, ProblemKind.MALFORMED, "no 'id'"),
        ({"id": "  ", "text": TEXT}, ProblemKind.MALFORMED, "empty 'id'"),
        ({"id": True, "text": TEXT}, ProblemKind.MALFORMED, "'id' is not a string or an integer"),
        ({"id": ["a"], "text": TEXT}, ProblemKind.MALFORMED, "'id' is not a string or an integer"),
        ({"id": "a1"}, ProblemKind.MALFORMED, "no 'text' in record 'a1'"),
        ({"id": 5, "text": ["para"]}, ProblemKind.MALFORMED, "'text' is not a string in record '5'"),
        ({"id": "a1", "text": " \n "}, ProblemKind.EMPTY, "empty 'text' in record 'a1'"),
        (["a1", TEXT], ProblemKind.MALFORMED, "not a JSON object"),
    ],
)
def test_a_record_that_cannot_be_clustered_is_one_problem(record, kind, detail):
    assert checked(record) == [Problem("in.jsonl#1", kind, detail)]


def test_a_reused_id_skips_the_later_record_and_names_the_first():
    results = checked({"id": "a1", "text": TEXT}, {"id": "a2", "text": TEXT}, {"id": "a1", "text": "Other words."})
    assert [r.id for r in results if isinstance(r, NewsItem)] == ["a1", "a2"]
    assert results[2] == Problem("in.jsonl#3", ProblemKind.DUPLICATE_ID, "'a1' is already the id of in.jsonl#1")
    assert str(results[2]) == "in.jsonl#3: duplicate id ('a1' is already the id of in.jsonl#1)"


def test_an_id_used_by_a_skipped_record_is_still_free():
    results = checked({"id": "a1", "text": ""}, {"id": "a1", "text": TEXT})
    assert [type(r) for r in results] == [Problem, NewsItem]


def test_a_numeric_and_a_string_id_that_read_the_same_are_duplicates():
    results = checked({"id": 7, "text": TEXT}, {"id": "7", "text": TEXT})
    assert results[1].kind == ProblemKind.DUPLICATE_ID


@pytest.mark.parametrize(
    "published, detail",
    [
        ("1066-10-14", "absurd: '1066-10-14'"),
        ("3024-01-01T00:00:00Z", "absurd: '3024-01-01T00:00:00Z'"),
        ("next tuesday", "unreadable: 'next tuesday'"),
        (1736000000, "not a string: 1736000000"),
    ],
)
def test_an_absurd_date_is_dropped_with_a_warning_and_the_record_kept(published, detail):
    warning, item = checked({"id": "a1", "text": TEXT, "published": published})
    assert warning == Problem("in.jsonl#1", ProblemKind.DATE_IGNORED, detail)
    assert item.id == "a1" and item.published is None


def test_a_duplicate_with_an_absurd_date_gets_only_the_duplicate_line():
    results = checked({"id": "a1", "text": TEXT}, {"id": "a1", "text": TEXT, "published": "1066-10-14"})
    assert [r.kind for r in results if isinstance(r, Problem)] == [ProblemKind.DUPLICATE_ID]


def test_the_rest_goes_on_in_order_around_bad_records():
    results = checked({"id": "a", "text": TEXT}, {"text": TEXT}, {"id": "b", "text": ""}, {"id": "c", "text": TEXT})
    assert [r.id if isinstance(r, NewsItem) else r.source for r in results] == [
        "a", "in.jsonl#2", "in.jsonl#3", "c"]


def test_problems_among_the_rows_pass_through_in_place():
    reader_problem = Problem("in.jsonl#2", ProblemKind.MALFORMED, "not JSON")
    results = list(items_from_records([("in.jsonl#1", {"id": "a", "text": TEXT}), reader_problem,
                                       ("in.jsonl#3", {"id": "b", "text": TEXT})]))
    assert results[1] is reader_problem and [r.id for r in (results[0], results[2])] == ["a", "b"]


def test_ids_are_refused_across_calls_sharing_the_seen_ids():
    seen: dict[str, str] = {}
    list(items_from_records([("one.jsonl#1", {"id": "a", "text": TEXT})], seen))
    [problem] = items_from_records([("two.jsonl#1", {"id": "a", "text": TEXT})], seen)
    assert problem.detail == "'a' is already the id of one.jsonl#1"


def test_articles_become_news_items_with_aware_dates():
    article = Article(id="x1", source="page.html", url=None, outlet="Courier", title="Ferry", author=None,
                      published="2025-01-02", language="en", text=TEXT)
    undated = Article(id="x2", source="dump.txt", url=None, outlet=None, title=None, author=None,
                      published="sometime", language=None, text=TEXT)
    first, second = items_from_articles([article, undated])
    assert first == NewsItem("x1", TEXT, "Ferry", datetime(2025, 1, 2, tzinfo=timezone.utc), "Courier", "en")
    assert second.published is None


def test_an_article_reusing_an_id_is_a_problem_naming_its_source():
    def article(source: str) -> Article:
        return Article(id="same", source=source, url=None, outlet=None, title=None, author=None,
                       published=None, language=None, text=TEXT)

    results = list(items_from_articles([article("a.jsonl#1"), article("a.jsonl#2")]))
    assert results[1] == Problem("a.jsonl#2", ProblemKind.DUPLICATE_ID, "'same' is already the id of a.jsonl#1")


def test_jsonl_lines_become_rows_and_bad_lines_problems():
    stream = io.BytesIO(b'{"id": "a", "text": "one"}\n\nnot json\n[1, 2]\n{"id": "b", "text": "two \\ud800"}')
    rows = list(records_from_jsonl(stream, "in.jsonl", max_bytes=1000))
    assert rows[0] == ("in.jsonl#1", {"id": "a", "text": "one"})
    assert rows[1].source == "in.jsonl#3" and rows[1].kind == ProblemKind.MALFORMED
    assert rows[1].detail.startswith("not JSON (")
    assert rows[2] == ("in.jsonl#4", [1, 2])  # parsed; that it is no object is items_from_records' to say
    assert rows[3] == ("in.jsonl#5", {"id": "b", "text": "two \ufffd"})  # a lone surrogate cannot be written out


def test_an_overlong_line_is_one_problem_and_reading_goes_on():
    stream = io.BytesIO(b'{"id": "a", "text": "' + b"x" * 500 + b'"}\n{"id": "b", "text": "two"}\n')
    rows = list(records_from_jsonl(stream, "in.jsonl", max_bytes=100))
    assert rows == [Problem("in.jsonl#1", ProblemKind.TOO_LARGE, "more than 100 bytes"),
                    ("in.jsonl#2", {"id": "b", "text": "two"})]


def test_a_file_without_records_is_one_problem():
    assert list(records_from_jsonl(io.BytesIO(b"\n  \n"), "in.jsonl", max_bytes=100)) == [
        Problem("in.jsonl", ProblemKind.EMPTY, "no records")]


def test_a_missing_file_is_one_problem(tmp_path):
    path = str(tmp_path / "none.jsonl")
    assert list(records_from_file(path, max_bytes=100)) == [Problem(path, ProblemKind.NOT_FOUND)]
