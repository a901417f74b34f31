"""Which reader an input goes to: by file extension, else by its first bytes."""
from __future__ import annotations

import codecs
import re

# Longest first, so ".warc.gz" wins over any shorter suffix.
EXTENSIONS = {
    ".warc.gz": "warc", ".warc": "warc",
    ".html": "html", ".htm": "html", ".txt": "text",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".feed": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".urls": "urls",
}
SNIFF_BYTES = 4096

_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# A feed's root element, after an optional XML declaration, doctype, comments or processing instructions.
_FEED_ROOT = re.compile(
    r"^(?:\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>))*\s*<(?:rss|feed|rdf:RDF)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)


def format_by_name(path: str) -> str | None:
    """The format a file's extension promises, or None for an extension we do not know."""
    name = path.rsplit("/", 1)[-1].lower()
    for extension, fmt in EXTENSIONS.items():
        if name.endswith(extension) and len(name) > len(extension):
            return fmt
    return None


def sniff(head: bytes) -> str:
    """Guess the format from the first bytes: "warc", "feed", "html", "jsonl" or "text".
    Binary content is guessed as "text"; decoding refuses it there with a precise reason."""
    if head.startswith((b"\x1f\x8b", b"WARC/")):
        return "warc"
    text = _head_text(head).lstrip()
    if _FEED_ROOT.match(text):
        return "feed"
    if text.startswith("<"):
        return "html"
    if text.startswith("{"):
        return "jsonl"
    return "text"


def _head_text(head: bytes) -> str:
    head = head[:SNIFF_BYTES]
    if head.startswith(_WIDE_BOMS):
        codec = "utf-32" if head.startswith(_WIDE_BOMS[:2]) else "utf-16"
        return head.decode(codec, errors="ignore")
    # Latin-1 maps every byte, and markup is ASCII in every encoding we sniff for.
    return head.removeprefix(codecs.BOM_UTF8).decode("latin-1")
