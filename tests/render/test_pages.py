import re

from storylens.render.article_view import highlighted_paragraphs
from storylens.render.dates import display_date
from storylens.render.graphs import provenance_svg, timeline_svg
from storylens.render.links import FileLinks, WebLinks
from storylens.render.listing import StoryQuery, story_page
from storylens.render.markdown import render_story_markdown
from storylens.render.story_view import coverage_matrix, quotes_by_speaker, sentence_in_context, verdict_card

EVIL = "<b onmouseover=x>Evil & Co</b>"


def mention(article, start, end, stance="reports", sentence="s"):
    return {"article": article, "sentence": sentence, "start": start, "end": end, "stance": stance,
            "attributed_to": [], "hedged": False}


def dossier() -> dict:
    articles = [{"id": "a1", "source": "a1.html", "outlet": "Vale Herald", "url": None, "title": "T1",
                 "published": "2025-04-01", "language": "en", "author": None},
                {"id": "a2", "source": "a2.html", "outlet": EVIL, "url": None, "title": "T2",
                 "published": "2025-04-02T09:30:00+02:00", "language": "en", "author": None}]
    claim = {"id": "c1", "text": "The mill closes.", "status": "disputed", "independent_origins": 1,
             "origins": ["Vale Herald"], "outlets": ["Vale Herald", EVIL],
             "mentions": [mention("a1", 0, 16), mention("a2", 20, 40, "denies", "No, it does not."),
                          mention("a1", 30, 45, "denies")],
             "denials": [{"by": EVIL, "article": "a2", "sentence": "No, it does not."}]}
    edges = [{"from": "a2", "to": "Vale Herald", "kind": "cites"}, {"from": EVIL, "to": "c1", "kind": "denies"}]
    return {"id": "st", "title": "Mill", "summary": "", "articles": articles, "claims": [claim],
            "quotes": [{"speaker": None, "text": "q0", "article": "a1", "start": 0, "end": 2},
                       {"speaker": "Ada", "text": "q1", "article": "a1", "start": 0, "end": 2},
                       {"speaker": "Ada", "text": "q2", "article": "a2", "start": 0, "end": 2},
                       {"speaker": "Bo", "text": "q3", "article": "a2", "start": 0, "end": 2}],
            "numbers": [], "timeline": [{"date": "2025-04-01", "event": f"{EVIL} publishes", "articles": ["a1"]},
                                        {"date": "2025-04-02", "event": "x reports a denial by y: z", "articles": ["a2"]}],
            "provenance": {"nodes": [], "edges": edges}}


def test_dates_have_one_format():
    assert display_date("2025-04-01") == "2025-04-01"
    assert display_date("2025-04-02T09:30:00+02:00") == "2025-04-02 07:30 UTC"
    assert display_date("2025-04-02T09:30:00") == "2025-04-02 09:30"
    assert display_date("sometime") == "sometime"


def test_the_verdict_card_names_origins_echoes_and_dated_denials():
    card = verdict_card(dossier())
    assert card["echoes"] == [EVIL] and card["claim"]["origins"] == ["Vale Herald"]
    assert card["denials"] == [{"by": EVIL, "outlet": EVIL, "date": "2025-04-02T09:30:00+02:00", "article": "a2", "start": 20}]


def test_a_matrix_cell_shows_the_strongest_stance_and_where_it_is():
    rows = coverage_matrix(dossier())["rows"]
    assert [(r["outlet"], r["cells"][0]["stance"], r["cells"][0]["start"]) for r in rows] == [
        ("Vale Herald", "denies", 30), (EVIL, "denies", 20)]


def test_mention_sentences_are_highlighted_and_anchored_once():
    text = "The mill closes today.\n\nSecond paragraph is here and it goes on."
    paragraphs = highlighted_paragraphs(text, [mention("a", 0, 15), mention("a", 4, 22, "denies"), mention("a", 24, 30)])
    first, second = paragraphs
    assert first[0]["text"] == "The mill closes today." and first[0]["anchors"] == [0, 4]
    assert first[0]["mark"]["stances"] == ["reports", "denies"]
    assert second[0] == {"text": "Second", "mark": second[0]["mark"], "anchors": [24]} and second[1]["mark"] is None


def test_a_sentence_is_shown_in_its_paragraph():
    text = "Before it. The claim here. After it.\n\nNext paragraph."
    start = text.index("The claim")
    assert sentence_in_context(text, start, start + 15) == {"before": "Before it. ", "sentence": "The claim here.",
                                                            "after": " After it."}
    assert sentence_in_context(text, 5, 999)["sentence"] == ""  # offsets that do not fit the text


def test_quotes_are_grouped_by_speaker_with_the_unattributed_last():
    assert [(speaker, len(said)) for speaker, said in quotes_by_speaker(dossier()["quotes"])] == [("Ada", 2), ("Bo", 1), ("", 1)]


def test_the_pictures_escape_every_name():
    graph, line = str(provenance_svg(dossier())), str(timeline_svg(dossier()))
    assert "<b onmouseover" not in graph and "&lt;b onmouseover=x&gt;Evil &amp; Co&lt;/b&gt;" in graph
    assert 'class="edge edge-denies"' in graph and 'class="edge edge-cites"' in graph
    assert "<b onmouseover" not in line and 'class="event event-2"' in line


def test_the_story_list_pages_filters_and_links_for_files_and_web():
    rows = [{"id": f"s{n}", "title": f"Story {n}", "status": "disputed" if n % 2 else "corroborated", "main_claim": "",
             "outlets": ["Vale Herald"], "article_count": n, "first_published": None, "last_published": f"2025-01-{n + 1:02d}"}
            for n in range(7)]
    page = story_page(rows, StoryQuery(status="disputed", sort="newest", page=2), page_size=2)
    assert [r["id"] for r in page.rows] == ["s1"] and page.total == 3 and page.pages == 2
    assert StoryQuery(status="<evil>", sort="drop table").status is None
    assert FileLinks().index(page=2, status="disputed") == "index-disputed-2.html"
    assert FileLinks(up="../").claim("c1", "st") == "../stories/st.html#claim-c1"
    assert WebLinks().index(page=2, status="disputed", q="a b") == "/?q=a+b&status=disputed&page=2"
    assert WebLinks().article("a/1", 20) == "/articles/a%2F1#s-20"


def test_the_markdown_twin_has_the_pages_sections_escaped():
    markdown = render_story_markdown(dossier(), {"a1": "The mill closes. More."})
    for heading in ("## Verdict", "## Coverage", "## Provenance", "## Timeline", "## Claims", "## Quotes", "## Articles"):
        assert heading in markdown
    assert not re.search(r"(?<!\\)<b", markdown) and r"\<b onmouseover=x\>Evil & Co\</b\>" in markdown
