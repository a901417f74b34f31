from storylens.dossier import build_dossier
from storylens.model import Article


def make(n: int, outlet: str | None, published: str | None) -> Article:
    return Article(id=f"a{n}", source=f"s{n}", url=None, outlet=outlet, title=f"T{n}", author=None,
                   published=published, language="en", text=f"text {n}")


def test_articles_are_ordered_by_date_with_undated_last():
    dossier = build_dossier("s", "Story", [make(1, "B", None), make(2, "A", "2025-03-05"), make(3, "A", "2025-03-04T10:00:00")])
    assert [a["id"] for a in dossier["articles"]] == ["a3", "a2", "a1"]
    assert dossier["summary"] == "3 articles from 2 outlets, 2025-03-04 to 2025-03-05"


def test_the_summary_counts_pages_without_an_outlet_apart_and_says_one_in_the_singular():
    dossier = build_dossier("s", "Story", [make(1, "A", None), make(2, None, None), make(3, None, None)])
    assert dossier["summary"] == "3 articles from 1 outlet (2 without an outlet)"


def test_timeline_has_one_entry_per_dated_article_oldest_first():
    dossier = build_dossier("s", "Story", [make(1, "A", "2025-03-05"), make(2, "B", "2025-03-04T18:00:00"), make(3, "C", None)])
    assert dossier["timeline"] == [
        {"date": "2025-03-04T18:00:00", "event": "B publishes \u201cT2\u201d", "articles": ["a2"]},
        {"date": "2025-03-05", "event": "A publishes \u201cT1\u201d", "articles": ["a1"]},
    ]


def test_provenance_links_articles_to_their_outlets():
    dossier = build_dossier("s", "Story", [make(1, "A", None), make(2, None, None)])
    assert {"id": "A", "kind": "outlet"} in dossier["provenance"]["nodes"]
    assert dossier["provenance"]["edges"] == [{"from": "a1", "to": "A", "kind": "published_by"}]


def test_copies_become_provenance_edges_within_the_story():
    dossier = build_dossier("s", "Story", [make(1, "A", None), make(2, "B", None)], {"a2": "a1", "a3": "a9"})
    assert {"from": "a2", "to": "a1", "kind": "copies"} in dossier["provenance"]["edges"]
    assert not any(edge["from"] == "a3" for edge in dossier["provenance"]["edges"])


def test_provenance_links_articles_to_the_origins_they_cite_and_deniers_to_claims():
    from storylens.model import Article, Claim, Mention, Span

    def article(article_id: str, outlet: str) -> Article:
        return Article(id=article_id, source=article_id, url=None, outlet=outlet, title=None, author=None,
                       published="2026-01-02", language="en", text="x")

    sentence = Span(0, 1, "x")
    mentions = [Mention(article="scoop", sentence=sentence, stance="asserts", origins=["Marrow Times"]),
                Mention(article="echo", sentence=sentence, stance="reports", origins=["Marrow Times"]),
                Mention(article="echo", sentence=sentence, stance="denies", by="Hanna Roos")]
    claim = Claim(id="s-001", text="x", status="disputed", mentions=mentions, origins=["Marrow Times"],
                  outlets=["Marrow Times", "Pine Daily"])
    graph = build_dossier("s", "t", [article("scoop", "Marrow Times"), article("echo", "Pine Daily")], claims=[claim])["provenance"]
    edges = {(e["from"], e["to"], e["kind"]) for e in graph["edges"]}
    assert ("echo", "Marrow Times", "cites") in edges
    assert ("scoop", "Marrow Times", "cites") not in edges  # an outlet does not cite itself
    assert ("Hanna Roos", "s-001", "denies") in edges
    kinds = {node["id"]: node["kind"] for node in graph["nodes"]}
    assert kinds["s-001"] == "claim" and kinds["Hanna Roos"] == "source" and kinds["Marrow Times"] == "outlet"
