"""Fetching http(s) URLs within a total deadline, a size cap and a redirect limit.

urllib3's own timeouts bound each socket operation, not the whole fetch: a server that
trickles a byte at a time would never trip them. So every fetch has one deadline, checked
between reads and pushed down into the socket timeout before each read.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from http.client import HTTPException
from urllib.parse import urljoin

import urllib3
from urllib3.exceptions import HTTPError, NameResolutionError, NewConnectionError, SSLError
from urllib3.exceptions import TimeoutError as UrllibTimeout

from storylens.model import Problem, ProblemKind
from storylens.read.limits import ReadLimits, megabytes
from storylens.read.origin import is_url

REDIRECTS = {301, 302, 303, 307, 308}
ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
          "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")
_CHUNK = 64 * 1024
_pool: urllib3.PoolManager | None = None


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    media_type: str | None  # Content-Type without parameters, lowercased
    charset: str | None
    body: bytes


class _Failed(Exception):
    """A fetch failed for a reason worth one line; carries the problem kind."""

    def __init__(self, kind: str, reason: str):
        super().__init__(reason)
        self.kind = kind


def fetch(url: str, limits: ReadLimits) -> Fetched | Problem:
    """GET `url`, following redirects; a Problem(FETCH_FAILED or TOO_LARGE) on failure."""
    deadline = time.monotonic() + limits.fetch_timeout
    try:
        return _follow(url, limits, deadline)
    except _Failed as failed:
        return Problem(url, failed.kind, str(failed))
    except (HTTPError, OSError, HTTPException) as exc:
        return Problem(url, ProblemKind.FETCH_FAILED, _reason(exc, limits))
    except ValueError:  # http.client refuses URLs with spaces or control characters
        return Problem(url, ProblemKind.FETCH_FAILED, "invalid URL")


def _follow(url: str, limits: ReadLimits, deadline: float) -> Fetched:
    current = url
    for _ in range(limits.max_redirects + 1):
        response = _request(current, limits, deadline)
        try:
            if response.status not in REDIRECTS:
                fetched = _fetched(current, response, limits, deadline)
                response.release_conn()  # read to the end: the connection can serve the next URL
                return fetched
            current = _redirect_target(current, response)
        finally:
            _abandon(response)
    raise _Failed(ProblemKind.FETCH_FAILED, f"more than {limits.max_redirects} redirects")


def _request(url: str, limits: ReadLimits, deadline: float) -> urllib3.BaseHTTPResponse:
    remaining = _remaining(deadline, limits)
    headers = {"User-Agent": limits.user_agent, "Accept": ACCEPT, **urllib3.util.make_headers(accept_encoding=True)}
    return _pool_manager().request(
        "GET", url, headers=headers, redirect=False, retries=False, preload_content=False,
        timeout=urllib3.Timeout(connect=remaining, read=remaining),
    )


def _redirect_target(current: str, response: urllib3.BaseHTTPResponse) -> str:
    location = response.headers.get("Location")
    if not location:
        raise _Failed(ProblemKind.FETCH_FAILED, f"HTTP {response.status} without Location")
    target = urljoin(current, location.strip())
    if not is_url(target):
        raise _Failed(ProblemKind.FETCH_FAILED, "redirect to a non-http(s) URL")
    return target


def _fetched(url: str, response: urllib3.BaseHTTPResponse, limits: ReadLimits, deadline: float) -> Fetched:
    if not 200 <= response.status < 300:
        raise _Failed(ProblemKind.FETCH_FAILED, f"HTTP {response.status}")
    media_type, charset = _content_type(response.headers.get("Content-Type"))
    body = _read_body(response, limits, deadline)
    return Fetched(url=url, media_type=media_type, charset=charset, body=body)


def _read_body(response: urllib3.BaseHTTPResponse, limits: ReadLimits, deadline: float) -> bytes:
    """The (decompressed) body, refused as soon as it passes the cap or the deadline."""
    cap = limits.max_fetch_bytes
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > cap:
        raise _Failed(ProblemKind.TOO_LARGE, f"{megabytes(int(declared))} > {megabytes(cap)} limit")
    parts, size = [], 0
    while True:
        _set_socket_timeout(response, _remaining(deadline, limits))
        part = response.read1(_CHUNK)  # read1: returns what has arrived, does not wait for a full chunk
        if not part:
            return b"".join(parts)
        parts.append(part)
        size += len(part)
        if size > cap:
            raise _Failed(ProblemKind.TOO_LARGE, f"more than {megabytes(cap)}")


def _remaining(deadline: float, limits: ReadLimits) -> float:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _Failed(ProblemKind.FETCH_FAILED, f"timed out after {limits.fetch_timeout:g} s")
    return remaining


def _set_socket_timeout(response: urllib3.BaseHTTPResponse, seconds: float) -> None:
    sock = getattr(getattr(response, "connection", None), "sock", None)
    if sock is not None:
        sock.settimeout(seconds)


def _abandon(response: urllib3.BaseHTTPResponse) -> None:
    """Close a connection whose body was not read to the end (unread bytes would corrupt the
    next request on it) and hand it back to the pool, which reconnects it when needed.
    A no-op after release_conn()."""
    response.close()
    response.release_conn()


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    media_type, *params = header.split(";")
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media_type.strip().lower() or None, charset


def _reason(exc: Exception, limits: ReadLimits) -> str:
    # Order matters: urllib3 makes both of the first two subclasses of its TimeoutError.
    if isinstance(exc, NameResolutionError):
        return "host not found"
    if isinstance(exc, NewConnectionError):
        return "connection failed: " + str(exc).rsplit(": ", 1)[-1]
    if isinstance(exc, (UrllibTimeout, TimeoutError)):
        return f"timed out after {limits.fetch_timeout:g} s"
    if isinstance(exc, SSLError):
        return "TLS error"
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def _pool_manager() -> urllib3.PoolManager:
    # One pool for the process: connections to a host are reused across its URLs.
    global _pool
    if _pool is None:
        _pool = urllib3.PoolManager(num_pools=32)
    return _pool
