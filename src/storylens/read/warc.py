"""WARC archives (plain or gzip, e.g. Common Crawl CC-NEWS): one Document per HTML response.

fastwarc stops silently at a truncated end: a record cut mid-body comes out short, one cut
in its headers comes out without them, and a gzip member cut anywhere simply ends the
iteration. So each record's length is checked against its Content-Length, and for gzip the
members from the last record to the end of the file are verified to be complete.

An archive that gives no page says why (no response records, only images, only errors):
"0 read, 0 skipped" for a file that held nothing usable would be a silent drop.
"""
from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from storylens.model import Document, Problem, ProblemKind
from storylens.read.decode import decode
from storylens.read.formats import GZIP_MAGIC, gunzipped_head
from storylens.read.limits import ReadLimits, megabytes
from storylens.read.origin import Origin, site_key

HTML_TYPES = {"text/html", "application/xhtml+xml"}
PAGE_RECORDS = (WarcRecordType.response, WarcRecordType.resource)  # resource: a page stored without HTTP
_CHUNK = 64 * 1024
_HEAD_END = re.compile(rb"\r?\n\r?\n")
_CONTENT_ENCODING = re.compile(rb"^content-encoding:[ \t]*([A-Za-z0-9-]+)", re.I | re.M)
_CHUNKED = re.compile(rb"^transfer-encoding:[^\r\n]*chunked", re.I | re.M)


class _Cut(Exception):
    """A record ends before its declared length: the archive was cut there."""


@dataclass(slots=True)
class ArchiveTally:
    """What an archive held besides pages, to say why it gave none."""

    records: int = 0
    pages: int = 0  # Documents and per-record Problems: each already tells the user something
    passed_over: Counter = field(default_factory=Counter)  # why a record was not a page → count

    def why_no_pages(self) -> str:
        held = ", ".join(f"{reason} ×{count}" for reason, count in self.passed_over.most_common())
        if not any(reason.startswith(("response", "resource")) for reason in self.passed_over):
            return f"no response records; {_count(self.records)}: {held}"
        return f"no HTML response with HTTP 2xx; {_count(self.records)}: {held}"


def read_warc(stream: BinaryIO, origin: Origin, limits: ReadLimits) -> Iterator[Document | Problem]:
    """Stream the archive record by record; `stream` must be seekable (to verify gzip)."""
    compressed = stream.read(2) == GZIP_MAGIC
    stream.seek(0)
    tally, last_start = ArchiveTally(), 0
    try:
        for record in ArchiveIterator(stream, parse_http=False):
            last_start, tally.records = record.stream_pos, tally.records + 1
            if (result := record_result(record, origin, limits, tally)) is not None:
                tally.pages += 1
                yield result
    except _Cut as cut:
        yield Problem(origin.source, ProblemKind.TRUNCATED, str(cut))
        return
    except OSError as exc:  # fastwarc's word for a corrupt header or gzip data error
        if tally.records:
            yield Problem(origin.source, ProblemKind.TRUNCATED, f"after {_count(tally.records)}: {exc}")
        else:
            yield _no_records(stream, origin.source, compressed, f"not a WARC file ({exc})")
        return
    if compressed and not _gzip_complete(stream, last_start):
        yield Problem(origin.source, ProblemKind.TRUNCATED, f"gzip data ends mid-member after {_count(tally.records)}")
    elif not tally.records:
        yield _no_records(stream, origin.source, compressed, "not a WARC file")
    elif not tally.pages:
        yield Problem(origin.source, ProblemKind.NO_PAGES, tally.why_no_pages())


def record_result(record: WarcRecord, origin: Origin, limits: ReadLimits,
                  tally: ArchiveTally) -> Document | Problem | None:
    """The record's Document, a Problem for this record alone, or None where it is not a page
    (counted in `tally`). Raises _Cut when the record is incomplete."""
    declared = record.headers.get("Content-Length") or ""
    if not declared.isdigit():
        raise _Cut(f"record at offset {record.stream_pos} has incomplete headers")
    size = int(declared)
    source = origin.part(record.record_id or f"@{record.stream_pos}")
    if record.record_type not in PAGE_RECORDS or size > limits.max_bytes:
        if record.consume() < size:  # skipped, but its bytes must all be there
            raise _Cut(f"record at offset {record.stream_pos} is cut short")
        if record.record_type in PAGE_RECORDS:
            return Problem(source, ProblemKind.TOO_LARGE, f"record of {megabytes(size)}")
        tally.passed_over[_type_name(record)] += 1
        return None
    block = record.reader.read(size)
    if len(block) < size:
        raise _Cut(f"record at offset {record.stream_pos} is cut short")
    if record.record_type == WarcRecordType.resource:
        return _resource_document(record, block, source, origin, tally)
    return _response_document(record, block, source, origin, limits, tally)


def _response_document(record: WarcRecord, block: bytes, source: str, origin: Origin,
                       limits: ReadLimits, tally: ArchiveTally) -> Document | Problem | None:
    # HTTP is parsed from the block in memory, after the length check; 'all' undoes chunked
    # transfer and gzip/deflate content encoding, bounded below in case of a decompression bomb.
    block = _with_crlf_head(block)
    record.set_bytes_content(block)
    try:
        record.parse_http(auto_decode=_decoding(block))
        status = record.http_headers.status_code if record.http_headers else None
        if not _is_html(record) or status is None or not 200 <= status < 300:
            tally.passed_over[_not_a_page(record, status)] += 1
            return None
        payload = record.reader.read(limits.max_bytes + 1)
    except OSError as exc:
        return Problem(source, ProblemKind.MALFORMED, f"bad HTTP response ({exc})")
    if len(payload) > limits.max_bytes:
        return Problem(source, ProblemKind.TOO_LARGE, f"payload of more than {megabytes(limits.max_bytes)}")
    return _page(payload, record.http_charset, record, source, origin)


def _resource_document(record: WarcRecord, block: bytes, source: str, origin: Origin,
                       tally: ArchiveTally) -> Document | Problem | None:
    media_type, _, params = (record.headers.get("Content-Type") or "").partition(";")
    if media_type.strip().lower() not in HTML_TYPES:
        tally.passed_over[f"resource {media_type.strip().lower() or 'untyped'}"] += 1
        return None
    charset = params.partition("charset=")[2].strip().strip("\"'") or None
    return _page(block, charset, record, source, origin)


def _page(payload: bytes, charset: str | None, record: WarcRecord, source: str, origin: Origin) -> Document | Problem:
    text = decode(payload, source, charset=charset, kind="html")
    if isinstance(text, Problem):
        return text
    url = (record.headers.get("WARC-Target-URI") or "").strip().strip("<>") or None
    return Document(source=source, content=text, format="html", url=url, site=site_key(url, origin.site))


def _with_crlf_head(block: bytes) -> bytes:
    """ClueWeb09 ends HTTP header lines with a bare LF. fastwarc's lenient mode then reads the
    page itself as headers (measured on resiliparse's clueweb-quirk.warc.gz: no page of 29
    found), so such a head is rewritten with CRLF, the body left as it is."""
    end = _HEAD_END.search(block, 0, _CHUNK)
    if end is None or end.group() != b"\n\n":
        return block
    lines = block[:end.start()].split(b"\n")
    return b"\r\n".join(line.removesuffix(b"\r") for line in lines) + b"\r\n\r\n" + block[end.end():]


def _decoding(block: bytes) -> str:
    """What fastwarc should undo. Some crawlers (ClueWeb09) store the body decoded but keep
    'Content-Encoding: gzip': gunzipping that fails, so then only the transfer encoding is undone."""
    end = _HEAD_END.search(block, 0, _CHUNK)
    if end is None or _CHUNKED.search(block, 0, end.start()):  # a chunked body starts with a size, not gzip
        return "all"
    coding = _CONTENT_ENCODING.search(block, 0, end.start())
    if coding and coding.group(1).lower() in (b"gzip", b"x-gzip") and not block[end.end():].startswith(GZIP_MAGIC):
        return "transfer"
    return "all"


def _not_a_page(record: WarcRecord, status: int | None) -> str:
    if status is None:
        return "response without HTTP status"
    if not 200 <= status < 300:
        return f"response HTTP {status}"
    return f"response {(record.http_content_type or 'untyped').lower()}"


def _no_records(stream: BinaryIO, source: str, compressed: bool, otherwise: str) -> Problem:
    """Why fastwarc found no record: nothing there, a version it does not read, or (`otherwise`) not a WARC."""
    stream.seek(0)
    head = stream.read(_CHUNK)
    head = gunzipped_head(head) if compressed else head
    if not head.strip():
        return Problem(source, ProblemKind.EMPTY, "no WARC records")
    first_line = head.split(b"\n", 1)[0].strip().decode("latin-1")[:40]
    if first_line.startswith("WARC/"):
        return Problem(source, ProblemKind.UNSUPPORTED, f"{first_line} is not a WARC version we read (1.1, 1.0, 0.x)")
    return Problem(source, ProblemKind.MALFORMED, otherwise)


def _type_name(record: WarcRecord) -> str:
    return (record.headers.get("WARC-Type") or "untyped").strip().lower()


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
