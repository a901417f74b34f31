import pytest

from storylens.model import Document, Problem, ProblemKind
from storylens.read import ReadLimits, read_input
from storylens.read.feeds import iso_date

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>The Daily Example</title><link>https://www.example.com/</link><language>en-us</language>
  <item>
    <title>Kremlin denies call</title>
    <link>https://www.example.com/world/kremlin-denies</link>
    <guid isPermaLink="false">urn:example:1</guid>
    <pubDate>Mon, 11 Nov 2024 09:30:00 +0100</pubDate>
    <dc:creator>Jane Roe</dc:creator>
    <description>Short summary.</description>
    <content:encoded><![CDATA[<p>Peskov called the report <b>pure fiction</b>.</p>]]></content:encoded>
  </item>
  <item>
    <title>Summary only</title>
    <link>https://news.example.org/b</link>
    <description>Only a &lt;i&gt;summary&lt;/i&gt;.</description>
  </item>
  <item><title>Nothing to read</title><link>https://example.com/c</link></item>
  <item><title>After the empty one</title><description>Still read.</description></item>
</channel>
</rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
  <title>Beispiel Zeitung</title>
  <entry>
    <id>tag:example.de,2024:1</id><title>Anruf dementiert</title>
    <link rel="alternate" href="https://www.example.de/anruf"/>
    <published>2024-11-10T08:00:00-05:00</published><updated>2024-11-12T00:00:00Z</updated>
    <author><name>Max Muster</name></author>
    <summary>Kurz.</summary>
    <content type="html">&lt;p&gt;Der Kreml nennt es &amp;quot;reine Fiktion&amp;quot;.&lt;/p&gt;</content>
  </entry>
  <entry>
    <id>tag:example.de,2024:2</id><title>Nur Text</title>
    <updated>2024-11-10T12:00:00</updated>
    <summary type="text">a &lt; b, plain text</summary>
  </entry>
</feed>"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example.net/"><title>RDF Outlet</title></channel>
  <item rdf:about="https://rdf.example.net/1">
    <title>RDF item</title><link>https://rdf.example.net/1</link>
    <description>RDF summary.</description><dc:date>2024-11-10</dc:date>
  </item>
</rdf:RDF>"""


def feed_file(tmp_path, text, name="feed.rss"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_rss_entries_with_exact_fields(tmp_path):
    path = feed_file(tmp_path, RSS)
    results = list(read_input(path))
    outlet = {"outlet": "The Daily Example", "language": "en-us"}
    assert results == [
        Document(source=f"{path}#urn:example:1", format="fragment",
                 content="<p>Peskov called the report <b>pure fiction</b>.</p>",
                 url="https://www.example.com/world/kremlin-denies",
                 meta={"title": "Kremlin denies call", "published": "2024-11-11T08:30:00+00:00",
                       "author": "Jane Roe", **outlet},
                 site="example.com"),
        Document(source=f"{path}#https://news.example.org/b", format="fragment",
                 content="Only a <i>summary</i>.", url="https://news.example.org/b",
                 meta={"title": "Summary only", **outlet}, site="news.example.org"),
        Problem(f"{path}#https://example.com/c", ProblemKind.EMPTY, "entry has neither content nor summary"),
        Document(source=f"{path}#4", format="fragment", content="Still read.", url=None,
                 meta={"title": "After the empty one", **outlet}, site=str(tmp_path)),
    ]


def test_atom_entries(tmp_path):
    path = feed_file(tmp_path, ATOM, "feed.atom")
    first, second = read_input(path)
    assert first == Document(
        source=f"{path}#tag:example.de,2024:1", format="fragment",
        content="<p>Der Kreml nennt es &quot;reine Fiktion&quot;.</p>", url="https://www.example.de/anruf",
        meta={"title": "Anruf dementiert", "published": "2024-11-10T13:00:00+00:00", "author": "Max Muster",
              "outlet": "Beispiel Zeitung", "language": "de"},
        site="example.de")
    # Plain text is escaped into a fragment; a date without a zone stays as written.
    assert (second.content, second.meta["published"]) == ("a &lt; b, plain text", "2024-11-10T12:00:00")


def test_rdf_feed(tmp_path):
    path = feed_file(tmp_path, RDF, "feed.xml")
    [document] = read_input(path)
    assert (document.source, document.content, document.url, document.meta) == (
        f"{path}#https://rdf.example.net/1", "RDF summary.", "https://rdf.example.net/1",
        {"title": "RDF item", "published": "2024-11-10", "outlet": "RDF Outlet"})


def test_malformed_feed_without_entries(tmp_path):
    path = feed_file(tmp_path, '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title></chan')
    assert list(read_input(path)) == [Problem(path, ProblemKind.MALFORMED, "2:44: unclosed token")]


def test_malformed_feed_with_entries_keeps_them(tmp_path):
    broken = RSS.replace("</channel>", "<item><title>cut</title><description>&bogus;</description>")
    path = feed_file(tmp_path, broken)
    assert [r.source.rsplit("#", 1)[1] for r in read_input(path)][:2] == ["urn:example:1", "https://news.example.org/b"]


@pytest.mark.parametrize("text, kind, detail", [
    ('<rss version="2.0"><channel><title>T</title></channel></rss>', ProblemKind.EMPTY, "feed has no entries"),
    ('<?xml version="1.0"?><urlset><url><loc>https://x/</loc></url></urlset>', ProblemKind.UNSUPPORTED,
     "not an RSS, Atom or RDF feed"),
    ("", ProblemKind.EMPTY, ""),
])
def test_feeds_that_give_nothing(tmp_path, text, kind, detail):
    path = feed_file(tmp_path, text, "feed.xml")
    assert list(read_input(path)) == [Problem(path, kind, detail)]


def test_binary_feed_file(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_bytes(b"PK\x03\x04zipped feed")
    assert list(read_input(str(path))) == [Problem(str(path), ProblemKind.BINARY, "ZIP archive")]


def test_feed_over_the_limit_is_refused_by_size(tmp_path):
    path = feed_file(tmp_path, RSS)
    [problem] = read_input(path, limits=ReadLimits(max_bytes=100))
    assert problem.kind == ProblemKind.TOO_LARGE and problem.detail.endswith("> 100 bytes limit")


def test_feed_in_legacy_encoding(tmp_path):
    path = tmp_path / "ru.rss"
    path.write_bytes(RSS.replace('encoding="utf-8"', 'encoding="windows-1251"')
                     .replace("Short summary.", "Кремль").replace("<content:encoded>", "<x>")
                     .replace("</content:encoded>", "</x>").encode("cp1251"))
    assert next(read_input(str(path))).content == "Кремль"


@pytest.mark.parametrize("raw, parsed, expected", [
    # feedparser's reading is in UTC; whether the raw text had a zone decides the offset shown.
    ("Mon, 11 Nov 2024 09:30:00 +0100", (2024, 11, 11, 8, 30, 0), "2024-11-11T08:30:00+00:00"),
    ("2024-11-10T08:00:00-05:00", (2024, 11, 10, 13, 0, 0), "2024-11-10T13:00:00+00:00"),
    ("2024-11-10T08:00:00", (2024, 11, 10, 8, 0, 0), "2024-11-10T08:00:00"),
    ("2024-11-10", (2024, 11, 10, 0, 0, 0), "2024-11-10"),
    ("10 Nov 2024 3:04 PM EST", (2024, 11, 10, 20, 4, 0), "2024-11-10T20:04:00+00:00"),
])
def test_iso_date(raw, parsed, expected):
    assert iso_date(raw, parsed) == expected


def test_unparseable_date_is_left_out(tmp_path):
    path = feed_file(tmp_path, RSS.replace("Mon, 11 Nov 2024 09:30:00 +0100", "sometime last week"))
    assert "published" not in next(read_input(path)).meta
