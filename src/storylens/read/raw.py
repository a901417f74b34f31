"""Files taken exactly as they are: for commands whose offsets must point into the file itself.

`storylens attributions --raw` reports character offsets into each file's exact UTF-8
text, so nothing here cleans, strips or re-encodes: a file that is not valid UTF-8 (or is
binary, empty or too large) is a Problem, never a guess.
"""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from storylens.model import Problem, ProblemKind
from storylens.read.decode import binary_problem
from storylens.read.files import read_bounded, read_open_file
from storylens.read.inputs import expand_inputs
from storylens.read.limits import ReadLimits


def raw_texts(paths: Iterable[str], limits: ReadLimits = ReadLimits(), stdin: BinaryIO | None = None
              ) -> Iterator[tuple[str, str] | Problem]:
    """(source, text) for every file under `paths` (`-` is stdin); a Problem for each bad one."""
    for path in expand_inputs(paths):
        if isinstance(path, Problem):
            yield path
        elif path == "-":
            yield _exact_text("-", stdin or sys.stdin.buffer, limits)
        elif "://" in path:
            yield Problem(path, ProblemKind.UNSUPPORTED, "--raw reads local files and stdin only")
        else:
            yield from read_open_file(path, lambda stream, path=path: iter([_exact_text(path, stream, limits)]))


def _exact_text(source: str, stream: BinaryIO, limits: ReadLimits) -> tuple[str, str] | Problem:
    data = read_bounded(stream, limits.max_bytes, source)
    if isinstance(data, Problem):
        return data
    if not data.strip():
        return Problem(source, ProblemKind.EMPTY)
    problem = binary_problem(data, source)
    if problem:
        return problem
    try:
        return source, data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Problem(source, ProblemKind.ENCODING, f"not UTF-8 at byte {exc.start}")
