import pytest
import trafilatura
from trafilatura.utils import load_html

from storylens.clean.html import clean_html_fragment, clean_html_page, trafilatura_config, trafilatura_on_tree
from storylens.clean.page_signals import page_signals
from tests.conftest import ARTICLE_PARAGRAPHS, news_page

DOCUMENT_FIELDS = ("text", "title", "author", "sitename", "date", "url", "description", "categories", "tags")


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


@pytest.mark.parametrize("html", [
    news_page(),  # an article with navigation, ads and a footer
    news_page(paragraphs=["Too short."]),  # below trafilatura's minimum output: nothing
    "<html><body><ul>" + "".join(f"<li><a href='/{n}'>Story number {n} of the day</a></li>" for n in range(60))
    + "</ul></body></html>",  # a front page of links
])
def test_trafilatura_on_our_tree_gives_what_bare_extraction_gives(html):
    """Our tree-sharing call repeats bare_extraction's steps: a trafilatura upgrade that
    changes them must fail here, not drift silently."""
    theirs = trafilatura.bare_extraction(html, url="https://courier.example/a", favor_precision=True,
                                         with_metadata=True, include_comments=False, config=trafilatura_config())
    ours = trafilatura_on_tree(load_html(html), "https://courier.example/a")
    assert (ours is None) == (theirs is None)
    if theirs is not None:
        assert [getattr(ours, name) for name in DOCUMENT_FIELDS] == [getattr(theirs, name) for name in DOCUMENT_FIELDS]


PAGE_WITH_LINKS = (
    "<html><head><title>T</title><script type='application/ld+json'>{\"@type\": \"WebPage\","
    " \"publisher\": {\"name\": \"The Courier\"}}</script></head><body><h1>The <b>big</b> day</h1>"
    "<p>Ten words of prose sit here in the body of it.</p><script>var hidden = 'not text';</script>"
    "<a href='/x'>one two three four</a> <a href='/y'>short</a></body></html>")


def test_page_signals_count_link_text_from_the_body_only():
    signals = page_signals(load_html(PAGE_WITH_LINKS))
    assert signals.heading == "The big day"
    assert signals.site_names == ["The Courier"] and not signals.declares_article
    assert signals.links_counted
    assert signals.link_chars == len("one two three four") + len("short")
    assert signals.headline_links == 1
    # The body's string value: block elements are not separated, the script's text is taken out.
    assert signals.text_chars == len("The big dayTen words of prose sit here in the body of it.one two three four short")


def test_links_are_not_counted_on_a_page_that_declares_an_article():
    signals = page_signals(load_html(PAGE_WITH_LINKS.replace("WebPage", "NewsArticle")))
    assert signals.declares_article and not signals.links_counted
    assert (signals.text_chars, signals.link_chars, signals.headline_links) == (0, 0, 0)
