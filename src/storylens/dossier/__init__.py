"""Stage `dossier`: one story's articles (and later its claims, quotes, numbers) as the dict DESIGN.md fixes."""
from storylens.dossier.build import build_dossier

__all__ = ["build_dossier"]
