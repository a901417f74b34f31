"""Pages, dumps, feeds and JSON Lines gzipped whole: read through gzip, cut or fake gzip named."""
import gzip
import io
import json
import os

from storylens.model import Document, Problem, ProblemKind
from storylens.read import ReadLimits, read_input, read_inputs

PAGE = b"<html><head><title>Harbour</title></head><body><p>The pier was sold, the council said.</p></body></html>"
FEED = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>The Wendell Courier</title>'
        b"<item><title>Pier sold</title><link>https://courier.example/pier</link>"
        b"<description>The council sold the pier.</description></item></channel></rss>")


def records(*texts: str) -> bytes:
    return b"".join(json.dumps({"id": f"r{n}", "text": text}).encode() + b"\n" for n, text in enumerate(texts, 1))


def test_a_gzipped_page_is_read_as_the_page(tmp_path):
    path = tmp_path / "pier.html.gz"
    path.write_bytes(gzip.compress(PAGE))
    [document] = read_input(str(path))
    assert (document.source, document.format, document.content) == (str(path), "html", PAGE.decode())


def test_gzipped_dump_feed_and_records(tmp_path):
    (tmp_path / "dump.txt.gz").write_bytes(gzip.compress("Pier sold\n\nThe council sold the pier.".encode()))
    (tmp_path / "feed.xml.gz").write_bytes(gzip.compress(FEED))
    (tmp_path / "rows.jsonl.gz").write_bytes(gzip.compress(records("one", "two")))
    results = list(read_inputs([str(tmp_path)]))
    assert [(r.format, r.source) for r in results] == [
        ("text", str(tmp_path / "dump.txt.gz")),
        ("fragment", f"{tmp_path / 'feed.xml.gz'}#https://courier.example/pier"),
        ("text", f"{tmp_path / 'rows.jsonl.gz'}#1"),
        ("text", f"{tmp_path / 'rows.jsonl.gz'}#2"),
    ]
    assert results[1].meta["outlet"] == "The Wendell Courier"


def test_evil_gzip_files_in_a_folder_and_the_rest_of_the_batch_in_order(tmp_path):
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(PAGE))
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(PAGE)[:40])  # cut inside the deflate data
    (tmp_path / "c.html.gz").write_bytes(PAGE)  # named .gz, but plain HTML
    long_third = os.urandom(10_000).hex()  # does not compress: the cut falls inside it
    (tmp_path / "d.jsonl.gz").write_bytes(gzip.compress(records("one", "two", long_third))[:-200])
    (tmp_path / "e.html").write_bytes(PAGE)
    results = list(read_inputs([str(tmp_path)]))
    assert [(type(r).__name__, r.source) for r in results] == [
        ("Document", str(tmp_path / "a.html.gz")),
        ("Problem", str(tmp_path / "b.html.gz")),
        ("Problem", str(tmp_path / "c.html.gz")),
        ("Document", f"{tmp_path / 'd.jsonl.gz'}#1"),
        ("Document", f"{tmp_path / 'd.jsonl.gz'}#2"),
        ("Problem", str(tmp_path / "d.jsonl.gz")),
        ("Document", str(tmp_path / "e.html")),
    ]
    assert results[1] == Problem(str(tmp_path / "b.html.gz"), ProblemKind.TRUNCATED, "gzip data ends early")
    assert results[2] == Problem(str(tmp_path / "c.html.gz"), ProblemKind.MALFORMED, "not gzip data")
    assert results[5] == Problem(str(tmp_path / "d.jsonl.gz"), ProblemKind.TRUNCATED, "gzip data ends early")


def test_the_size_cap_applies_to_the_decompressed_page(tmp_path):
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzip.compress(b"<p>" + b" " * 3_000_000))  # 3 KB that inflate to 3 MB
    [problem] = read_input(str(path), limits=ReadLimits(max_bytes=100_000))
    assert problem == Problem(str(path), ProblemKind.TOO_LARGE, "more than 100,000 bytes")


def test_gzip_on_stdin_or_under_an_unknown_name_is_looked_into(tmp_path):
    [from_stdin] = read_input("-", stdin=io.BytesIO(gzip.compress(PAGE)))
    assert isinstance(from_stdin, Document) and from_stdin.content == PAGE.decode()
    path = tmp_path / "download.gz"
    path.write_bytes(gzip.compress(FEED))
    [entry] = read_input(str(path))
    assert entry.format == "fragment" and entry.meta["title"] == "Pier sold"
