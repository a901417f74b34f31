"""Writes the whole report directory `storylens analyze --out DIR` promises: stories.json, the
story list in pages (index.html, index-2.html, …, and per status index-disputed.html, …), and per
story and article an HTML page (stories with a Markdown twin; claims are sections of their story's page)."""
from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path

from storylens.render.html import render_article, render_index, render_story
from storylens.render.links import FileLinks, file_stem
from storylens.render.listing import PAGE_SIZE, STATUSES, StoryQuery, story_page, story_summary
from storylens.render.markdown import render_story_markdown

TOP, BELOW = FileLinks(up=""), FileLinks(up="../")


def write_report(out_dir: str | Path, dossiers: Sequence[dict], texts: Mapping[str, str]) -> Path:
    """`texts` maps article id → clean text, shown on the pages (the dossier itself holds no bodies).

    Returns the path of index.html.
    """
    out = Path(out_dir)
    for folder in ("stories", "articles"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    write_atomically(out / "stories.json", json.dumps(list(dossiers), ensure_ascii=False, indent=2) + "\n")
    write_atomically(out / "style.css", resources.files("storylens.render").joinpath("static/style.css").read_text("utf-8"))
    for dossier in dossiers:
        write_story_pages(out, dossier, texts)
    write_article_pages(out, dossiers, texts)
    write_index_pages(out, [story_summary(dossier) for dossier in dossiers])
    return out / "index.html"


def write_story_pages(out: Path, dossier: dict, texts: Mapping[str, str]) -> None:
    stem = out / "stories" / file_stem(dossier["id"])
    write_atomically(stem.with_suffix(".html"), render_story(dossier, texts, BELOW))
    write_atomically(stem.with_suffix(".md"), render_story_markdown(dossier, texts))


def write_article_pages(out: Path, dossiers: Sequence[dict], texts: Mapping[str, str]) -> None:
    stories_of: dict[str, list[dict]] = {}
    entries: dict[str, dict] = {}
    for dossier in dossiers:
        for article in dossier["articles"]:
            stories_of.setdefault(article["id"], []).append(dossier)
            entries.setdefault(article["id"], article)
    for article_id, article in entries.items():
        page = render_article(article, texts.get(article_id, ""), stories_of[article_id], BELOW)
        write_atomically(out / "articles" / f"{file_stem(article_id)}.html", page)


def write_index_pages(out: Path, rows: list[dict]) -> None:
    """Every page of the list, for all stories and for each status: a directory cannot filter on request."""
    for status in (None, *STATUSES):
        chosen = [row for row in rows if status is None or row["status"] == status]
        if status and not chosen:
            continue
        for page in range(1, max(1, math.ceil(len(chosen) / PAGE_SIZE)) + 1):
            listing = story_page(rows, StoryQuery(status=status, page=page))
            write_atomically(out / TOP.index(page=page, status=status), render_index(listing, TOP, rows))


def write_atomically(path: Path, content: str) -> None:
    """A reader (or a crash) never sees half a file: write beside it, then rename over it."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(content, encoding="utf-8")
    os.replace(partial, path)
