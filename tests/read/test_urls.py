import gzip
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from storylens.model import Document, Problem, ProblemKind
from storylens.read import ReadLimits, read_input, read_inputs

PAGE = "<html><head><title>Call</title></head><body><p>Peskov: “pure fiction”.</p></body></html>"
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><guid>w-1</guid><title>One</title><link>https://wire.example.com/1</link>
<description>First entry.</description></item></channel></rss>"""
FAST = ReadLimits(fetch_timeout=0.5, max_redirects=3, max_fetch_bytes=100_000)


class Handler(BaseHTTPRequestHandler):
    """One route per behaviour under test; `seen` records request headers by path."""

    seen: dict[str, dict[str, str]] = {}

    def do_GET(self):  # noqa: N802 (the stdlib's name)
        self.seen[self.path] = dict(self.headers)
        route = self.path.split("?")[0].strip("/").split("/")
        try:
            getattr(self, "route_" + route[0].replace("-", "_"), self.route_missing)(*route[1:])
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on us, as it should

    def send(self, body: bytes, content_type: str | None, status: int = 200, headers=()):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def route_page(self):
        self.send(PAGE.encode(), "text/html; charset=utf-8")

    def route_cp1251(self):
        self.send("<p>Кремль опроверг сообщение</p>".encode("cp1251"), "text/html; charset=windows-1251")

    def route_plain(self):
        self.send("Кремль опроверг сообщение.\n".encode("cp1251"), "text/plain; charset=windows-1251")

    def route_feed(self):
        self.send(RSS.encode(), "application/rss+xml")

    def route_image(self):
        self.send(b"\x89PNG\r\n\x1a\n", "image/png")

    def route_untyped(self):
        self.send(PAGE.encode(), None)

    def route_gzipped(self):
        self.send(gzip.compress(PAGE.encode()), "text/html", headers=[("Content-Encoding", "gzip")])

    def route_download(self):
        # A .html.gz file served as it lies on disk: gzip is the type, not the transfer encoding.
        self.send(gzip.compress(PAGE.encode()), "application/gzip")

    def route_hop(self, left):
        # /hop/N redirects N more times, then serves the page.
        if int(left) == 0:
            return self.route_page()
        self.send(b"", "text/html", 302, headers=[("Location", f"/hop/{int(left) - 1}")])

    def route_slow(self):
        time.sleep(3)
        self.route_page()

    def route_trickle(self):
        # Headers at once, then a byte every 50 ms: each read is quick, the whole never ends.
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        for _ in range(200):
            self.wfile.write(b"x")
            self.wfile.flush()
            time.sleep(0.05)

    def route_big(self):
        self.send(b"<p>" + b"x" * 300_000 + b"</p>", "text/html")

    def route_big_unannounced(self):
        # No Content-Length: the cap must stop the read itself.
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        for _ in range(50):
            self.wfile.write(b"x" * 10_000)
        self.close_connection = True

    def route_missing(self, *_):
        self.send(b"<p>not here</p>", "text/html", 404)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True  # a sleeping handler must not hold up the end of the tests
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_html_page_with_real_user_agent(server):
    url = f"{server}/page?a=1"
    assert list(read_input(url)) == [
        Document(source=url, content=PAGE, format="html", url=url, meta={}, site="127.0.0.1")]
    assert Handler.seen["/page?a=1"]["User-Agent"] == ReadLimits().user_agent


def test_charset_from_the_header(server):
    [document] = read_input(f"{server}/cp1251")
    assert document.content == "<p>Кремль опроверг сообщение</p>"


def test_text_plain(server):
    [document] = read_input(f"{server}/plain")
    assert (document.format, document.content) == ("text", "Кремль опроверг сообщение.\n")


def test_feed(server):
    url = f"{server}/feed"
    assert list(read_input(url)) == [
        Document(source=f"{url}#w-1", content="First entry.", format="fragment", url="https://wire.example.com/1",
                 meta={"title": "One", "outlet": "Wire"}, site="wire.example.com")]


def test_content_encoding_is_undone(server):
    assert next(read_input(f"{server}/gzipped")).content == PAGE


def test_a_gzip_file_served_as_such_is_looked_into(server):
    [document] = read_input(f"{server}/download")
    assert (document.format, document.content) == ("html", PAGE)


def test_missing_content_type_is_sniffed(server):
    assert next(read_input(f"{server}/untyped")).format == "html"


def test_unsupported_content_type(server):
    url = f"{server}/image"
    assert list(read_input(url)) == [Problem(url, ProblemKind.UNSUPPORTED, "content type image/png")]


def test_http_error(server):
    url = f"{server}/nowhere"
    assert list(read_input(url)) == [Problem(url, ProblemKind.FETCH_FAILED, "HTTP 404")]


def test_redirects_within_the_limit_give_the_final_url(server):
    [document] = read_input(f"{server}/hop/3", limits=FAST)
    assert document.source == f"{server}/hop/3"
    assert document.url == f"{server}/hop/0"


def test_too_many_redirects(server):
    url = f"{server}/hop/4"
    assert list(read_input(url, limits=FAST)) == [Problem(url, ProblemKind.FETCH_FAILED, "more than 3 redirects")]


def test_slow_server_times_out(server):
    url = f"{server}/slow"
    started = time.monotonic()
    assert list(read_input(url, limits=FAST)) == [Problem(url, ProblemKind.FETCH_FAILED, "timed out after 0.5 s")]
    assert time.monotonic() - started < 1.5


def test_trickling_server_hits_the_deadline(server):
    url = f"{server}/trickle"
    started = time.monotonic()
    assert list(read_input(url, limits=FAST)) == [Problem(url, ProblemKind.FETCH_FAILED, "timed out after 0.5 s")]
    assert time.monotonic() - started < 1.5


def test_body_over_the_cap(server):
    assert list(read_input(f"{server}/big", limits=FAST)) == [
        Problem(f"{server}/big", ProblemKind.TOO_LARGE, "0.3 MB > 100,000 bytes limit")]
    assert list(read_input(f"{server}/big-unannounced", limits=FAST)) == [
        Problem(f"{server}/big-unannounced", ProblemKind.TOO_LARGE, "more than 100,000 bytes")]


def test_connection_refused():
    with socket.socket() as probe:  # a port nobody listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    assert list(read_input(url, limits=FAST)) == [
        Problem(url, ProblemKind.FETCH_FAILED, "connection failed: [Errno 111] Connection refused")]


def test_urls_file_with_failures_in_the_middle(server, tmp_path):
    listing = tmp_path / "story.urls"
    listing.write_text(f"{server}/page\n{server}/nowhere\n{server}/hop/9\n\n# done\n{server}/plain\n")
    results = list(read_inputs([str(listing)], limits=FAST))
    assert [(type(r).__name__, r.source) for r in results] == [
        ("Document", f"{server}/page"), ("Problem", f"{server}/nowhere"),
        ("Problem", f"{server}/hop/9"), ("Document", f"{server}/plain")]
