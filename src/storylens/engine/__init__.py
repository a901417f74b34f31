"""Execution of the per-document stages: locally now, on Dask when a cluster is needed."""
from storylens.engine.local import Progress, articles_from

__all__ = ["Progress", "articles_from"]
