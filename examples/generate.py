"""Write the fictional example corpus: python examples/generate.py [OUTDIR] (default examples/corpus).

Deterministic on purpose: no clock, no randomness, gzip headers without timestamps, UUIDs
derived from URLs. The generated files are checked in, and tests/test_examples.py
regenerates them and compares bytes, so the corpus cannot drift from this script. The
output directory is deleted and rewritten, so a renamed file leaves nothing stale behind.
"""
import base64
import gzip
import hashlib
import json
import shutil
import sys
import uuid
from email.utils import format_datetime
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # the story text and templates live next to this script

import story_library as lib  # noqa: E402
import story_port as port  # noqa: E402
from outlets import OUTLETS  # noqa: E402
from pages import escape, html_page, paragraph_html, text_dump  # noqa: E402

CORPUS_SUFFIXES = (".html", ".txt", ".xml", ".warc.gz", ".jsonl")
WARC_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://storylens.example/examples")


def page_file(article: dict) -> bytes:
    outlet = OUTLETS[article["outlet"]]
    return html_page(article, outlet).encode(outlet.get("encoding", "utf-8"))  # strict: fail on unencodable text


def rfc822(iso: str) -> str:
    return format_datetime(datetime.fromisoformat(iso))


def rss_item(article: dict) -> str:
    """One feed item; `paragraphs=None` means the feed carries only the summary, as many do."""
    parts = [f"<title>{escape(article['headline'])}</title>", f"<link>{article['url']}</link>",
             f"<description>{escape(article['summary'])}</description>",
             f"<pubDate>{rfc822(article['published'])}</pubDate>",
             f'<guid isPermaLink="false">eveningpost-{article["url"].rsplit("-", 1)[1]}</guid>']
    if article.get("author"):
        parts.append(f"<dc:creator>{escape(article['author'])}</dc:creator>")
    if article.get("paragraphs"):
        body = "\n".join(paragraph_html(p, article.get("links", {})) for p in article["paragraphs"])
        parts.append(f"<content:encoded><![CDATA[{body}]]></content:encoded>")
    return "<item>\n  " + "\n  ".join(parts) + "\n</item>"


def rss_feed(outlet: dict, articles: list[dict]) -> bytes:
    """An RSS 2.0 feed, newest item first as feeds list them."""
    items = sorted(articles, key=lambda a: a["published"], reverse=True)
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
        "<channel>", f"<title>{escape(outlet['name'])}</title>", f"<link>https://{outlet['domain']}/</link>",
        f"<description>{escape(outlet['description'])}</description>", "<language>en-gb</language>",
        f"<lastBuildDate>{rfc822(items[0]['published'])}</lastBuildDate>",
        f'<atom:link href="{outlet["feed_url"]}" rel="self" type="application/rss+xml"/>']
    tail = ["</channel>", "</rss>", ""]
    return "\n".join(head + [rss_item(a) for a in items] + tail).encode("utf-8")


def sha1_b32(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def warc_record(headers: list[tuple[str, str]], block: bytes) -> bytes:
    """One WARC/1.1 record as its own gzip member, the way crawl archives store them."""
    lines = ["WARC/1.1"] + [f"{k}: {v}" for k, v in headers] + [f"Content-Length: {len(block)}"]
    record = ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + block + b"\r\n\r\n"
    return gzip.compress(record, compresslevel=9, mtime=0)  # mtime=0: same bytes on every run


def http_response(html: bytes, fetched: datetime) -> tuple[bytes, bytes]:
    head = ("HTTP/1.1 200 OK\r\n" f"Date: {format_datetime(fetched, usegmt=True)}\r\n"
            "Server: nginx\r\nContent-Type: text/html; charset=utf-8\r\n"
            f"Content-Length: {len(html)}\r\n\r\n").encode("ascii")
    return head + html, html


def warc_file(articles: list[tuple[dict, str]], name: str) -> bytes:
    """A CC-NEWS-style WARC: a warcinfo record, then one response record per (article, fetch time)."""
    info_id = f"<urn:uuid:{uuid.uuid5(WARC_NAMESPACE, name)}>"
    info = (f"software: storylens examples/generate.py\r\nformat: WARC File Format 1.1\r\n"
            f"description: invented news pages for the storylens demo\r\nisPartOf: storylens-examples\r\n").encode()
    out = [warc_record([("WARC-Type", "warcinfo"), ("WARC-Date", articles[0][1]), ("WARC-Filename", name),
                        ("WARC-Record-ID", info_id), ("WARC-Block-Digest", sha1_b32(info)),
                        ("Content-Type", "application/warc-fields")], info)]
    for article, fetched in articles:
        block, payload = http_response(page_file(article), datetime.fromisoformat(fetched.replace("Z", "+00:00")))
        out.append(warc_record([
            ("WARC-Type", "response"), ("WARC-Date", fetched),
            ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid5(WARC_NAMESPACE, article['url'])}>"),
            ("WARC-Warcinfo-ID", info_id), ("WARC-Target-URI", article["url"]),
            ("WARC-IP-Address", "192.0.2.44"), ("WARC-Block-Digest", sha1_b32(block)),
            ("WARC-Payload-Digest", sha1_b32(payload)), ("WARC-Identified-Payload-Type", "text/html"),
            ("Content-Type", "application/http; msgtype=response")], block))
    return b"".join(out)


def jsonl_record(article: dict, body: str) -> str:
    """An export row; `body` says whether the exporter kept the page's HTML or only its text."""
    outlet = OUTLETS[article["outlet"]]
    row = {"id": article["key"], "url": article["url"], "title": article["headline"],
           "outlet": outlet["name"], "published": article["published"], "author": article["author"],
           "language": "en"}
    row[body] = html_page(article, outlet) if body == "html" else "\n\n".join(article["paragraphs"])
    return json.dumps(row, ensure_ascii=False)


def corpus_files() -> dict[str, bytes]:
    """Every file of the corpus by name; which article goes into which format is decided here."""
    return {
        "2025-03-10_harbourgazette_north-quay-lease.html": page_file(port.GAZETTE_BREAK),
        "2025-03-10_northshoredaily_port-lease-tidewire.html": page_file(port.NORTHSHORE_WIRE),
        "2025-03-10_riversidecourier_port-lease-tidewire.txt":
            text_dump(port.RIVERSIDE_WIRE, OUTLETS["riverside_courier"]).encode("utf-8"),
        "2025-03-11_harbourgazette_library-reopens.html": page_file(lib.GAZETTE_LIBRARY),
        "2025-03-12_harbourgazette_council-demands-minutes.html": page_file(port.GAZETTE_FOLLOW_UP),
        "2025-03-12_baylinenews_library.txt":
            text_dump(lib.BAYLINE_LIBRARY, OUTLETS["bayline_news"]).encode("utf-8"),
        "eveningpost_feed.xml": rss_feed(OUTLETS["evening_post"], [
            port.EVENING_POST_ECHO, port.EVENING_POST_DENIAL, port.EVENING_POST_COMMITTEE]),
        "baylinenews_crawl.warc.gz": warc_file([
            (port.BAYLINE_DENIAL, "2025-03-11T09:42:17Z"),
            (port.BAYLINE_UNION, "2025-03-12T12:03:51Z")], "baylinenews_crawl.warc.gz"),
        "coastalledger_export.jsonl": "".join(
            jsonl_record(a, body) + "\n"
            for a, body in [(port.LEDGER_DRIFT, "text"), (lib.LEDGER_LIBRARY, "html")]).encode("utf-8"),
    }


def clear(outdir: Path) -> None:
    """Delete a previous corpus, refusing any directory that holds something else (a mistyped path)."""
    if not outdir.exists():
        return
    strangers = [p.name for p in outdir.iterdir() if not (p.is_file() and p.name.endswith(CORPUS_SUFFIXES))]
    if strangers:
        sys.exit(f"refusing to delete {outdir}: it holds {', '.join(sorted(strangers)[:5])}, not only a corpus")
    shutil.rmtree(outdir)


def main(argv: list[str]) -> None:
    outdir = Path(argv[0]) if argv else HERE / "corpus"
    files = corpus_files()  # build everything first, so an error leaves the old corpus in place
    clear(outdir)
    outdir.mkdir(parents=True)
    for name, data in files.items():
        (outdir / name).write_bytes(data)
    print(f"wrote {len(files)} files to {outdir}")


if __name__ == "__main__":
    main(sys.argv[1:])
