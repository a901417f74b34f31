"""Moments of ISO 8601 dates and times, to order a story's articles and events (the pages show
them with `render.dates.display_date`)."""
from __future__ import annotations

import datetime as dt


def parse_moment(value: str | None) -> dt.datetime | None:
    """An ISO 8601 date or time as a datetime (naive when the input names no offset)."""
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None



def sort_key(value: str | None) -> float:
    """Seconds since the epoch (naive times taken as UTC), for ordering and placing on a timeline."""
    moment = parse_moment(value)
    if moment is None:
        return float("inf")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.timestamp()
