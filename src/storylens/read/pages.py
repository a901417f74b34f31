"""Single pages: an HTML file or a plain-text page dump is one Document."""
from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from storylens.model import Document, Problem
from storylens.read.decode import decode
from storylens.read.files import read_bounded
from storylens.read.limits import ReadLimits
from storylens.read.origin import Origin, site_key


def read_html(stream: BinaryIO, origin: Origin, limits: ReadLimits) -> Iterator[Document | Problem]:
    yield _page(stream, origin, limits, "html")


def read_text(stream: BinaryIO, origin: Origin, limits: ReadLimits) -> Iterator[Document | Problem]:
    yield _page(stream, origin, limits, "text")


def _page(stream: BinaryIO, origin: Origin, limits: ReadLimits, fmt: str) -> Document | Problem:
    data = read_bounded(stream, limits.max_bytes, origin.source)
    if isinstance(data, Problem):
        return data
    text = decode(data, origin.source, charset=origin.charset, kind=fmt)
    if isinstance(text, Problem):
        return text
    return Document(source=origin.source, content=text, format=fmt, url=origin.url,
                    site=site_key(origin.url, origin.site))
