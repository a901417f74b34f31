"""The dossier of one story, in the shape of DESIGN.md's `stories.json` entries.

Until claims and numbers exist as stages, their lists stay empty; the articles, a timeline
of publication dates and the provenance (article → outlet, copy → original) are filled.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from storylens.model import Article


def build_dossier(story_id: str, title: str, articles: Sequence[Article], copies: Mapping[str, str] | None = None) -> dict:
    """`copies` maps an article id to the earlier article it copies near-verbatim."""
    ordered = sorted(articles, key=lambda a: (a.published or "9999", a.id))
    return {
        "id": story_id,
        "title": title,
        "summary": summary_line(ordered),
        "articles": [article_entry(article) for article in ordered],
        "claims": [],
        "quotes": [],
        "numbers": [],
        "timeline": timeline(ordered),
        "provenance": provenance(ordered, copies or {}),
    }


def article_entry(article: Article) -> dict:
    record = article.to_record()
    return {key: record[key] for key in ("id", "source", "outlet", "url", "title", "published", "language", "author")}


def summary_line(articles: Sequence[Article]) -> str:
    outlets = {a.outlet for a in articles if a.outlet}
    dates = sorted(a.published[:10] for a in articles if a.published)
    span = f", {dates[0]} to {dates[-1]}" if dates else ""
    return f"{len(articles)} articles from {len(outlets)} outlets{span}"


def timeline(articles: Sequence[Article]) -> list[dict]:
    """One entry per dated article, oldest first (claims will add their own events later)."""
    return [
        {
            "date": article.published,
            "event": f"{article.outlet or 'unknown outlet'} publishes \u201c{article.title or article.id}\u201d",
            "articles": [article.id],
        }
        for article in articles
        if article.published
    ]


def provenance(articles: Sequence[Article], copies: Mapping[str, str]) -> dict:
    nodes = [{"id": a.id, "kind": "article"} for a in articles]
    outlets = sorted({a.outlet for a in articles if a.outlet})
    nodes += [{"id": outlet, "kind": "outlet"} for outlet in outlets]
    edges = [{"from": a.id, "to": a.outlet, "kind": "published_by"} for a in articles if a.outlet]
    members = {a.id for a in articles}
    edges += [{"from": a.id, "to": copies[a.id], "kind": "copies"} for a in articles if copies.get(a.id) in members]
    return {"nodes": nodes, "edges": edges}
