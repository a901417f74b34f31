"""Runs the per-document stages (read → clean) in this process, as a stream.

It also keeps track of which input is in work, so that a library's log line or warning
(trafilatura, htmldate, charset_normalizer, fastwarc...) can be reported naming the input
it is about: `input_in_work()`.
"""
from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import BinaryIO

from storylens.clean.documents import clean_documents
from storylens.clean.duplicates import mark_exact_duplicates
from storylens.model import Article, Document, Problem
from storylens.read import ReadLimits, expand_inputs, read_input

# progress(inputs_done, inputs_total): called once per input file, URL or stream. The total
# is None while the folder walk has not ended (a tree bigger than LOOKAHEAD inputs).
Progress = Callable[[int, "int | None"], None]
# Inputs listed ahead of reading, so that a progress bar knows its total for an ordinary
# batch; a bigger tree is streamed with a running count instead of being listed whole.
LOOKAHEAD = 10_000


@dataclass(slots=True)
class InputsInWork:
    """The input being read, and the documents handed to clean but not yet out of it (clean
    works in batches: its next result is the oldest of these)."""

    reading: str | None = None
    cleaning: deque[str] = field(default_factory=deque)

    def source(self) -> str | None:
        return self.reading or (self.cleaning[0] if self.cleaning else None)


# Logging is process-wide, so the input it may name is too; a context variable keeps two
# streams in two threads apart.
_in_work: ContextVar[InputsInWork | None] = ContextVar("storylens_inputs_in_work", default=None)


def input_in_work() -> str | None:
    """The input (or document) the article stream is working on now, or None outside one."""
    work = _in_work.get()
    return work.source() if work else None


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
    work, outer = InputsInWork(), _in_work.get()
    _in_work.set(work)
    try:
        documents = _handed_to_clean(read_all(expand_inputs(paths), limits, stdin, progress, work), work)
        yield from mark_exact_duplicates(_out_of_clean(clean_documents(documents), work), seen_hashes)
    finally:
        _in_work.set(outer)


def read_all(
    inputs: Iterable[str | Problem], limits: ReadLimits, stdin: BinaryIO | None, progress: Progress | None,
    work: InputsInWork | None = None,
) -> Iterator[Document | Problem]:
    ahead = list(itertools.islice(inputs, LOOKAHEAD))
    total = len(ahead) if len(ahead) < LOOKAHEAD else None
    work = work or InputsInWork()
    for done, item in enumerate(itertools.chain(ahead, inputs), start=1):
        if isinstance(item, Problem):
            yield item
        else:
            yield from _while_reading(work, item, read_input(item, limits=limits, stdin=stdin))
        if progress:
            progress(done, total)


def _while_reading(work: InputsInWork, item: str, documents: Iterator[Document | Problem]) -> Iterator[Document | Problem]:
    """`documents`, with `work.reading` set to `item` only while the reader runs (not while
    the consumer holds a document: then clean is at work)."""
    while True:
        work.reading = item
        try:
            document = next(documents, None)
        finally:
            work.reading = None
        if document is None:
            return
        yield document


def _handed_to_clean(items: Iterable[Document | Problem], work: InputsInWork) -> Iterator[Document | Problem]:
    for item in items:
        work.cleaning.append(item.source)
        yield item


def _out_of_clean(items: Iterable[Article | Problem], work: InputsInWork) -> Iterator[Article | Problem]:
    """clean gives one result per item, in order: each result retires the oldest source."""
    for item in items:
        if work.cleaning:
            work.cleaning.popleft()
        yield item
