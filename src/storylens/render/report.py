"""Writes the whole report directory `storylens analyze --out DIR` promises.

A folder used again holds the pages of the earlier run. Those the new run does not write
again are removed, so that no stale story stays linked from nowhere; only files a manifest
says the report itself wrote go, never anything else a user keeps there.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from storylens.render.html import render_index, render_story, story_file_stem
from storylens.render.markdown import render_story_markdown

MANIFEST = ".storylens-report.json"  # the story pages the last run wrote, relative to the folder
# What a manifest may name: a story page, and nothing else, whatever a hand-edited manifest says.
_STORY_PAGE = re.compile(r"stories/[A-Za-z0-9_-]+\.(?:html|md)")


def write_report(out_dir: str | Path, dossiers: Sequence[dict], texts: Mapping[str, str]) -> Path:
    """`texts` maps article id → clean text, shown on the pages (the dossier itself holds no bodies).

    Returns the path of index.html.
    """
    out = Path(out_dir)
    (out / "stories").mkdir(parents=True, exist_ok=True)
    earlier = pages_written_before(out)
    pages = [f"stories/{story_file_stem(dossier['id'])}{suffix}" for dossier in dossiers for suffix in (".html", ".md")]
    # Listed before they are written: a run cut short still leaves every page it wrote on record.
    write_manifest(out, sorted(earlier | set(pages)))
    write_atomically(out / "stories.json", json.dumps(list(dossiers), ensure_ascii=False, indent=2) + "\n")
    for dossier in dossiers:
        stem = out / "stories" / story_file_stem(dossier["id"])
        write_atomically(stem.with_suffix(".html"), render_story(dossier, texts))
        write_atomically(stem.with_suffix(".md"), render_story_markdown(dossier, texts))
    index = out / "index.html"
    write_atomically(index, render_index(dossiers, texts))
    for stale in sorted(earlier - set(pages)):
        (out / stale).unlink(missing_ok=True)
    write_manifest(out, sorted(set(pages)))
    return index


def pages_written_before(out: Path) -> set[str]:
    """The story pages the manifest lists; none when there is no manifest or it is not ours."""
    try:
        listed = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(listed, dict) or not isinstance(listed.get("pages"), list):
        return set()
    return {page for page in listed["pages"] if isinstance(page, str) and _STORY_PAGE.fullmatch(page)}


def write_manifest(out: Path, pages: list[str]) -> None:
    write_atomically(out / MANIFEST, json.dumps({"written_by": "storylens analyze", "pages": pages}, indent=1) + "\n")


def write_atomically(path: Path, content: str) -> None:
    """A reader (or a crash) never sees half a file: write beside it, then rename over it."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(content, encoding="utf-8")
    os.replace(partial, path)
