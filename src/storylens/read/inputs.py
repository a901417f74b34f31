"""Command-line inputs → individual inputs: files, folders, stdin, URLs and `.urls` lists.

Expansion only looks at names and directory entries; reading and its problems belong to
`read_input`. A caller can therefore count the inputs (for a progress bar) before reading any.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator

from storylens.model import Problem, ProblemKind
from storylens.read.files import os_reason, read_open_file
from storylens.read.formats import format_by_name
from storylens.read.lines import bounded_lines
from storylens.read.origin import is_url

MAX_URL_LINE = 64 * 1024


def expand_inputs(paths: Iterable[str]) -> Iterator[str | Problem]:
    """Yield each input to read: "-", a URL or a file path; or a Problem where a path is
    missing or a folder or URL list cannot be read. Folders are walked recursively in
    sorted order, one folder listed at a time; a file of a type no reader takes is a
    Problem(UNKNOWN_FILE_TYPE) in its place, so that no file is dropped without a word. Hidden
    entries (".git", ".DS_Store") are left out, as shells and `ls` leave them out."""
    for item in paths:
        if item == "-" or is_url(item):
            yield item
        else:
            yield from _expand_path(item)


def _expand_path(path: str) -> Iterator[str | Problem]:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        # A broken symlink exists as a name: reading it reports why it cannot be read.
        yield path if os.path.lexists(path) else Problem(path, ProblemKind.NOT_FOUND)
        return
    except OSError as exc:  # e.g. a symlink loop: ELOOP
        yield Problem(path, ProblemKind.UNREADABLE, os_reason(exc))
        return
    except ValueError:  # a NUL byte in the path
        yield Problem(path, ProblemKind.NOT_FOUND, "invalid path")
        return
    if stat.S_ISDIR(st.st_mode):
        yield from _walk(path, st)
    elif format_by_name(path) == "urls":
        yield from urls_in(path)
    else:
        yield path  # named explicitly: read whatever its extension, sniffing if need be


def _walk(root: str, root_stat: os.stat_result) -> Iterator[str | Problem]:
    """Depth-first, entries sorted by name at every level, so runs are reproducible. A folder
    already visited (by device and inode) is not entered again: symlink loops end there."""
    seen = {(root_stat.st_dev, root_stat.st_ino)}
    stack, found = [_sorted_entries(root)], False
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
        elif isinstance(entry, Problem):
            found = True
            yield entry
        elif not entry.name.startswith("."):
            folder = _folder_id(entry)
            if folder is None:
                found = True
                yield from _walked_file(entry.path)
            elif folder not in seen:
                seen.add(folder)
                stack.append(_sorted_entries(entry.path))
    if not found:  # a folder that gives nothing says so: "0 read, 0 skipped" would hide a wrong path
        yield Problem(root, ProblemKind.EMPTY, "no files in this folder")


def _walked_file(path: str) -> Iterator[str | Problem]:
    fmt = format_by_name(path)
    if fmt == "urls":
        yield from urls_in(path)
    elif fmt is not None:
        yield path
    else:
        yield Problem(path, ProblemKind.UNKNOWN_FILE_TYPE)


def _sorted_entries(folder: str) -> Iterator[os.DirEntry | Problem]:
    try:
        with os.scandir(folder) as entries:
            listed = sorted(entries, key=lambda entry: entry.name)
    except OSError as exc:
        yield Problem(folder, ProblemKind.UNREADABLE, os_reason(exc))
        return
    yield from listed


def _folder_id(entry: os.DirEntry) -> tuple[int, int] | None:
    """(device, inode) if the entry is a folder (following symlinks), else None."""
    try:
        if not entry.is_dir():
            return None
        st = entry.stat()
    except OSError:  # a symlink loop or a vanished entry: reading it will say why
        return None
    return st.st_dev, st.st_ino


def urls_in(path: str) -> Iterator[str | Problem]:
    """The http(s) URLs listed in a `.urls` file, one a line; blank lines and # comments skipped."""
    def listed(stream) -> Iterator[str | Problem]:
        found = False
        for number, line in bounded_lines(stream, MAX_URL_LINE):
            for item in _url_line(path, number, line):
                found = True
                yield item
        if not found:
            yield Problem(path, ProblemKind.EMPTY, "no URLs listed")

    return read_open_file(path, listed)


def _url_line(path: str, number: int, line: bytes | None) -> Iterator[str | Problem]:
    source = f"{path}#{number}"
    if line is None:
        yield Problem(source, ProblemKind.MALFORMED, f"line {number}: longer than {MAX_URL_LINE} bytes")
        return
    url = line.decode("utf-8", errors="replace").strip().removeprefix("\ufeff")
    if not url or url.startswith("#"):
        return
    if is_url(url) and not any(char.isspace() for char in url):
        yield url
    else:
        yield Problem(source, ProblemKind.MALFORMED, f"line {number}: not an http(s) URL")
