"""One expanded input → its documents: the format registry and the three kinds of input."""
from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from storylens.model import Document, Problem, ProblemKind
from storylens.read.arc import read_arc
from storylens.read.compressed import gunzipping
from storylens.read.feeds import read_feed
from storylens.read.files import read_bounded, read_open_file, stat_regular, too_large
from storylens.read.formats import GZIPPABLE, SNIFF_BYTES, format_by_name, gunzipped_head, is_gzipped_name, sniff
from storylens.read.inputs import expand_inputs
from storylens.read.jsonl import read_jsonl
from storylens.read.limits import ReadLimits
from storylens.read.origin import Origin, for_file, is_url, site_key
from storylens.read.pages import read_html, read_text
from storylens.read.urls import Fetched, fetch
from storylens.read.warc import read_warc

Reader = Callable[[BinaryIO, Origin, ReadLimits], Iterator[Document | Problem]]

READERS: dict[str, Reader] = {
    "html": read_html,
    "text": read_text,
    "feed": read_feed,
    "warc": read_warc,
    "arc": read_arc,
    "jsonl": read_jsonl,
}
# Formats read whole into memory, so a file's size is checked before it is opened.
WHOLE_FILE_FORMATS = {"html", "text", "feed"}
MEDIA_TYPES = {
    "text/html": "html", "application/xhtml+xml": "html", "text/plain": "text",
    "application/rss+xml": "feed", "application/atom+xml": "feed", "application/rdf+xml": "feed",
    "application/xml": "feed", "text/xml": "feed",
}
# Served as gzip with no word on what is inside: looked into, as for stdin.
GZIP_MEDIA_TYPES = {"application/gzip", "application/x-gzip"}


def read_inputs(paths: Iterable[str], *, limits: ReadLimits = ReadLimits(),
                stdin: BinaryIO | None = None) -> Iterator[Document | Problem]:
    """Every document of every input, in input order; problems where they arose."""
    for item in expand_inputs(paths):
        if isinstance(item, Problem):
            yield item
        else:
            yield from read_input(item, limits=limits, stdin=stdin)


def read_input(item: str, *, limits: ReadLimits = ReadLimits(),
               stdin: BinaryIO | None = None) -> Iterator[Document | Problem]:
    """The documents of one expanded input: "-" (stdin), an http(s) URL or a file path."""
    if item == "-":
        yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer, limits)
    elif is_url(item):
        yield from _read_url(item, limits)
    else:
        yield from _read_file(item, limits)


def _read_file(path: str, limits: ReadLimits) -> Iterator[Document | Problem]:
    fmt = format_by_name(path)
    if fmt == "urls":
        yield from read_inputs([path], limits=limits)
        return
    st = stat_regular(path)
    if isinstance(st, Problem):
        yield st
        return
    if fmt in WHOLE_FILE_FORMATS and (problem := too_large(path, st.st_size, limits.max_bytes)):
        yield problem
        return
    yield from read_open_file(path, lambda stream: _read_open_file(stream, path, fmt, st.st_size, limits))


def _read_open_file(stream: BinaryIO, path: str, fmt: str | None, size: int,
                    limits: ReadLimits) -> Iterator[Document | Problem]:
    if fmt is None:  # named explicitly with an extension we do not know: look inside
        fmt, reader = sniffed_reader(stream.read(SNIFF_BYTES))
        stream.seek(0)
        if fmt in WHOLE_FILE_FORMATS and (problem := too_large(path, size, limits.max_bytes)):
            yield problem
            return
    elif is_gzipped_name(path):
        reader = gunzipping(READERS[fmt])
    else:
        reader = READERS[fmt]
    yield from reader(stream, for_file(path), limits)


def sniffed_reader(head: bytes) -> tuple[str, Reader]:
    """The format and reader for content known only by its first bytes; gzipped pages,
    feeds and JSON Lines are read through gzip."""
    fmt = sniff(head)
    if fmt != "gzip":
        return fmt, READERS[fmt]
    inner = sniff(gunzipped_head(head))
    if inner in GZIPPABLE:
        return inner, gunzipping(READERS[inner])
    return "text", READERS["text"]  # gzip inside gzip: decoding refuses it as binary, by name


def _read_stdin(stdin: BinaryIO, limits: ReadLimits) -> Iterator[Document | Problem]:
    data = read_bounded(stdin, limits.max_bytes, "-")
    if isinstance(data, Problem):
        yield data
        return
    yield from sniffed_reader(data)[1](io.BytesIO(data), Origin(source="-", site=None), limits)


def _read_url(url: str, limits: ReadLimits) -> Iterator[Document | Problem]:
    fetched = fetch(url, limits)
    if isinstance(fetched, Problem):
        yield fetched
        return
    reader = _reader_of(fetched)
    if reader is None:
        yield Problem(url, ProblemKind.UNSUPPORTED, f"content type {fetched.media_type}")
        return
    origin = Origin(source=url, site=site_key(fetched.url), url=fetched.url, charset=fetched.charset)
    yield from reader(io.BytesIO(fetched.body), origin, limits)


def _reader_of(fetched: Fetched) -> Reader | None:
    # No type said, or only "gzip": look inside, as for stdin.
    if fetched.media_type is None or fetched.media_type in GZIP_MEDIA_TYPES:
        return sniffed_reader(fetched.body)[1]
    fmt = MEDIA_TYPES.get(fetched.media_type)
    return READERS[fmt] if fmt else None
