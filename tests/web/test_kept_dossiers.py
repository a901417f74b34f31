from fastapi.testclient import TestClient

from storylens.store.dossiers import store_dossiers
from storylens.web import create_app
from storylens.web.kept_dossiers import KeptDossiers
from tests.web.conftest import hostile_articles, hostile_dossier


def test_an_unchanged_dossier_is_parsed_once_and_shared(store):
    kept = KeptDossiers(store)
    first = kept.get("fen")
    assert first["id"] == "fen" and kept.get("fen") is first
    assert kept.get("no-such-story") is None


def test_a_newly_stored_version_is_seen_at_once_by_the_claim_and_article_replies(store):
    with TestClient(create_app(store), raise_server_exceptions=False) as client:
        assert client.get("/api/claims/fen-001").json()["status"] == "disputed"
        assert client.get("/api/articles/fen-1").json()["title"].startswith("Ferry to stop")
        changed = hostile_dossier()
        changed["claims"][0]["status"] = "denied"
        changed["articles"][0]["title"] = "Ferry keeps running"
        store_dossiers(store, [changed], {a.id: a.text for a in hostile_articles()})
        assert client.get("/api/claims/fen-001").json()["status"] == "denied"
        assert client.get("/api/articles/fen-1").json()["title"] == "Ferry keeps running"
        assert client.get("/claims/fen-001").status_code == 200


def test_only_the_latest_stories_are_kept(store):
    other = hostile_dossier() | {"id": "other", "claims": [], "articles": []}
    store_dossiers(store, [other], {})
    kept = KeptDossiers(store, kept=1)
    kept.get("fen")
    kept.get("other")
    assert list(kept.parsed) == ["other"]
