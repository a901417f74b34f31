"""Records and articles → NewsItems for clustering, with a Problem for each record that falls short.

A record is a JSON object with `id` (a string or an integer) and `text`; `title`, `published`,
`outlet` and `language` are used when present. A record that cannot be clustered (no id, no
text, an id already used) is one Problem and is skipped; a record whose date is absurd or
unreadable is kept without its date, and a DATE_IGNORED problem says so.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from typing import BinaryIO

from dateutil import parser as dateparser

from storylens.clean.metadata import normalise_date
from storylens.model import Article, NewsItem, Problem, ProblemKind
from storylens.read.jsonl import json_lines, json_lines_of_file

Row = tuple[str, dict]  # (where the record came from, e.g. "in.jsonl#12"; the record)
# Problems that leave their record in the batch: callers count them as warnings, not skips.
WARNING_KINDS = frozenset({ProblemKind.DATE_IGNORED})
OPTIONAL_FIELDS = ("title", "outlet", "language")
SHOWN_CHARS = 60  # of a bad value quoted in a problem line


def items_from_records(rows: Iterable[Row | Problem], seen_ids: dict[str, str] | None = None
                       ) -> Iterator[NewsItem | Problem]:
    """One NewsItem per usable record, in order; a Problem for each record that is not.

    A Problem among the rows (a reader's: a line that is not JSON) passes through in its
    place. `seen_ids` maps each id used so far to its record's source; share one dict across
    calls to refuse an id reused in another input.
    """
    seen_ids = {} if seen_ids is None else seen_ids
    for row in rows:
        if isinstance(row, Problem):
            yield row
            continue
        source, record = row
        yield from _checked(source, record, seen_ids)


def items_from_articles(articles: Iterable[Article | Problem], seen_ids: dict[str, str] | None = None
                        ) -> Iterator[NewsItem | Problem]:
    """The NewsItem of each cleaned article, in order; problems (the extract stage's, or an id
    already used) in their place."""
    seen_ids = {} if seen_ids is None else seen_ids
    for article in articles:
        if isinstance(article, Problem):
            yield article
        elif problem := claim_id(article.id, article.source, seen_ids):
            yield problem
        else:
            yield NewsItem(id=article.id, text=article.text, title=article.title,
                           published=_moment_or_none(article.published), outlet=article.outlet,
                           language=article.language)


def record_problem(source: str, record: object) -> Problem | None:
    """Why a record cannot be clustered, or None when it has a usable id and text."""
    def malformed(reason: str) -> Problem:
        return Problem(source, ProblemKind.MALFORMED, reason)

    if not isinstance(record, dict):
        return malformed("not a JSON object")
    record_id, text = record.get("id"), record.get("text")
    if record_id is None:
        return malformed("no 'id'")
    if isinstance(record_id, bool) or not isinstance(record_id, (str, int)):
        return malformed("'id' is not a string or an integer")
    if isinstance(record_id, str) and not record_id.strip():
        return malformed("empty 'id'")
    if text is None:
        return malformed(f"no 'text' in record {str(record_id)!r}")
    if not isinstance(text, str):
        return malformed(f"'text' is not a string in record {str(record_id)!r}")
    if not text.strip():
        return Problem(source, ProblemKind.EMPTY, f"empty 'text' in record {str(record_id)!r}")
    return None


def claim_id(item_id: str, source: str, seen_ids: dict[str, str]) -> Problem | None:
    """Record `item_id` as used by `source`, or the Problem if an earlier record has it."""
    first = seen_ids.get(item_id)
    if first is not None:
        return Problem(source, ProblemKind.DUPLICATE_ID, f"{item_id!r} is already the id of {first}")
    seen_ids[item_id] = source
    return None


def aware_moment(iso: str) -> datetime:
    """An ISO 8601 date or datetime as a timezone-aware datetime; UTC when it names no zone."""
    moment = datetime.fromisoformat(iso)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


def _checked(source: str, record: object, seen_ids: dict[str, str]) -> list[NewsItem | Problem]:
    if problem := record_problem(source, record):
        return [problem]
    item, date_problem = _item_from(source, record)
    if problem := claim_id(item.id, source, seen_ids):
        return [problem]  # no word on its date: the record is skipped anyway
    return [date_problem, item] if date_problem else [item]


def _item_from(source: str, record: dict) -> tuple[NewsItem, Problem | None]:
    published, date_problem = _published(source, record.get("published"))
    fields = {name: _optional_text(record.get(name)) for name in OPTIONAL_FIELDS}
    return NewsItem(id=str(record["id"]), text=record["text"], published=published, **fields), date_problem


def _optional_text(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def _published(source: str, value: object) -> tuple[datetime | None, Problem | None]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    iso = normalise_date(value) if isinstance(value, str) else None
    if iso is not None:
        return aware_moment(iso), None
    shown = repr(value)[:SHOWN_CHARS]
    return None, Problem(source, ProblemKind.DATE_IGNORED, f"{_date_fault(value)}: {shown}")


def _date_fault(value: object) -> str:
    """Why normalise_date gave up on a value: it is a date no news item has, or not a date."""
    if not isinstance(value, str):
        return "not a string"
    try:
        dateparser.parse(value)
    except (ValueError, OverflowError):
        return "unreadable"
    return "absurd"


def _moment_or_none(iso: str | None) -> datetime | None:
    try:
        return aware_moment(iso) if iso else None
    except ValueError:  # an Article built by hand with a free-form date: cluster it undated
        return None


def records_from_jsonl(stream: BinaryIO, source: str, max_bytes: int) -> Iterator[Row | Problem]:
    """(source#line, record) per non-blank line; parsed as the read stage parses JSON Lines."""
    return json_lines(stream, source, max_bytes)


def records_from_file(path: str, max_bytes: int) -> Iterator[Row | Problem]:
    return json_lines_of_file(path, max_bytes)  # through gzip for records.jsonl.gz
