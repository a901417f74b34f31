"""What the story page shows, worked out from the dossier dict: the verdict card, the
coverage matrix, each mention's sentence in context, quotes by speaker."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from storylens.render.dates import sort_key

# Strongest first: a cell shows what an outlet's most telling mention of the claim does.
CELL_ORDER = ("denies", "questions", "asserts", "reports", "no_comment")
MATRIX_CLAIMS = 8  # columns: more than this and the table no longer fits a printed page
CONTEXT_CHARS = 280  # of the paragraph shown on either side of a mention's sentence


def outlet_names(dossier: dict) -> dict[str, str]:
    return {a["id"]: a["outlet"] or "unknown outlet" for a in dossier["articles"]}


def verdict_card(dossier: dict) -> dict | None:
    """The main claim, its status, its origins by name, the outlets that echo it, its denials."""
    if not dossier["claims"]:
        return None
    claim = dossier["claims"][0]
    published = {a["id"]: a["published"] for a in dossier["articles"]}
    outlet = outlet_names(dossier)
    denials = sorted(({"by": d["by"] or "unnamed", "outlet": outlet.get(d["article"], d["article"]),
                       "date": published.get(d["article"]), "article": d["article"],
                       "start": denial_start(claim, d)} for d in claim["denials"]),
                     key=lambda d: sort_key(d["date"]))
    echoes = [name for name in claim["outlets"] if name not in claim["origins"]]
    return {"claim": claim, "echoes": echoes, "denials": denials}


def denial_start(claim: dict, denial: dict) -> int | None:
    """Denials carry no offsets in the dossier; their mention does."""
    for mention in claim["mentions"]:
        if mention["article"] == denial["article"] and mention["sentence"] == denial["sentence"]:
            return mention["start"]
    return None


def coverage_matrix(dossier: dict) -> dict:
    """Outlet × claim: per cell the strongest stance of that outlet's mentions, and where it is."""
    claims = dossier["claims"][:MATRIX_CLAIMS]
    outlet = outlet_names(dossier)
    outlets = list(dict.fromkeys(outlet[a["id"]] for a in dossier["articles"]))
    rows = []
    for name in outlets:
        cells = []
        for claim in claims:
            mine = [m for m in claim["mentions"] if outlet.get(m["article"]) == name]
            mine.sort(key=lambda m: CELL_ORDER.index(m["stance"]) if m["stance"] in CELL_ORDER else len(CELL_ORDER))
            cells.append(mine[0] if mine else None)
        rows.append({"outlet": name, "cells": cells})
    return {"claims": claims, "rows": rows, "more": max(0, len(dossier["claims"]) - len(claims))}


def sentence_in_context(text: str, start: int, end: int) -> dict:
    """The paragraph around a sentence, cut to CONTEXT_CHARS either side: before, sentence, after."""
    if not text or not 0 <= start < end <= len(text):
        return {"before": "", "sentence": "", "after": ""}
    para_start = text.rfind("\n\n", 0, start)
    para_start = 0 if para_start < 0 else para_start + 2
    para_end = text.find("\n\n", end)
    para_end = len(text) if para_end < 0 else para_end
    before = text[max(para_start, start - CONTEXT_CHARS) : start]
    after = text[end : min(para_end, end + CONTEXT_CHARS)]
    return {"before": ("…" if start - CONTEXT_CHARS > para_start else "") + before,
            "sentence": text[start:end],
            "after": after + ("…" if end + CONTEXT_CHARS < para_end else "")}


def claim_mentions(claim: dict, dossier: dict, texts: Mapping[str, str]) -> list[dict]:
    """Each mention with its outlet, date and the sentence in its paragraph."""
    outlet = outlet_names(dossier)
    published = {a["id"]: a["published"] for a in dossier["articles"]}
    return [mention | {"outlet": outlet.get(mention["article"], mention["article"]),
                       "published": published.get(mention["article"]),
                       "context": sentence_in_context(texts.get(mention["article"], ""), mention["start"], mention["end"])}
            for mention in sorted(claim["mentions"], key=lambda m: sort_key(published.get(m["article"])))]


def quotes_by_speaker(quotes: Sequence[dict]) -> list[tuple[str, list[dict]]]:
    """Speakers with the most quotes first; unattributed words last."""
    groups: dict[str, list[dict]] = {}
    for quote in quotes:
        groups.setdefault(quote["speaker"] or "", []).append(quote)
    return sorted(groups.items(), key=lambda item: (item[0] == "", -len(item[1]), item[0]))


def article_mentions(article_id: str, dossiers: Sequence[dict]) -> list[dict]:
    """Every mention of any claim in one article: the sentences its page highlights."""
    found = []
    for dossier in dossiers:
        for claim in dossier["claims"]:
            for mention in claim["mentions"]:
                if mention["article"] == article_id:
                    found.append(mention | {"claim": claim["id"], "claim_text": claim["text"], "story": dossier["id"]})
    return found
