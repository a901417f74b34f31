"""Writes the whole report directory `storylens analyze --out DIR` promises."""
from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from storylens.render.html import render_index, render_story, story_file_stem
from storylens.render.markdown import render_story_markdown


def write_report(out_dir: str | Path, dossiers: Sequence[dict], texts: Mapping[str, str]) -> Path:
    """`texts` maps article id → clean text, shown on the pages (the dossier itself holds no bodies).

    Returns the path of index.html.
    """
    out = Path(out_dir)
    (out / "stories").mkdir(parents=True, exist_ok=True)
    write_atomically(out / "stories.json", json.dumps(list(dossiers), ensure_ascii=False, indent=2) + "\n")
    for dossier in dossiers:
        stem = out / "stories" / story_file_stem(dossier["id"])
        write_atomically(stem.with_suffix(".html"), render_story(dossier, texts))
        write_atomically(stem.with_suffix(".md"), render_story_markdown(dossier, texts))
    index = out / "index.html"
    write_atomically(index, render_index(dossiers, texts))
    return index


def write_atomically(path: Path, content: str) -> None:
    """A reader (or a crash) never sees half a file: write beside it, then rename over it."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(content, encoding="utf-8")
    os.replace(partial, path)
