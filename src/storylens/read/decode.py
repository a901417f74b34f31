"""Bytes → text, or the reason they are not text.

Order of trust: a byte-order mark, then what the page or server declares, then strict UTF-8,
then a statistical guess. A declaration that almost fits wins over a guess, because browsers
honour it the same way and a few stray bytes should not turn a whole page into mojibake.
"""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from storylens.model import Problem, ProblemKind

SNIFF_BYTES = 8 * 1024  # binary detection looks at this much
DECLARATION_BYTES = 2 * 1024  # where a <meta charset> or XML declaration must appear
TOLERATED_ERRORS = 0.01  # share of undecodable characters a declared or UTF-8 reading may have

_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"\x7fELF", "ELF executable"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"7z\xbc\xaf\x27\x1c", "7-zip archive"),
)

# Labels pages use that Python lacks or reads more narrowly than browsers do (WHATWG Encoding).
_ALIASES = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "us-ascii": "cp1252", "ascii": "cp1252",
    "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932",
    "gb2312": "gb18030", "gbk": "gb18030", "euc-kr": "cp949", "big5": "big5hkscs",
    "iso-8859-9": "cp1254", "tis-620": "cp874", "iso-8859-11": "cp874",
}

_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)
# Control bytes that never occur in text in any ASCII-compatible encoding (ESC is ISO-2022).
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\x0c\x1b")


def decode(data: bytes, source: str, *, charset: str | None = None, kind: str = "text") -> str | Problem:
    """Decode one page. `charset` is a transport's declaration (HTTP header); `kind` "html" or
    "xml" also looks for the page's own declaration."""
    if not data or data.isspace():
        return Problem(source, ProblemKind.EMPTY)
    bom = _bom_codec(data)
    problem = binary_problem(data, source, wide=bom is not None or _is_wide(charset))
    if problem:
        return problem
    text = _decode_text(data, bom, declared_codecs(data, charset, kind))
    if text is None:
        return Problem(source, ProblemKind.ENCODING, "no known encoding reads it")
    if not text or text.isspace():
        return Problem(source, ProblemKind.EMPTY)
    return text


def binary_problem(data: bytes, source: str, *, wide: bool = False) -> Problem | None:
    """A Problem(BINARY) if `data` is a known binary format or looks like one. `wide` text
    (UTF-16/32) has NUL bytes by nature, so only the magic numbers apply to it."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return Problem(source, ProblemKind.BINARY, name)
    if wide:
        return None
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        return Problem(source, ProblemKind.BINARY, "NUL bytes")
    controls = len(head) - len(head.translate(None, _CONTROL))
    if controls > 0.05 * len(head):
        return Problem(source, ProblemKind.BINARY, "control characters")
    return None


def declared_codecs(data: bytes, charset: str | None, kind: str) -> list[str]:
    """Python codecs for what the transport and the page itself declare, most trusted first."""
    labels = [charset] if charset else []
    head = data[:DECLARATION_BYTES]
    if kind in ("html", "xml"):
        found = _XML_ENCODING.search(head) or (_META_CHARSET.search(head) if kind == "html" else None)
        if found:
            labels.append(found.group(1).decode("ascii"))
    codecs_ = [codec for label in labels if (codec := python_codec(label))]
    return list(dict.fromkeys(codecs_))


def python_codec(label: str) -> str | None:
    """The Python codec for a charset label, or None when Python does not know it."""
    label = label.strip().strip("\"'").lower()
    try:
        return codecs.lookup(_ALIASES.get(label, label)).name
    except LookupError:
        return None


def _decode_text(data: bytes, bom: str | None, declared: list[str]) -> str | None:
    if bom:
        return _strict(data, bom) or _tolerant(data, bom)
    for codec in [*declared, "utf-8"]:
        if (text := _strict(data, codec)) is not None:
            return text
    for codec in declared:
        if (text := _tolerant(data, codec)) is not None:
            return text
    guess = from_bytes(data).best()
    if guess is not None:
        return str(guess)
    return _tolerant(data, "utf-8")


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _tolerant(data: bytes, codec: str) -> str | None:
    """Decode with replacement characters if only a few bytes do not fit."""
    try:
        text = data.decode(codec, errors="replace")
    except LookupError:
        return None
    errors = text.count("\ufffd")
    if codec == "utf-8":  # a page may hold real U+FFFD characters; they are not errors
        errors -= data.count(b"\xef\xbf\xbd")
    return text if errors <= TOLERATED_ERRORS * len(text) else None


def _bom_codec(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def _is_wide(charset: str | None) -> bool:
    codec = python_codec(charset) if charset else None
    return bool(codec) and codec.startswith(("utf-16", "utf-32"))
