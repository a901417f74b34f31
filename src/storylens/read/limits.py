"""How much the read stage accepts before it refuses an input."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """Bounds that keep one hostile or broken input from stalling or exhausting a batch."""

    max_bytes: int = 50 * 1024 * 1024  # one page, file or record; bigger is refused unread
    fetch_timeout: float = 10.0  # seconds, total per URL: a deadline, not a per-read timeout
    max_redirects: int = 5
    max_fetch_bytes: int = 10 * 1024 * 1024
    user_agent: str = "Mozilla/5.0 (compatible; storylens/0.1; +offline news provenance)"


def megabytes(size: int) -> str:
    """A size as a problem detail shows it: in MB, or in bytes where MB would read 0.0."""
    if size < 100 * 1024:
        return f"{size:,} bytes"
    return f"{size / (1024 * 1024):.1f} MB"
