"""Dates in one format on every page: `2025-03-10`, or `2025-03-10 14:40` when the time is known
(times with an offset shown in UTC, and said so)."""
from __future__ import annotations

import datetime as dt

from storylens.dossier.dates import parse_moment, sort_key  # noqa: F401  (sort_key: the pages order by it too)


def display_date(value: str | None) -> str:
    moment = parse_moment(value)
    if moment is None:
        return value or ""
    if len(value) <= 10:  # a bare date: no time to show
        return moment.strftime("%Y-%m-%d")
    if moment.tzinfo is not None:
        return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%Y-%m-%d %H:%M")

