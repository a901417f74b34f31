"""`storylens serve` under load: a story of 200 articles, `/api/stories/{id}` (or, with `--route`, one
of its claims or articles) asked by 50
concurrent clients on 127.0.0.1 for a bounded time (and a bounded number of requests), then by
one client. Prints p50 and p99 latency (target p99 < 150 ms with 50 clients), errors (target
none), the CPU each reply cost the server and the client, and the server's resident memory
afterwards. The story is invented (bench/render.py's generator); no dev data is needed.

Two load generators: `light` (default) speaks HTTP/1.1 over asyncio streams and reads each
reply's bytes without decoding them, as wrk or ab would; `httpx` is a full Python client that
also decompresses and holds every reply, and costs ~4x the server's CPU per reply (measured
here), so on a shared machine it mostly measures itself. Both send `Accept-Encoding: gzip`.

    .venv/bin/python bench/serve_load.py [--seconds 20] [--clients 50] [--client light|httpx] [--db URL]
                                         [--route stories|claims|articles]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from render import synthetic_story  # noqa: E402  (bench/render.py)

MAX_REQUESTS = 100_000  # a bound besides the time


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU the process used so far: per reply, a figure the shared machine's load moves little."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def more(latencies: list[float], errors: list[str], stop_at: float) -> bool:
    return time.monotonic() < stop_at and len(latencies) + len(errors) < MAX_REQUESTS


async def light_client(url: str, stop_at: float, latencies: list[float], errors: list[str]) -> None:
    """One keep-alive connection; a failed one is counted and opened again."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    request = (f"GET {target} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
               "Accept: application/json\r\nAccept-Encoding: gzip\r\n\r\n").encode()
    while more(latencies, errors, stop_at):
        try:
            reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        except OSError as error:
            errors.append(type(error).__name__)
            continue
        try:
            while more(latencies, errors, stop_at):
                start = time.perf_counter()
                writer.write(request)
                status, _ = await read_reply(reader)
                if status != 200:
                    errors.append(str(status))
                    continue
                latencies.append(time.perf_counter() - start)
        except (OSError, asyncio.IncompleteReadError, ValueError) as error:
            errors.append(type(error).__name__)
        finally:
            writer.close()


async def read_reply(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in head[1:] if line)
    return int(head[0].split(" ", 2)[1]), await reader.readexactly(int(headers.get("content-length", 0)))


async def httpx_client(http, url: str, stop_at: float, latencies: list[float], errors: list[str]) -> None:
    while more(latencies, errors, stop_at):
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


async def load(url: str, clients: int, seconds: float, kind: str) -> tuple[list[float], list[str]]:
    import httpx

    latencies: list[float] = []
    errors: list[str] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=30) as http:
        stop_at = time.monotonic() + seconds
        if kind == "httpx":
            await asyncio.gather(*(httpx_client(http, url, stop_at, latencies, errors) for _ in range(clients)))
        else:
            await asyncio.gather(*(light_client(url, stop_at, latencies, errors) for _ in range(clients)))
    return latencies, errors


def check_reply(url: str, expected_id: str) -> tuple[int, int]:
    """The reply is the asked-for story, claim or article (checked once, decoded): its size as JSON and on the wire."""
    import httpx

    reply = httpx.get(url, headers={"accept-encoding": "gzip"}, timeout=30)
    assert reply.status_code == 200 and json.loads(reply.content)["id"] == expected_id, reply.status_code
    return len(reply.content), reply.num_bytes_downloaded


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


def percentiles(latencies: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [float("nan")] * 99
    return cuts[49] * 1000, cuts[98] * 1000


def measure(url: str, server: subprocess.Popen, clients: int, seconds: float, kind: str) -> str:
    cpu_before, client_before = cpu_seconds(server.pid), time.process_time()
    latencies, errors = asyncio.run(load(url, clients, seconds, kind))
    replies = max(1, len(latencies))
    server_ms = (cpu_seconds(server.pid) - cpu_before) / replies * 1000
    client_ms = (time.process_time() - client_before) / replies * 1000
    p50, p99 = percentiles(latencies)
    return (f"  {clients:>2} client{'s' if clients > 1 else ' '}: {len(latencies)} replies ({len(latencies) / seconds:.0f}/s), "
            f"p50 {p50:.1f} ms, p99 {p99:.1f} ms, errors {len(errors)}{' ' + str(sorted(set(errors))) if errors else ''}; "
            f"CPU per reply: server {server_ms:.2f} ms, client {client_ms:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--client", choices=["light", "httpx"], default="light")
    parser.add_argument("--db", help="a store URL to load the story into (default: a temporary SQLite file)")
    parser.add_argument("--route", choices=["stories", "claims", "articles"], default="stories",
                        help="ask for the story, one of its claims or one of its articles")
    args = parser.parse_args()
    from storylens.store import open_store
    from storylens.store.dossiers import store_dossiers

    with tempfile.TemporaryDirectory() as folder:
        db = args.db or f"sqlite:///{folder}/load.db"
        dossier, texts = synthetic_story(0, articles=200, claims=40)
        engine = open_store(db)
        store_dossiers(engine, [dossier], texts)
        engine.dispose()
        port = free_port()
        server = subprocess.Popen([str(ROOT / ".venv" / "bin" / "storylens"), "serve", "--db", db, "--port", str(port)])
        try:
            asked = {"stories": dossier, "claims": dossier["claims"][0], "articles": dossier["articles"][0]}[args.route]
            url = f"http://127.0.0.1:{port}/api/{args.route}/{asked['id']}"
            wait_until_up(url, server)
            size, wire = check_reply(url, asked["id"])
            lines = [measure(url, server, args.clients, args.seconds, args.client),
                     measure(url, server, 1, min(5.0, args.seconds), args.client)]
            memory = resident_mb(server.pid)
        finally:
            server.terminate()
            server.wait(10)
    print(f"serve_load: story of 200 articles, GET /api/{args.route}/{{id}} from {db.split(':', 1)[0]}: replies of "
          f"{size / 1024:.0f} KB of JSON, {wire / 1024:.0f} KB on the wire; {args.client} client, target p99 < 150 ms "
          f"with {args.clients} clients")
    print("\n".join(lines))
    print(f"  server memory after {memory:.0f} MB; machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
