"""Execution: the per-document stages as a stream (`local`), and executors that run the
per-story work here, in worker processes or on Dask (`executors`)."""
from storylens.engine.local import Progress, articles_from

__all__ = ["Progress", "articles_from"]
