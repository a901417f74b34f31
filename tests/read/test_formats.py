import codecs
import gzip

import pytest

from storylens.read.formats import format_by_name, sniff


@pytest.mark.parametrize("name, expected", [
    ("a/b/CC-NEWS-2024.warc.gz", "warc"), ("x.WARC", "warc"), ("x.gz", None), ("page.HTM", "html"),
    ("dump.txt", "text"), ("f.rss", "feed"), ("f.atom", "feed"), ("f.feed", "feed"), ("f.xml", "feed"),
    ("r.ndjson", "jsonl"), ("list.urls", "urls"), ("photo.jpg", None), ("noext", None), (".html", None),
    # gzipped whole: pages, dumps, feeds and JSON Lines; ARC in both forms; nothing else
    ("p.html.gz", "html"), ("p.HTM.GZ", "html"), ("d.txt.gz", "text"), ("f.xml.gz", "feed"),
    ("r.jsonl.gz", "jsonl"), ("old.arc", "arc"), ("old.arc.gz", "arc"), ("list.urls.gz", None),
    ("x.tar.gz", None), (".html.gz", None),
])
def test_format_by_name(name, expected):
    assert format_by_name(name) == expected


@pytest.mark.parametrize("head, expected", [
    (b"WARC/1.1\r\n", "warc"),
    (gzip.compress(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n"), "warc"),
    (gzip.compress(b"filedesc://crawl.arc 0.0.0.0 20010101000000 text/plain 70\n"), "arc"),
    (b"filedesc://crawl.arc 0.0.0.0 20010101000000 text/plain 70\n", "arc"),
    (gzip.compress(b"<html><body>a page</body></html>"), "gzip"),
    (b"\x1f\x8b\x08\x00", "gzip"),  # cut too short to say what it holds: read through gzip, which says why
    (b'<?xml version="1.0"?>\n<!-- generator -->\n<?xml-stylesheet href="s.xsl"?>\n<rss version="2.0">', "feed"),
    (b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
    (b'<rdf:RDF xmlns:rdf="...">', "feed"),
    (codecs.BOM_UTF16_LE + '<?xml version="1.0"?><rss>'.encode("utf-16-le"), "feed"),
    (b"<!DOCTYPE html><html><body>about <rss feeds</body></html>", "html"),
    (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', "html"),
    (b"\xef\xbb\xbf  {\"text\": 1}", "jsonl"),
    (b"Home | World\nText", "text"),
    (b"", "text"),
])
def test_sniff(head, expected):
    assert sniff(head) == expected
