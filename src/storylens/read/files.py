"""Opening local files safely: regular files only, sizes bounded, OS errors as problems."""
from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from typing import BinaryIO, TypeVar

from storylens.model import Problem, ProblemKind
from storylens.read.limits import megabytes

T = TypeVar("T")


def stat_regular(path: str) -> os.stat_result | Problem:
    """The file's stat, or why it cannot be read. Never opens it: opening a FIFO would block."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.lexists(path):
            return Problem(path, ProblemKind.UNREADABLE, "broken symbolic link")
        return Problem(path, ProblemKind.NOT_FOUND)
    except OSError as exc:  # permissions, symlink loops, overlong names
        return Problem(path, ProblemKind.UNREADABLE, os_reason(exc))
    except ValueError:  # a NUL byte in the path
        return Problem(path, ProblemKind.NOT_FOUND, "invalid path")
    return _regular_or_problem(path, st)


def open_regular(path: str) -> BinaryIO | Problem:
    """Open a regular file for reading. O_NONBLOCK, then fstat: a FIFO swapped in after an
    earlier stat is refused instead of blocking the batch."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except (FileNotFoundError, ValueError):
        return stat_regular(path)  # tells a broken link from a missing file or a bad path
    except OSError as exc:
        return Problem(path, ProblemKind.UNREADABLE, os_reason(exc))
    checked = _regular_or_problem(path, os.fstat(fd))
    if isinstance(checked, Problem):
        os.close(fd)
        return checked
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def read_open_file(path: str, reader: Callable[[BinaryIO], Iterator[T]]) -> Iterator[T | Problem]:
    """`reader` over the opened file; an unopenable file or a disk failure mid-read is one
    Problem, and whatever the reader yielded before the failure stands."""
    stream = open_regular(path)
    if isinstance(stream, Problem):
        yield stream
        return
    try:
        with stream:
            yield from reader(stream)
    except OSError as exc:
        yield Problem(path, ProblemKind.UNREADABLE, os_reason(exc))


def read_bounded(stream: BinaryIO, limit: int, source: str) -> bytes | Problem:
    """All of `stream`, unless it holds more than `limit` bytes (then at most limit+1 are read)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        return Problem(source, ProblemKind.TOO_LARGE, f"more than {megabytes(limit)}")
    return data


def too_large(path: str, size: int, limit: int) -> Problem | None:
    if size > limit:
        return Problem(path, ProblemKind.TOO_LARGE, f"{megabytes(size)} > {megabytes(limit)} limit")
    return None


def os_reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _regular_or_problem(path: str, st: os.stat_result) -> os.stat_result | Problem:
    if stat.S_ISREG(st.st_mode):
        return st
    if stat.S_ISDIR(st.st_mode):  # a folder where a file was expected
        return Problem(path, ProblemKind.UNREADABLE, "is a directory")
    return Problem(path, ProblemKind.NOT_A_FILE, _file_type(st.st_mode))


def _file_type(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "FIFO"), (stat.S_ISCHR, "character device"),
                       (stat.S_ISBLK, "block device"), (stat.S_ISSOCK, "socket")):
        if test(mode):
            return name
    return "special file"
