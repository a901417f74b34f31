"""WARC archives (plain or gzip, e.g. Common Crawl CC-NEWS): one Document per HTML response.

fastwarc stops silently at a truncated end: a record cut mid-body comes out short, one cut
in its headers comes out without them, and a gzip member cut anywhere simply ends the
iteration. So each record's length is checked against its Content-Length, and for gzip the
members from the last record to the end of the file are verified to be complete.
"""
from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from storylens.model import Document, Problem, ProblemKind
from storylens.read.decode import decode
from storylens.read.limits import ReadLimits, megabytes
from storylens.read.origin import Origin, site_key

HTML_TYPES = {"text/html", "application/xhtml+xml"}
_CHUNK = 64 * 1024


class _Cut(Exception):
    """A record ends before its declared length: the archive was cut there."""


def read_warc(stream: BinaryIO, origin: Origin, limits: ReadLimits) -> Iterator[Document | Problem]:
    """Stream the archive record by record; `stream` must be seekable (to verify gzip)."""
    compressed = stream.read(2) == b"\x1f\x8b"
    stream.seek(0)
    last_start, records = 0, 0
    try:
        for record in ArchiveIterator(stream, parse_http=False):
            last_start, records = record.stream_pos, records + 1
            if (result := _record_result(record, origin, limits)) is not None:
                yield result
    except _Cut as cut:
        yield Problem(origin.source, ProblemKind.TRUNCATED, str(cut))
        return
    except OSError as exc:  # fastwarc's word for a corrupt header or gzip data error
        if records:
            yield Problem(origin.source, ProblemKind.TRUNCATED, f"after {_count(records)}: {exc}")
        else:
            yield Problem(origin.source, ProblemKind.MALFORMED, f"not a WARC file ({exc})")
        return
    if compressed and not _gzip_complete(stream, last_start):
        yield Problem(origin.source, ProblemKind.TRUNCATED, f"gzip data ends mid-member after {_count(records)}")
    elif not records:
        yield Problem(origin.source, ProblemKind.EMPTY, "no WARC records")


def _record_result(record: WarcRecord, origin: Origin, limits: ReadLimits) -> Document | Problem | None:
    """The record's Document, a Problem for this record alone, or None to skip it silently.
    Raises _Cut when the record is incomplete."""
    declared = record.headers.get("Content-Length") or ""
    if not declared.isdigit():
        raise _Cut(f"record at offset {record.stream_pos} has incomplete headers")
    size = int(declared)
    source = origin.part(record.record_id or f"@{record.stream_pos}")
    if record.record_type != WarcRecordType.response or size > limits.max_bytes:
        if record.consume() < size:  # skipped, but its bytes must all be there
            raise _Cut(f"record at offset {record.stream_pos} is cut short")
        if record.record_type == WarcRecordType.response:
            return Problem(source, ProblemKind.TOO_LARGE, f"record of {megabytes(size)}")
        return None
    block = record.reader.read(size)
    if len(block) < size:
        raise _Cut(f"record at offset {record.stream_pos} is cut short")
    return _response_document(record, block, source, origin, limits)


def _response_document(record: WarcRecord, block: bytes, source: str, origin: Origin,
                       limits: ReadLimits) -> Document | Problem | None:
    # HTTP is parsed from the block in memory, after the length check; 'all' undoes chunked
    # transfer and gzip/deflate content encoding, bounded below in case of a decompression bomb.
    record.set_bytes_content(block)
    try:
        record.parse_http(auto_decode="all")
        status = record.http_headers.status_code if record.http_headers else None
        if not _is_html(record) or status is None or not 200 <= status < 300:
            return None  # requests, redirects, error pages, images: not articles
        payload = record.reader.read(limits.max_bytes + 1)
    except OSError as exc:
        return Problem(source, ProblemKind.MALFORMED, f"bad HTTP response ({exc})")
    if len(payload) > limits.max_bytes:
        return Problem(source, ProblemKind.TOO_LARGE, f"payload of more than {megabytes(limits.max_bytes)}")
    text = decode(payload, source, charset=record.http_charset, kind="html")
    if isinstance(text, Problem):
        return text
    url = (record.headers.get("WARC-Target-URI") or "").strip().strip("<>") or None
    return Document(source=source, content=text, format="html", url=url, site=site_key(url, origin.site))


def _count(records: int) -> str:
    return f"{records} record" + ("" if records == 1 else "s")


def _is_html(record: WarcRecord) -> bool:
    if record.http_content_type:
        return record.http_content_type.lower() in HTML_TYPES
    identified = record.headers.get("WARC-Identified-Payload-Type") or ""
    return identified.split(";")[0].strip().lower() in HTML_TYPES


def _gzip_complete(stream: BinaryIO, start: int) -> bool:
    """Whether the gzip members from `start` to the end of `stream` are all complete.
    Truncation can only be at the end, so the members from the last record on suffice.
    In a file gzipped whole, `start` is only a buffer position inside the one member:
    then the whole file is checked."""
    stream.seek(start)
    if stream.read(3) != b"\x1f\x8b\x08":
        start = 0
    stream.seek(start)
    member, pending = zlib.decompressobj(wbits=31), False
    try:
        while chunk := stream.read(_CHUNK):
            while chunk:
                member.decompress(chunk, _CHUNK)  # output is dropped; bounded against bombs
                while member.unconsumed_tail and not member.eof:
                    member.decompress(member.unconsumed_tail, _CHUNK)
                pending = not member.eof
                chunk = member.unused_data if member.eof else b""
                if member.eof:
                    member = zlib.decompressobj(wbits=31)
    except zlib.error:
        return False
    return not pending
