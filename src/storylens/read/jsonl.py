"""JSON Lines: one article per line, as scrapers and earlier storylens runs write them."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import BinaryIO

from storylens.model import Document, Problem, ProblemKind
from storylens.read.limits import ReadLimits, megabytes
from storylens.read.lines import bounded_lines
from storylens.read.origin import Origin, site_key

META_FIELDS = ("id", "title", "outlet", "published", "author", "language")

# JSON may escape half a UTF-16 pair ("\ud800"); Python keeps it as a lone surrogate, which
# no later stage can encode. It is replaced here, the only place such text can enter.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def read_jsonl(stream: BinaryIO, origin: Origin, limits: ReadLimits) -> Iterator[Document | Problem]:
    """One Document per record line; a bad line is one Problem and the next line is read."""
    records = 0
    for number, line in bounded_lines(stream, limits.max_bytes):
        if line is not None and not line.strip():
            continue
        records += 1
        source = origin.part(number)
        if line is None:
            yield Problem(source, ProblemKind.TOO_LARGE, f"line {number}: more than {megabytes(limits.max_bytes)}")
        else:
            yield _record(line, number, source, origin)
    if not records:
        yield Problem(origin.source, ProblemKind.EMPTY, "no records")


def _record(line: bytes, number: int, source: str, origin: Origin) -> Document | Problem:
    def problem(kind: str, reason: str) -> Problem:
        return Problem(source, kind, f"line {number}: {reason}")

    try:
        record = json.loads(line, object_hook=_without_surrogates)  # bytes: json detects UTF-8/16/32 and a BOM
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError both are
        return problem(ProblemKind.MALFORMED, f"not JSON ({exc})")
    except RecursionError:  # "[[[[..." a hundred thousand deep
        return problem(ProblemKind.MALFORMED, "nested too deeply")
    if not isinstance(record, dict):
        return problem(ProblemKind.MALFORMED, "not a JSON object")
    for key in ("html", "text", "url"):
        if record.get(key) is not None and not isinstance(record[key], str):
            return problem(ProblemKind.MALFORMED, f"'{key}' is not a string")
    html, text = record.get("html"), record.get("text")
    if html is None and text is None:
        return problem(ProblemKind.MALFORMED, "no 'html' or 'text'")
    content, fmt = (html, "html") if html and html.strip() else (text, "text")
    if not content or content.isspace():
        return problem(ProblemKind.EMPTY, "empty 'html' and 'text'")
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
