"""Where a stream of bytes came from, and the site key its documents group under."""
from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class Origin:
    """What every reader needs to know about its input besides the bytes."""

    source: str  # file path, URL as given, or "-"
    site: str | None  # site key for documents that bring no URL of their own
    url: str | None = None  # final URL, when the bytes were fetched
    charset: str | None = None  # charset the transport declared (HTTP Content-Type)

    def part(self, key: object) -> str:
        """Source of one record inside a multi-record input."""
        return f"{self.source}#{key}"


def for_file(path: str) -> Origin:
    # Pages saved side by side usually come from one site, so their folder is the best key we have.
    return Origin(source=path, site=os.path.dirname(os.path.abspath(path)))


def site_key(url: str | None, fallback: str | None = None) -> str | None:
    """The URL's host, lowercased and without "www.", so that cleaning can spot lines a site
    repeats on every page; `fallback` when there is no usable URL."""
    if url:
        try:
            host = urlsplit(url.strip()).hostname
        except ValueError:  # e.g. an unbalanced IPv6 bracket
            host = None
        if host:
            return host.removeprefix("www.")
    return fallback


def is_url(item: str) -> bool:
    return item[:8].lower().startswith(("http://", "https://"))
