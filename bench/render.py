"""Time to write `analyze --out`'s pages for 100 stories, and the size of the story list for 1,000.

The dossiers are invented here (no dev data is needed to time the renderer): each story has
ARTICLES articles from 6 outlets, CLAIMS claims told by several outlets with a denial, quotes,
a timeline and a provenance graph, built by the real `build_dossier`.

    .venv/bin/python bench/render.py
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from storylens.dossier import build_dossier  # noqa: E402
from storylens.model import Article, ArticleFindings, Claim, Mention, Quote, Span  # noqa: E402

OUTLETS = ["Vale Herald", "Orchard Post", "Fen Echo", "Brantwick Courier", "Marsh Daily", "Sedge Wire"]
ARTICLES, CLAIMS = 10, 20


def synthetic_story(number: int, articles: int = ARTICLES, claims: int = CLAIMS, seed: int = 0) -> tuple[dict, dict]:
    """(dossier, texts) of an invented story."""
    rng = random.Random(seed * 100_003 + number)
    sentences = [f"Claim {k} of story {number}: the council of Brantwick agreed item {k}, officials said." for k in range(claims)]
    made, texts = [], {}
    for a in range(articles):
        body = "\n\n".join(sentences[k] + " More detail follows in the paragraph." for k in range(claims))
        made.append(Article(id=f"s{number}-a{a}", source=f"bench/{number}/{a}.html", url=f"https://n{a}.example/{number}",
                            outlet=OUTLETS[a % len(OUTLETS)], title=f"Story {number} headline, version {a}", author=None,
                            published=f"2025-03-{1 + a % 28:02d}T{a % 24:02d}:00:00+00:00", language="en", text=body))
        texts[made[-1].id] = body
    claim_objects = []
    for k in range(claims):
        mentions = []
        for article in rng.sample(made, min(len(made), 1 + rng.randrange(max(1, articles // 2)))):
            start = article.text.index(sentences[k])
            span = Span(start, start + len(sentences[k]), sentences[k])
            denies = rng.random() < 0.1
            mentions.append(Mention(article.id, span, "denies" if denies else "reports", attributed_to=[OUTLETS[0]],
                                    origins=[] if denies else [OUTLETS[0]], by="the council" if denies else None))
        status = "disputed" if any(m.stance == "denies" for m in mentions) else "single_origin"
        claim_objects.append(Claim(f"s{number}-{k:03d}", sentences[k], status, mentions, [OUTLETS[0]],
                                   sorted({a.outlet for a in made if any(m.article == a.id for m in mentions)})))
    findings = [ArticleFindings(a, [], quotes=[Quote(0, 20, "the council agreed", speaker="Ada Brennan")]) for a in made]
    return build_dossier(f"s{number}", f"Story {number}", made, findings=findings, claims=claim_objects), texts


def main() -> None:
    from storylens.render import write_report
    from storylens.render.html import render_index
    from storylens.render.links import FileLinks
    from storylens.render.listing import StoryQuery, story_page, story_summary

    stories = [synthetic_story(n) for n in range(100)]
    dossiers = [d for d, _ in stories]
    texts = {k: v for _, t in stories for k, v in t.items()}
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        write_report(out, dossiers, texts)
        seconds = time.perf_counter() - start
        files = sum(1 for _ in Path(out).rglob("*.html"))
    print(f"render: 100 stories ({ARTICLES} articles, {CLAIMS} claims each): {seconds:.2f} s, {files} HTML pages "
          f"({seconds / 100 * 1000:.1f} ms a story)")
    rows = [story_summary(synthetic_story(n, articles=3, claims=3)[0]) for n in range(1000)]
    first = render_index(story_page(rows, StoryQuery()), FileLinks(), rows)
    print(f"index: 1,000 stories, first page {len(first.encode()) / 1024:.1f} KB (50 stories a page, 20 pages)")


if __name__ == "__main__":
    main()
