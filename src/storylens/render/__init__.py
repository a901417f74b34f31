"""Stage `render`: dossiers → files (stories.json, index.html, one HTML + Markdown page per story)."""
from storylens.render.report import write_report

__all__ = ["write_report"]
