"""HTML pages from dossiers. Article content is untrusted: Jinja2 autoescaping is always on."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

import jinja2


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("storylens.render", "templates"),
        autoescape=True,  # every template, whatever its file name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["paragraphs"] = lambda text: [p for p in (text or "").split("\n\n") if p.strip()]
    env.filters["safe_url"] = safe_url
    env.filters["story_file_stem"] = story_file_stem
    return env


def safe_url(url: str | None) -> str | None:
    """Only http(s) links are made clickable: a `javascript:` URL in a page's metadata stays text."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def story_file_stem(story_id: str) -> str:
    """A story id as a file name: ids come from input records and may hold anything."""
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in story_id) or "story"


def render_index(dossiers: Sequence[dict], texts: Mapping[str, str]) -> str:
    return environment().get_template("index.html").render(dossiers=dossiers, texts=texts)


def render_story(dossier: dict, texts: Mapping[str, str]) -> str:
    return environment().get_template("story.html").render(dossier=dossier, texts=texts, in_subdir=True)
