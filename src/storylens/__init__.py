"""storylens: who reported a story first-hand, who echoed it, who denies it.

The public API is the commands as functions (`storylens.extract`, `ingest`, `analyze`, ...),
imported on first use so that `import storylens.model` stays light.
"""
from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("storylens")  # one place for it: pyproject.toml, through the installed metadata
except PackageNotFoundError:  # a source tree on sys.path that was never installed
    __version__ = "0+unknown"

_API = {
    "analyze": "storylens.commands",
    "attributions": "storylens.commands",
    "cluster_records": "storylens.commands",
    "extract": "storylens.commands",
    "ingest": "storylens.commands",
    "stance_of_articles": "storylens.commands",
    "stance_of_pair_rows": "storylens.commands",
    "story_dossiers": "storylens.pipeline",
    "ClusterReport": "storylens.commands",
    "RunReport": "storylens.commands",
    "Article": "storylens.model",
    "Document": "storylens.model",
    "Problem": "storylens.model",
}

__all__ = sorted(_API)


def __getattr__(name: str):
    if name in _API:
        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'storylens' has no attribute {name!r}")
