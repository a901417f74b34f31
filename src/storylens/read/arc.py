"""ARC files (`.arc`, `.arc.gz`), the Internet Archive's format before WARC: one Document per HTML response.

An ARC record is one header line (`URL IP date content-type length`; version 2 adds five
fields before the length) and `length` bytes of HTTP response. Each record is handed to
the WARC reader's record logic as an equivalent WARC response, so HTTP parsing, decoding
and limits are the same for both formats.
"""
from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator

from storylens.model import Document, Problem, ProblemKind
from storylens.read.formats import GZIP_MAGIC
from storylens.read.limits import ReadLimits, megabytes
from storylens.read.origin import Origin
from storylens.read.warc import ArchiveTally, record_result

MAX_HEADER_LINE = 8 * 1024
_SKIP_CHUNK = 1024 * 1024
FIELDS_AFTER_URL = {1: 4, 2: 9}  # ARC version → header fields after the URL (which may hold spaces)


class _Broken(Exception):
    """The archive cannot be read on from here; carries the problem kind."""

    def __init__(self, kind: str, reason: str):
        super().__init__(reason)
        self.kind = kind


def read_arc(stream: BinaryIO, origin: Origin, limits: ReadLimits) -> Iterator[Document | Problem]:
    compressed = stream.read(2) == GZIP_MAGIC
    stream.seek(0)
    records = gzip.GzipFile(fileobj=stream, mode="rb") if compressed else stream
    tally = ArchiveTally()
    try:
        yield from _records(records, origin, limits, tally)
    except _Broken as broken:
        yield Problem(origin.source, broken.kind, str(broken))
        return
    except EOFError:
        yield Problem(origin.source, ProblemKind.TRUNCATED, f"gzip data ends early after {tally.records} records")
        return
    except (gzip.BadGzipFile, OSError) as exc:
        yield Problem(origin.source, ProblemKind.MALFORMED, f"corrupt gzip data ({exc})")
        return
    if not tally.records:
        yield Problem(origin.source, ProblemKind.EMPTY, "no ARC records")
    elif not tally.pages:
        yield Problem(origin.source, ProblemKind.NO_PAGES, tally.why_no_pages())


def _records(stream: BinaryIO, origin: Origin, limits: ReadLimits, tally: ArchiveTally) -> Iterator[Document | Problem]:
    version = None
    while (header := _header_line(stream)) is not None:
        number = tally.records = tally.records + 1
        url, length = _fields(header, version, number)
        if version is None:  # the first record is the file's own description
            if not url.startswith("filedesc:"):
                raise _Broken(ProblemKind.MALFORMED, "not an ARC file (no filedesc record)")
            version = _version(_read_exactly(stream, length, number))
            continue
        if length > limits.max_bytes:
            _skip(stream, length, number)
            yield Problem(origin.part(number), ProblemKind.TOO_LARGE, f"record of {megabytes(length)}")
            tally.pages += 1
            continue
        block = _read_exactly(stream, length, number)
        if not url.lower().startswith(("http://", "https://")):
            tally.passed_over[f"{url.split(':', 1)[0]}: record"] += 1  # dns: lookups and the like
            continue
        if (result := _as_warc_response(url, block, number, origin, limits, tally)) is not None:
            tally.pages += 1
            yield result


def _header_line(stream: BinaryIO) -> str | None:
    """The next record's header line (blank lines between records skipped), or None at the end."""
    while line := stream.readline(MAX_HEADER_LINE + 1):
        if len(line) > MAX_HEADER_LINE:
            raise _Broken(ProblemKind.MALFORMED, f"header line longer than {MAX_HEADER_LINE} bytes")
        if line.strip():
            return line.decode("latin-1").strip()
    return None


def _fields(header: str, version: int | None, number: int) -> tuple[str, int]:
    fields = header.split(" ")
    after_url = FIELDS_AFTER_URL.get(version or 1, 4)
    if len(fields) < after_url + 1 or not fields[-1].isdigit():
        raise _Broken(ProblemKind.MALFORMED, f"record {number}: bad header line")
    url = " ".join(fields[:-after_url])
    return url, int(fields[-1])


def _version(description: bytes) -> int:
    second_line = description.split(b"\n", 2)[0].split()
    return 2 if second_line[:1] == [b"2"] else 1


def _read_exactly(stream: BinaryIO, length: int, number: int) -> bytes:
    block = stream.read(length)
    if len(block) < length:
        raise _Broken(ProblemKind.TRUNCATED, f"record {number} is cut short")
    return block


def _skip(stream: BinaryIO, length: int, number: int) -> None:
    while length > 0:
        part = stream.read(min(length, _SKIP_CHUNK))
        if not part:
            raise _Broken(ProblemKind.TRUNCATED, f"record {number} is cut short")
        length -= len(part)


def _as_warc_response(url: str, block: bytes, number: int, origin: Origin, limits: ReadLimits,
                      tally: ArchiveTally) -> Document | Problem | None:
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: {number}\r\nWARC-Target-URI: {url}\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(block)}\r\n\r\n")
    warc = head.encode("latin-1") + block + b"\r\n\r\n"
    for record in ArchiveIterator(io.BytesIO(warc), parse_http=False):
        return record_result(record, origin, limits, tally)
    return None
