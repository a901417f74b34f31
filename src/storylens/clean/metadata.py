"""Dates and outlet names, normalised the same way whichever container or page they came from."""
from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from urllib.parse import urlsplit

from dateutil import parser as dateparser
from tld import get_fld

# News older than this is almost certainly a mis-parse (a founding year, a copyright line),
# and a date far in the future is a typo or a template placeholder.
EARLIEST_YEAR = 1900
FUTURE_SLACK = dt.timedelta(days=366)


def normalise_date(value: str | None) -> str | None:
    """ISO 8601 from whatever a page or container printed; None when it is missing or absurd.

    A bare date stays a date ("2024-11-11"); a timestamp keeps its time and zone.
    """
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        has_time = "T" in text or " " in text
    except ValueError:
        try:
            parsed = dateparser.parse(text)
        except (ValueError, OverflowError):
            return None
        has_time = parsed.time() != dt.time(0)
    if not plausible(parsed):
        return None
    return parsed.isoformat() if has_time else parsed.date().isoformat()


def plausible(moment: dt.datetime) -> bool:
    latest = dt.datetime.now() + FUTURE_SLACK
    return EARLIEST_YEAR <= moment.year and moment.replace(tzinfo=None) <= latest


def outlet_from_url(url: str | None) -> str | None:
    """The registered domain ("bbc.co.uk" for news.bbc.co.uk), else the host without "www."."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    if not host:
        return None
    registered = get_fld(url, fail_silently=True)
    if registered:
        return registered
    return host.removeprefix("www.")


# --- the outlet: the site's own name, never a section, a year, a headline or an address ------

# Words of section and blog names ("Letters to the Editor", "Opinion Blog"): a name made only of
# these (and small words) names a part of the site, not the site.
SECTION_WORDS = frozenset(
    "letters letter editor editors opinion opinions blog blogs column columns section sections home homepage "
    "latest breaking local national world sport sports business politics entertainment lifestyle features "
    "video videos photos gallery archive archives views commentary editorial editorials reviews to the of and "
    "from our your a an in on for".split())
# Site name, headline and section are joined by these in titles and combined site names.
TITLE_SEPARATOR = re.compile(r"\s+[|·•–—-]\s+|\s*\|\s*|\s+::\s+|(?<=\S):\s+")
BREADCRUMB_SEPARATOR = re.compile(r"\s+[»›]\s+")
QUERY_OR_ADDRESS = re.compile(r"[?=<>{}]|https?:|/\S|@")
COPYRIGHT_MARK = re.compile(r"©|\(c\)|copyright", re.IGNORECASE)
# A name of run-together words with inner capitals or underscores ("Reuters_Co_Uk", "TheAVClub",
# "ReutersIndia") is a social-media handle; trafilatura picks these from twitter:site.
HANDLE = re.compile(r"^\S*(?:_\S*|[a-z][A-Z]\S*|[A-Z]{2,}[a-z]{3,}\S*)$")
MAX_OUTLET_WORDS = 6
MAX_OUTLET_CHARS = 60
# Outlet words this long shared with the domain name are enough ("traveler" in cntraveler.com).
SHARED_WORD_CHARS = 5


def letters(text: str) -> str:
    """Lower-case letters and digits only, accents removed: how a name is compared with a domain."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def domain_label(url: str | None) -> str | None:
    """ "telegraph" for www.telegraph.co.uk, "dallasnews" for blog.dallasnews.com."""
    registered = outlet_from_url(url)
    return letters(registered.split(".")[0]) if registered else None


def names_domain(name: str, label: str | None) -> bool:
    """The name spells the domain ("The Daily Caller" ~ dailycaller), its initials do ("Better
    Homes and Gardens" ~ bhg), or it shares a long word with it ("Condé Nast Traveler" ~ cntraveler)."""
    if not label or len(label) < 2:
        return False
    squeezed = letters(name)
    if squeezed == label or (len(squeezed) >= 3 and squeezed in label) or label in squeezed:
        return True
    words = [letters(word) for word in re.findall(r"[^\W_]+", name)]
    initials = "".join(word[0] for word in words if word and word not in {"and", "the", "of"})
    if len(initials) >= 2 and label.startswith(initials):
        return True
    return any(len(word) >= SHARED_WORD_CHARS and word in label for word in words)


def plausible_outlet(name: str, headlines: list[str]) -> bool:
    """Not a year, a copyright line, an address, a handle, a section or a headline."""
    words = name.split()
    if not any(ch.isalpha() for ch in name) or len(words) > MAX_OUTLET_WORDS or len(name) > MAX_OUTLET_CHARS:
        return False
    if COPYRIGHT_MARK.search(name) or QUERY_OR_ADDRESS.search(name) or "_" in name:
        return False
    if all(letters(word) in SECTION_WORDS for word in words):
        return False
    squeezed = letters(name)
    return not any(squeezed and squeezed == letters(headline) for headline in headlines if headline)


def site_part(name: str, label: str | None) -> str:
    """ "pixelmonkey.org - Andrew's blog" → "pixelmonkey.org"; "WIRED: WIRED" → "WIRED"."""
    parts = [part.strip() for part in TITLE_SEPARATOR.split(name) if part.strip()]
    if len(parts) < 2:
        return name
    return next((part for part in parts if names_domain(part, label)), parts[0])


def choose_outlet(site_names: list[str], extracted: str | None, title: str | None, url: str | None,
                  page_title: str | None = None) -> str | None:
    """The outlet: the page's declared site name, else the site's name in its title, else the
    extractor's guess when it is a plain name (not a handle), else the registered domain.

    Only the title counts as a headline here: many sites set their logo as the page's <h1>.
    """
    label = domain_label(url)
    headlines = [title] if title else []
    for name in site_names:
        name = site_part(html.unescape(name).strip(), label)
        if plausible_outlet(name, headlines):
            return name
    named_in_title = title_site_segment(page_title or title, label)
    if named_in_title and plausible_outlet(named_in_title, []):
        return named_in_title
    if extracted:
        extracted = html.unescape(extracted).strip()
        if "." in extracted and " " not in extracted and get_fld(f"http://{extracted}", fail_silently=True):
            return get_fld(f"http://{extracted}", fail_silently=True)  # a host name: "video.usnews.com"
        if plausible_outlet(extracted, headlines) and not HANDLE.match(extracted):
            return extracted
    return outlet_from_url(url)


def title_site_segment(title: str | None, label: str | None) -> str | None:
    """The segment at either end of a title that spells the domain ("… | Dallas Morning News")."""
    if not title or not label:
        return None
    parts = [part.strip() for part in TITLE_SEPARATOR.split(title) if part.strip()]
    if len(parts) < 2:
        return None
    for part in (parts[-1], parts[0]):
        if len(part.split()) <= MAX_OUTLET_WORDS and names_domain(part, label):
            return part
    return None


# --- the title: the headline without the site's name around it ------------------------------


def clean_title(title: str | None, site_names: list[str], url: str | None) -> str | None:
    """ "How Butterflies Get Their Shine | WIRED" → "How Butterflies Get Their Shine"; a breadcrumb
    title ("Headline » Local » News » Site") keeps its headline."""
    if not title:
        return None
    text = " ".join(html.unescape(title).split())
    if BREADCRUMB_SEPARATOR.search(text):
        text = max(BREADCRUMB_SEPARATOR.split(text), key=len)
    label = domain_label(url)
    names = [letters(name) for name in site_names if letters(name)]
    pieces = TITLE_SEPARATOR.split(text)
    separators = TITLE_SEPARATOR.findall(text)
    while len(pieces) > 1 and names_site(pieces[-1], label, names):
        pieces.pop()
        separators.pop()
    while len(pieces) > 1 and names_site(pieces[0], label, names):
        pieces.pop(0)
        separators.pop(0)
    kept = pieces[0] + "".join(sep + piece for sep, piece in zip(separators, pieces[1:]))
    return kept.strip() or text


def names_site(segment: str, label: str | None, names: list[str]) -> bool:
    """A title segment of a few words that is the site's name ("Telegraph", "GQ on Style")."""
    segment = segment.strip()
    if not segment or len(segment.split()) > 4:
        return False
    squeezed = letters(segment)
    words = {letters(word) for word in segment.split()}
    if any(squeezed == name or name in words or (len(name) >= 4 and name in squeezed) for name in names):
        return True
    return names_domain(segment, label)
