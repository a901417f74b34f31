"""`storylens serve`: the app under uvicorn, on 127.0.0.1 unless told otherwise."""
from __future__ import annotations

import ipaddress

from storylens.store import open_store
from storylens.web.app import create_app


class NeedsToken(ValueError):
    """A server reachable from other machines must not take writes from anyone."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(db_url: str, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    import uvicorn

    if not is_loopback(host) and not token:
        raise NeedsToken(f"--host {host} is reachable from other machines: give --token too")
    store = open_store(db_url)
    try:
        uvicorn.run(create_app(store, token=token), host=host, port=port, log_level="warning")
    finally:
        store.dispose()
