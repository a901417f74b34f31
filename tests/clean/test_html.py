from storylens.clean.html import clean_html_fragment, clean_html_page
from tests.conftest import ARTICLE_PARAGRAPHS, news_page


def test_article_body_and_metadata_come_out_of_a_full_page(page_html):
    parts = clean_html_page(page_html, url="https://www.wendellcourier.example/news/lease")
    assert parts.paragraphs[:4] == ARTICLE_PARAGRAPHS or ARTICLE_PARAGRAPHS[0] in parts.paragraphs
    assert not any("cookies" in p or "Most read" in p or "All rights reserved" in p for p in parts.paragraphs)
    assert parts.meta["title"] == "Port Wendell signs secret terminal lease, officials say"
    assert parts.meta["author"] == "Ada Brennan"
    assert parts.meta["outlet"] == "The Wendell Courier"
    assert parts.meta["published"] == "2025-03-04"


def test_the_headline_is_not_repeated_as_the_first_paragraph(page_html):
    parts = clean_html_page(page_html)
    assert parts.paragraphs[0] != parts.meta["title"]


def test_a_script_only_page_has_no_paragraphs():
    parts = clean_html_page("<html><head><script>var a = 1;</script></head><body><script>run()</script></body></html>")
    assert parts.paragraphs == []


def test_a_deeply_nested_hostile_page_does_not_crash():
    html = "<html><body>" + "<div>" * 5000 + "<p>x</p>" + "</div>" * 5000 + "</body></html>"
    assert clean_html_page(html).paragraphs in ([], ["x"])


def test_a_feed_fragment_is_flattened_into_paragraphs():
    fragment = "<p>First <b>bold</b> point.</p><div><p>Second point.</p></div><script>evil()</script><ul><li>Third</li></ul>"
    assert clean_html_fragment(fragment).paragraphs == ["First bold point.", "Second point.", "Third"]


def test_a_fragment_of_bare_text_is_one_paragraph():
    assert clean_html_fragment("Only a <i>summary</i> here.").paragraphs == ["Only a summary here."]


def test_extraction_keeps_non_ascii_text():
    page = news_page(paragraphs=[p.replace("harbour", "hárbour") for p in ARTICLE_PARAGRAPHS])
    assert "hárbour" in clean_html_page(page).paragraphs[0]
