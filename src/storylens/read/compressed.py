"""Inputs gzipped as a whole (`page.html.gz`, `feed.xml.gz`, `records.jsonl.gz`): read through gzip.

Decompression is streamed and every reader bounds what it reads, so `--max-mb` caps the
decompressed size: a small file that inflates to gigabytes is refused like a large one.
"""
from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterator
from typing import BinaryIO, TypeVar

from storylens.model import Document, Problem, ProblemKind
from storylens.read.limits import ReadLimits
from storylens.read.origin import Origin

Reader = Callable[[BinaryIO, Origin, ReadLimits], Iterator[Document | Problem]]
T = TypeVar("T")


def gunzipping(reader: Reader) -> Reader:
    """`reader` over the decompressed stream."""
    def read(stream: BinaryIO, origin: Origin, limits: ReadLimits) -> Iterator[Document | Problem]:
        return through_gzip(stream, origin.source, lambda inflated: reader(inflated, origin, limits))
    return read


def through_gzip(stream: BinaryIO, source: str, read: Callable[[BinaryIO], Iterator[T]]) -> Iterator[T | Problem]:
    """`read` over the decompressed stream. Data cut short is a truncated archive, after
    whatever came out before the cut (JSON Lines records, feed entries are not re-read)."""
    inflated = gzip.GzipFile(fileobj=stream, mode="rb")
    try:
        yield from read(inflated)
    except EOFError:  # gzip's word for a member cut before its end
        yield Problem(source, ProblemKind.TRUNCATED, "gzip data ends early")
    except gzip.BadGzipFile as exc:
        reason = "not gzip data" if str(exc).startswith("Not a gzipped file") else f"corrupt gzip data ({_first_words(exc)})"
        yield Problem(source, ProblemKind.MALFORMED, reason)
    except zlib.error as exc:
        yield Problem(source, ProblemKind.MALFORMED, f"corrupt gzip data ({_first_words(exc)})")


def _first_words(exc: Exception) -> str:
    return " ".join(str(exc).split())[:120] or type(exc).__name__
