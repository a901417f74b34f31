"""Runs the per-document stages (read → clean) in this process, as a stream."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from storylens.clean.documents import clean_documents
from storylens.clean.duplicates import mark_exact_duplicates
from storylens.model import Article, Document, Problem
from storylens.read import ReadLimits, expand_inputs, read_input

# progress(inputs_done, inputs_total): called once per input file, URL or stream.
Progress = Callable[[int, int], None]


def articles_from(
    paths: Iterable[str],
    *,
    limits: ReadLimits = ReadLimits(),
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    seen_hashes: dict[str, str] | None = None,
) -> Iterator[Article | Problem]:
    """Every article in `paths`, in input order, with problems in place of unusable inputs.

    Exact duplicates come out with `duplicate_of` set; `seen_hashes` carries that memory
    across calls.
    """
    # Folders are listed up front so a progress bar knows its total; listing is cheap
    # next to reading and cleaning.
    inputs = list(expand_inputs(paths))
    documents = read_all(inputs, limits, stdin, progress)
    yield from mark_exact_duplicates(clean_documents(documents), seen_hashes)


def read_all(
    inputs: list[str | Problem], limits: ReadLimits, stdin: BinaryIO | None, progress: Progress | None
) -> Iterator[Document | Problem]:
    for done, item in enumerate(inputs, start=1):
        if isinstance(item, Problem):
            yield item
        else:
            yield from read_input(item, limits=limits, stdin=stdin)
        if progress:
            progress(done, len(inputs))
