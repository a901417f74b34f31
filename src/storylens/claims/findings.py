"""Everything the claims stage finds in a story's articles, in one batched pass.

Sentences and figures come from every article; attributions and quotes need the English
parser, so other languages get sentences and figures only. Speakers are normalised across
the whole story, so "Peskov" in one article and "Kremlin spokesman Dmitry Peskov" in
another are one speaker.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from storylens.claims.attribution import attributions_of_texts
from storylens.claims.denial_roles import OUTLET
from storylens.claims.denials import denials_of_texts
from storylens.claims.numbers import find_quantities
from storylens.claims.quotes import find_quotes
from storylens.enrich.sentences import split_sentences
from storylens.claims.speakers import ANONYMOUS, normalise_speakers, resolve
from storylens.claims.wire import wire_agency
from storylens.model import Article, ArticleFindings, Attribution, Quote


def find_in_stories(
    stories: Sequence[Sequence[Article]], copies: Mapping[str, str] | None = None
) -> list[list[ArticleFindings]]:
    """Findings per article per story; `copies` maps a copy's id to its original's.

    The parser runs once over the English articles of all stories (batching is what makes
    it fast); speakers are then normalised story by story.
    """
    copies = copies or {}
    articles = [article for story in stories for article in story]
    english = [i for i, article in enumerate(articles) if _is_english(article)]
    attributions: list[list] = [[] for _ in articles]
    for index, found in zip(english, attributions_of_texts(articles[i].text for i in english)):
        attributions[index] = found
    quoted_titles = [i for i in english if any(mark in (articles[i].title or "") for mark in QUOTE_MARKS)]
    title_attributions = dict(zip(quoted_titles, attributions_of_texts(articles[i].title for i in quoted_titles)))
    findings, at = [], 0
    for story in stories:
        found = attributions[at : at + len(story)]
        at += len(story)
        aliases = normalise_speakers([article.text for article in story], found)
        members = {article.id for article in story}
        story_findings = [_findings(article, found[i], copies, members) for i, article in enumerate(story)]
        denials = denials_of_texts([f.article.text for f in story_findings], [f.sentences for f in story_findings],
                                   [f.attributions for f in story_findings])
        for number, article_findings in enumerate(story_findings, start=at - len(story)):
            if number in title_attributions:
                article_findings.quotes += title_quotes(article_findings.article, title_attributions[number], aliases)
        for article_findings, article_denials in zip(story_findings, denials):
            for denial in article_denials:  # "The authority" denying is the story's Calderwick Port Authority
                if denial.by and denial.by != OUTLET:
                    denial.by = resolve(denial.by, aliases)
            article_findings.denials = article_denials
        findings.append(story_findings)
    return findings


def find_in_story(articles: Sequence[Article], copies: Mapping[str, str] | None = None) -> list[ArticleFindings]:
    return find_in_stories([articles], copies)[0]


def _findings(article: Article, attributions: list, copies: Mapping[str, str], members: set[str]) -> ArticleFindings:
    original = copies.get(article.id)
    return ArticleFindings(
        article=article,
        sentences=split_sentences(article.text),
        attributions=attributions,
        quotes=find_quotes(article.text, attributions) if attributions else [],
        quantities=find_quantities(article.text),
        copy_of=original if original in members else None,
        wire=wire_agency(article.text),
    )


def title_quotes(article: Article, attributions: list[Attribution], aliases: Mapping[str, str]) -> list[Quote]:
    """The quotes of an article's title ('“Pure fiction”: Kremlin denies phone call'), offsets
    into the title, speakers named as the story names them (the cleaner keeps the title out
    of the text, and a headline is often the only place a denial's words are quoted)."""
    found = find_quotes(article.title or "", attributions)
    for quote in found:
        quote.field = "title"
        if quote.speaker and quote.speaker != ANONYMOUS:
            quote.speaker = resolve(quote.speaker, aliases)
    return found


QUOTE_MARKS = "\"“”«»„"


def _is_english(article: Article) -> bool:
    return (article.language or "en").startswith("en")
