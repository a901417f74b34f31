"""Dates in one format on every page: `2025-03-10`, or `2025-03-10 14:40` when the time is known
(times with an offset shown in UTC, and said so)."""
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


def display_date(value: str | None) -> str:
    moment = parse_moment(value)
    if moment is None:
        return value or ""
    if len(value) <= 10:  # a bare date: no time to show
        return moment.strftime("%Y-%m-%d")
    if moment.tzinfo is not None:
        return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%Y-%m-%d %H:%M")


def sort_key(value: str | None) -> float:
    """Seconds since the epoch (naive times taken as UTC), for ordering and placing on a timeline."""
    moment = parse_moment(value)
    if moment is None:
        return float("inf")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.timestamp()
