"""ARC files, the format before WARC: version 1 and 2 headers, gzip per record, cuts and no pages."""
import gzip

from storylens.model import Document, Problem, ProblemKind
from storylens.read import read_input

PAGE = b"<html><head><title>Pier</title></head><body><p>The pier was sold, the council said.</p></body></html>"


def http(body: bytes, content_type: str = "text/html", status: str = "200 OK") -> bytes:
    return b"HTTP/1.0 %s\nContent-Type: %s\nContent-Length: %d\n\n" % (status.encode(), content_type.encode(), len(body)) + body


def arc_record(header: str, block: bytes) -> bytes:
    return f"{header} {len(block)}\n".encode() + block + b"\n"


def arc_v1(*records: tuple[str, bytes]) -> list[bytes]:
    description = b"1 0 Test Crawl\nURL IP-address Archive-date Content-type Archive-length\n"
    first = arc_record("filedesc://crawl.arc 0.0.0.0 20010911000000 text/plain", description)
    return [first] + [arc_record(f"{url} 10.0.0.1 20010911120000 text/html", block) for url, block in records]


def test_arc_responses_are_pages_and_the_rest_is_passed_over(tmp_path):
    path = tmp_path / "crawl.arc"
    path.write_bytes(b"".join(arc_v1(
        ("http://news.example/pier", http(PAGE)),
        ("http://news.example/logo.png", http(b"\x89PNG\r\n\x1a\n", "image/png")),
        ("http://news.example/story with spaces", http(PAGE.replace(b"pier", b"quay"))),
    )))
    results = list(read_input(str(path)))
    assert [(d.source, d.url) for d in results] == [
        (f"{path}#2", "http://news.example/pier"), (f"{path}#4", "http://news.example/story with spaces")]
    assert results[0].content == PAGE.decode()


def test_arc_gz_with_one_member_per_record(tmp_path):
    path = tmp_path / "crawl.arc.gz"
    path.write_bytes(b"".join(gzip.compress(record) for record in arc_v1(("http://news.example/pier", http(PAGE)))))
    [document] = read_input(str(path))
    assert isinstance(document, Document) and document.url == "http://news.example/pier"


def test_version_2_headers_have_the_length_last(tmp_path):
    description = b"2 0 Test Crawl\nURL IP-address Archive-date Content-type Result-code Checksum Location Offset Filename Archive-length\n"
    path = tmp_path / "v2.arc"
    path.write_bytes(arc_record("filedesc://v2.arc 0.0.0.0 20050101000000 text/plain 200 - - 0 v2.arc", description)
                     + arc_record("http://news.example/pier 10.0.0.1 20050101120000 text/html 200 ABC - 0 v2.arc", http(PAGE)))
    [document] = read_input(str(path))
    assert document.content == PAGE.decode()


def test_a_cut_arc_keeps_earlier_pages_and_says_where(tmp_path):
    path = tmp_path / "cut.arc"
    path.write_bytes(b"".join(arc_v1(("http://a.example/", http(PAGE)), ("http://b.example/", http(PAGE))))[:-30])
    results = list(read_input(str(path)))
    assert isinstance(results[0], Document)
    assert results[1] == Problem(str(path), ProblemKind.TRUNCATED, "record 3 is cut short")


def test_an_arc_without_pages_says_what_it_held(tmp_path):
    path = tmp_path / "images.arc"
    path.write_bytes(b"".join(arc_v1(("http://a.example/x.png", http(b"\x89PNG", "image/png")),
                                     ("http://a.example/gone", http(PAGE, status="404 Not Found")),
                                     ("dns:a.example", b"10.0.0.1\n"))))
    assert list(read_input(str(path))) == [Problem(
        str(path), ProblemKind.NO_PAGES,
        "no HTML response with HTTP 2xx; 4 records: response image/png ×1, response HTTP 404 ×1, dns: record ×1")]


def test_a_file_that_is_not_an_arc(tmp_path):
    path = tmp_path / "notes.arc"
    path.write_bytes(b"http://a.example/ 10.0.0.1 20010911120000 text/html 5\nhello\n")
    assert list(read_input(str(path))) == [Problem(str(path), ProblemKind.MALFORMED, "not an ARC file (no filedesc record)")]
