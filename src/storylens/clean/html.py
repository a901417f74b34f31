"""HTML → article body and metadata, through trafilatura (favor_precision) and its htmldate dates."""
from __future__ import annotations

from dataclasses import dataclass, field

from functools import cache

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import use_config

# Deeply nested or enormous hostile pages make lxml and trafilatura crawl; trafilatura
# gives up on trees above this many elements, and so do we.
MAX_TREE_SIZE = 200_000

# Block-level tags whose text is one paragraph when a feed entry's HTML fragment is flattened.
BLOCK_TAGS = {"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "td", "figcaption"}


@cache
def trafilatura_config():
    config = use_config()
    config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_TREE_SIZE))
    return config


@dataclass(slots=True)
class PageParts:
    """What cleaning found in one page, before the container's metadata is laid over it."""

    paragraphs: list[str]
    meta: dict[str, str | None] = field(default_factory=dict)


def clean_html_page(html: str, url: str | None = None) -> PageParts:
    """A full web page: trafilatura keeps the article and reads title, author, site name and date."""
    found = trafilatura.bare_extraction(
        html,
        url=url,
        favor_precision=True,
        with_metadata=True,
        include_comments=False,
        config=trafilatura_config(),
    )
    if found is None or not found.text:
        return PageParts([])
    paragraphs = [line.strip() for line in found.text.splitlines() if line.strip()]
    title = (found.title or "").strip() or None
    # Pages often repeat the headline as the article's first line; it is the title, not body.
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    meta = {
        "title": title,
        "author": found.author,
        "outlet": found.sitename,
        "published": found.date,
        "url": found.url,
    }
    return PageParts(paragraphs, meta)


def clean_html_fragment(fragment: str) -> PageParts:
    """A feed entry's HTML: already just the article, so no boilerplate removal, only flattening."""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return PageParts([])
    for junk in root.xpath("//script|//style|//noscript"):
        junk.drop_tree()
    paragraphs = []
    for node in root.iter(*BLOCK_TAGS):
        # Only innermost blocks, so nested <div><p> is not read twice.
        if any(True for _ in node.iter(*BLOCK_TAGS) if _ is not node):
            continue
        text = " ".join(node.text_content().split())
        if text:
            paragraphs.append(text)
    if not paragraphs:  # plain text with inline markup only
        whole = " ".join(root.text_content().split())
        paragraphs = [whole] if whole else []
    return PageParts(paragraphs)
