"""`storylens extract`: every article of the inputs, problems in place of bad ones."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO

from storylens.engine import Progress, articles_from
from storylens.model import Article, Problem
from storylens.read import ReadLimits


def extract(
    paths: Iterable[str],
    *,
    limits: ReadLimits = ReadLimits(),
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> Iterator[Article | Problem]:
    """Every article in `paths` (files, folders, URLs, `-`), problems in place of bad inputs."""
    return articles_from(paths, limits=limits, stdin=stdin, progress=progress)
