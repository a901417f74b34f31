"""A dossier's summary row and the store's columns beside it."""
import json

from storylens.dossier.summary import story_summary, summary_columns


def dossier() -> dict:
    claim = {"id": "s1-001", "text": "The Orlund ferry fares rise by a fifth", "status": "disputed", "independent_origins": 1,
             "origins": ["Orlund Post"], "outlets": ["Orlund Post", "Isle Gazette"], "mentions": [],
             "denials": [{"by": "Orlund Ferry Company", "article": "a2", "sentence": "..."}]}
    articles = [{"id": "a1", "outlet": "Orlund Post", "published": "2025-04-02T08:00:00Z"},
                {"id": "a2", "outlet": "Isle Gazette", "published": "2025-04-01"}]
    return {"id": "s1", "title": "Ferry Fares", "summary": "2 articles", "articles": articles, "claims": [claim]}


def test_the_row_says_the_main_claims_verdict_and_the_span():
    row = story_summary(dossier())
    assert row["verdict"] == "disputed: 1 independent origin (Orlund Post), 2 outlets, denied by Orlund Ferry Company"
    assert (row["first_published"], row["last_published"]) == ("2025-04-01", "2025-04-02T08:00:00Z")
    assert row["outlets"] == ["Isle Gazette", "Orlund Post"] and row["claims_by_status"] == {"disputed": 1}


def test_the_columns_sort_by_the_latest_article_and_search_title_claim_and_outlets():
    row = story_summary(dossier())
    columns = summary_columns(row)
    assert columns["sort_time"] == 1743580800.0  # 2025-04-02 08:00 UTC
    assert columns["list_text"] == "ferry fares the orlund ferry fares rise by a fifth isle gazette orlund post"
    assert json.loads(columns["summary_row"]) == row and columns["status"] == "disputed"
    assert summary_columns(story_summary(dossier() | {"articles": [{"id": "a", "outlet": None, "published": None}]}))["sort_time"] is None
