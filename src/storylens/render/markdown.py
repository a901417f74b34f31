"""Markdown page of one dossier. Markdown has no autoescape, so article text is escaped here."""
from __future__ import annotations

import re
from collections.abc import Mapping

# Characters that would turn article text into links, emphasis, headings or raw HTML.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")


def escape_markdown(text: str) -> str:
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def render_story_markdown(dossier: dict, texts: Mapping[str, str]) -> str:
    lines = [f"# {escape_markdown(dossier['title'])}", "", escape_markdown(dossier["summary"]), ""]
    for article in dossier["articles"]:
        lines.append(f"## {escape_markdown(article['title'] or article['id'])}")
        facts = [article.get(key) for key in ("outlet", "published", "author", "language")]
        lines.append("*" + escape_markdown(" · ".join(fact for fact in facts if fact)) + "*")
        lines.append(f"Source: `{article['source'].replace('`', '')}`")
        lines.append("")
        for paragraph in texts.get(article["id"], "").split("\n\n"):
            if paragraph.strip():
                lines += [escape_markdown(paragraph), ""]
    return "\n".join(lines).rstrip() + "\n"
