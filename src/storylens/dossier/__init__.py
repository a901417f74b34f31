"""Stage `dossier`: one story's articles, claims, quotes, numbers, timeline and provenance as
the dict DESIGN.md fixes (`build`), and its summary row for the story list (`summary`)."""
from storylens.dossier.build import build_dossier
from storylens.dossier.summary import story_summary, summary_columns

__all__ = ["build_dossier", "story_summary", "summary_columns"]
