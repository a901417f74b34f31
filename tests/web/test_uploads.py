import json
import time

from fastapi.testclient import TestClient

from storylens.store.dossiers import get_dossier, store_dossiers
from storylens.web import create_app, uploads
from tests.web.conftest import hostile_dossier


def quick_pipeline(paths, db_url, job):
    """Stores a dossier named after the first file's text, as the real pipeline would store one."""
    from storylens.store import open_store

    engine = open_store(db_url)
    dossier = hostile_dossier() | {"id": "uploaded", "title": open(paths[0], encoding="utf-8").read().strip()}
    store_dossiers(engine, [dossier], {})
    engine.dispose()
    job.update(read=len(paths), skipped=0)


def failing_pipeline(paths, db_url, job):
    raise ValueError("no articles in it")


def finished(client, job_id):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = client.get(f"/jobs/{job_id}.json").json()
        if job["state"] != "running":
            return job
        time.sleep(0.1)
    raise AssertionError("the upload never finished")


def test_an_upload_runs_in_the_background_and_the_stories_update(store):
    with TestClient(create_app(store, run_pipeline=quick_pipeline)) as client:
        assert 'enctype="multipart/form-data"' in client.get("/upload").text
        reply = client.post("/upload", files=[("files", ("../../etc/evil name.txt", b"Kiln story"))], follow_redirects=False)
        assert reply.status_code == 303 and reply.headers["location"].startswith("/jobs/")
        job = finished(client, reply.headers["location"].rsplit("/", 1)[1])
        assert job["state"] == "done" and job["read"] == 1
        assert get_dossier(store, "uploaded")["title"] == "Kiln story"
        assert "Upload done" in client.get(f"/jobs/{job['id']}").text


def test_a_failed_run_is_reported_on_its_job(store):
    with TestClient(create_app(store, run_pipeline=failing_pipeline)) as client:
        job = client.post("/upload", files=[("files", ("a.txt", b"x"))], headers={"accept": "application/json"}).json()
        assert finished(client, job["id"]) | {"id": None} == job | {"id": None, "state": "failed",
                                                                    "error": "ValueError: no articles in it"}


def test_uploads_need_the_token_when_the_server_has_one(store):
    with TestClient(create_app(store, token="s3cret", run_pipeline=quick_pipeline)) as client:
        refused = client.post("/upload", files=[("files", ("a.txt", b"x"))], headers={"accept": "application/json"})
        assert refused.status_code == 401 and refused.json()["ok"] is False and "token" in refused.json()["error"]
        wrong = client.post("/upload", files=[("files", ("a.txt", b"x"))], data={"token": "guess"})
        assert wrong.status_code == 401 and "a token is needed" in wrong.text
        by_form = client.post("/upload", files=[("files", ("a.txt", b"x"))], data={"token": "s3cret"}, follow_redirects=False)
        by_header = client.post("/upload", files=[("files", ("a.txt", b"x"))], headers={"authorization": "Bearer s3cret"},
                                follow_redirects=False)
        assert by_form.status_code == 303 and by_header.status_code == 303


def test_an_upload_over_the_limit_is_refused_with_the_error_shape(store, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 10)
    with TestClient(create_app(store, run_pipeline=quick_pipeline)) as client:
        reply = client.post("/upload", files=[("files", ("a.txt", b"x" * 11))], headers={"accept": "application/json"})
    assert reply.status_code == 413 and reply.json()["error"] == "an upload holds at most 0 MB"


def test_the_real_pipeline_stores_an_uploaded_file(store):
    record = {"id": "up-1", "title": "Brantwick orchard sold",
              "text": "The council sold the old Brantwick orchard to a cooperative on Friday, its clerk said."}
    with TestClient(create_app(store)) as client:
        job = client.post("/upload", files=[("files", ("records.jsonl", json.dumps(record).encode() + b"\n"))],
                          headers={"accept": "application/json"}).json()
        assert finished(client, job["id"])["state"] == "done"
        assert client.get("/api/articles/up-1").json()["title"] == "Brantwick orchard sold"
