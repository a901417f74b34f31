"""HTML pages from dossiers, for the report directory and for `storylens serve` alike.
Article content is untrusted: Jinja2 autoescaping is always on, and only http(s) URLs become links."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

import jinja2

from storylens.render import story_view
from storylens.render.article_view import highlighted_paragraphs
from storylens.render.dates import display_date
from storylens.render.graphs import provenance_svg, timeline_svg
from storylens.render.links import FileLinks, WebLinks
from storylens.render.listing import SORTS, STATUSES, StoryPage, status_counts

Links = FileLinks | WebLinks


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("storylens.render", "templates"),
        autoescape=True,  # every template, whatever its file name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates ship in the package: checking their mtimes on every page cost 9% of a report
    )
    env.filters["safe_url"] = safe_url
    env.filters["display_date"] = display_date
    return env


def safe_url(url: str | None) -> str | None:
    """Only http(s) links are made clickable: a `javascript:` URL in a page's metadata stays text."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def render_index(listing: StoryPage, links: Links, every_row: Sequence[dict] = ()) -> str:
    return environment().get_template("index.html").render(
        listing=listing, links=links, statuses=status_counts(every_row), all_count=len(every_row),
        all_statuses=STATUSES, sorts=list(SORTS))


def render_story(dossier: dict, texts: Mapping[str, str], links: Links) -> str:
    return environment().get_template("story.html").render(links=links, **story_context(dossier, texts))


def story_context(dossier: dict, texts: Mapping[str, str]) -> dict:
    return {
        "dossier": dossier,
        "card": story_view.verdict_card(dossier),
        "matrix": story_view.coverage_matrix(dossier),
        "provenance": provenance_svg(dossier),
        "timeline": timeline_svg(dossier),
        "quotes": story_view.quotes_by_speaker(dossier["quotes"]),
        "outlets": story_view.outlet_names(dossier),
        "claim_mentions": lambda claim: story_view.claim_mentions(claim, dossier, texts),
    }


def render_claim(dossier: dict, claim: dict, texts: Mapping[str, str], links: Links) -> str:
    return environment().get_template("claim.html").render(
        links=links, dossier=dossier, claim=claim,
        claim_mentions=lambda c: story_view.claim_mentions(c, dossier, texts))


def render_article(article: dict, text: str, dossiers: Sequence[dict], links: Links) -> str:
    """`dossiers`: the stories the article belongs to (usually one)."""
    mentions = sorted(story_view.article_mentions(article["id"], dossiers), key=lambda m: m["start"])
    claim_texts = {m["claim"]: m["claim_text"] for m in mentions}
    return environment().get_template("article.html").render(
        links=links, article=article, stories=dossiers, mentions=mentions, claim_texts=claim_texts,
        paragraphs=highlighted_paragraphs(text, mentions))


def render_search(search_text: str, results: dict, links: Links) -> str:
    return environment().get_template("search.html").render(links=links, search_text=search_text, results=results)


def render_error(status: int, error: str, errors: Sequence[str], links: Links) -> str:
    return environment().get_template("error.html").render(links=links, status=status, error=error, errors=errors)
