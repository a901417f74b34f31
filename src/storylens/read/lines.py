"""Line-by-line reading that never holds an overlong line whole."""
from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

_SKIP_CHUNK = 1024 * 1024


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Yield (1-based line number, line without its newline), or (number, None) for a line
    longer than `limit` bytes; the rest of such a line is read past in chunks and dropped."""
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        if line.endswith(b"\n"):
            yield number, line[:-1].removesuffix(b"\r")
        elif len(line) <= limit:  # the last line, without a newline
            yield number, line
        else:
            _skip_line(stream)
            yield number, None


def _skip_line(stream: BinaryIO) -> None:
    while (chunk := stream.readline(_SKIP_CHUNK)) and not chunk.endswith(b"\n"):
        pass
