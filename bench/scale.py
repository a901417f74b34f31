"""The cost curve of ingest: articles per second by engine and corpus size, on generated WARC files.

    python bench/scale.py --sizes 1000,10000,100000 [--engines local,inprocess,dask1,dask2] [--out bench/out/scale] [--keep]

For each size it writes that many generated articles (bench/synthetic_stories.py's `news_stories`:
invented outlets, officials and countries, about one story per ten articles at any size, most
small and a few of hundreds of articles, 4-8 paragraphs of varied length) as HTML
pages with a site's furniture around them, into gzipped WARC files (one gzip member per
record, as CC-NEWS writes them; min(1000, size/20) records per file, so that even the smallest
run has twenty units to share among workers). Then each engine ingests them into a fresh SQLite
store, in a process of its own (so its peak memory is its own):

  local      `commands.ingest`: read, clean, store; then stories, and the changed stories'
             dossiers (claims parsed there) in worker processes
  inprocess  `ingest_resumably` over a serial executor: read, clean, claims per article, store;
             then stories and dossiers
  dask1/2    `ingest_resumably` on a LocalCluster of 1 or 2 worker processes (1 thread each),
             the dossiers on the workers too

The resumable engines' dossier stage reads the per-article findings the per-input stage stored
(only the story part of the claims stage runs there); `local` parses the claims in its dossier
stage. It prints articles/s, time per article (whole run, the per-input stage, story clustering,
the dossier stage), the load average (1 min) at the start and the end of each run,
the CPU seconds per article (this process and its workers), the stories found (and the biggest's
articles) and the dossiers stored, the peak memory of the client
and of each worker (each also as it was before the dossier stage; for `local`, the biggest of its
worker processes), and writes OUT/scale.md, OUT/scale.png and the rows as OUT/scale.json (each
with the UTC time it was measured). `--keep` merges the rows already in OUT/scale.json into the
table and the plot (a row of this run replaces the kept one of the same size and engine), so runs
made at different times, a long 100k run on its own say, give one curve.
The per-input stage ends at the engine's last progress call: `local` reports an input as it is
read, before clean's last batch (256 documents) and the store's, so its split is approximate.
Dask's start-up (cluster, models on every worker) is given apart and left out of the rate.
Needs no development data (`../shared/data` is not read): everything is generated.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_stories import news_stories  # noqa: E402

ENGINES = ["local", "inprocess", "dask1", "dask2"]
OUT = Path(__file__).resolve().parent / "out" / "scale"


def page(article: dict) -> str:
    """A news page around the article: head metadata, menus, a share box, related links, footer."""
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in article["text"].split("\n\n"))
    outlet, title = escape(article["outlet"]), escape(article["title"])
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} | {outlet}</title>
<meta property="og:site_name" content="{outlet}"><meta property="og:title" content="{title}">
<meta property="article:published_time" content="{article['published']}"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li></ul></nav>
<div class="cookie">We use cookies. <button>Accept</button></div>
<main><article><h1>{title}</h1><p class="byline">By staff reporters</p>
{paragraphs}
</article><aside><h2>Most read</h2><ul><li><a href="/a">Ferry timetable changes</a></li></ul></aside></main>
<footer>&copy; 2026 {outlet}. All rights reserved. <a href="/privacy">Privacy</a></footer></body></html>"""


def warc_record(number: int, article: dict) -> bytes:
    body = page(article).encode("utf-8")
    http = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {len(body)}\r\n\r\n"
            ).encode() + body
    slug = article["id"]
    site = article["outlet"].lower().replace(" ", "")
    headers = ["WARC/1.0", "WARC-Type: response", f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{number:012d}>",
               f"WARC-Date: {article['published']}", f"WARC-Target-URI: https://www.{site}.example/news/{slug}",
               "Content-Type: application/http; msgtype=response", f"Content-Length: {len(http)}"]
    return gzip.compress(("\r\n".join(headers) + "\r\n\r\n").encode() + http + b"\r\n\r\n", compresslevel=6)


def write_warcs(folder: Path, size: int, seed: int) -> int:
    per_file = max(1, min(1000, size // 20))
    articles = [article for story in news_stories(size, seed) for article in story["articles"]]
    for start in range(0, len(articles), per_file):
        with open(folder / f"news-{start // per_file:05d}.warc.gz", "wb") as warc:
            for number, article in enumerate(articles[start : start + per_file], start=start):
                warc.write(warc_record(number, article))
    return len(articles)


class SerialExecutor:
    """The executor interface in this process, one task after another (for the in-process curve)."""

    def map(self, fn, tasks, *, key):
        from storylens.model import Problem, ProblemKind

        for task in tasks:
            try:
                yield key(task), fn(task)
            except Exception as error:
                yield key(task), Problem(key(task), ProblemKind.FAILED, f"{type(error).__name__}: {error}")


def timed_dossier_stage(marks: dict) -> None:
    """Time the dossier stage apart from clustering, wherever the engines call it."""
    import importlib

    from storylens.pipeline import stored_story_dossiers

    # the modules, not `storylens.commands.ingest`, which the package binds to the function
    ingest, resumable = (importlib.import_module(f"storylens.commands.{name}") for name in ("ingest", "resumable"))

    def timed(*args, **kwargs):
        begun, cpu = time.perf_counter(), cpu_seconds()
        marks["peak_mb_before_dossiers"] = worker_peaks()
        marks["client_peak_mb_before_dossiers"] = _rusage("peak")
        try:
            return stored_story_dossiers(*args, **kwargs)
        finally:
            marks["dossier_seconds"] = marks.get("dossier_seconds", 0.0) + time.perf_counter() - begun
            marks["dossier_cpu_seconds"] = marks.get("dossier_cpu_seconds", 0.0) + cpu_seconds() - cpu

    ingest.stored_story_dossiers = resumable.stored_story_dossiers = timed


def _rusage(what: str, who: int = resource.RUSAGE_SELF):
    usage = resource.getrusage(who)
    return usage.ru_maxrss / 1024 if what == "peak" else usage.ru_utime + usage.ru_stime


def _dask_client():
    try:
        from distributed import default_client

        return default_client()
    except (ImportError, ValueError):
        return None


def cpu_seconds() -> float:
    """CPU seconds used so far by this process and every Dask worker (the machine is shared: wall
    time follows the load, CPU time much less)."""
    client = _dask_client()
    workers = sum(client.run(_rusage, "cpu").values()) if client else 0.0
    return _rusage("cpu") + workers


def worker_peaks() -> list[float]:
    client = _dask_client()
    return sorted(client.run(_rusage, "peak").values()) if client else []


def run_engine(engine: str, inputs: str, db_url: str) -> dict:
    """One engine over `inputs`, in this process; the figures as a dict."""
    marks: dict[str, float] = {}
    timed_dossier_stage(marks)
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    marks["cpu_start"] = cpu_seconds()

    def progress(*_args) -> None:  # called per input: the last call ends the per-input stage
        marks["inputs"] = time.perf_counter()

    figures = {"engine": engine}
    if engine == "local":
        from storylens import commands

        report = commands.ingest([inputs], db_url, progress=progress)
        # its dossier stage's worker processes have ended by now: the children's figures are theirs
        marks["cpu_end"] = cpu_seconds() + _rusage("cpu", resource.RUSAGE_CHILDREN)
        figures |= {"articles": report.read, "stored": report.stored,
                    "worker_peak_mb": [_rusage("peak", resource.RUSAGE_CHILDREN)]}
    else:
        figures |= _resumable(engine, inputs, db_url, progress, marks)
        started = marks.get("ready", started)
    ended = time.perf_counter()
    figures |= {"seconds": ended - started, "inputs_seconds": marks.get("inputs", ended) - started,
                "dossier_seconds": marks.get("dossier_seconds", 0.0), "load": [load_before, os.getloadavg()[0]],
                "dossier_cpu_seconds": marks.get("dossier_cpu_seconds", 0.0),
                "cpu_seconds": marks.get("cpu_end", 0.0) - marks.get("ready_cpu", marks["cpu_start"]),
                "worker_peak_mb_before_dossiers": marks.get("peak_mb_before_dossiers", []),
                "client_peak_mb_before_dossiers": marks.get("client_peak_mb_before_dossiers"),
                "client_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    return figures


def _resumable(engine: str, inputs: str, db_url: str, progress, marks: dict) -> dict:
    from storylens.commands.resumable import ingest_resumably

    if engine == "inprocess":
        marks["ready"], marks["ready_cpu"] = time.perf_counter(), cpu_seconds()
        report = ingest_resumably([inputs], db_url, SerialExecutor(), progress=progress)
        marks["cpu_end"] = cpu_seconds()
        return {"articles": report.read, "stored": report.stored}
    from distributed import Client, LocalCluster

    from storylens.engine.dask import DaskExecutor, ModelsPerWorker

    begun = time.perf_counter()
    with LocalCluster(n_workers=int(engine.removeprefix("dask")), threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        executor = DaskExecutor(client, plugin=ModelsPerWorker())
        marks["ready"], marks["ready_cpu"] = time.perf_counter(), cpu_seconds()
        report = ingest_resumably([inputs], db_url, executor, progress=progress)
        marks["cpu_end"] = cpu_seconds()
        peaks = client.run(_rusage, "peak")
    return {"articles": report.read, "stored": report.stored, "startup_seconds": marks["ready"] - begun,
            "worker_peak_mb": sorted(peaks.values())}


def measure(engine: str, inputs: Path, work: Path) -> dict:
    db = work / f"{engine}.db"
    db.unlink(missing_ok=True)
    command = [sys.executable, __file__, "--run", engine, "--inputs", str(inputs), "--db", f"sqlite:///{db}"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{engine} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1]) | stored_stories(db)


def stored_stories(db: Path) -> dict:
    """How many stories the run found, the articles of its biggest, and how many dossiers it stored."""
    with sqlite3.connect(db) as connection:
        sizes = [count for (count,) in connection.execute(
            "SELECT COUNT(*) FROM documents WHERE story IS NOT NULL GROUP BY story ORDER BY 1 DESC")]
        (dossiers,) = connection.execute("SELECT COUNT(*) FROM dossiers").fetchone()
    return {"stories": len(sizes), "largest_story": sizes[0] if sizes else 0, "dossiers": dossiers}


def merged_rows(kept: list[dict], new: list[dict]) -> list[dict]:
    """The kept rows and this run's, one per (size, engine), this run's winning; by size, then engine."""
    by_key = {(row["size"], row["engine"]): row for row in kept + new}
    order = {engine: number for number, engine in enumerate(ENGINES)}
    return sorted(by_key.values(), key=lambda row: (row["size"], order.get(row["engine"], len(order)), row["engine"]))


def kept_rows(path: Path) -> list[dict]:
    """The rows an earlier run wrote to `path` (none if there is no such file)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except ValueError as error:
        raise SystemExit(f"{path}: not the rows of an earlier run ({error})")


def table(rows: list[dict]) -> str:
    lines = ["| articles | engine | articles/s | ms/article | per-input stage ms/article | clustering ms/article "
             "| dossier stage ms/article | dossier stage CPU ms/article | CPU ms/article | start-up s | client peak MB (before dossiers) "
             "| worker peak MB (before dossiers) | stories (largest) | load start-end | measured (UTC) |",
             "|" + "---|" * 15]
    for row in rows:
        n = row["articles"]
        cluster = row["seconds"] - row["inputs_seconds"] - row["dossier_seconds"]
        workers = ", ".join(f"{mb:.0f}" for mb in row.get("worker_peak_mb", [])) or "-"
        before = ", ".join(f"{mb:.0f}" for mb in row.get("worker_peak_mb_before_dossiers", []))
        workers += f" ({before})" if before else ""
        client = f"{row['client_peak_mb']:.0f}"
        client += f" ({row['client_peak_mb_before_dossiers']:.0f})" if row.get("client_peak_mb_before_dossiers") else ""
        stories = f"{row['stories']} ({row['largest_story']})" if "stories" in row else "-"
        lines.append(f"| {row['size']} | {row['engine']} | {n / row['seconds']:.1f} | {1000 * row['seconds'] / n:.1f} "
                     f"| {1000 * row['inputs_seconds'] / n:.1f} | {1000 * cluster / n:.1f} "
                     f"| {1000 * row['dossier_seconds'] / n:.1f} | {1000 * row.get('dossier_cpu_seconds', 0) / n:.1f} "
                     f"| {1000 * row.get('cpu_seconds', 0) / n:.1f} | {row.get('startup_seconds', 0):.1f} "
                     f"| {client} | {workers} | {stories} | {row['load'][0]:.1f}-{row['load'][1]:.1f} "
                     f"| {row.get('measured', '-')} |")
    return "\n".join(lines)


def plot(rows: list[dict], path: Path) -> None:
    try:
        import matplotlib
    except ImportError:
        print("matplotlib is missing (pip install -e '.[bench]'): no plot written")
        return
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    for engine in dict.fromkeys(row["engine"] for row in rows):
        mine = sorted((row for row in rows if row["engine"] == engine), key=lambda row: row["size"])
        sizes = [row["size"] for row in mine]
        left.plot(sizes, [1000 * r["seconds"] / r["articles"] for r in mine], marker="o", label=engine)
        right.plot(sizes, [r["articles"] / r["seconds"] for r in mine], marker="o", label=engine)
    for axis, label in ((left, "ms per article"), (right, "articles per second")):
        axis.set_xscale("log")
        axis.set_xlabel("articles ingested")
        axis.set_ylabel(label)
        axis.grid(alpha=0.3)
    left.legend()
    figure.suptitle("storylens ingest on generated WARC files")
    figure.tight_layout()
    figure.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--keep", action="store_true", help="merge the rows already in OUT/scale.json")
    parser.add_argument("--run", help=argparse.SUPPRESS)
    parser.add_argument("--inputs", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:  # one engine, in this process, asked for by the parent
        print(json.dumps(run_engine(args.run, args.inputs, args.db)))
        return
    # read first: a file that cannot be merged stops the run before its long measurements
    kept = kept_rows(args.out / "scale.json") if args.keep else []
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            inputs = Path(tmp) / "warc"
            inputs.mkdir()
            written = write_warcs(inputs, size, args.seed)
            megabytes = sum(f.stat().st_size for f in inputs.iterdir()) / 1e6
            print(f"{written} articles in {len(list(inputs.iterdir()))} WARC files ({megabytes:.1f} MB gzipped)")
            for engine in args.engines.split(","):
                measured = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M")
                row = measure(engine, inputs, Path(tmp)) | {"size": size, "measured": measured}
                rows.append(row)
                print(f"  {engine:<9} {row['articles']} articles, {row['articles'] / row['seconds']:.1f} articles/s, "
                      f"{1000 * row['seconds'] / row['articles']:.1f} ms/article, load {row['load']}; "
                      f"{row['stories']} stories (largest {row['largest_story']} articles), {row['dossiers']} dossiers",
                      flush=True)
                print(table([row]).splitlines()[-1], flush=True)
    rows = merged_rows(kept, rows)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "scale.json").write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    (args.out / "scale.md").write_text(table(rows) + "\n", encoding="utf-8")
    plot(rows, args.out / "scale.png")
    print(table(rows))
    print(f"written: {args.out / 'scale.md'}, {args.out / 'scale.png'}, {args.out / 'scale.json'}")


if __name__ == "__main__":
    main()
