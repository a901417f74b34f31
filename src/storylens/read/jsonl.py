"""JSON Lines: one article per line, as scrapers and earlier storylens runs write them."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import BinaryIO

from storylens.model import Document, Problem, ProblemKind
from storylens.read.compressed import through_gzip
from storylens.read.files import read_open_file
from storylens.read.formats import is_gzipped_name
from storylens.read.limits import ReadLimits, megabytes
from storylens.read.lines import bounded_lines
from storylens.read.origin import Origin, site_key

META_FIELDS = ("id", "title", "outlet", "published", "author", "language")

# JSON may escape half a UTF-16 pair ("\ud800"); Python keeps it as a lone surrogate, which
# no later stage can encode. It is replaced here, the only place such text can enter.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def read_jsonl(stream: BinaryIO, origin: Origin, limits: ReadLimits) -> Iterator[Document | Problem]:
    """One Document per record line; a bad line is one Problem and the next line is read."""
    for row in json_lines(stream, origin.source, limits.max_bytes):
        yield row if isinstance(row, Problem) else _document(*row, origin)


def json_lines(stream: BinaryIO, source: str, max_bytes: int) -> Iterator[tuple[str, object] | Problem]:
    """(source#line, parsed value) per non-blank line of a JSON Lines stream; a Problem for a
    line that is not JSON or is longer than `max_bytes`, and reading goes on."""
    found = False
    for number, line in bounded_lines(stream, max_bytes):
        if line is not None and not line.strip():
            continue
        found = True
        part = f"{source}#{number}"
        if line is None:
            yield Problem(part, ProblemKind.TOO_LARGE, f"more than {megabytes(max_bytes)}")
        else:
            yield _parsed(part, line)
    if not found:
        yield Problem(source, ProblemKind.EMPTY, "no records")


def json_lines_of_file(path: str, max_bytes: int) -> Iterator[tuple[str, object] | Problem]:
    """`json_lines` over a file, through gzip when its name says so (`records.jsonl.gz`)."""
    def parsed(stream: BinaryIO) -> Iterator[tuple[str, object] | Problem]:
        return json_lines(stream, path, max_bytes)

    if is_gzipped_name(path):
        return read_open_file(path, lambda stream: through_gzip(stream, path, parsed))
    return read_open_file(path, parsed)


def _parsed(source: str, line: bytes) -> tuple[str, object] | Problem:
    try:
        return source, json.loads(line, object_hook=_without_surrogates)  # bytes: json detects UTF-8/16/32
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError both are
        return Problem(source, ProblemKind.MALFORMED, f"not JSON ({exc})")
    except RecursionError:  # "[[[[..." a hundred thousand deep
        return Problem(source, ProblemKind.MALFORMED, "nested too deeply")


def _document(source: str, record: object, origin: Origin) -> Document | Problem:
    if not isinstance(record, dict):
        return Problem(source, ProblemKind.MALFORMED, "not a JSON object")
    for key in ("html", "text", "url"):
        if record.get(key) is not None and not isinstance(record[key], str):
            return Problem(source, ProblemKind.MALFORMED, f"'{key}' is not a string")
    html, text = record.get("html"), record.get("text")
    if html is None and text is None:
        return Problem(source, ProblemKind.MALFORMED, "no 'html' or 'text'")
    content, fmt = (html, "html") if html and html.strip() else (text, "text")
    if not content or content.isspace():
        return Problem(source, ProblemKind.EMPTY, "empty 'html' and 'text'")
    url = (record.get("url") or "").strip() or None
    return Document(source=source, content=content, format=fmt, url=url, meta=_meta(record),
                    site=site_key(url, origin.site))


def _without_surrogates(record: dict) -> dict:
    return {key: LONE_SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value
            for key, value in record.items()}


def _meta(record: dict) -> dict[str, str]:
    meta = {}
    for key in META_FIELDS:
        value = record.get(key)
        if key == "id" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # numeric ids are common; meta holds strings
        if isinstance(value, str) and value.strip():
            meta[key] = value.strip()
    return meta
