"""Stage `cluster`: near-duplicate copies (MinHash) and stories (average linkage in time
blocks, one algorithm for `analyze`, `cluster`, `ingest` and `--multilingual`).

Both need the whole set of items (or the store's state), unlike the per-document stages.
"""
import sys
import types


class _CallablePackage(types.ModuleType):
    """`storylens.cluster(records)` is the public API, and `storylens.cluster` is also this
    package: importing any module in it sets the package as that attribute of `storylens`,
    over the function. So the package itself can be called, and calling it clusters."""

    def __call__(self, records, **options):
        from storylens.cluster.api import cluster

        return cluster(records, **options)


sys.modules[__name__].__class__ = _CallablePackage
