"""Stage `cluster`: near-duplicate copies (MinHash) and stories (average linkage in time
blocks, one algorithm for `analyze`, `cluster`, `ingest` and `--multilingual`).

Both need the whole set of items (or the store's state), unlike the per-document stages.
`storylens.cluster.cluster(records)` is the public call (api.py): it is looked up on first use,
so that importing the package loads neither the clustering code nor a model.
"""
from __future__ import annotations

import importlib

_API = {"cluster": "storylens.cluster.api", "assign": "storylens.cluster.api", "news_items": "storylens.cluster.api"}

__all__ = sorted(_API)


def __getattr__(name: str):
    if name in _API:
        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'storylens.cluster' has no attribute {name!r}")
