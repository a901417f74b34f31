"""Everything the claims stage finds in a story's articles, in two parts.

- Per article (`parse_articles`): sentences, attributions as the parser reads them (no speaker
  names yet), figures, denial sentences, the wire agency. This is the costly part (the parser),
  and it depends on the article alone, so a scaled-out ingest runs it on the workers and stores
  it (`findings_record`, read back by `findings_from_record`).
- Per story (`story_findings`): speakers normalised across the story's outlets, so "Peskov" in
  one article and "Kremlin spokesman Dmitry Peskov" in another are one speaker; the quotes,
  whose speakers are those names; who denies, named the story's way; the quotes of titles; and
  which article copies which.

Attributions and quotes need the English parser, so other languages get sentences and figures
only. `find_in_stories` runs both parts, as every caller did before the split.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from storylens.claims.attribution import attributions_of_texts
from storylens.claims.denial_roles import OUTLET
from storylens.claims.denials import denials_of_texts
from storylens.claims.numbers import find_quantities
from storylens.claims.quotes import find_quotes
from storylens.claims.speakers import ANONYMOUS, normalise_speakers, resolve
from storylens.claims.wire import wire_agency
from storylens.enrich.sentences import split_sentences
from storylens.model import Article, ArticleFindings, Attribution, Quote


def find_in_stories(
    stories: Sequence[Sequence[Article]], copies: Mapping[str, str] | None = None
) -> list[list[ArticleFindings]]:
    """Findings per article per story; `copies` maps a copy's id to its original's.

    The parser runs once over the English articles of all stories (batching is what makes
    it fast); speakers are then normalised story by story."""
    parsed = iter(parse_articles([article for story in stories for article in story], denials=False))
    stories_parsed = [[next(parsed) for _ in story] for story in stories]
    return stories_findings(stories_parsed, copies, denials_read=False)


def find_in_story(articles: Sequence[Article], copies: Mapping[str, str] | None = None) -> list[ArticleFindings]:
    return find_in_stories([articles], copies)[0]


def parse_articles(articles: Sequence[Article], *, denials: bool = True) -> list[ArticleFindings]:
    """The per-article part: what each article says on its own, in one parser batch. Speakers are
    not named yet and there are no quotes: both depend on the story (`story_findings`).

    The denial sentences are read here from the parser's attributions; which sentences deny
    does not depend on the speakers' names, only who denies does (`story_findings` reads it
    again for the articles that hold a denial). `denials=False` leaves them to the story part."""
    english = [i for i, article in enumerate(articles) if _is_english(article)]
    attributions: list[list[Attribution]] = [[] for _ in articles]
    for index, found in zip(english, attributions_of_texts(articles[i].text for i in english)):
        attributions[index] = found
    parsed = [ArticleFindings(article=article, sentences=split_sentences(article.text), attributions=found,
                              quantities=find_quantities(article.text), wire=wire_agency(article.text))
              for article, found in zip(articles, attributions)]
    if denials:
        _read_denials(parsed)
    return parsed


def stories_findings(stories: Sequence[Sequence[ArticleFindings]], copies: Mapping[str, str] | None = None, *,
                     denials_read: bool = True) -> list[list[ArticleFindings]]:
    """The story part for several stories, their quoted titles parsed in one batch. The given
    findings (`parse_articles`, or read back from the store) are not changed."""
    titles = [[_quoted_title(parsed.article) for parsed in story] for story in stories]
    wanted = [parsed.article.title for story, quoted in zip(stories, titles) for parsed, q in zip(story, quoted) if q]
    title_attributions = iter(attributions_of_texts(wanted))
    return [story_findings(story, copies, denials_read=denials_read,
                           title_attributions=[next(title_attributions) if q else None for q in quoted])
            for story, quoted in zip(stories, titles)]


def story_findings(parsed: Sequence[ArticleFindings], copies: Mapping[str, str] | None = None, *,
                   denials_read: bool = True,
                   title_attributions: Sequence[list[Attribution] | None] | None = None) -> list[ArticleFindings]:
    """One story's findings from its articles' per-article findings.

    `denials_read`: the parsed findings hold their denial sentences, so only the articles with
    one are read again (with the story's speaker names, for who denies); else all are read.
    `title_attributions` (per article, None for a title without quotation marks) saves parsing
    the titles here."""
    copies = copies or {}
    members = {f.article.id for f in parsed}
    found = [ArticleFindings(article=f.article, sentences=list(f.sentences), attributions=speakerless(f.attributions),
                             quantities=f.quantities, copy_of=_original(f.article.id, copies, members), wire=f.wire)
             for f in parsed]
    aliases = normalise_speakers([f.article.text for f in found], [f.attributions for f in found],
                                 [f.article.outlet for f in found])
    for f in found:
        f.quotes = find_quotes(f.article.text, f.attributions) if f.attributions else []
    _read_denials([f for f, before in zip(found, parsed) if before.denials or not denials_read])
    if title_attributions is None:
        quoted = [f for f in found if _quoted_title(f.article)]
        by_id = dict(zip((f.article.id for f in quoted), attributions_of_texts(f.article.title for f in quoted)))
        title_attributions = [by_id.get(f.article.id) for f in found]
    for f, attributions in zip(found, title_attributions):
        if attributions is not None:
            f.quotes += title_quotes(f.article, attributions, aliases)
        for denial in f.denials:  # "The authority" denying is the story's Calderwick Port Authority
            if denial.by and denial.by != OUTLET:
                denial.by = resolve(denial.by, aliases)
    return found


def _read_denials(findings: Sequence[ArticleFindings]) -> None:
    """Fill `denials` of each findings, read in one batch from its text, sentences and attributions."""
    if not findings:
        return
    read = denials_of_texts([f.article.text for f in findings], [f.sentences for f in findings],
                            [f.attributions for f in findings])
    for f, denials in zip(findings, read):
        f.denials = denials


def _original(article_id: str, copies: Mapping[str, str], members: set[str]) -> str | None:
    original = copies.get(article_id)
    return original if original in members else None


def speakerless(attributions: Sequence[Attribution]) -> list[Attribution]:
    """Copies of the attributions as the parser gives them, before any speaker is named (story
    parts name them in place, and the per-article findings are read by every story that holds them)."""
    return [Attribution(a.source, a.cue, a.content, a.kind) for a in attributions]


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


def _quoted_title(article: Article) -> bool:
    return _is_english(article) and any(mark in (article.title or "") for mark in QUOTE_MARKS)


def _is_english(article: Article) -> bool:
    return (article.language or "en").startswith("en")
