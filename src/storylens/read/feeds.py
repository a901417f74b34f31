"""RSS 2.0, Atom and RDF feeds: one HTML fragment per entry, with what the feed says about it."""
from __future__ import annotations

import html
import io
from collections.abc import Iterator
from datetime import date, datetime, timezone
from typing import BinaryIO

import feedparser

from storylens.model import Document, Problem, ProblemKind
from storylens.read.decode import binary_problem
from storylens.read.files import read_bounded
from storylens.read.limits import ReadLimits
from storylens.read.origin import Origin, site_key


def read_feed(stream: BinaryIO, origin: Origin, limits: ReadLimits) -> Iterator[Document | Problem]:
    """Entries in feed order. A broken feed still gives the entries feedparser recovered."""
    data = read_bounded(stream, limits.max_bytes, origin.source)
    if isinstance(data, Problem):
        yield data
        return
    if not data.strip():
        yield Problem(origin.source, ProblemKind.EMPTY)
        return
    if problem := binary_problem(data, origin.source, wide=data.startswith((b"\xff\xfe", b"\xfe\xff"))):
        yield problem
        return
    # A stream, not bytes: feedparser would try bytes as a file name first.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=_transport_headers(origin))
    if not parsed.entries:
        yield _no_entries(parsed, origin.source)
        return
    feed_meta = _feed_meta(parsed.feed)
    fallback_site = site_key(origin.url, origin.site)
    for index, entry in enumerate(parsed.entries, 1):
        yield _entry_document(entry, index, origin, feed_meta, fallback_site)


def _transport_headers(origin: Origin) -> dict[str, str]:
    """The charset a fetch declared, in the form feedparser takes. Not the feed's URL as
    content-location: feedparser would resolve entry ids against it too, and ids must not
    change with where a feed was read from."""
    if origin.charset:
        return {"content-type": f"application/xml; charset={origin.charset}"}
    return {}


def _no_entries(parsed: feedparser.FeedParserDict, source: str) -> Problem:
    if parsed.bozo:
        # SAX names no file ("<unknown>:2:44: unclosed token"); the source already does.
        reason = " ".join(str(parsed.get("bozo_exception", "")).split()).removeprefix("<unknown>:")
        return Problem(source, ProblemKind.MALFORMED, reason or "not well-formed")
    if not parsed.version:
        return Problem(source, ProblemKind.UNSUPPORTED, "not an RSS, Atom or RDF feed")
    return Problem(source, ProblemKind.EMPTY, "feed has no entries")


def _feed_meta(feed: feedparser.FeedParserDict) -> dict[str, str]:
    meta = {"outlet": _clean(feed.get("title")), "language": _clean(feed.get("language"))}
    return {key: value for key, value in meta.items() if value}


def _entry_document(entry, index: int, origin: Origin, feed_meta: dict[str, str],
                    fallback_site: str | None) -> Document | Problem:
    url = _clean(entry.get("link"))
    source = origin.part(_clean(entry.get("id")) or url or index)
    body = _entry_body(entry)
    if body is None:
        return Problem(source, ProblemKind.EMPTY, "entry has neither content nor summary")
    meta = {"title": _clean(entry.get("title")), "published": _published(entry),
            "author": _clean(entry.get("author")), **feed_meta}
    return Document(source=source, content=body, format="fragment", url=url,
                    meta={key: value for key, value in meta.items() if value},
                    site=site_key(url, fallback_site))


def _entry_body(entry) -> str | None:
    """Full content (content:encoded, Atom content) over the summary; the longest if several.
    Plain text is escaped so that what we hand on is always an HTML fragment."""
    candidates = [item for item in entry.get("content", []) if item.get("value", "").strip()]
    if not candidates and entry.get("summary", "").strip():
        candidates = [entry.get("summary_detail") or {"value": entry.summary, "type": "text/html"}]
    if not candidates:
        return None
    best = max(candidates, key=lambda item: len(item["value"]))
    if best.get("type") == "text/plain":
        return html.escape(best["value"], quote=False)
    return best["value"]


def _published(entry) -> str | None:
    """ISO 8601 from the entry's date as feedparser read it (it knows many formats)."""
    for key in ("published", "updated", "created"):
        # dict.get: feedparser's own get() maps a missing date to another, with a warning
        if parsed := dict.get(entry, f"{key}_parsed"):
            return iso_date(dict.get(entry, key) or "", parsed)
    return None


def iso_date(raw: str, parsed) -> str:
    """feedparser gives the time in UTC and takes a time without a zone as UTC. So the result
    is UTC with its offset, except where `raw` is an ISO date or datetime without a zone:
    that is written back as it was, not claimed to be UTC."""
    moment = datetime(*parsed[:6])
    raw = raw.strip()
    try:
        if len(raw) == 10 and date.fromisoformat(raw):
            return moment.date().isoformat()
        if datetime.fromisoformat(raw).tzinfo is None:
            return moment.isoformat()
    except ValueError:
        pass
    return moment.replace(tzinfo=timezone.utc).isoformat()


def _clean(value) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None
