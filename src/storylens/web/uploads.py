"""The upload form: files in, the pipeline run in the background, its progress on a page that
refreshes itself (a meta refresh, no script), and the stories in the store updated when it ends.
Uploads need the token when the server has one (`--token`, required off loopback)."""
from __future__ import annotations

import hmac
import tempfile
import threading
import uuid
from pathlib import Path

from fastapi import APIRouter, File, Form, Header, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from storylens.render.html import environment
from storylens.render.links import WebLinks, file_stem
from storylens.web.errors import wants_json

router = APIRouter(include_in_schema=False)
MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # all files of one upload together
MAX_FILES = 50
CHUNK = 1024 * 1024


def run_pipeline(paths: list[str], db_url: str, job: dict) -> None:
    """The same path `storylens analyze --db` takes, with the job record as its progress."""
    from storylens import commands

    def progress(done: int, total: int) -> None:
        job.update(done_inputs=done, total_inputs=total)

    with tempfile.TemporaryDirectory() as out:
        report, _ = commands.analyze(paths, out, db_url=db_url, workers=1, progress=progress)
    job.update(read=report.read, skipped=report.skipped)


def start_job(app, folder: tempfile.TemporaryDirectory, paths: list[str]) -> dict:
    job = {"id": uuid.uuid4().hex[:12], "state": "running", "files": len(paths), "done_inputs": 0,
           "total_inputs": len(paths), "read": None, "skipped": None, "error": None}
    app.state.jobs[job["id"]] = job

    def work() -> None:
        try:
            app.state.run_pipeline(paths, app.state.db_url, job)
            job["state"] = "done"
        except Exception as error:  # noqa: BLE001 (the job reports it; the server goes on)
            job.update(state="failed", error=f"{type(error).__name__}: {error}")
        finally:
            folder.cleanup()

    threading.Thread(target=work, name=f"upload-{job['id']}", daemon=True).start()
    return job


def check_token(request: Request, form_token: str | None, authorization: str | None) -> None:
    token = request.app.state.token
    if token and not (hmac.compare_digest(form_token or "", token)
                      or hmac.compare_digest(authorization or "", f"Bearer {token}")):
        raise HTTPException(401, "a token is needed for uploads: the form's token field, or Authorization: Bearer <token>")


async def save_files(files: list[UploadFile], folder: Path) -> list[str]:
    """Each file under a safe name of our own; the total is capped while it streams in."""
    if not files or len(files) > MAX_FILES:
        raise HTTPException(422, f"give 1 to {MAX_FILES} files")
    paths, total = [], 0
    for number, upload in enumerate(files):
        name = Path(upload.filename or "upload").name
        stem, _, suffixes = name.partition(".")
        path = folder / (f"{number:03d}-{file_stem(stem)[:60]}" + (f".{file_stem(suffixes)[:20].replace('_', '.')}" if suffixes else ""))
        with path.open("wb") as handle:
            while chunk := await upload.read(CHUNK):
                total += len(chunk)
                if total > MAX_UPLOAD_BYTES:
                    raise HTTPException(413, f"an upload holds at most {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
                handle.write(chunk)
        paths.append(str(path))
    return paths


@router.get("/upload")
def upload_form(request: Request):
    page = environment().get_template("upload.html").render(
        links=WebLinks(), needs_token=bool(request.app.state.token), limit_mb=MAX_UPLOAD_BYTES // (1024 * 1024))
    return HTMLResponse(page)


@router.post("/upload")
async def upload(request: Request, files: list[UploadFile] = File(...), token: str | None = Form(None),
                 authorization: str | None = Header(default=None)):
    check_token(request, token, authorization)
    folder = tempfile.TemporaryDirectory(prefix="storylens-upload-")
    try:
        paths = await save_files(files, Path(folder.name))
    except BaseException:
        folder.cleanup()
        raise
    job = start_job(request.app, folder, paths)
    if wants_json(request):
        return JSONResponse(job, status_code=202)
    return RedirectResponse(f"/jobs/{job['id']}", status_code=303)


@router.get("/jobs/{job_id}")
def job_page(request: Request, job_id: str):
    job = request.app.state.jobs.get(job_id.removesuffix(".json"))
    if job is None:
        raise HTTPException(404, f"no upload job {job_id!r}")
    if wants_json(request):
        return JSONResponse(job)
    return HTMLResponse(environment().get_template("job.html").render(links=WebLinks(), job=job))
