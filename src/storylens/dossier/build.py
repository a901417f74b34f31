"""The dossier of one story, in the shape of DESIGN.md's `stories.json` entries.

The claims stage's findings and the judge's claims arrive ready; this module only lays
them out: claims, quotes and figures, a timeline of publications, first reports and
denials, and the provenance graph (article → outlet, copy → original, article → the
origins it cites, denier → claim).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from storylens.model import Article, ArticleFindings, Claim, Mention, Stance


# The most widely told claims whose first report and first denial make timeline events.
TIMELINE_CLAIMS = 3


def build_dossier(
    story_id: str,
    title: str,
    articles: Sequence[Article],
    copies: Mapping[str, str] | None = None,
    *,
    findings: Sequence[ArticleFindings] = (),
    claims: Sequence[Claim] = (),
    figures: Sequence[dict] = (),
) -> dict:
    """`copies` maps an article id to the earlier article it copies near-verbatim."""
    ordered = sorted(articles, key=lambda a: (a.published or "9999", a.id))
    return {
        "id": story_id,
        "title": title,
        "summary": summary_line(ordered, claims),
        "articles": [article_entry(article) for article in ordered],
        "claims": [claim.to_record() for claim in claims],
        "quotes": quotes(findings),
        "numbers": list(figures),
        "timeline": timeline(ordered, claims),
        "provenance": provenance(ordered, copies or {}, claims),
    }


def article_entry(article: Article) -> dict:
    record = article.to_record()
    return {key: record[key] for key in ("id", "source", "outlet", "url", "title", "published", "language", "author")}


def summary_line(articles: Sequence[Article], claims: Sequence[Claim] = ()) -> str:
    """Size and span of the coverage, and the standing of its most widely told claim."""
    outlets = {a.outlet for a in articles if a.outlet}
    unnamed = sum(1 for a in articles if not a.outlet)
    dates = sorted(a.published[:10] for a in articles if a.published)
    span = f", {dates[0]} to {dates[-1]}" if dates else ""
    line = f"{counted(len(articles), 'article')} from {counted(len(outlets), 'outlet')}"
    if unnamed:  # pages that name no outlet are not one outlet: say how many they are
        line += f" ({unnamed} without an outlet)"
    line += span
    return f"{line}. Main claim: {claim_verdict(claims[0])}" if claims else line


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def claim_verdict(claim: Claim) -> str:
    """"disputed: reported by 2 independent origins, echoed by 5 outlets, denied by the Kremlin"."""
    origins = len(claim.origins)
    parts = [f"{claim.status.replace('_', ' ')}: reported by {origins} independent origin{'s' * (origins != 1)}"]
    if claim.origins:
        parts[0] += f" ({', '.join(claim.origins)})"
    parts.append(f"echoed by {len(claim.outlets)} outlet{'s' * (len(claim.outlets) != 1)}")
    deniers = list(dict.fromkeys(m.by or "unnamed" for m in claim.mentions if m.stance == Stance.DENIES))
    if deniers:
        parts.append(f"denied by {', '.join(deniers)}")
    return ", ".join(parts)


def quotes(findings: Sequence[ArticleFindings]) -> list[dict]:
    """Each quote; one from an article's title says so (`"field": "title"`: its offsets index the title)."""
    return [
        {"speaker": q.speaker, "text": q.text, "article": f.article.id, "start": q.start, "end": q.end}
        | ({"field": q.field} if q.field != "text" else {})
        for f in findings
        for q in f.quotes
    ]


def timeline(articles: Sequence[Article], claims: Sequence[Claim] = ()) -> list[dict]:
    """Publications, and the first report and first denial of the most widely told claims."""
    published = {a.id: a.published for a in articles}
    outlet = {a.id: a.outlet or "unknown outlet" for a in articles}
    events = [
        {"date": a.published, "event": f"{outlet[a.id]} publishes \u201c{a.title or a.id}\u201d", "articles": [a.id]}
        for a in articles
        if a.published
    ]
    for claim in claims[:TIMELINE_CLAIMS]:
        if len(claim.outlets) < 2:  # a claim one outlet tells is not an event of the story
            continue
        first = _earliest(claim.mentions, (Stance.ASSERTS, Stance.REPORTS), published)
        if first:
            events.append(_event(published, first, f"{outlet[first.article]} first reports: {claim.text}"))
        denial = _earliest(claim.mentions, (Stance.DENIES,), published)
        if denial:
            by = denial.by or "unnamed"
            events.append(_event(published, denial, f"{outlet[denial.article]} reports a denial by {by}: {denial.sentence.text}"))
    return sorted(events, key=lambda e: e["date"])


def _earliest(mentions: Sequence[Mention], stances: tuple[str, ...], published: Mapping[str, str | None]) -> Mention | None:
    dated = [m for m in mentions if m.stance in stances and published.get(m.article)]
    return min(dated, key=lambda m: published[m.article], default=None)


def _event(published: Mapping[str, str | None], mention: Mention, text: str) -> dict:
    return {"date": published[mention.article], "event": text, "articles": [mention.article]}


def provenance(articles: Sequence[Article], copies: Mapping[str, str], claims: Sequence[Claim] = ()) -> dict:
    nodes = [{"id": a.id, "kind": "article"} for a in articles]
    outlets = sorted({a.outlet for a in articles if a.outlet})
    nodes += [{"id": outlet, "kind": "outlet"} for outlet in outlets]
    edges = [{"from": a.id, "to": a.outlet, "kind": "published_by"} for a in articles if a.outlet]
    members = {a.id for a in articles}
    edges += [{"from": a.id, "to": copies[a.id], "kind": "copies"} for a in articles if copies.get(a.id) in members]
    known = {node["id"] for node in nodes}
    outlet_of = {a.id: a.outlet for a in articles}
    cited: set[tuple[str, str]] = set()
    for claim in claims:
        nodes.append({"id": claim.id, "kind": "claim"})
        for mention in claim.mentions:
            for origin in mention.origins:
                if origin not in known:
                    known.add(origin)
                    nodes.append({"id": origin, "kind": "source"})
                if (mention.article, origin) not in cited and origin != outlet_of.get(mention.article):
                    cited.add((mention.article, origin))
                    edges.append({"from": mention.article, "to": origin, "kind": "cites"})
            if mention.stance == Stance.DENIES:
                denier = mention.by or mention.article
                if denier not in known:
                    known.add(denier)
                    nodes.append({"id": denier, "kind": "source"})
                edges.append({"from": denier, "to": claim.id, "kind": "denies"})
    return {"nodes": nodes, "edges": edges}

