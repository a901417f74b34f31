"""Which reader an input goes to: by file extension, else by its first bytes."""
from __future__ import annotations

import codecs
import re
import zlib

# Longest first, so ".warc.gz" wins over any shorter suffix.
EXTENSIONS = {
    ".warc.gz": "warc", ".warc": "warc", ".arc.gz": "arc", ".arc": "arc",
    ".html": "html", ".htm": "html", ".txt": "text",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".feed": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".urls": "urls",
}
# Formats that may come gzipped as a whole (`.html.gz`); WARC and ARC readers take gzip themselves.
GZIPPABLE = {"html", "text", "feed", "jsonl"}
GZIP_SUFFIX = ".gz"
GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 4096

_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# A feed's root element, after an optional XML declaration, doctype, comments or processing instructions.
_FEED_ROOT = re.compile(
    r"^(?:\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>))*\s*<(?:rss|feed|rdf:RDF)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)


def format_by_name(path: str) -> str | None:
    """The format a file's extension promises, or None for an extension we do not know.
    A page, dump, feed or JSON Lines file may also be gzipped (`page.html.gz`)."""
    name = path.rsplit("/", 1)[-1].lower()
    if is_gzipped_name(name):
        inner = _format_by_extension(name.removesuffix(GZIP_SUFFIX))
        return inner if inner in GZIPPABLE else None
    return _format_by_extension(name)


def is_gzipped_name(path: str) -> bool:
    """Whether the name says gzip around a format that does not decompress itself."""
    name = path.rsplit("/", 1)[-1].lower()
    return name.endswith(GZIP_SUFFIX) and not name.endswith((".warc.gz", ".arc.gz"))


def _format_by_extension(name: str) -> str | None:
    for extension, fmt in EXTENSIONS.items():
        if name.endswith(extension) and len(name) > len(extension):
            return fmt
    return None


def sniff(head: bytes) -> str:
    """Guess the format from the first bytes: "warc", "arc", "gzip" (anything else gzipped),
    "feed", "html", "jsonl" or "text". Binary content is guessed as "text"; decoding refuses
    it there with a precise reason."""
    if head.startswith(GZIP_MAGIC):
        inner = gunzipped_head(head)
        return "warc" if inner.startswith(b"WARC/") else "arc" if inner.startswith(b"filedesc://") else "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"filedesc://"):
        return "arc"
    text = _head_text(head).lstrip()
    if _FEED_ROOT.match(text):
        return "feed"
    if text.startswith("<"):
        return "html"
    if text.startswith("{"):
        return "jsonl"
    return "text"


def gunzipped_head(head: bytes) -> bytes:
    """The first decompressed bytes of gzip data (at most SNIFF_BYTES; fewer if it is cut or corrupt)."""
    inflater = zlib.decompressobj(wbits=31)
    try:
        return inflater.decompress(head, SNIFF_BYTES)
    except zlib.error:
        return b""


def _head_text(head: bytes) -> str:
    head = head[:SNIFF_BYTES]
    if head.startswith(_WIDE_BOMS):
        codec = "utf-32" if head.startswith(_WIDE_BOMS[:2]) else "utf-16"
        return head.decode(codec, errors="ignore")
    # Latin-1 maps every byte, and markup is ASCII in every encoding we sniff for.
    return head.removeprefix(codecs.BOM_UTF8).decode("latin-1")
