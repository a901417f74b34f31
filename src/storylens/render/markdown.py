"""Markdown page of one dossier, with the story page's sections: verdict, coverage, provenance,
timeline, claims with their mentions, figures, quotes by speaker, articles. Markdown has no
autoescape, so article text is escaped here."""
from __future__ import annotations

import re
from collections.abc import Mapping

from storylens.render import story_view
from storylens.render.dates import display_date
from storylens.render.graphs import provenance_edges

# Characters that would turn article text into links, emphasis, headings, tables or raw HTML.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")


def escape_markdown(text: str) -> str:
    return MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def render_story_markdown(dossier: dict, texts: Mapping[str, str]) -> str:
    lines = [f"# {escape_markdown(dossier['title'])}", "", escape_markdown(dossier["summary"]), ""]
    for section in (verdict_lines, matrix_lines, provenance_lines, timeline_lines, claim_lines, figure_lines,
                    quote_lines, article_lines):
        lines += section(dossier, texts)
    return "\n".join(lines).rstrip() + "\n"


def verdict_lines(dossier: dict, _texts) -> list[str]:
    card = story_view.verdict_card(dossier)
    if card is None:
        return []
    claim = card["claim"]
    denials = "; ".join(f"{d['by']} ({d['outlet']}{', ' + display_date(d['date']) if d['date'] else ''})"
                        for d in card["denials"]) or "no one"
    return ["## Verdict", "", f"**{claim['status'].replace('_', ' ')}**: {escape_markdown(claim['text'])}", "",
            "- Independent origins: " + escape_markdown(f"{claim['independent_origins']}"
                                                       + (f": {', '.join(claim['origins'])}" if claim["origins"] else "")),
            "- Echoed by: " + escape_markdown(", ".join(card["echoes"]) or "no other outlet"),
            "- Denied by: " + escape_markdown(denials), ""]


def matrix_lines(dossier: dict, _texts) -> list[str]:
    matrix = story_view.coverage_matrix(dossier)
    if not matrix["claims"]:
        return []
    lines = ["## Coverage", "", "| Outlet | " + " | ".join(f"{n}" for n in range(1, len(matrix["claims"]) + 1)) + " |",
             "|---" * (len(matrix["claims"]) + 1) + "|"]
    for row in matrix["rows"]:
        cells = [cell["stance"].replace("_", " ") if cell else "·" for cell in row["cells"]]
        lines.append(f"| {escape_markdown(row['outlet'])} | " + " | ".join(cells) + " |")
    lines.append("")
    lines += [f"{n}. {escape_markdown(claim['text'])}" for n, claim in enumerate(matrix["claims"], 1)]
    return lines + ["", "(· not mentioned)", ""]


def provenance_lines(dossier: dict, _texts) -> list[str]:
    edges = provenance_edges(dossier)
    if not edges:
        return []
    claims = {claim["id"]: claim["text"] for claim in dossier["claims"]}
    return ["## Provenance", ""] + [f"- {escape_markdown(source)} {kind} {escape_markdown(claims.get(target, target))}"
                                    for source, target, kind in sorted(edges)] + [""]


def timeline_lines(dossier: dict, _texts) -> list[str]:
    if not dossier["timeline"]:
        return []
    return ["## Timeline", ""] + [f"- {display_date(entry['date'])}: {escape_markdown(entry['event'])}"
                                  for entry in dossier["timeline"]] + [""]


def claim_lines(dossier: dict, texts: Mapping[str, str]) -> list[str]:
    if not dossier["claims"]:
        return []
    lines = ["## Claims", ""]
    for claim in dossier["claims"]:
        origins = f" ({', '.join(claim['origins'])})" if claim["origins"] else ""
        lines.append(f"- **{escape_markdown(claim['status'].replace('_', ' '))}**: {escape_markdown(claim['text'])}  ")
        lines.append("  " + escape_markdown(f"{claim['independent_origins']} independent origins{origins}, "
                                            f"{len(claim['outlets'])} outlets"))
        for mention in story_view.claim_mentions(claim, dossier, texts):
            via = f" via {' → '.join(mention['attributed_to'])}" if mention["attributed_to"] else ""
            when = f", {display_date(mention['published'])}" if mention["published"] else ""
            lines.append(f"  - {mention['stance']}, {escape_markdown(mention['outlet'] + when + via)}: "
                         f"{escape_markdown(mention['sentence'])}")
    return lines + [""]


def figure_lines(dossier: dict, _texts) -> list[str]:
    if not dossier["numbers"]:
        return []
    outlet = story_view.outlet_names(dossier)
    lines = ["## Figures", ""]
    for number in dossier["numbers"]:
        verdict = "consistent" if number["consistent"] else "the figures disagree"
        values = "; ".join(f"{v['text']} ({outlet.get(v['article'], v['article'])})" for v in number["values"])
        lines.append("- " + escape_markdown(f"{number['quantity']}: {verdict}: {values}"))
    return lines + [""]


def quote_lines(dossier: dict, _texts) -> list[str]:
    groups = story_view.quotes_by_speaker(dossier["quotes"])
    if not groups:
        return []
    outlet = story_view.outlet_names(dossier)
    lines = ["## Quotes", ""]
    for speaker, said in groups:
        lines += [f"### {escape_markdown(speaker or 'Unattributed')}", ""]
        lines += [f"- “{escape_markdown(q['text'])}” ({escape_markdown(outlet.get(q['article'], q['article']))})" for q in said]
        lines.append("")
    return lines


def article_lines(dossier: dict, _texts) -> list[str]:
    lines = ["## Articles", ""]
    for article in dossier["articles"]:
        facts = [article.get("outlet"), display_date(article.get("published")), article.get("author"), article.get("language")]
        lines.append(f"- {escape_markdown(article['title'] or article['id'])} · "
                     + escape_markdown(" · ".join(fact for fact in facts if fact))
                     + f" · source `{article['source'].replace('`', '')}`")
    return lines + [""]
