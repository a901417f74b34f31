"""The old import path of the commands, kept so that code written before they were split keeps
working. New code imports `storylens.commands` (the commands) or `storylens.pipeline` (the
path from articles to dossiers)."""
from storylens.commands import (  # noqa: F401
    ClusterReport, RunReport, analyze, attributions, cluster_records, extract, ingest, news_items_from,
    stance_of_articles, stance_of_pair_rows, tally,
)
from storylens.model import Article  # noqa: F401
from storylens.pipeline import StoryTask, assign_stored_stories, dossiers_of, story_dossiers, story_tasks  # noqa: F401
