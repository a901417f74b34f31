"""`storylens attributions`: who says what in each document, with offsets."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO

from storylens.commands.extract import extract
from storylens.batches import batched
from storylens.engine import Progress
from storylens.model import Article, Problem
from storylens.read import ReadLimits

ATTRIBUTION_BATCH = 64  # documents parsed together: nlp.pipe is fast only in batches


def attributions(
    paths: Iterable[str],
    *,
    raw: bool = False,
    limits: ReadLimits = ReadLimits(),
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> Iterator[dict | Problem]:
    """Per document `{"id", "source", "attributions": [...]}`.

    Offsets point into the cleaned article text, or with `raw` into each file's exact text
    (the file is taken as already clean; its id is its path).
    """
    from storylens.claims.attribution import attributions_of_texts
    from storylens.claims.speakers import normalise_speakers
    from storylens.read.raw import raw_texts

    if raw:
        documents = ((item[0], item[0], item[1]) if isinstance(item, tuple) else item
                     for item in raw_texts(paths, limits, stdin))
    else:
        documents = ((item.id, item.source, item.text) if isinstance(item, Article) else item
                     for item in extract(paths, limits=limits, stdin=stdin, progress=progress))
    for batch in batched(documents, ATTRIBUTION_BATCH):
        problems = [item for item in batch if isinstance(item, Problem)]
        usable = [item for item in batch if not isinstance(item, Problem)]
        yield from problems
        found = attributions_of_texts(text for _, _, text in usable)
        for (doc_id, source, text), attributions_found in zip(usable, found):
            normalise_speakers([text], [attributions_found])
            yield {"id": doc_id, "source": source, "attributions": [a.to_record() for a in attributions_found]}
