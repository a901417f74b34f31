import codecs

import pytest

from storylens.model import Problem, ProblemKind
from storylens.read.decode import decode, python_codec

FRENCH = "Le Kremlin a qualifié l’article de « pure fiction » — a déclaré Peskov."
RUSSIAN = "Кремль назвал сообщение о разговоре Трампа и Путина чистой выдумкой, заявил Песков журналистам."
JAPANESE = "ロシア大統領府のペスコフ報道官は、トランプ氏とプーチン氏の電話会談の報道を否定した。"


def html(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>t</title></head><body><p>{body}</p></body></html>"


def test_plain_utf8():
    assert decode(FRENCH.encode(), "s") == FRENCH


@pytest.mark.parametrize("head", [
    '<meta charset="iso-8859-1">',
    "<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>",
])
def test_latin1_declared_in_the_page(head):
    text = html("Le président a déclaré: c'était une fiction.", head)
    assert decode(text.encode("latin-1"), "s", kind="html") == text


def test_latin1_label_reads_windows_1252_quotes_as_browsers_do():
    data = html("\x93pure fiction\x94", '<meta charset="iso-8859-1">').encode("latin-1")
    assert "“pure fiction”" in decode(data, "s", kind="html")


def test_windows_1251_declared_by_http_equiv():
    text = html(RUSSIAN, '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">')
    assert decode(text.encode("cp1251"), "s", kind="html") == text


def test_windows_1251_undeclared_is_guessed():
    text = html(RUSSIAN * 2)
    assert decode(text.encode("cp1251"), "s", kind="html") == text


def test_shift_jis_declared_and_undeclared():
    declared = html(JAPANESE, '<meta charset="Shift_JIS">')
    assert decode(declared.encode("shift_jis"), "s", kind="html") == declared
    undeclared = html(JAPANESE * 2)
    assert decode(undeclared.encode("shift_jis"), "s", kind="html") == undeclared


def test_http_charset_wins_over_the_page():
    text = html(RUSSIAN, '<meta charset="iso-8859-1">')
    assert decode(text.encode("cp1251"), "s", charset="windows-1251", kind="html") == text


def test_xml_declaration():
    text = f'<?xml version="1.0" encoding="windows-1251"?><rss><title>{RUSSIAN}</title></rss>'
    assert decode(text.encode("cp1251"), "s", kind="xml") == text


def test_unknown_declared_charset_is_ignored():
    text = html(FRENCH, '<meta charset="x-no-such-charset">')
    assert decode(text.encode("utf-8"), "s", kind="html") == text


def test_plain_text_is_not_searched_for_declarations():
    # A text dump that quotes a meta tag must not have its encoding switched by it.
    text = 'The page said <meta charset="iso-8859-1"> — a détail.'
    assert decode(text.encode("utf-8"), "s", kind="text") == text


@pytest.mark.parametrize("bom, codec", [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
])
def test_byte_order_marks(bom, codec):
    text = html(RUSSIAN)
    assert decode(bom + text.encode(codec), "s", kind="html") == text


def test_utf8_page_with_a_stray_byte_keeps_its_text():
    # charset-normalizer gives up on this; a declared or nearly-valid UTF-8 reading must not.
    data = ("<p>" + FRENCH * 20 + "</p>").encode() + b"\x92"
    text = decode(data, "s", kind="html")
    assert text.startswith("<p>" + FRENCH) and text.endswith("\ufffd")


@pytest.mark.parametrize("data, detail", [
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
    (b"GIF89a\x01\x00", "GIF image"),
    (b"%PDF-1.7\n%\xe2\xe3", "PDF document"),
    (b"PK\x03\x04\x14\x00", "ZIP archive"),
    (b"\x1f\x8b\x08\x00\x00\x00", "gzip data"),
    (b"\x7fELF\x02\x01\x01", "ELF executable"),
    (b"<html>\x00<body>", "NUL bytes"),
    (b"abc" + bytes(range(1, 9)) * 10, "control characters"),
])
def test_binary_content(data, detail):
    assert decode(data, "s") == Problem("s", ProblemKind.BINARY, detail)


@pytest.mark.parametrize("data", [b"", b" \n\t\r\n ", codecs.BOM_UTF8, codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")])
def test_empty_and_whitespace(data):
    assert decode(data, "s") == Problem("s", ProblemKind.EMPTY)


def test_undecodable_bytes():
    assert decode(bytes(range(0x80, 0x100)) * 20, "s") == Problem(
        "s", ProblemKind.ENCODING, "no known encoding reads it")


def test_python_codec_aliases():
    assert python_codec(" Shift_JIS ") == "cp932"
    assert python_codec("ISO-8859-1") == "cp1252"
    assert python_codec('"utf-8"') == "utf-8"
    assert python_codec("x-unknown") is None
