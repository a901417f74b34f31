"""What a web page says about itself, read from its parsed tree before extraction changes it.

The site's own name (`og:site_name`, JSON-LD publisher, `application-name`), the kind of page
it declares (`og:type`, JSON-LD `@type`), its canonical address, its `<title>` and first `<h1>`,
and how much of its visible text sits inside links: the raw facts metadata.py and page_kind.py
judge. Every value is untrusted page text, so each is bounded in length and nothing here raises.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from lxml import etree

# Longer values are not names or headlines but stuffed markup; cut before any judgement.
MAX_VALUE_CHARS = 300
# JSON-LD blocks beyond this size are catalogues, not an article's description.
MAX_JSON_LD_CHARS = 200_000
MAX_JSON_LD_BLOCKS = 8
# A link with this many words is a headline pointing at another page (a teaser on a front page).
HEADLINE_LINK_WORDS = 4
ARTICLE_TYPES = frozenset({"article", "newsarticle", "reportagenewsarticle", "blogposting", "report",
                           "analysisnewsarticle", "opinionnewsarticle", "backgroundnewsarticle", "review",
                           "liveblogposting", "socialmediaposting", "scholarlyarticle", "techarticle"})
MEDIA_TYPES = frozenset({"video", "video.other", "audio", "music.song"})


@dataclass(slots=True)
class PageSignals:
    site_names: list[str] = field(default_factory=list)  # og:site_name, JSON-LD publisher, application-name
    declared_types: set[str] = field(default_factory=set)  # og:type and JSON-LD @type, casefolded
    url: str | None = None  # canonical link or og:url
    title: str | None = None  # the <title> element
    heading: str | None = None  # the first <h1>
    text_chars: int = 0  # visible text in <body>
    link_chars: int = 0  # of which inside <a>
    headline_links: int = 0  # links of HEADLINE_LINK_WORDS words or more
    links_counted: bool = False  # the three counts above are only taken when the page declares no kind
    language: str | None = None  # <html lang>, or og:locale / content-language: a claim to be checked

    @property
    def declares_article(self) -> bool:
        return bool(self.declared_types & ARTICLE_TYPES)

    @property
    def declares_media(self) -> bool:
        return bool(self.declared_types & MEDIA_TYPES)

    @property
    def link_share(self) -> float:
        return self.link_chars / self.text_chars if self.text_chars else 0.0


def bounded(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())[:MAX_VALUE_CHARS]
    return text or None


def page_signals(tree) -> PageSignals:
    """Read the signals from an lxml HTML tree (as trafilatura's `load_html` returns it)."""
    signals = PageSignals()
    meta = meta_values(tree)
    for key in ("og:site_name", "application-name"):
        if meta.get(key):
            signals.site_names.append(meta[key])
    if meta.get("og:type"):
        signals.declared_types.add(meta["og:type"].casefold().rsplit(".", 1)[-1])
    root = tree.getroottree().getroot()  # trafilatura may hand a fragment's element, not <html>
    signals.language = bounded(root.get("lang") or meta.get("og:locale") or meta.get("content-language"))
    read_json_ld(root, signals)
    # Head-only paths: each "//" search walks the whole tree (about 0.7 ms on a news page).
    signals.url = first_text(tree, "/html/head/link[@rel='canonical']/@href") or meta.get("og:url")
    signals.title = first_text(tree, "/html/head/title//text()")
    # iter() stops at the first <h1>; "(//h1)[1]" collected every one first.
    heading = next(root.iter("h1"), None)
    signals.heading = bounded(" ".join(heading.itertext())) if heading is not None else None
    # page_kind.py judges a page by its links only when it declares neither an article nor a
    # video; counting them is most of this function's time (all of the generated pages and
    # most real news pages declare "article").
    if not (signals.declares_article or signals.declares_media):
        body = root.find("body")
        body = body if body is not None else next(root.iter("body"), None)
        if body is not None:
            count_link_text(body, signals)
    return signals


def meta_values(tree) -> dict[str, str]:
    """First value of each <meta property|name=...>, keys casefolded."""
    values: dict[str, str] = {}
    for element in tree.xpath("/html/head/meta"):
        key = element.get("property") or element.get("name") or ""
        content = bounded(element.get("content"))
        if key and content:
            values.setdefault(key.strip().casefold(), content)
    return values


def first_text(tree, path: str) -> str | None:
    for value in tree.xpath(path):
        text = bounded(str(value))
        if text:
            return text
    return None


JSON_LD_BLOCKS = etree.XPath("//script[@type='application/ld+json']/text()", smart_strings=False)


def read_json_ld(root, signals: PageSignals) -> None:
    """Publisher names and @types from JSON-LD blocks; a broken block is skipped."""
    blocks = JSON_LD_BLOCKS(root)[:MAX_JSON_LD_BLOCKS]
    for block in blocks:
        if len(block) > MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(block)
        except (ValueError, RecursionError):
            continue
        for item in json_ld_items(data):
            kinds = item.get("@type")
            for kind in kinds if isinstance(kinds, list) else [kinds]:
                if isinstance(kind, str):
                    signals.declared_types.add(kind.casefold())
            publisher = item.get("publisher")
            name = publisher.get("name") if isinstance(publisher, dict) else None
            if bounded(name) and bounded(name) not in signals.site_names:
                signals.site_names.append(bounded(name))


def json_ld_items(data: object, depth: int = 0) -> list[dict]:
    """The objects of a JSON-LD block, top level and inside @graph or a list (not deeper)."""
    if depth > 2:
        return []
    if isinstance(data, list):
        return [item for entry in data[:50] for item in json_ld_items(entry, depth + 1)]
    if not isinstance(data, dict):
        return []
    graph = data.get("@graph")
    return [data] + (json_ld_items(graph, depth + 1) if isinstance(graph, list) else [])


# Evaluated from <body> and inside libxml2, without "smart" strings that know their element: a
# Python walk over every text node cost 10-15 ms on newspaper's test pages (a tenth of
# trafilatura's own time); "//body//..." paths from the root and smart strings 0.8-1.3 ms a page
# (CPU time, this machine); these about 0.3 ms.
BODY_CHARS = etree.XPath("string-length(normalize-space(.))")
HIDDEN_TEXT = etree.XPath(".//script//text()|.//style//text()|.//noscript//text()|.//template//text()",
                          smart_strings=False)
LINK_TEXT = etree.XPath(".//a//text()", smart_strings=False)
HEADLINE_LINKS = etree.XPath(
    "count(.//a[string-length(normalize-space(.)) - string-length(translate(normalize-space(.), ' ', ''))"
    " >= $spaces])")


def count_link_text(body, signals: PageSignals) -> None:
    """Visible characters in the body (single spaces between words), how many of them are link
    text, and how many links are headlines."""
    hidden = sum(len(" ".join(text.split())) for text in HIDDEN_TEXT(body))
    signals.text_chars = max(0, int(BODY_CHARS(body)) - hidden)
    signals.link_chars = sum(len(" ".join(text.split())) for text in LINK_TEXT(body))
    signals.headline_links = int(HEADLINE_LINKS(body, spaces=HEADLINE_LINK_WORDS - 1))
    signals.links_counted = True
