"""The unit of work of a scaled-out ingest: one input file (a WARC), or a batch of small files.

A unit runs read → clean → enrich (language) → the per-article part of the claims stage
(`claims.findings.parse_articles`) on a worker, and returns plain picklable values: the
articles with their findings as JSON-ready dicts (`claims.stored_findings`), which the dossier
stage reads back instead of parsing the articles again, and problems. It touches no store and no shared state, so any executor can run it anywhere and
run it again after a worker died.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field

from storylens.claims.stored_findings import findings_record
from storylens.engine.local import articles_from
from storylens.model import Article, Problem
from storylens.read import ReadLimits
from storylens.read.origin import is_url
from storylens.store.inputs import FinishedInput, StoredRecord


@dataclass(slots=True, frozen=True)
class InputUnit:
    """Inputs read in one task: (input, fingerprint) pairs, usually one WARC or a few small files."""

    inputs: tuple[tuple[str, str], ...]
    limits: ReadLimits = ReadLimits()

    @property
    def key(self) -> str:
        first = self.inputs[0][0]
        return first if len(self.inputs) == 1 else f"{first} (+{len(self.inputs) - 1} more)"


@dataclass(slots=True)
class UnitOutput:
    finished: list[FinishedInput]
    problems: list[Problem] = field(default_factory=list)  # records or inputs that gave no article
    # exact duplicates within an input, not stored: (the duplicate, the id or source it repeats),
    # for the caller's on_duplicate as the local engine calls it
    duplicates: list[tuple[Article, str]] = field(default_factory=list)


def fingerprint(path: str) -> str:
    """What tells a changed file from the one a run finished: its size and modification time.
    A URL is read once; a file that cannot be stat'ed is read (and its problem reported) anyway."""
    if is_url(path):
        return "url"
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return "missing"
    return f"{st.st_size}:{st.st_mtime_ns}"


def unit_key(unit: InputUnit) -> str:
    return unit.key


def ingest_unit(unit: InputUnit) -> UnitOutput:
    """Read, clean and find the per-article claims of every article of the unit's inputs.

    The articles of all the unit's inputs are parsed in one batch (`nlp.pipe` is fast only in
    batches); what is found depends on each article alone, so not on which articles share a unit."""
    from storylens.claims.findings import parse_articles

    output, per_input = UnitOutput([]), []
    for key, print_ in unit.inputs:
        items = list(articles_from([key], limits=unit.limits))
        output.problems += [item for item in items if isinstance(item, Problem)]
        articles = [item for item in items if isinstance(item, Article)]
        fresh = [article for article in articles if not article.duplicate_of]
        output.duplicates += [(article, article.duplicate_of) for article in articles if article.duplicate_of]
        per_input.append((key, print_, len(articles), fresh))
    findings = iter(parse_articles([article for _, _, _, fresh in per_input for article in fresh]))
    for key, print_, count, fresh in per_input:
        records = [StoredRecord(record, article, findings_record(next(findings)))
                   for record, article in zip(record_keys(fresh), fresh)]
        output.finished.append(FinishedInput(key, print_, records, count))
    return output


def record_keys(articles: Iterable[Article]) -> list[str]:
    """Each article's source names its record (`file.warc.gz#<urn:uuid:…>`); the rare input that
    gives two articles one source (a feed entry repeated) numbers the later ones, in read order,
    which is the same on every try."""
    seen: dict[str, int] = {}
    keys = []
    for article in articles:
        count = seen[article.source] = seen.get(article.source, 0) + 1
        keys.append(article.source if count == 1 else f"{article.source}@{count}")
    return keys
