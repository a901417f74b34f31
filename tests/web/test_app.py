import pytest
from fastapi.testclient import TestClient

from storylens.web import create_app
from storylens.web.serve import NeedsToken, is_loopback, serve
from tests.web.conftest import HOSTILE


@pytest.fixture
def client(store):
    with TestClient(create_app(store), raise_server_exceptions=False) as client:
        yield client


PAGES = ["/", "/stories/fen", "/claims/fen-001", "/articles/fen-1", "/articles/fen-2", "/search?q=ferry"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_escaped_and_sent_with_a_strict_policy(client, path):
    reply = client.get(path)
    assert reply.status_code == 200 and reply.headers["content-type"].startswith("text/html")
    assert "<script" not in reply.text and "<img src=x" not in reply.text and 'href="javascript:' not in reply.text
    policy = reply.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy and "unsafe-inline" not in policy


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_a_json_twin(client, path):
    base, _, query = path.partition("?")
    twin = ("/index.json" if base == "/" else base + ".json") + (f"?{query}" if query else "")
    by_suffix = client.get(twin)
    by_accept = client.get(path, headers={"accept": "application/json"})
    assert by_suffix.status_code == 200 and by_suffix.json() == by_accept.json()


def test_the_story_twin_is_the_dossier_and_the_api_agrees(client):
    dossier = client.get("/stories/fen.json").json()
    assert dossier["title"] == f"Fenmarsh ferry {HOSTILE}" and dossier["claims"][0]["status"] == "disputed"
    api = client.get("/api/stories/fen").json()
    assert (api.pop("page"), api.pop("pages"), api.pop("next")) == (1, 1, None) and api == dossier
    assert client.get("/api/claims/fen-001").json()["story"] == "fen"
    article = client.get("/api/articles/fen-1").json()
    assert article["text"].startswith("The Fenmarsh ferry") and [m["stance"] for m in article["mentions"]] == ["reports", "denies"]


@pytest.fixture
def client_on_both(store_on_both):
    with TestClient(create_app(store_on_both), raise_server_exceptions=False) as client:
        yield client


def test_the_pages_and_the_api_read_the_same_from_sqlite_and_postgresql(client_on_both):
    client = client_on_both
    dossier = client.get("/api/stories/fen").json()
    assert dossier["title"] == f"Fenmarsh ferry {HOSTILE}" and dossier["claims"][0]["status"] == "disputed"
    assert client.get("/api/articles/fen-1").json()["text"].startswith("The Fenmarsh ferry")
    assert [s["id"] for s in client.get("/api/stories?outlet=Marsh+Echo").json()["stories"]] == ["fen"]
    page = client.get("/stories/fen")
    assert page.status_code == 200 and "<script" not in page.text


def test_search_has_one_shape_on_sqlite_and_postgresql(client_on_both):
    found = client_on_both.get("/api/search?q=harbour board").json()
    assert found == {"q": "harbour board", "page": 1, "next": None, "claims": [],
                     "articles": [{"id": "fen-1", "title": f"Ferry to stop {HOSTILE}", "outlet": f"Fen Post {HOSTILE}",
                                   "published": "2025-05-02T08:00:00+00:00", "story": "fen"}]}
    assert client_on_both.get("/api/search?q=" + "%22 OR *").json()["articles"] == []  # punctuation is no syntax


def test_lists_are_paginated_with_next(client):
    listing = client.get("/api/stories").json()
    assert [s["id"] for s in listing["stories"]] == ["fen"] and listing["next"] is None and listing["total"] == 1
    assert client.get("/api/stories?page=2").json()["stories"] == []
    found = client.get("/api/search?q=ferry").json()
    assert [c["id"] for c in found["claims"]] == ["fen-001"] and {a["id"] for a in found["articles"]} == {"fen-1", "fen-2"}
    assert found["next"] is None
    assert client.get("/api/stories?status=denied").json()["total"] == 0


def test_a_storys_claims_come_a_page_at_a_time_and_a_new_version_is_seen(client, store):
    from storylens.store.dossiers import store_dossiers
    from storylens.web.story_replies import STORY_CLAIMS_PAGE
    from tests.web.conftest import hostile_dossier

    dossier = hostile_dossier()
    dossier["claims"] = [dossier["claims"][0] | {"id": f"fen-{n:03d}"} for n in range(STORY_CLAIMS_PAGE + 5)]
    store_dossiers(store, [dossier], {})
    first, second = client.get("/api/stories/fen").json(), client.get("/api/stories/fen?page=2").json()
    assert len(first["claims"]) == STORY_CLAIMS_PAGE and first["next"] == 2 and first["pages"] == 2
    assert [c["id"] for c in second["claims"]] == [f"fen-{n:03d}" for n in range(STORY_CLAIMS_PAGE, STORY_CLAIMS_PAGE + 5)]
    assert second["next"] is None and client.get("/api/stories/fen?page=3").json()["claims"] == []


def test_a_kept_story_reply_is_checked_against_the_store_once_its_window_passes(store):
    import time

    from storylens.store.dossiers import store_dossiers
    from tests.web.conftest import hostile_dossier

    with TestClient(create_app(store, revalidate_after=0.3)) as client:
        assert client.get("/api/stories/fen").json()["title"].startswith("Fenmarsh ferry")
        store_dossiers(store, [hostile_dossier() | {"title": "Ferry timetable kept"}], {})
        assert client.get("/stories/fen.json").json()["title"] == "Ferry timetable kept"  # never asked for: read now
        assert client.get("/api/stories/fen").json()["title"].startswith("Fenmarsh ferry")  # kept, within 0.3 s
        time.sleep(0.35)
        assert client.get("/api/stories/fen").json()["title"] == "Ferry timetable kept"


@pytest.mark.parametrize("path", ["/api/stories/fen", "/stories/fen.json"])
def test_story_replies_are_gzipped_when_accepted_and_revalidated_by_etag(client, path):
    zipped = client.get(path, headers={"accept-encoding": "gzip"})
    plain = client.get(path, headers={"accept-encoding": "identity"})
    assert zipped.headers["content-encoding"] == "gzip" and "content-encoding" not in plain.headers
    assert zipped.json() == plain.json() and zipped.headers["etag"] == plain.headers["etag"]
    assert int(zipped.headers["content-length"]) < int(plain.headers["content-length"])
    again = client.get(path, headers={"if-none-match": plain.headers["etag"]})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == plain.headers["etag"]
    assert client.get(path, headers={"if-none-match": 'W/"other"'}).status_code == 200
    assert "default-src 'none'" in again.headers["content-security-policy"]


def test_the_story_list_filters_by_outlet_and_words(client):
    assert "Fenmarsh ferry" in client.get("/?outlet=Marsh+Echo").text
    assert "No story matches." in client.get("/?q=volcano").text


@pytest.mark.parametrize("path, status", [("/api/stories/nope", 404), ("/stories/nope.json", 404), ("/nowhere.json", 404),
                                          ("/api/stories?page=0", 422), ("/api/search", 422), ("/api/stories?status=x", 422)])
def test_every_error_has_one_shape(client, path, status):
    reply = client.get(path)
    body = reply.json()
    assert reply.status_code == status and set(body) == {"ok", "status", "error", "errors"}
    assert body["ok"] is False and body["status"] == status
    if status == 422:
        assert body["errors"] and body["errors"][0]["loc"][0] == "query"


def test_an_internal_error_keeps_the_shape_and_hides_the_trace(store):
    app = create_app(store)

    @app.get("/api/boom")
    def boom():
        raise RuntimeError("secret detail")

    with TestClient(app, raise_server_exceptions=False) as client:
        reply = client.get("/api/boom")
    assert reply.status_code == 500 and reply.json() == {"ok": False, "status": 500, "error": "internal error", "errors": []}


def test_a_missing_page_asked_for_as_html_is_an_html_page(client):
    reply = client.get("/stories/nope", headers={"accept": "text/html"})
    assert reply.status_code == 404 and "no story &#39;nope&#39;" in reply.text


def test_the_markdown_twin_and_the_docs_work_offline(client):
    markdown = client.get("/stories/fen.md")
    assert markdown.headers["content-type"].startswith("text/markdown") and "## Verdict" in markdown.text
    assert "<script>" not in markdown.text
    docs = client.get("/docs")
    assert "cdn" not in docs.text.lower() and "/static-offline-docs/swagger-ui-bundle.js" in docs.text
    assert "'sha256-" in docs.headers["content-security-policy"]
    assert "/api/stories/{story_id}" in client.get("/openapi.json").json()["paths"]


def test_a_host_other_machines_reach_needs_a_token():
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.org")
    with pytest.raises(NeedsToken, match="give --token"):
        serve("sqlite://", host="0.0.0.0")
