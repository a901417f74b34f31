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
    outlet = {a["id"]: a.get("outlet") or "unknown outlet" for a in dossier["articles"]}
    lines += claim_lines(dossier["claims"], outlet)
    lines += figure_lines(dossier["numbers"], outlet)
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


def claim_lines(claims: list[dict], outlet: Mapping[str, str]) -> list[str]:
    if not claims:
        return []
    lines = ["## Claims", ""]
    for claim in claims:
        origins = f" ({', '.join(claim['origins'])})" if claim["origins"] else ""
        lines.append(f"- **{escape_markdown(claim['status'].replace('_', ' '))}**: {escape_markdown(claim['text'])}  ")
        lines.append(escape_markdown(f"  {claim['independent_origins']} independent origins{origins}, "
                                     f"{len(claim['outlets'])} outlets"))
        for mention in claim["mentions"]:
            via = f" via {' → '.join(mention['attributed_to'])}" if mention["attributed_to"] else ""
            lines.append(f"  - {mention['stance']}, {escape_markdown(outlet.get(mention['article'], mention['article']) + via)}: "
                         f"{escape_markdown(mention['sentence'])}")
    return lines + [""]


def figure_lines(numbers: list[dict], outlet: Mapping[str, str]) -> list[str]:
    if not numbers:
        return []
    lines = ["## Figures", ""]
    for number in numbers:
        verdict = "consistent" if number["consistent"] else "the figures disagree"
        values = "; ".join(f"{v['text']} ({outlet.get(v['article'], v['article'])})" for v in number["values"])
        lines.append("- " + escape_markdown(f"{number['quantity']}: {verdict}: {values}"))
    return lines + [""]
