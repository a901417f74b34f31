"""Dates and outlet names, normalised the same way whichever container or page they came from."""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from dateutil import parser as dateparser
from tld import get_fld

# News older than this is almost certainly a mis-parse (a founding year, a copyright line),
# and a date far in the future is a typo or a template placeholder.
EARLIEST_YEAR = 1900
FUTURE_SLACK = dt.timedelta(days=366)


def normalise_date(value: str | None) -> str | None:
    """ISO 8601 from whatever a page or container printed; None when it is missing or absurd.

    A bare date stays a date ("2024-11-11"); a timestamp keeps its time and zone.
    """
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        has_time = "T" in text or " " in text
    except ValueError:
        try:
            parsed = dateparser.parse(text)
        except (ValueError, OverflowError):
            return None
        has_time = parsed.time() != dt.time(0)
    if not plausible(parsed):
        return None
    return parsed.isoformat() if has_time else parsed.date().isoformat()


def plausible(moment: dt.datetime) -> bool:
    latest = dt.datetime.now() + FUTURE_SLACK
    return EARLIEST_YEAR <= moment.year and moment.replace(tzinfo=None) <= latest


def outlet_from_url(url: str | None) -> str | None:
    """The registered domain ("bbc.co.uk" for news.bbc.co.uk), else the host without "www."."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    if not host:
        return None
    registered = get_fld(url, fail_silently=True)
    if registered:
        return registered
    return host.removeprefix("www.")
