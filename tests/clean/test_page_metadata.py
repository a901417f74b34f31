"""Outlet, title, byline and non-article rules on invented pages (every outlet and name is made up)."""
from __future__ import annotations

from storylens.clean.bylines import clean_byline
from storylens.clean.documents import clean_document
from storylens.clean.html import clean_html_page
from storylens.clean.metadata import choose_outlet, clean_title
from storylens.model import Article, Document, Problem, ProblemKind

PROSE = ("<p>The harbour board in Wendell voted on Tuesday to lease the old ferry pier to a boat-building "
         "cooperative for twenty years, ending a dispute that has run since the last ferry left in 2019.</p>"
         "<p>Members of the cooperative said they would restore the pier's timber deck first and open a "
         "workshop where apprentices can learn to build wooden boats, with the first class starting in spring.</p>"
         "<p>Two board members voted against the lease, saying the pier should be kept for a ferry service that "
         "the regional council has promised to study again next year, though no money has been set aside.</p>")


def page(head: str = "", body: str = PROSE, title: str = "Pier lease approved") -> str:
    return f"<html><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>{body}</article></body></html>"


def test_outlet_is_the_declared_site_name():
    parts = clean_html_page(page('<meta property="og:site_name" content="Wendell Courier">'),
                            "https://www.wendellcourier.example/news/pier")
    assert parts.meta["outlet"] == "Wendell Courier"


def test_outlet_is_never_a_year_a_section_or_a_copyright_line():
    url = "https://www.wendellcourier.example/2024/pier"
    for bad in ("2015", "Letters to the Editor", "Opinion Blog", "Copyright (c) Wendell Media 2015", "Courier_Live"):
        assert choose_outlet([bad], None, "Pier lease approved", url) == "wendellcourier.example"


def test_outlet_is_never_the_headline_or_a_query_string():
    url = "https://wendellcourier.example/a?id=4"
    assert choose_outlet([], "Pier lease approved", "Pier lease approved", url) == "wendellcourier.example"
    assert choose_outlet(["wendellcourier.example/?id=4"], None, "Pier", url) == "wendellcourier.example"


def test_outlet_from_the_site_name_in_the_title_when_nothing_is_declared():
    outlet = choose_outlet([], "WendellCourierLive", "Pier lease approved", "https://www.wendellcourier.example/x",
                           "Pier lease approved | Wendell Courier")
    assert outlet == "Wendell Courier"


def test_title_loses_the_site_name_at_either_end():
    url = "https://www.wendellcourier.example/news/pier"
    assert clean_title("Pier lease approved | WENDELL COURIER", ["Wendell Courier"], url) == "Pier lease approved"
    assert clean_title("Pier lease approved - Courier", [], url) == "Pier lease approved"
    assert clean_title("WendellCourier.example: Pier lease approved", [], url) == "Pier lease approved"
    assert clean_title("Pier lease approved » Local » News » Wendell Courier", [], url) == "Pier lease approved"


def test_title_keeps_a_colon_or_dash_that_belongs_to_the_headline():
    url = "https://www.wendellcourier.example/news/pier"
    assert clean_title("Pier lease: what happens next", ["Wendell Courier"], url) == "Pier lease: what happens next"
    assert clean_title("Vote - and a walkout - at the harbour board", [], url) == \
        "Vote - and a walkout - at the harbour board"


def test_title_entities_are_unescaped():
    assert clean_title("Board &#039;wins&#039; pier", [], None) == "Board 'wins' pier"


def test_byline_loses_credits_account_furniture_and_newsrooms():
    assert clean_byline("Photo by The Harbour Press") is None
    assert clean_byline("Account You're logged in") is None
    assert clean_byline("Submitted") is None
    assert clean_byline("Mara Tollen; Mtollen Com") == "Mara Tollen"
    assert clean_byline("Mara Tollen; Staff Writer; Tuesday") == "Mara Tollen"
    assert clean_byline("Ilse Borg wendellcourier com Follow") == "Ilse Borg"
    assert clean_byline("Mara Tollen; Wendell Courier", ["Wendell Courier"]) == "Mara Tollen"
    assert clean_byline("Wendell News Desk") is None


def test_byline_keeps_real_names():
    assert clean_byline("Mara Tollen and Piet van Dorn") == "Mara Tollen; Piet van Dorn"
    assert clean_byline("ANNA deVries") == "ANNA deVries"


def doc(html: str, url: str | None = "https://www.wendellcourier.example/news/pier") -> Document:
    return Document(source="page.html", content=html, format="html", url=url)


def test_error_page_is_skipped_with_a_reason():
    result = clean_document(doc("<html><head><title>Forbidden</title></head><body><h1>Forbidden</h1>"
                                "<p>You don't have permission to access this resource.</p></body></html>"))
    assert isinstance(result, Problem) and result.kind == ProblemKind.NOT_ARTICLE
    assert "error page" in result.detail


def test_not_found_page_is_skipped():
    body = "<p>Sorry, the page you were looking for could not be found. Try the search box above.</p>"
    result = clean_document(doc(page(body=body, title="Page Not Found")))
    assert isinstance(result, Problem) and result.kind == ProblemKind.NOT_ARTICLE


def test_login_wall_is_skipped():
    body = "<p>Please log in to continue reading this story.</p><p>Already a member? Sign in.</p>"
    result = clean_document(doc(page(body=body, title="Members only")))
    assert isinstance(result, Problem) and "login" in result.detail


def front_page() -> str:
    teasers = "".join(f'<li><a href="/news/{i}">Council debates plan number {i} for the old harbour</a></li>'
                      for i in range(80))
    return (f"<html><head><title>Wendell Courier</title></head><body><nav><ul>{teasers}</ul></nav>"
            "<p>Weather: rain later.</p></body></html>")


def test_home_page_is_skipped():
    result = clean_document(doc(front_page(), url="https://www.wendellcourier.example/"))
    assert isinstance(result, Problem) and result.kind == ProblemKind.NOT_ARTICLE
    assert "home page" in result.detail


def test_section_front_of_links_is_skipped():
    result = clean_document(doc(front_page(), url="https://www.wendellcourier.example/news/"))
    assert isinstance(result, Problem) and result.kind == ProblemKind.NOT_ARTICLE
    assert "mostly links" in result.detail


def test_short_real_news_item_passes():
    body = ("<p>A 404-tonne cargo ship ran aground off Wendell Point on Monday night; the coastguard said "
            "nobody was hurt and the ship was refloated at high tide.</p>")
    result = clean_document(doc(page(body=body, title="Cargo ship refloated off Wendell Point")))
    assert isinstance(result, Article)
    assert "refloated" in result.text


def test_article_about_an_error_code_passes():
    body = PROSE + "<p>The board's website showed a 404 error for most of the evening.</p>"
    result = clean_document(doc(page(body=body, title="Pier lease approved after 404 error on board site")))
    assert isinstance(result, Article)


def test_hostile_page_does_not_crash():
    hostile = ('<html><head><meta property="og:site_name" content="&lt;script&gt;x&lt;/script&gt;">'
               '<script type="application/ld+json">{"publisher": {"name": ' + "[" * 5000 + '</script>'
               '<script type="application/ld+json">{"@graph": [{"@type": ["NewsArticle"], "publisher": 7}]}</script>'
               f'<title>{"A | " * 2000}</title></head><body>{"<div>" * 3000}{PROSE}</body></html>')
    result = clean_document(doc(hostile))
    assert isinstance(result, (Article, Problem))
    if isinstance(result, Article):
        assert "<script>" not in (result.outlet or "")


def test_the_page_declared_language_is_read_and_checked_against_the_text(monkeypatch):
    import storylens.enrich.language as language

    english = page().replace("<html>", '<html lang="en-GB">')
    with monkeypatch.context() as patched:  # a confirmed declaration needs no py3langid
        patched.setattr(language, "detect_language", lambda text: "xx")
        assert clean_document(doc(english)).language == "en"
        assert clean_document(doc(page())).language == "xx"
    # a wrong declaration (a template's default) does not beat the text
    mislabelled = page().replace("<html>", '<html lang="de">')
    assert clean_document(doc(mislabelled)).language == "en"


def test_a_language_root_with_little_prose_is_a_home_page_whatever_it_declares():
    body = "<p>Listen live to the best mix in Wendell, every morning from six.</p>"
    declared = page(head='<meta property="og:type" content="article">', body=body, title="Wendell FM")
    for address in ("https://www.wendellfm.example/", "https://www.wendellfm.example/de"):
        result = clean_document(doc(declared, url=address))
        assert isinstance(result, Problem) and "home page" in result.detail


def test_a_page_titled_home_is_a_home_page():
    body = "<p>Vote now! The harbour board meets on Tuesday.</p><p>Visit the old pier this summer.</p>"
    result = clean_document(doc(page(body=body, title="# Home | wendell.example"), url=None))
    assert isinstance(result, Problem) and "home page" in result.detail
    assert isinstance(clean_document(doc(page(title="Home sales rise in Wendell"), url=None)), Article)


def test_an_article_address_keeps_a_page_of_mostly_links():
    teasers = "".join(f'<li><a href="/news/{i}">Council debates plan number {i} for the old harbour</a></li>'
                      for i in range(80))
    short = ("<p>The harbour board in Wendell voted on Tuesday to lease the old ferry pier to a boat-building "
             "cooperative for twenty years, ending a long dispute.</p>")
    html = page(body=short + f"<ul>{teasers}</ul>", title="What the pier lease means for Wendell")
    story = clean_document(doc(html, url="https://www.wendellcourier.example/what-the-pier-lease-means-for-wendell/"))
    assert isinstance(story, Article)
    front = clean_document(doc(html, url="https://www.wendellcourier.example/news/"))
    assert isinstance(front, Problem) and "mostly links" in front.detail


def test_a_page_titled_only_by_the_site_name_is_a_home_page():
    teasers = "".join(f"<p>The harbour board in Wendell will vote on plan number {i} for the old ferry pier next "
                      f"week, after the cooperative asked for {i + 2} more years on its lease.</p>" for i in range(20))
    declared = '<meta property="og:type" content="article">'
    title = "The Wendell Courier en Español - The Wendell Courier"
    front = clean_document(doc(page(head=declared, body=teasers, title=title), url="https://wendellcourier.example/es/"))
    assert isinstance(front, Problem) and "site's name" in front.detail
    short = clean_document(doc(page(body=PROSE, title="Wendell Courier | Wendell Courier"), url=None))
    assert isinstance(short, Problem) and "site's name" in short.detail


def test_a_story_whose_title_holds_the_site_name_beside_its_headline_passes():
    for title in ("Pier lease approved - The Wendell Courier", "The Wendell Courier: pier lease approved"):
        assert isinstance(clean_document(doc(page(title=title))), Article)
    # a single-part title is the story's, even at the root (a misconfigured canonical link)
    story = page(body=PROSE * 2, title="Pier lease approved")
    assert isinstance(clean_document(doc(story, url="https://wendellcourier.example/")), Article)


def test_teasers_at_the_home_address_are_a_home_page_though_it_declares_an_article():
    teasers = "".join(f"<h2>Lake number {i}</h2><p>Spend a week by the lake: boats, trails and quiet mornings for "
                      f"the whole family.</p><p>Book now</p>" for i in range(8))
    declared = '<meta property="og:type" content="article">'
    home = clean_document(doc(page(head=declared, body=teasers, title="Holidays in Wendell"),
                              url="https://www.visitwendell.example/de"))
    assert isinstance(home, Problem) and "teasers" in home.detail
    # a paragraph of running prose at the root is the article a misconfigured canonical link hides
    story = clean_document(doc(page(head=declared, body=teasers + "<p>" + " ".join(["The ferry ran again."] * 16)
                                    + "</p>", title="Holidays in Wendell"), url="https://www.visitwendell.example/"))
    assert isinstance(story, Article)


def test_a_short_page_of_table_cells_is_no_article():
    rows = "".join(f"<tr><td>Sunday from {i} March</td><td>10:00 beginners</td><td>11:15 advanced</td></tr>"
                   for i in range(1, 6))
    table = f"<html><head><title>Wendell Dog Club</title></head><body><table>{rows}</table></body></html>"
    result = clean_document(doc(table, url=None))
    assert isinstance(result, Problem) and "table" in result.detail
    declared = table.replace("<head>", '<head><meta property="og:type" content="article">')
    assert not (isinstance(found := clean_document(doc(declared, url=None)), Problem) and "table" in found.detail)
