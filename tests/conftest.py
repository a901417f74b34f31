"""Fixtures shared across the test folders: small pages written here, never the development data."""
from __future__ import annotations

import pytest

ARTICLE_PARAGRAPHS = [
    "The harbour authority of Port Wendell signed a twenty-year lease with a private shipping group last week, "
    "according to two officials familiar with the negotiations who spoke on condition of anonymity.",
    "The agreement covers the entire eastern container terminal and was never put before the city council, "
    "the officials said, adding that the document had been kept from the port's own board.",
    "A spokesperson for the authority, Mara Ellison, said on Tuesday that the report was pure invention and "
    "that no lease had been signed with anyone, private or public, this year.",
    "Council members have asked for the minutes of every board meeting since January to be published in full "
    "before the end of the month, so that residents can see what was decided in their name.",
]


def news_page(
    title: str = "Port Wendell signs secret terminal lease, officials say",
    paragraphs: list[str] | None = None,
    site: str = "The Wendell Courier",
    author: str = "Ada Brennan",
    published: str = "2025-03-04T09:30:00Z",
) -> str:
    """A realistic small news page: menus, a cookie banner, ads and a footer around the article."""
    body = "\n".join(f"<p>{p}</p>" for p in (paragraphs or ARTICLE_PARAGRAPHS))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | {site}</title>
<meta property="og:site_name" content="{site}">
<meta property="og:title" content="{title}">
<meta name="author" content="{author}">
<meta property="article:published_time" content="{published}">
<script>window.dataLayer = [{{"page": "article"}}];</script>
</head><body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/opinion">Opinion</a></li></ul></nav>
<div class="ad">Advertisement</div>
<main><article>
<h1>{title}</h1>
<p class="byline">By {author}</p>
{body}
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Ferry timetable changes for the summer season</a></li>
<li><a href="/b">Lighthouse restoration finally complete</a></li></ul></aside>
</main>
<footer><p>© 2025 {site}. All rights reserved.</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
</body></html>"""


@pytest.fixture
def page_html() -> str:
    return news_page()


# The PostgreSQL test server and the `store_url` fixture (SQLite file, then PostgreSQL).
pytest_plugins = ["tests.postgres_server"]
