import gzip
import io
import os
import pytest

from storylens.model import Document, Problem, ProblemKind
from storylens.read import ReadLimits, read_input
from storylens.read.origin import Origin
from storylens.read.warc import read_warc

PAGE = "<html><head><title>Peskov</title></head><body><p>“Pure fiction”, said {n}.</p></body></html>"


def page(number: int) -> bytes:
    return PAGE.format(n=number).encode("utf-8")


def archive(warc) -> list[bytes]:
    """A small CC-NEWS-like archive: warcinfo, then request/response pairs and some noise."""
    return [
        warc.record("warcinfo", "<urn:uuid:info>", block=b"software: test\r\n",
                    content_type="application/warc-fields"),
        warc.record("request", "<urn:uuid:req1>", uri="https://www.example1.com/story",
                    block=b"GET /story HTTP/1.1\r\nHost: www.example1.com\r\n\r\n",
                    content_type="application/http; msgtype=request"),
        warc.response(1, page(1)),
        warc.response(2, "<html><body><p>Кремль: «чистый вымысел»</p></body></html>".encode("cp1251"),
                      content_type="text/html; charset=windows-1251"),
        warc.response(3, b"\x89PNG\r\n\x1a\nfake", content_type="image/png"),  # not HTML: skipped
        warc.response(4, page(4), status="404 Not Found"),  # an error page is no article: skipped
        warc.response(5, page(5)),
    ]


def docs(results):
    return [item for item in results if isinstance(item, Document)]


@pytest.fixture
def warc_gz(tmp_path, warc):
    path = tmp_path / "cc-news.warc.gz"
    path.write_bytes(warc.gzip(archive(warc)))
    return path


def test_reads_html_responses_with_exact_fields(warc_gz, warc):
    results = list(read_input(str(warc_gz)))
    assert results == [
        Document(source=f"{warc_gz}#{warc.id(1)}", content=page(1).decode(), format="html",
                 url="https://www.example1.com/story", meta={}, site="example1.com"),
        Document(source=f"{warc_gz}#{warc.id(2)}",
                 content="<html><body><p>Кремль: «чистый вымысел»</p></body></html>", format="html",
                 url="https://www.example2.com/story", meta={}, site="example2.com"),
        Document(source=f"{warc_gz}#{warc.id(5)}", content=page(5).decode(), format="html",
                 url="https://www.example5.com/story", meta={}, site="example5.com"),
    ]


def test_uncompressed_warc_gives_the_same_documents(tmp_path, warc):
    path = tmp_path / "plain.warc"
    path.write_bytes(b"".join(archive(warc)))
    assert [d.url for d in docs(read_input(str(path)))] == [
        "https://www.example1.com/story", "https://www.example2.com/story", "https://www.example5.com/story"]
    assert all(isinstance(item, Document) for item in read_input(str(path)))


def test_gzip_cut_mid_record_keeps_earlier_records_and_reports_once(tmp_path, warc):
    records = [warc.response(n, page(n)) for n in (1, 2, 3)]
    whole = warc.gzip(records)
    third_starts = len(warc.gzip(records[:2]))
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(whole[: third_starts + (len(whole) - third_starts) // 2])

    results = list(read_input(str(path)))

    assert [d.source for d in docs(results)] == [f"{path}#{warc.id(1)}", f"{path}#{warc.id(2)}"]
    problems = [item for item in results if isinstance(item, Problem)]
    assert len(problems) == 1 and results[-1] is problems[0]
    assert problems[0].source == str(path) and problems[0].kind == ProblemKind.TRUNCATED


@pytest.mark.parametrize("cut", [1, 4, 8], ids=["last-byte", "crc-and-size", "gzip-trailer"])
def test_gzip_cut_in_the_trailer_is_still_truncation(tmp_path, warc, cut):
    # fastwarc yields all three records here and says nothing: only our gzip check notices.
    path = tmp_path / "trailer.warc.gz"
    path.write_bytes(warc.gzip([warc.response(n, page(n)) for n in (1, 2, 3)])[:-cut])
    results = list(read_input(str(path)))
    assert len(docs(results)) == 3
    assert results[3:] == [Problem(str(path), ProblemKind.TRUNCATED, "gzip data ends mid-member after 3 records")]


def test_gzip_cut_inside_the_first_member_is_truncation(tmp_path, warc):
    path = tmp_path / "early.warc.gz"
    path.write_bytes(warc.gzip([warc.response(1, page(1))])[:30])
    assert list(read_input(str(path))) == [
        Problem(str(path), ProblemKind.TRUNCATED, "gzip data ends mid-member after 0 records")]


@pytest.mark.parametrize("keep, detail", [
    (-100, "record at offset {offset} is cut short"),  # in the third record's block
    (30, "record at offset {offset} has incomplete headers"),  # in the third record's headers
])
def test_plain_warc_cut_mid_record(tmp_path, warc, keep, detail):
    records = [warc.response(n, page(n)) for n in (1, 2, 3)]
    offset = len(records[0]) + len(records[1])
    data = b"".join(records)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[:keep] if keep < 0 else data[: offset + keep])

    results = list(read_input(str(path)))

    assert len(docs(results)) == 2
    assert results[2:] == [Problem(str(path), ProblemKind.TRUNCATED, detail.format(offset=offset))]


def test_corrupt_bytes_between_records(tmp_path, warc):
    records = [warc.response(n, page(n)) for n in (1, 2)]
    path = tmp_path / "corrupt.warc.gz"
    path.write_bytes(warc.gzip(records[:1]) + b"this is not gzip" + warc.gzip(records[1:]))
    results = list(read_input(str(path)))
    assert [d.source for d in docs(results)] == [f"{path}#{warc.id(1)}"]
    assert len(results) == 2 and results[1].kind == ProblemKind.TRUNCATED
    assert results[1].detail.startswith("after 1 record: ")


def test_archive_gzipped_as_one_member(tmp_path, warc):
    # `gzip file.warc` rather than one member per record: fastwarc's record offsets then
    # point inside the member, and a complete file must not be taken for a truncated one.
    pages = [("<p>" + os.urandom(60_000).hex() + "</p>").encode() for _ in range(3)]
    data = gzip.compress(b"".join(warc.response(n, body) for n, body in enumerate(pages, 1)))
    whole, cut = tmp_path / "whole.warc.gz", tmp_path / "cut.warc.gz"
    whole.write_bytes(data)
    cut.write_bytes(data[:-5])
    assert [d.content.encode() for d in read_input(str(whole))] == pages
    results = list(read_input(str(cut)))
    assert len(docs(results)) == 3 and results[3].kind == ProblemKind.TRUNCATED


def test_not_a_warc_and_empty_warc(tmp_path):
    text = tmp_path / "notes.warc"
    text.write_text("just some notes\n")
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    assert list(read_input(str(text))) == [
        Problem(str(text), ProblemKind.MALFORMED, "not a WARC file (Invalid WARC header)")]
    assert list(read_input(str(empty))) == [Problem(str(empty), ProblemKind.EMPTY, "no WARC records")]


def test_record_over_max_bytes_is_refused_and_the_rest_read(tmp_path, warc):
    big = ("<html><body>" + "x" * 5000 + "</body></html>").encode()
    path = tmp_path / "big.warc.gz"
    path.write_bytes(warc.gzip([warc.response(1, page(1)), warc.response(2, big), warc.response(3, page(3))]))

    results = list(read_input(str(path), limits=ReadLimits(max_bytes=2000)))

    assert [type(item) for item in results] == [Document, Problem, Document]
    assert results[1].source == f"{path}#{warc.id(2)}"
    assert results[1].kind == ProblemKind.TOO_LARGE


def test_decompression_bomb_payload_is_refused(tmp_path, warc):
    bomb = gzip.compress(b"<p>" + b" " * 3_000_000)
    record = warc.response(1, bomb, extra=("Content-Encoding: gzip",))
    path = tmp_path / "bomb.warc"
    path.write_bytes(record)
    [problem] = read_input(str(path), limits=ReadLimits(max_bytes=100_000))
    assert problem.kind == ProblemKind.TOO_LARGE and problem.source == f"{path}#{warc.id(1)}"


def test_chunked_and_gzip_encoded_payload_is_decoded(tmp_path, warc):
    body = gzip.compress(page(1))
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    path = tmp_path / "encoded.warc"
    path.write_bytes(warc.response(1, chunked, extra=("Content-Encoding: gzip", "Transfer-Encoding: chunked")))
    [document] = read_input(str(path))
    assert document.content == page(1).decode()


def test_empty_html_payload_is_one_problem_for_that_record(tmp_path, warc):
    path = tmp_path / "blank.warc"
    path.write_bytes(warc.response(1, b"  \n ") + warc.response(2, page(2)))
    results = list(read_input(str(path)))
    assert results[0] == Problem(f"{path}#{warc.id(1)}", ProblemKind.EMPTY)
    assert isinstance(results[1], Document)


def test_warc_from_stdin_is_sniffed(warc):
    stdin = io.BytesIO(warc.gzip([warc.response(1, page(1))]))
    [document] = read_input("-", stdin=stdin)
    assert (document.source, document.url, document.site) == (
        f"-#{warc.id(1)}", "https://www.example1.com/story", "example1.com")


class CountingReader(io.BytesIO):
    """Remembers how far into the archive anyone has read."""

    furthest = 0

    def read(self, size=-1):
        data = super().read(size)
        self.furthest = max(self.furthest, self.tell())
        return data


def test_streams_records_without_reading_the_archive_first(warc):
    # 2 MB of records: the first document must come out long before the end has been read.
    data = b"".join(warc.response(n, page(n) + b" " * 10_000) for n in range(1, 200))
    stream = CountingReader(data)
    results = read_warc(stream, Origin(source="s.warc", site=None), ReadLimits())
    assert next(results).source == f"s.warc#{warc.id(1)}"
    assert stream.furthest < len(data) // 4


def test_an_archive_without_response_records_says_so(tmp_path, warc):
    path = tmp_path / "requests.warc"
    path.write_bytes(archive(warc)[0] + archive(warc)[1])  # warcinfo and a request: no page anywhere
    assert list(read_input(str(path))) == [Problem(
        str(path), ProblemKind.NO_PAGES, "no response records; 2 records: warcinfo ×1, request ×1")]


def test_an_archive_of_images_and_errors_says_so(tmp_path, warc):
    path = tmp_path / "images.warc.gz"
    path.write_bytes(warc.gzip([
        warc.response(1, b"\x89PNG\r\n\x1a\nfake", content_type="image/png"),
        warc.response(2, b"\x89PNG\r\n\x1a\nfake", content_type="image/png"),
        warc.response(3, page(3), status="404 Not Found"),
    ]))
    assert list(read_input(str(path))) == [Problem(
        str(path), ProblemKind.NO_PAGES,
        "no HTML response with HTTP 2xx; 3 records: response image/png ×2, response HTTP 404 ×1")]


def clueweb_response(number: int, body: bytes, version: str = "WARC/0.18") -> bytes:
    """As ClueWeb09 wrote them: WARC/0.18, HTTP header lines ending in a bare LF, and a
    'Content-Encoding: gzip' kept over a body stored already decoded."""
    http = (b"HTTP/1.1 200 OK\nContent-Type: text/html; charset=utf-8\nContent-Encoding: gzip\n"
            b"Content-Length: %d\n\n" % len(body)) + body
    from tests.read.conftest import record_id, warc_record

    return warc_record("response", record_id(number), uri=f"http://www.example{number}.jp/", block=http,
                       version=version)


@pytest.mark.parametrize("version", ["WARC/0.18", "WARC/0.17"])
def test_clueweb_era_warcs_with_bare_lf_heads_are_read(tmp_path, warc, version):
    body = b"<html>\n<head><title>Shop</title></head>\n<body><p>Bags \xe2\x80\x94 in stock.</p></body></html>"
    path = tmp_path / "clueweb.warc.gz"
    path.write_bytes(warc.gzip([clueweb_response(1, body, version),
                                clueweb_response(2, body.replace(b"Bags", b"Hats"), version)]))
    documents = list(read_input(str(path)))
    assert [d.content for d in documents] == [body.decode(), body.replace(b"Bags", b"Hats").decode()]
    assert documents[0].url == "http://www.example1.jp/"


def test_a_warc_version_fastwarc_does_not_read_is_refused_by_name(tmp_path, warc):
    path = tmp_path / "future.warc"
    path.write_bytes(warc.record("response", warc.id(1), block=warc.http(page(1)), version="WARC/2.0"))
    assert list(read_input(str(path))) == [Problem(
        str(path), ProblemKind.UNSUPPORTED, "WARC/2.0 is not a WARC version we read (1.1, 1.0, 0.x)")]


def test_an_html_resource_record_is_a_page(tmp_path, warc):
    path = tmp_path / "resource.warc"
    path.write_bytes(warc.record("resource", warc.id(1), uri="https://news.example/a", block=page(1),
                                 content_type="text/html; charset=utf-8")
                     + warc.record("resource", warc.id(2), uri="file:///logo.png", block=b"\x89PNG\r\n\x1a\n",
                                   content_type="image/png"))
    [document] = read_input(str(path))
    assert (document.source, document.url, document.content) == (
        f"{path}#{warc.id(1)}", "https://news.example/a", page(1).decode())
