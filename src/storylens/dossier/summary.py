"""The summary row of a dossier: what the story list shows of it, and the columns the store
keeps beside it so that the list is filtered and sorted without parsing any dossier."""
from __future__ import annotations

import json
from collections import Counter

from storylens.dossier.dates import sort_key


def story_summary(dossier: dict) -> dict:
    """What the story list shows of one dossier."""
    articles = dossier["articles"]
    dates = sorted((a["published"] for a in articles if a["published"]), key=sort_key)
    claims = dossier["claims"]
    main = claims[0] if claims else None
    return {
        "id": dossier["id"],
        "title": dossier["title"],
        "summary": dossier["summary"],
        "status": main["status"] if main else None,
        "main_claim": main["text"] if main else None,
        "verdict": verdict_line(main) if main else None,
        "outlets": sorted({a["outlet"] for a in articles if a["outlet"]}),
        "article_count": len(articles),
        "first_published": dates[0] if dates else None,
        "last_published": dates[-1] if dates else None,
        "claims_by_status": dict(Counter(claim["status"] for claim in claims)),
    }


def verdict_line(claim: dict) -> str:
    """'disputed: 1 independent origin (The Gazette), 6 outlets, denied by the port authority'."""
    origins = claim["independent_origins"]
    line = f"{claim['status'].replace('_', ' ')}: {origins} independent origin{'s' * (origins != 1)}"
    if claim["origins"]:
        line += f" ({', '.join(claim['origins'])})"
    line += f", {len(claim['outlets'])} outlet{'s' * (len(claim['outlets']) != 1)}"
    deniers = list(dict.fromkeys(denial["by"] or "unnamed" for denial in claim["denials"]))
    return line + (f", denied by {', '.join(deniers)}" if deniers else "")


def summary_columns(row: dict) -> dict:
    """The store's columns beside a dossier, from its summary `row`: the row as JSON, and what
    the list sorts and filters on (`list_text` is searched as `render.listing.matches` searches)."""
    return {
        "status": row["status"], "first_published": row["first_published"], "last_published": row["last_published"],
        "article_count": row["article_count"],
        "sort_time": sort_key(row["last_published"]) if row["last_published"] else None,
        "summary_row": json.dumps(row, ensure_ascii=False),
        "list_text": " ".join([row["title"], row["main_claim"] or "", *row["outlets"]]).casefold(),
    }
