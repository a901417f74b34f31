"""Pages that are not articles: error pages, login walls, home pages and section fronts.

A reader skips them at a glance; an extractor does not, and finds a 45-character "Forbidden"
or a list of teasers and calls it an article. Each rule needs two signs that agree (what the
page calls itself, and how little running prose it holds), so a short real news item passes.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from storylens.clean.page_signals import PageSignals

ERROR_PAGE = re.compile(
    r"^\s*(?:error\s*:?\s*)?(?:40[0134]|41[01]|429|50[0234])\b|"
    r"\b(?:page|file|article|story|content)\s+(?:was\s+)?(?:not\s+found|(?:could|can)\s*not\s+be\s+found|"
    r"(?:does\s+not|doesn'?t|no\s+longer)\s+exists?)\b|"
    r"^\s*not\s+found\b|^\s*forbidden\b|\baccess\s+(?:denied|forbidden)\b|\bforbidden\s*$|"
    r"\b(?:service|site)\s+(?:temporarily\s+)?unavailable\b|\binternal\s+server\s+error\b|\bbad\s+gateway\b|"
    r"\bseite\s+nicht\s+gefunden\b|\bp[aá]gina\s+no\s+encontrada\b|\bpage\s+introuvable\b|"
    r"\bстраница\s+не\s+найдена\b|\bсторінк[уа]\s+не\s+знайдено\b",
    re.IGNORECASE,
)
LOGIN_WALL = re.compile(
    r"\b(?:sign|log)\s*in\s+to\s+(?:continue|read|view|access)\b|\bplease\s+(?:sign|log)\s*in\b|"
    r"\byou\s+must\s+be\s+logged\s+in\b|\bsubscribe\s+to\s+(?:continue|read|keep\s+reading)\b|"
    r"\bto\s+continue\s+reading\b|\bthis\s+(?:content|article)\s+is\s+(?:only\s+)?(?:for|available\s+to)\s+"
    r"(?:subscribers|members)\b|\bcreate\s+(?:a\s+free\s+|an\s+)?account\s+to\s+(?:continue|read)\b",
    re.IGNORECASE,
)
# Error and login pages print a line or two; an article that mentions "404" has paragraphs.
SHORT_PAGE_WORDS = 120
# A front page: most of its text is link text, it links many headlines, and what the extractor
# kept is a teaser. Measured on newspaper's test pages: articles with heavy navigation reach a
# link share of 0.82 (usnews.com) but keep 2,000+ characters of prose; the CNN front keeps 180.
FRONT_LINK_SHARE = 0.6
FRONT_HEADLINE_LINKS = 50
FRONT_BODY_WORDS = 150
HOME_PATHS = frozenset({"", "/index.html", "/index.htm", "/index.php", "/home", "/default.aspx"})
# A canonical link to the root on a page without links is a misconfigured article, not a front.
HOME_HEADLINE_LINKS = 10


def not_article_reason(paragraphs: list[str], title: str | None, signals: PageSignals | None,
                       url: str | None = None) -> str | None:
    """Why this page is not an article, or None when it may be one."""
    words = sum(len(paragraph.split()) for paragraph in paragraphs)
    if words <= SHORT_PAGE_WORDS:
        reason = short_page_reason(paragraphs, title, signals)
        if reason:
            return reason
    if signals is None or signals.declares_article or signals.declares_media:
        return None
    address = url or signals.url
    if address and is_home_address(address) and signals.headline_links >= HOME_HEADLINE_LINKS:
        return f"a home page ({address[:80]})"
    if (signals.link_share >= FRONT_LINK_SHARE and signals.headline_links >= FRONT_HEADLINE_LINKS
            and words < FRONT_BODY_WORDS):
        return (f"mostly links: {signals.headline_links} headline links, {signals.link_share:.0%} of the text "
                f"in links, {words} words of prose")
    return None


def is_home_address(address: str) -> bool:
    """The site's root ("https://uk.example.com/"); "/?p=123" is a WordPress article, not the root."""
    parts = urlsplit(address)
    return not parts.query and parts.path.rstrip("/") in HOME_PATHS


def short_page_reason(paragraphs: list[str], title: str | None, signals: PageSignals | None) -> str | None:
    heading = signals.heading if signals else None
    named = [value for value in (title, heading, signals.title if signals else None) if value]
    shown = paragraphs[:3] if sum(len(paragraph.split()) for paragraph in paragraphs) <= 40 else []
    for text in named + shown:
        if ERROR_PAGE.search(text[:200]):
            return f"an error page ({text[:60]!r})"
    for text in named + paragraphs[:5]:
        if LOGIN_WALL.search(text[:400]):
            return f"a login or subscription wall ({text[:60]!r})"
    return None
