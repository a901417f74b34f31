"""Writes the whole report directory `storylens analyze --out DIR` promises: stories.json, the
story list in pages (index.html, index-2.html, …, and per status index-disputed.html, …), and per
story and article an HTML page (stories with a Markdown twin; claims are sections of their story's page).

A folder used again holds the pages of the earlier run. Those the new run does not write again
are removed, so that no stale story stays linked from nowhere; only files a manifest says the
report itself wrote go, never anything else a user keeps there.
"""
from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path

from storylens.render.html import render_article, render_index, render_story
from storylens.render.links import FileLinks, file_stem
from storylens.render.listing import PAGE_SIZE, STATUSES, StoryQuery, story_page, story_summary
from storylens.render.markdown import render_story_markdown

TOP, BELOW = FileLinks(up=""), FileLinks(up="../")
MANIFEST = ".storylens-report.json"  # the pages the last run wrote, relative to the folder
# What a manifest may name: a page of the report, and nothing else, whatever a hand-edited manifest says.
_REPORT_PAGE = re.compile(r"(?:stories|articles)/[A-Za-z0-9_-]+\.(?:html|md)|index(?:-[A-Za-z0-9_-]+)?\.html")


def write_report(out_dir: str | Path, dossiers: Sequence[dict], texts: Mapping[str, str]) -> Path:
    """`texts` maps article id → clean text, shown on the pages (the dossier itself holds no bodies).

    Returns the path of index.html.
    """
    out = Path(out_dir)
    for folder in ("stories", "articles"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    earlier = pages_written_before(out)
    pages = set(report_pages(dossiers))
    # Listed before they are written: a run cut short still leaves every page it wrote on record.
    write_manifest(out, sorted(earlier | pages))
    write_atomically(out / "stories.json", json.dumps(list(dossiers), ensure_ascii=False, indent=2) + "\n")
    write_atomically(out / "style.css", resources.files("storylens.render").joinpath("static/style.css").read_text("utf-8"))
    for dossier in dossiers:
        write_story_pages(out, dossier, texts)
    write_article_pages(out, dossiers, texts)
    index_pages = write_index_pages(out, [story_summary(dossier) for dossier in dossiers])
    pages |= set(index_pages)
    for stale in sorted(earlier - pages):
        (out / stale).unlink(missing_ok=True)
    write_manifest(out, sorted(pages))
    return out / "index.html"


def report_pages(dossiers: Sequence[dict]) -> list[str]:
    """The story and article pages a report of these dossiers writes, relative to its folder."""
    stories = [f"stories/{file_stem(d['id'])}{suffix}" for d in dossiers for suffix in (".html", ".md")]
    articles = {f"articles/{file_stem(a['id'])}.html" for d in dossiers for a in d["articles"]}
    return stories + sorted(articles)


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


def write_index_pages(out: Path, rows: list[dict]) -> list[str]:
    """Every page of the list, for all stories and for each status (a directory cannot filter on
    request); returns their names."""
    written = []
    for status in (None, *STATUSES):
        chosen = [row for row in rows if status is None or row["status"] == status]
        if status and not chosen:
            continue
        for page in range(1, max(1, math.ceil(len(chosen) / PAGE_SIZE)) + 1):
            listing = story_page(rows, StoryQuery(status=status, page=page))
            name = TOP.index(page=page, status=status)
            write_atomically(out / name, render_index(listing, TOP, rows))
            written.append(name)
    return written


def pages_written_before(out: Path) -> set[str]:
    """The pages the manifest lists; none when there is no manifest or it is not ours."""
    try:
        listed = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(listed, dict) or not isinstance(listed.get("pages"), list):
        return set()
    return {page for page in listed["pages"] if isinstance(page, str) and _REPORT_PAGE.fullmatch(page)}


def write_manifest(out: Path, pages: list[str]) -> None:
    write_atomically(out / MANIFEST, json.dumps({"written_by": "storylens analyze", "pages": pages}, indent=1) + "\n")


def write_atomically(path: Path, content: str) -> None:
    """A reader (or a crash) never sees half a file: write beside it, then rename over it."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(content, encoding="utf-8")
    os.replace(partial, path)
