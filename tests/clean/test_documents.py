from storylens.clean.documents import clean_documents
from storylens.model import Article, Document, Problem, ProblemKind
from tests.conftest import ARTICLE_PARAGRAPHS, news_page


def html_doc(source: str, **fields) -> Document:
    return Document(source=source, content=news_page(), format="html", **fields)


def test_problems_pass_through_in_place_and_order_is_kept():
    items = [
        html_doc("one.html"),
        Problem("two.html", ProblemKind.BINARY),
        Document(source="three.html", content="<html><script>only()</script></html>", format="html"),
        Document(source="four.xml#1", content="<p>Feed entry text.</p>", format="fragment"),
    ]
    out = list(clean_documents(items, batch_size=2))
    assert [item.source for item in out] == ["one.html", "two.html", "three.html", "four.xml#1"]
    assert isinstance(out[0], Article) and out[1] is items[1]
    assert out[2].kind == ProblemKind.NO_ARTICLE
    assert out[3].text == "Feed entry text."


def test_what_the_container_says_wins_over_the_page():
    doc = html_doc("feed.xml#7", url="https://news.example/lease",
                   meta={"id": "rec-7", "title": "Feed title", "published": "Tue, 04 Mar 2025 08:00:00 GMT", "language": "en-GB"})
    [article] = clean_documents([doc])
    assert (article.id, article.title, article.published, article.language) == (
        "rec-7", "Feed title", "2025-03-04T08:00:00+00:00", "en")
    assert article.author == "Ada Brennan"  # not given by the container: the page's own
    assert article.url == "https://news.example/lease"


def test_the_outlet_falls_back_to_the_registered_domain():
    doc = Document(source="x", content="<p>Only a fragment of text here.</p>", format="fragment",
                   url="https://www.news.example.co.uk/a/b")
    [article] = clean_documents([doc])
    assert article.outlet == "example.co.uk"


def test_paragraphs_are_joined_by_a_blank_line():
    [article] = clean_documents([html_doc("one.html")])
    assert article.text.split("\n\n")[:2] == ARTICLE_PARAGRAPHS[:2]


def test_a_document_that_breaks_cleaning_becomes_a_problem_and_the_batch_goes_on():
    evil = Document(source="evil", content="text", format="no-such-format")
    out = list(clean_documents([evil, html_doc("good.html")]))
    assert out[0].kind == ProblemKind.FAILED and "unknown document format" in out[0].detail
    assert isinstance(out[1], Article)


def test_ids_are_stable_and_differ_when_the_text_changes():
    first = next(iter(clean_documents([html_doc("a.html")])))
    again = next(iter(clean_documents([html_doc("a.html")])))
    edited = next(iter(clean_documents([Document("a.html", news_page(paragraphs=["Changed text of the article, long enough to keep. " * 3]), "html")])))
    assert first.id == again.id != edited.id


GERMAN_ENTRY = ("<p>Der Hafenrat von Wendell hat am Dienstag beschlossen, den alten Fähranleger für zwanzig Jahre an "
                "eine Genossenschaft zu verpachten, die dort Holzboote bauen will. Die Mitglieder sagten, sie würden "
                "zuerst das Deck erneuern und dann eine Werkstatt für Lehrlinge einrichten, in der schon im Frühjahr "
                "der erste Kurs beginnen soll.</p>")


def test_a_feed_or_record_language_is_checked_against_the_text(monkeypatch):
    import storylens.enrich.language as language

    entry = Document(source="feed.xml#2", content=GERMAN_ENTRY, format="fragment", meta={"language": "en-US"})
    [article] = clean_documents([entry])
    assert article.language == "de"  # the feed's "en" for every entry does not hold for this one
    confirmed = Document(source="feed.xml#3", content=GERMAN_ENTRY, format="fragment", meta={"language": "de"})
    with monkeypatch.context() as patched:  # a confirmed claim needs no py3langid
        patched.setattr(language, "detect_language", lambda text: "xx")
        [article] = clean_documents([confirmed])
    assert article.language == "de"
