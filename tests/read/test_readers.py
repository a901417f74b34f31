import io
import json
import os
import time

import pytest

from storylens.model import Document, Problem, ProblemKind
from storylens.read import ReadLimits, read_input, read_inputs

PAGE = "<html><head><title>Call</title></head><body><p>The Kremlin denied it.</p></body></html>"
DUMP = "Home | World | Politics\nThe Kremlin denied it.\nCookie settings\n"
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet</title>
<item><title>One</title><link>https://example.com/1</link><description>First.</description></item>
</channel></rss>"""


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return str(path)


def test_html_file(tmp_path):
    path = write(tmp_path / "site" / "page.html", PAGE)
    assert list(read_input(path)) == [
        Document(source=path, content=PAGE, format="html", url=None, meta={}, site=str(tmp_path / "site"))]


def test_text_dump(tmp_path):
    path = write(tmp_path / "dump.txt", DUMP)
    assert list(read_input(path)) == [
        Document(source=path, content=DUMP, format="text", url=None, meta={}, site=str(tmp_path))]


def test_relative_paths_group_by_the_same_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.html", PAGE)
    [document] = read_input("a.html")
    assert (document.source, document.site) == ("a.html", str(tmp_path))


def test_evil_inputs_in_the_middle_of_a_batch(tmp_path):
    first = write(tmp_path / "1.html", PAGE)
    binary = write(tmp_path / "2.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    missing = str(tmp_path / "3.html")
    empty = write(tmp_path / "4.txt", b"")
    blank = write(tmp_path / "5.txt", b"  \n\t\n")
    os.mkfifo(tmp_path / "6.html")
    folder = tmp_path / "7.html"
    folder.mkdir()
    last = write(tmp_path / "8.txt", DUMP)

    results = list(read_inputs([first, binary, missing, empty, blank, str(tmp_path / "6.html"), last]))

    assert [(type(r).__name__, r.source) for r in results] == [
        ("Document", first), ("Problem", binary), ("Problem", missing), ("Problem", empty),
        ("Problem", blank), ("Problem", str(tmp_path / "6.html")), ("Document", last)]
    assert [r.kind for r in results if isinstance(r, Problem)] == [
        ProblemKind.BINARY, ProblemKind.NOT_FOUND, ProblemKind.EMPTY, ProblemKind.EMPTY, ProblemKind.NOT_A_FILE]
    assert results[1].detail == "PNG image"


def test_a_directory_where_a_file_is_expected(tmp_path):
    folder = tmp_path / "page.html"
    folder.mkdir()
    assert list(read_input(str(folder))) == [Problem(str(folder), ProblemKind.UNREADABLE, "is a directory")]


def test_sparse_200_mb_file_is_refused_without_reading(tmp_path):
    path = tmp_path / "huge.html"
    with open(path, "wb") as handle:
        os.truncate(handle.fileno(), 200 * 1024 * 1024)
    started = time.monotonic()
    results = list(read_input(str(path)))
    assert time.monotonic() - started < 0.5
    assert results == [Problem(str(path), ProblemKind.TOO_LARGE, "200.0 MB > 50.0 MB limit")]


def test_size_limit_applies_to_sniffed_pages_too(tmp_path):
    path = write(tmp_path / "page.php", PAGE)
    [problem] = read_input(path, limits=ReadLimits(max_bytes=20))
    assert problem.kind == ProblemKind.TOO_LARGE


@pytest.mark.parametrize("name, data, fmt", [
    ("page.php", PAGE, "html"),
    ("page.aspx", "\ufeff  \n" + PAGE, "html"),
    ("notes", DUMP, "text"),
    ("rss.php", RSS, "fragment"),
    ("export.json", json.dumps({"text": "A record."}) + "\n", "text"),
])
def test_unknown_extensions_are_sniffed(tmp_path, name, data, fmt):
    [document] = read_input(write(tmp_path / name, data))
    assert document.format == fmt


def test_binary_with_unknown_extension(tmp_path):
    path = write(tmp_path / "photo.jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    assert list(read_input(path)) == [Problem(path, ProblemKind.BINARY, "JPEG image")]


@pytest.mark.parametrize("data, expected", [
    (PAGE.encode(), [("-", "html", PAGE)]),
    (b"\xef\xbb\xbf\n  " + PAGE.encode(), [("-", "html", "\n  " + PAGE)]),
    (DUMP.encode(), [("-", "text", DUMP)]),
    (RSS.encode(), [("-#https://example.com/1", "fragment", "First.")]),
    (b'{"html": "<p>a</p>"}\n{"text": "b"}\n', [("-#1", "html", "<p>a</p>"), ("-#2", "text", "b")]),
])
def test_stdin_is_sniffed(data, expected):
    results = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert [(d.source, d.format, d.content) for d in results] == expected
    assert all(d.site in (None, "example.com") for d in results)


def test_stdin_over_the_limit():
    assert list(read_input("-", stdin=io.BytesIO(b"x" * 101), limits=ReadLimits(max_bytes=100))) == [
        Problem("-", ProblemKind.TOO_LARGE, "more than 100 bytes")]


def test_stdin_binary_and_empty():
    assert [p.kind for p in read_input("-", stdin=io.BytesIO(b"%PDF-1.4\n"))] == [ProblemKind.BINARY]
    assert [p.kind for p in read_input("-", stdin=io.BytesIO(b""))] == [ProblemKind.EMPTY]


def test_urls_file_named_to_read_input_reads_its_urls(tmp_path):
    listing = write(tmp_path / "list.urls", "# nothing to fetch\nnot-a-url\n")
    assert list(read_input(listing)) == [
        Problem(f"{listing}#2", ProblemKind.MALFORMED, "line 2: not an http(s) URL")]


def test_path_with_a_nul_byte(tmp_path):
    bad = str(tmp_path / "a\x00b.html")
    assert list(read_inputs([bad])) == [Problem(bad, ProblemKind.NOT_FOUND, "invalid path")]
    assert list(read_input(bad)) == [Problem(bad, ProblemKind.NOT_FOUND, "invalid path")]
