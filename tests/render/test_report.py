import json

from storylens.dossier import build_dossier
from storylens.model import Article
from storylens.render import write_report
from storylens.render.markdown import escape_markdown

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def hostile_article() -> Article:
    return Article(id="a1", source="evil.html", url="javascript:alert(1)", outlet=HOSTILE, title=HOSTILE,
                   author=HOSTILE, published="2025-03-04", language="en", text=f"Intro.\n\n{HOSTILE}")


def test_report_files_are_written_with_the_dossier_shape(tmp_path):
    dossier = build_dossier("all", "All articles", [hostile_article()])
    index = write_report(tmp_path, [dossier], {"a1": hostile_article().text})
    assert index == tmp_path / "index.html"
    stories = json.loads((tmp_path / "stories.json").read_text())
    assert set(stories[0]) == {"id", "title", "summary", "articles", "claims", "quotes", "numbers", "timeline", "provenance"}
    assert stories[0]["articles"][0]["title"] == HOSTILE  # JSON keeps the data as it is
    assert (tmp_path / "stories" / "all.html").exists() and (tmp_path / "stories" / "all.md").exists()
    assert not list(tmp_path.rglob("*.partial"))


def test_article_content_is_escaped_on_every_page(tmp_path):
    dossier = build_dossier("all", "All articles", [hostile_article()])
    write_report(tmp_path, [dossier], {"a1": hostile_article().text})
    for page in (tmp_path / "index.html", tmp_path / "stories" / "all.html"):
        html = page.read_text()
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
        assert 'href="javascript:' not in html
    markdown = (tmp_path / "stories" / "all.md").read_text()
    assert "<script>" not in markdown and r"\<script\>" in markdown


def test_markdown_escaping_neutralises_links_and_emphasis():
    assert escape_markdown("[click](http://x) *now*") == r"\[click\]\(http://x\) \*now\*"


def test_story_ids_become_safe_file_names(tmp_path):
    dossier = build_dossier("../../etc/passwd", "Odd id", [hostile_article()])
    write_report(tmp_path, [dossier], {})
    assert (tmp_path / "stories" / "______etc_passwd.html").exists()
    assert 'href="stories/______etc_passwd.html"' in (tmp_path / "index.html").read_text()


def hostile_claim_dossier() -> dict:
    from storylens.model import ArticleFindings, Claim, Mention, Quote, Span

    article = hostile_article()
    sentence = Span(7, 7 + len(HOSTILE), HOSTILE)
    mentions = [Mention(article="a1", sentence=sentence, stance="reports", attributed_to=[HOSTILE], origins=[HOSTILE]),
                Mention(article="a1", sentence=sentence, stance="denies", by=HOSTILE)]
    claim = Claim(id="all-001", text=HOSTILE, status="disputed", mentions=mentions, origins=[HOSTILE], outlets=[HOSTILE])
    findings = [ArticleFindings(article=article, sentences=[sentence], quotes=[Quote(7, 20, HOSTILE, speaker=HOSTILE)])]
    figures = [{"quantity": HOSTILE, "consistent": False, "claim": "all-001",
                "values": [{"value": 1.0, "unit": "", "text": HOSTILE, "article": "a1", "sentence": HOSTILE}]}]
    return build_dossier("all", "All", [article], findings=findings, claims=[claim], figures=figures)


def test_claims_quotes_and_figures_are_shown_and_escaped(tmp_path):
    dossier = hostile_claim_dossier()
    assert dossier["claims"][0]["denials"] == [{"by": HOSTILE, "article": "a1", "sentence": HOSTILE}]
    assert dossier["quotes"] == [{"speaker": HOSTILE, "text": HOSTILE, "article": "a1", "start": 7, "end": 20}]
    write_report(tmp_path, [dossier], {"a1": hostile_article().text})
    html = (tmp_path / "stories" / "all.html").read_text()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert '<span class="badge disputed">disputed</span>' in html and "the figures disagree" in html and '<h2 id="quotes">Quotes</h2>' in html
    markdown = (tmp_path / "stories" / "all.md").read_text()
    assert "<script>" not in markdown and "**disputed**" in markdown


def test_the_summary_gives_the_main_claim_verdict():
    summary = hostile_claim_dossier()["summary"]
    assert summary.startswith("1 article from 1 outlet, 2025-03-04 to 2025-03-04. Main claim: disputed: reported by 1 independent origin")
    assert summary.endswith("echoed by 1 outlet, denied by " + HOSTILE)


def story(story_id: str) -> dict:
    return build_dossier(story_id, f"Story {story_id}", [hostile_article()])


def test_a_reused_folder_keeps_no_stale_story_pages_and_nothing_else_is_touched(tmp_path):
    (tmp_path / "notes.txt").write_text("the user's own notes")
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "mine.html").write_text("a page the user keeps here")
    write_report(tmp_path, [story("old"), story("kept")], {})
    assert (tmp_path / "stories" / "old.html").exists() and (tmp_path / "stories" / "old.md").exists()

    write_report(tmp_path, [story("kept"), story("new")], {})

    assert sorted(path.name for path in (tmp_path / "stories").iterdir()) == [
        "kept.html", "kept.md", "mine.html", "new.html", "new.md"]
    assert (tmp_path / "notes.txt").read_text() == "the user's own notes"
    pages = json.loads((tmp_path / ".storylens-report.json").read_text())["pages"]
    assert [page for page in pages if page.startswith("stories/")] == [
        "stories/kept.html", "stories/kept.md", "stories/new.html", "stories/new.md"]
    assert "index.html" in pages


def test_a_manifest_naming_other_files_removes_none_of_them(tmp_path):
    (tmp_path / "precious.html").write_text("keep me")
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "a.html.bak").write_text("keep me too")
    (tmp_path / ".storylens-report.json").write_text(json.dumps(
        {"pages": ["precious.html", "../outside.html", "stories/a.html.bak", "stories/../precious.html"]}))
    write_report(tmp_path, [story("a")], {})
    assert (tmp_path / "precious.html").read_text() == "keep me"
    assert (tmp_path / "stories" / "a.html.bak").read_text() == "keep me too"


def test_a_folder_without_a_manifest_keeps_its_files(tmp_path):
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "from-an-old-version.html").write_text("unknown origin: left alone")
    write_report(tmp_path, [story("a")], {})
    assert (tmp_path / "stories" / "from-an-old-version.html").exists()
