"""`storylens serve` under load: a story of 200 articles, `/api/stories/{id}` asked by 50
concurrent clients on 127.0.0.1 for a bounded time (and a bounded number of requests).
Prints p50 and p99 latency (target p99 < 150 ms), errors (target none) and the server's
resident memory afterwards. The story is invented (bench/render.py's generator); no dev data needed.

    .venv/bin/python bench/serve_load.py [--seconds 20] [--clients 50]
"""
from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from render import synthetic_story  # noqa: E402  (bench/render.py)

MAX_REQUESTS = 100_000  # a bound besides the time


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def client(http, url: str, stop_at: float, latencies: list[float], errors: list[str]) -> None:
    while time.monotonic() < stop_at and len(latencies) + len(errors) < MAX_REQUESTS:
        start = time.perf_counter()
        try:
            reply = await http.get(url)
            if reply.status_code != 200:
                errors.append(str(reply.status_code))
                continue
        except Exception as error:  # noqa: BLE001 (any failure is counted, the load goes on)
            errors.append(type(error).__name__)
            continue
        latencies.append(time.perf_counter() - start)


sizes: list[int] = []


async def load(url: str, clients: int, seconds: float) -> tuple[list[float], list[str]]:
    import httpx

    latencies: list[float] = []
    errors: list[str] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=30) as http:
        sizes.append(len((await http.get(url)).content))  # warm-up, and the size of one reply
        stop_at = time.monotonic() + seconds
        await asyncio.gather(*(client(http, url, stop_at, latencies, errors) for _ in range(clients)))
    return latencies, errors


def wait_until_up(url: str, server: subprocess.Popen) -> None:
    import httpx

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and server.poll() is None:
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=50)
    args = parser.parse_args()
    from storylens.store import open_store
    from storylens.store.dossiers import get_dossier_json, store_dossiers

    with tempfile.TemporaryDirectory() as folder:
        db = f"sqlite:///{folder}/load.db"
        dossier, texts = synthetic_story(0, articles=200, claims=40)
        engine = open_store(db)
        store_dossiers(engine, [dossier], texts)
        size_kb = len(get_dossier_json(engine, dossier["id"]).encode()) / 1024
        engine.dispose()
        port = free_port()
        server = subprocess.Popen([str(ROOT / ".venv" / "bin" / "storylens"), "serve", "--db", db, "--port", str(port)])
        try:
            url = f"http://127.0.0.1:{port}/api/stories/{dossier['id']}"
            wait_until_up(url, server)
            latencies, errors = asyncio.run(load(url, args.clients, args.seconds))
            memory = resident_mb(server.pid)
        finally:
            server.terminate()
            server.wait(10)
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [float("nan")] * 99
    print(f"serve_load: story of 200 articles ({size_kb:.0f} KB of JSON), {args.clients} clients, {args.seconds:g} s: "
          f"{len(latencies)} replies of {sizes[0] / 1024:.0f} KB ({len(latencies) / args.seconds:.0f}/s)")
    print(f"  p50 {cuts[49] * 1000:.1f} ms, p99 {cuts[98] * 1000:.1f} ms (target < 150), errors {len(errors)}"
          f"{' ' + str(sorted(set(errors))) if errors else ''}, server memory after {memory:.0f} MB")


if __name__ == "__main__":
    main()
