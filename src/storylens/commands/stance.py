"""`storylens stance`: each article's (or row's) stance toward a claim."""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from storylens.commands.extract import extract
from storylens.batches import batched
from storylens.engine import Progress
from storylens.model import Article, Problem, ProblemKind
from storylens.read import ReadLimits

STANCE_BATCH = 256  # pairs judged together: the stance model embeds in batches


def stance_of_articles(
    claim: str,
    paths: Iterable[str],
    *,
    limits: ReadLimits = ReadLimits(),
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> Iterator[dict | Problem]:
    """`storylens stance --claim`: `{"id","stance","score"}` of each article toward `claim`."""
    from storylens.judge.stance import stance_of_pairs

    items = extract(paths, limits=limits, stdin=stdin, progress=progress)
    for batch in batched(items, STANCE_BATCH):
        yield from (item for item in batch if isinstance(item, Problem))
        articles = [item for item in batch if isinstance(item, Article)]
        judged = stance_of_pairs((claim, article.text) for article in articles)
        for article, (stance, score) in zip(articles, judged):
            yield {"id": article.id, "stance": stance, "score": round(score, 4)}


def stance_of_pair_rows(path: str, *, limits: ReadLimits = ReadLimits(), stdin: BinaryIO | None = None
                        ) -> Iterator[dict | Problem]:
    """`storylens stance --pairs`: rows `{"id","claim","text"}` → `{"id","stance","score"}`."""
    from storylens.judge.stance import stance_of_pairs
    from storylens.read.jsonl import json_lines, json_lines_of_file

    rows = (json_lines(stdin or sys.stdin.buffer, "-", limits.max_bytes) if path == "-"
            else json_lines_of_file(path, limits.max_bytes))
    for batch in batched(rows, STANCE_BATCH):
        pairs = []
        for row in batch:
            checked = row if isinstance(row, Problem) else _pair_row(*row)
            if isinstance(checked, Problem):
                yield checked
            else:
                pairs.append(checked)
        judged = stance_of_pairs((claim, text) for _, claim, text in pairs)
        for (row_id, _, _), (stance, score) in zip(pairs, judged):
            yield {"id": row_id, "stance": stance, "score": round(score, 4)}


def _pair_row(source: str, record: object) -> tuple[object, str, str] | Problem:
    if not isinstance(record, dict):
        return Problem(source, ProblemKind.MALFORMED, "not a JSON object")
    for key in ("id", "claim", "text"):
        if key not in record:
            return Problem(source, ProblemKind.MALFORMED, f"no '{key}'")
    if not isinstance(record["claim"], str) or not isinstance(record["text"], str):
        return Problem(source, ProblemKind.MALFORMED, "'claim' and 'text' must be strings")
    return record["id"], record["claim"], record["text"]
