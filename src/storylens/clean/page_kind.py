"""Pages that are not articles: error pages, login walls, home pages and section fronts.

A reader skips them at a glance; an extractor does not, and finds a 45-character "Forbidden"
or a list of teasers and calls it an article. Each rule needs two signs that agree (what the
page calls itself, and how little running prose it holds), so a short real news item passes.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from storylens.clean.metadata import BREADCRUMB_SEPARATOR, TITLE_SEPARATOR
from storylens.clean.page_signals import PageSignals

ERROR_PAGE = re.compile(
    r"^\s*(?:error\s*:?\s*)?(?:40[0134]|41[01]|429|50[0234])\b|"
    r"\b(?:page|file|article|story|content)\s+(?:was\s+)?(?:not\s+found|(?:could|can)\s*not\s+be\s+found|"
    r"(?:does\s+not|doesn'?t|no\s+longer)\s+exists?)\b|"
    r"^\s*not\s+found\b|^\s*forbidden\b|\baccess\s+(?:denied|forbidden)\b|\bforbidden\s*$|"
    r"\b(?:service|site)\s+(?:temporarily\s+)?unavailable\b|\binternal\s+server\s+error\b|\bbad\s+gateway\b|"
    r"\bseite\s+nicht\s+gefunden\b|\bp[aá]gina\s+no\s+encontrada\b|\bpage\s+introuvable\b|"
    r"\bстраница\s+не\s+найдена\b|\bсторінк[уа]\s+не\s+знайдено\b",
    re.IGNORECASE,
)
LOGIN_WALL = re.compile(
    r"\b(?:sign|log)\s*in\s+to\s+(?:continue|read|view|access)\b|\bplease\s+(?:sign|log)\s*in\b|"
    r"\byou\s+must\s+be\s+logged\s+in\b|\bsubscribe\s+to\s+(?:continue|read|keep\s+reading)\b|"
    r"\bto\s+continue\s+reading\b|\bthis\s+(?:content|article)\s+is\s+(?:only\s+)?(?:for|available\s+to)\s+"
    r"(?:subscribers|members)\b|\bcreate\s+(?:a\s+free\s+|an\s+)?account\s+to\s+(?:continue|read)\b",
    re.IGNORECASE,
)
# Error and login pages print a line or two; an article that mentions "404" has paragraphs.
SHORT_PAGE_WORDS = 120
# A front page: most of its text is link text, it links many headlines, and what the extractor
# kept is a teaser. Measured on newspaper's test pages: articles with heavy navigation reach a
# link share of 0.82 (usnews.com) but keep 2,000+ characters of prose; the CNN front keeps 180.
FRONT_LINK_SHARE = 0.6
FRONT_HEADLINE_LINKS = 50
FRONT_BODY_WORDS = 150
HOME_PATHS = frozenset({"", "/index.html", "/index.htm", "/index.php", "/home", "/default.aspx", "/start",
                        "/startseite"})
# A language's root is the site's home too: austria.info/de, deutschland.de/en, nytimes.com/es/.
LANGUAGE_ROOT = re.compile(r"/[a-z]{2}(?:[-_][a-z]{2})?", re.IGNORECASE)
# A canonical link to the root on a page without links is a misconfigured article, not a front,
# when it holds prose; with less than FRONT_BODY_WORDS it is a home page whatever it declares (a
# radio station's home declared "article" and kept 30 words: adbar/htmldate's test set).
HOME_HEADLINE_LINKS = 10
# A title naming the page "Home" or "Startseite" ("# Home | deutschland.de", "Startseite: Offizielles
# Internetangebot der Stadt Stuttgart") is a home page unless the page declares an article.
HOME_TITLE_PART = re.compile(r"^\W*(?:home|homepage|home page|startseite|accueil|inicio|página inicial|"
                             r"pagina iniziale|strona główna|главная)\W*$", re.IGNORECASE)
# A page titled only by its site's name is its home page or a front, not a story: the title of a
# story names the story. Two signs make the name: a title whose every part holds its shortest
# part ("The Wendell Courier en Español - The Wendell Courier", the NYT's Spanish front in
# mozilla/readability's test pages), or at a home address a title that is the declared
# og:site_name. At a home address that is enough (that front declared "article" and kept 541
# words of teasers); elsewhere the prose must also be short or the text mostly links.
SITE_TITLE_BODY_WORDS = 300
SITE_TITLE_LINK_SHARE = 0.5
# At the home address, the article a misconfigured canonical link hides has a paragraph of
# running prose (oberstdorfresort.de: 122 words); a front's teasers and labels do not, and most of
# its lines are short (austria.info/de, which declares "article": 161 words in ten paragraphs,
# none over 40, median 10). Both signs are needed: a news story of one-sentence paragraphs has
# no long one either, but its median paragraph is a full sentence.
HOME_PARAGRAPH_WORDS = 60
HOME_MEDIAN_PARAGRAPH_WORDS = 20
# A short page that is all table cells ("| Sonntags | 10:00 Uhr |", a club's training times) and
# declares no article holds no story: trafilatura prints a table's rows as "| a | b |".
TABLE_ROW = "|"
TABLE_PAGE_SHARE = 0.9
# At any length, a page whose text is all list items and table rows with no paragraph of running
# prose is a listing (a server's status page, a directory of links), not a story.
LIST_ITEM = "- "
# A page that is mostly links and holds only teasers is a front wherever it sits: a section front
# keeps more than FRONT_BODY_WORDS of one-line teasers (chip.de's test category: 192 words in 21
# list items, none over 12 words, 85% of its text in 66 headline links).
# A page titled by a section's name that its address repeats ("blog | Site" at /blog/) is that
# section's index, though it may print whole posts.
SECTION_TITLE_PART = re.compile(r"^\W*(?:blog|news|archive|archiv|aktuelles|nachrichten|neuigkeiten|noticias|"
                                r"actualités|actualites|articles|artikel|beiträge|posts|category|kategorie)\W*$",
                                re.IGNORECASE)
# An address that names one story (a slug of five words or more, or a long number) is an
# article's even when most of its page is links: two real articles (hertie-school.org, news.am)
# kept under 90 words of prose beside 85-101 headline links and were skipped as fronts.
ARTICLE_SLUG_WORDS = 5
ARTICLE_NUMBER = re.compile(r"\d{5,}")


def not_article_reason(paragraphs: list[str], title: str | None, signals: PageSignals | None,
                       url: str | None = None) -> str | None:
    """Why this page is not an article, or None when it may be one."""
    words = sum(len(paragraph.split()) for paragraph in paragraphs)
    if words <= SHORT_PAGE_WORDS:
        reason = short_page_reason(paragraphs, title, signals)
        if reason:
            return reason
    if signals is None:
        return None
    address = url or signals.url
    at_home = bool(address and is_home_address(address))
    if at_home and words < FRONT_BODY_WORDS:
        return f"a home page ({address[:80]}, {words} words of prose)"
    if titled_by_the_site_name(signals, at_home) and (
            at_home or words < SITE_TITLE_BODY_WORDS or signals.link_share >= SITE_TITLE_LINK_SHARE):
        return f"a home page (titled only by the site's name, {signals.title[:60]!r})"
    if at_home and holds_only_teasers(paragraphs):
        return f"a home page ({address[:80]}, teasers: no paragraph of {HOME_PARAGRAPH_WORDS} words)"
    if signals.declares_article or signals.declares_media:
        return None
    if words <= SHORT_PAGE_WORDS and table_words(paragraphs) >= TABLE_PAGE_SHARE * words > 0:
        return f"a table, not an article ({words} words, all in table cells)"
    if listing_words(paragraphs) >= TABLE_PAGE_SHARE * words > 0 and holds_only_teasers(paragraphs):
        return f"a list or table, not an article ({words} words in list items and table rows, no paragraph of prose)"
    if title_names_its_section(signals.title, address):
        return f"a section's index (titled {signals.title[:60]!r})"
    if at_home and signals.headline_links >= HOME_HEADLINE_LINKS:
        return f"a home page ({address[:80]})"
    if title_names_a_home_page(signals.title):
        return f"a home page (titled {signals.title[:60]!r})"
    if (signals.link_share >= FRONT_LINK_SHARE and signals.headline_links >= FRONT_HEADLINE_LINKS
            and (words < FRONT_BODY_WORDS or holds_only_teasers(paragraphs))
            and not (address and names_one_story(address))):
        return (f"mostly links: {signals.headline_links} headline links, {signals.link_share:.0%} of the text "
                f"in links, {words} words of prose")
    return None


def holds_only_teasers(paragraphs: list[str]) -> bool:
    lengths = sorted(len(paragraph.split()) for paragraph in paragraphs)
    return bool(lengths) and lengths[-1] < HOME_PARAGRAPH_WORDS and lengths[len(lengths) // 2] < HOME_MEDIAN_PARAGRAPH_WORDS


def table_words(paragraphs: list[str]) -> int:
    return sum(len(paragraph.split()) for paragraph in paragraphs if paragraph.lstrip().startswith(TABLE_ROW))


def listing_words(paragraphs: list[str]) -> int:
    return sum(len(paragraph.split()) for paragraph in paragraphs if paragraph.lstrip().startswith((TABLE_ROW, LIST_ITEM)))


def title_names_its_section(title: str | None, address: str | None) -> bool:
    if not (title and address):
        return False
    last = urlsplit(address).path.rstrip("/").rsplit("/", 1)[-1].casefold()
    parts = [part.strip() for part in TITLE_SEPARATOR.split(title) if part.strip()]
    return any(SECTION_TITLE_PART.match(part) and part.strip(" -|").casefold() == last for part in parts)


def is_home_address(address: str) -> bool:
    """The site's root ("https://uk.example.com/"); "/?p=123" is a WordPress article, not the root."""
    parts = urlsplit(address)
    path = parts.path.rstrip("/")
    return not parts.query and (path.casefold() in HOME_PATHS or bool(LANGUAGE_ROOT.fullmatch(path)))


def title_names_a_home_page(title: str | None) -> bool:
    parts = (crumb for part in TITLE_SEPARATOR.split(title or "") for crumb in BREADCRUMB_SEPARATOR.split(part))
    return any(HOME_TITLE_PART.match(part) for part in parts)


def titled_by_the_site_name(signals: PageSignals, at_home: bool) -> bool:
    """Only at a home address does a title equal to og:site_name count: a blog may declare each
    post's title as its site name (a Japanese blog in htmldate's test set)."""
    title = " ".join((signals.title or "").casefold().split())
    if not title:
        return False
    if at_home and any(title == " ".join(name.casefold().split()) for name in signals.site_names):
        return True
    parts = [part.strip() for part in TITLE_SEPARATOR.split(title) if part.strip()]
    shortest = min(parts, key=len) if len(parts) >= 2 else ""
    return len(shortest.split()) >= 2 and all(shortest in part for part in parts)


def names_one_story(address: str) -> bool:
    """A story's own address: "/2024/whats-on-the-cards-for-the-board/", "/news/615163.html"."""
    parts = urlsplit(address)
    last = parts.path.rstrip("/").rsplit("/", 1)[-1]
    return len(re.split(r"[-_]+", last)) >= ARTICLE_SLUG_WORDS or bool(ARTICLE_NUMBER.search(parts.path + parts.query))


def short_page_reason(paragraphs: list[str], title: str | None, signals: PageSignals | None) -> str | None:
    heading = signals.heading if signals else None
    named = [value for value in (title, heading, signals.title if signals else None) if value]
    shown = paragraphs[:3] if sum(len(paragraph.split()) for paragraph in paragraphs) <= 40 else []
    for text in named + shown:
        if ERROR_PAGE.search(text[:200]):
            return f"an error page ({text[:60]!r})"
    for text in named + paragraphs[:5]:
        if LOGIN_WALL.search(text[:400]):
            return f"a login or subscription wall ({text[:60]!r})"
    return None
