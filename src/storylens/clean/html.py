"""HTML → article body and metadata, through trafilatura (favor_precision) and its htmldate dates.

The page is parsed once: its own declarations (page_signals.py) are read from the tree before
trafilatura, which is handed the same tree, prunes it. They decide the outlet, strip the site's
name from the title, clean the byline, and tell page_kind.py whether this is an article at all.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from functools import cache

import lxml.html
from lxml import etree
from trafilatura.core import trafilatura_sequence
from trafilatura.metadata import Document as TrafilaturaDocument
from trafilatura.metadata import extract_metadata
from trafilatura.settings import Extractor, use_config
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from storylens.clean.bylines import clean_byline
from storylens.clean.metadata import choose_outlet, clean_title
from storylens.clean.page_signals import PageSignals, page_signals

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
    signals: PageSignals | None = None  # what an HTML page declared about itself


def clean_html_page(html: str, url: str | None = None) -> PageParts:
    """A full web page: trafilatura keeps the article and reads title, author, site name and date."""
    tree = load_html(html)
    if tree is None:
        return PageParts([])
    signals = page_signals(tree)
    found = trafilatura_on_tree(tree, url)
    if found is None or not found.text:
        return PageParts([], signals=signals)
    paragraphs = [line.strip() for line in found.text.splitlines() if line.strip()]
    raw_title = (found.title or "").strip() or None
    # Pages often repeat the headline as the article's first line; it is the title, not body.
    if paragraphs and raw_title and paragraphs[0] == raw_title:
        paragraphs = paragraphs[1:]
    page_url = url or found.url or signals.url
    outlet = choose_outlet(signals.site_names, found.sitename, raw_title, page_url, signals.title)
    site_names = signals.site_names + [name for name in (outlet, found.sitename) if name]
    meta = {
        "title": clean_title(raw_title, site_names, page_url),
        "author": clean_byline(found.author, site_names),
        "outlet": outlet,
        "published": found.date,
        "url": found.url,
    }
    return PageParts(paragraphs, meta, signals)


def trafilatura_on_tree(tree, url: str | None) -> TrafilaturaDocument | None:
    """What `trafilatura.bare_extraction(tree, favor_precision=True, with_metadata=True,
    include_comments=False)` returns, on a tree it may prune.

    bare_extraction copies a tree it is handed, because its extractors prune the raw tree in
    place (RAW_TREE_PRUNE_XPATH in trafilatura_sequence); ours is read (page_signals) before
    and never after, so the copy is waste: 0.3-0.7 ms a page of CPU, a tenth of our overhead
    over trafilatura alone. These are bare_extraction's steps for our options (no language,
    blacklist, dedup or XPath filter), pinned with trafilatura 2.3.1; tests/clean/test_html.py
    checks that both give the same document.
    """
    options = Extractor(config=trafilatura_config(), output_format="python", precision=True, comments=False,
                        with_metadata=True, url=url)
    try:
        document = extract_metadata(tree, options.url, options.date_params, options.fast, options.author_blacklist)
        body, text, _, comments = trafilatura_sequence(tree, options, options.url or document.url)
    except (TypeError, ValueError):  # bare_extraction's "discarding data"
        return None
    if options.max_tree_size and len(body) > options.max_tree_size:
        etree.strip_tags(body, "hi")
        if len(body) > options.max_tree_size:
            return None
    if len(text) < options.min_output_size and len(comments) < options.min_output_comm_size:
        return None
    document.text = xmltotxt(body, options.formatting)
    document.raw_text, document.body = document.text, body
    return document


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
