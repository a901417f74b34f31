"""Raw documents → articles: the clean stage's driver over html.py, textdump.py, metadata.py.

`clean_documents` is a generator over read's output. It works in batches because text
dumps of one site are cleaned together: lines that repeat across a site's pages are its
furniture. Problems from reading pass through in place, so order is kept.
"""
from __future__ import annotations

import itertools
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator

from storylens.clean.html import PageParts, clean_html_fragment, clean_html_page
from storylens.clean.metadata import normalise_date, outlet_from_url
from storylens.clean.page_kind import not_article_reason
from storylens.clean.textdump import clean_text_dump, repeated_lines
from storylens.enrich.language import language_of
from storylens.model import Article, Document, Problem, ProblemKind, source_id, text_hash

log = logging.getLogger(__name__)

BATCH_SIZE = 256


def clean_documents(
    items: Iterable[Document | Problem], *, batch_size: int = BATCH_SIZE
) -> Iterator[Article | Problem]:
    """Clean every document; a page that yields no article becomes a Problem in its place."""
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, batch_size)):
        furniture = site_furniture([item for item in batch if isinstance(item, Document)])
        for item in batch:
            if isinstance(item, Problem):
                yield item
            else:
                yield clean_document(item, furniture.get(item.site, frozenset()))


def site_furniture(documents: list[Document]) -> dict[str | None, frozenset[str]]:
    """For each site with several text dumps in the batch, the lines its pages share."""
    texts_by_site: dict[str | None, list[str]] = defaultdict(list)
    for doc in documents:
        if doc.format == "text":
            texts_by_site[doc.site].append(doc.content)
    return {site: repeated_lines(texts) for site, texts in texts_by_site.items() if len(texts) > 1}


def clean_document(doc: Document, furniture: frozenset[str] = frozenset()) -> Article | Problem:
    """One document → Article, or a Problem naming why it has no article text."""
    try:
        parts = extract_parts(doc, furniture)
        if not parts.paragraphs:
            reason = not_article_reason([], parts.meta.get("title"), parts.signals, doc.url)
            if reason:
                return Problem(doc.source, ProblemKind.NOT_ARTICLE, reason)
            return Problem(doc.source, ProblemKind.NO_ARTICLE, f"nothing article-like in this {doc.format} page")
        if doc.format != "fragment":  # a feed entry is an article by the feed's word
            reason = not_article_reason(parts.paragraphs, parts.meta.get("title"), parts.signals, doc.url)
            if reason:
                return Problem(doc.source, ProblemKind.NOT_ARTICLE, reason)
        return assemble_article(doc, parts)
    except Exception as error:  # a hostile page must not take the batch down with it
        log.debug("cleaning %s failed", doc.source, exc_info=True)
        return Problem(doc.source, ProblemKind.FAILED, f"{type(error).__name__}: {error}"[:200])


def extract_parts(doc: Document, furniture: frozenset[str]) -> PageParts:
    if doc.format == "html":
        return clean_html_page(doc.content, doc.url)
    if doc.format == "fragment":
        return clean_html_fragment(doc.content)
    if doc.format != "text":
        raise ValueError(f"unknown document format {doc.format!r}")
    cleaned = clean_text_dump(doc.content, repeated=furniture)
    meta = {"title": cleaned.title, "author": cleaned.author, "published": cleaned.published, "outlet": cleaned.outlet}
    return PageParts(cleaned.paragraphs, meta)


def assemble_article(doc: Document, parts: PageParts) -> Article:
    """What the container said (feed, JSON Lines) wins over what the page itself printed."""
    found = {key: value for key, value in parts.meta.items() if value}
    meta = found | {key: value for key, value in doc.meta.items() if value}
    url = doc.url or meta.get("url")
    text = "\n\n".join(parts.paragraphs)
    content_hash = text_hash(text)
    return Article(
        id=meta.get("id") or source_id(f"{doc.source}\n{content_hash}"),
        source=doc.source,
        url=url,
        outlet=meta.get("outlet") or outlet_from_url(url),
        title=meta.get("title"),
        author=meta.get("author"),
        published=normalise_date(meta.get("published")),
        language=language_of(text, doc.meta.get("language"), declared_language(parts)),
        text=text,
        content_hash=content_hash,
    )


def declared_language(parts: PageParts) -> str | None:
    """What the page itself declared (<html lang>): a template's default as often as the truth,
    so language_of checks it against the text instead of taking it."""
    return parts.signals.language if parts.signals is not None else None
