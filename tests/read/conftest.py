"""Builders for the inputs the read tests need: WARC records written byte by byte."""
from __future__ import annotations

import gzip

import pytest


def warc_record(record_type: str, record_id: str, *, uri: str | None = None, block: bytes = b"",
                content_type: str = "application/http; msgtype=response", version: str = "WARC/1.0") -> bytes:
    """One WARC record (1.0 unless told), as a crawler writes it: headers, block, two CRLFs."""
    headers = [
        version,
        f"WARC-Type: {record_type}",
        f"WARC-Record-ID: {record_id}",
        "WARC-Date: 2024-11-10T12:00:00Z",
        *([f"WARC-Target-URI: {uri}"] if uri else []),
        f"Content-Type: {content_type}",
        f"Content-Length: {len(block)}",
    ]
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http_response(body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK",
                  extra: tuple[str, ...] = ()) -> bytes:
    head = [f"HTTP/1.1 {status}", f"Content-Type: {content_type}", *extra]
    if not any(line.lower().startswith("transfer-encoding") for line in extra):
        head.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


def response_record(number: int, body: bytes, **http) -> bytes:
    return warc_record("response", record_id(number), uri=f"https://www.example{number}.com/story",
                       block=http_response(body, **http))


def record_id(number: int) -> str:
    return f"<urn:uuid:00000000-0000-0000-0000-{number:012d}>"


def gzip_members(records: list[bytes]) -> bytes:
    """One gzip member per record, as Common Crawl writes .warc.gz files."""
    return b"".join(gzip.compress(record, mtime=0) for record in records)


@pytest.fixture
def warc():
    """The builders above, as one object, so tests need no import path tricks."""

    class Builders:
        record = staticmethod(warc_record)
        http = staticmethod(http_response)
        response = staticmethod(response_record)
        id = staticmethod(record_id)
        gzip = staticmethod(gzip_members)

    return Builders
