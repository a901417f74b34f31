"""The commands as plain functions, one module each; the CLI, the web app and the benchmarks
call these. Each takes callbacks for what happens along the way (a skipped input, a
duplicate, a story whose dossier failed) and returns a report, so a caller decides how to
show it. The work itself is in `storylens.pipeline` and the stages."""
from storylens.commands.analyze import analyze, analyze_on_dask
from storylens.commands.attributions import attributions
from storylens.commands.cluster import cluster_records, news_items_from
from storylens.commands.extract import extract
from storylens.commands.ingest import ingest, ingest_on_dask
from storylens.commands.reports import ClusterReport, RunReport, tally
from storylens.commands.stance import stance_of_articles, stance_of_pair_rows

__all__ = [
    "ClusterReport", "RunReport", "analyze", "attributions", "cluster_records", "extract", "ingest", "ingest_on_dask",
    "news_items_from", "stance_of_articles", "stance_of_pair_rows", "tally",
]
