"""Title, byline, date and outlet as a plain-text page dump prints them.

Dumps have no markup, so each fact is recognised by the shape of the line that carries it:
a date in any of the usual spellings (several languages), "By Name", a name glued to a date,
"X News Network", a copyright footer, a short masthead line at the very top.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from storylens.clean.lines import GOOD, LineFeatures, Unit, normalise_line

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january jan januar jänner janvier enero gennaio janeiro января січня",
        "february feb februar février febrero febbraio fevereiro февраля лютого",
        "march mar märz mars marzo março марта березня",
        "april apr avril abril aprile апреля квітня",
        "may mai mayo maggio maio мая травня",
        "june jun juni juin junio giugno junho июня червня",
        "july jul juli juillet julio luglio julho июля липня",
        "august aug août agosto августа серпня",
        "september sep sept septembre septiembre setiembre settembre setembro сентября вересня",
        "october oct oktober octobre octubre ottobre outubro октября жовтня",
        "november nov novembre noviembre novembro ноября листопада",
        "december dec dezember décembre diciembre dicembre dezembro декабря грудня",
    ],
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number

WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag lundi mardi mercredi jeudi vendredi samedi "
    "dimanche lunes martes miércoles jueves viernes sábado domingo понедельник вторник среда четверг пятница "
    "суббота воскресенье понеділок вівторок середа четвер пʼятниця п'ятниця субота неділя"
).split()

_MONTH = "(?P<month>" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + r")\.?"
# A word may start here: after a non-letter, or where a name is glued to it ("DoeMonday").
_WORD_START = r"(?:(?<![^\W\d_])|(?<=[a-zà-ÿа-яіїєґ])(?=[A-ZА-ЯІЇЄҐ]))"
_WEEKDAY = ("(?:" + _WORD_START + "(?i:" + "|".join(sorted(map(re.escape, WEEKDAYS), key=len, reverse=True))
            + r")\.?,?\s+)?")
# A number may start after a letter ("Marchuk15 January") but not inside another number.
_NUMBER_START = r"(?<![\d.,])"
# Scrapers glue the time to the year ("January 28, 20253:14 PM"): a year may run into a time.
_YEAR = r"(?P<year>\d{4})(?:(?!\d)|(?=\d{1,2}:\d{2}))"
_TIME = (r"(?:(?:[,\s]+(?:at|um|a las|à|о|в)?\s*|(?<=\d))(?P<hour>\d{1,2})[:h](?P<minute>\d{2})(?!\d)"
         r"(?:\s*(?P<ampm>(?i:[ap]\.?m\.?)))?)?")
DATE_PATTERNS = [
    re.compile(_NUMBER_START + r"(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2}))?(?!\d)"),
    re.compile(_WEEKDAY + _NUMBER_START + r"(?P<day>\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:de\s+)?(?i:" + _MONTH
               + r"),?\s+(?:de\s+|del\s+)?" + _YEAR + _TIME),
    re.compile(_WEEKDAY + _WORD_START + "(?i:" + _MONTH + r")\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR + _TIME),
    re.compile(_NUMBER_START + r"(?P<day>\d{1,2})(?P<sep>[./])(?P<mnum>\d{1,2})(?P=sep)" + _YEAR + _TIME),
]
YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
SCRAPER_DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*(.*)$", re.IGNORECASE)
DATE_LABEL = re.compile(
    r"\b(?:published|posted|updated|modified|veröffentlicht|aktualisiert|publicado|actualizado|publié|"
    r"mis à jour|опубликовано|обновлено|опубліковано|оновлено)\b", re.IGNORECASE)
UPDATED = re.compile(r"\b(?:updated|modified|aktualisiert|actualizado|mis à jour|обновлено|оновлено)\b", re.IGNORECASE)
PUBLISHED = re.compile(r"\b(?:published|posted|veröffentlicht|publicado|publié|опубликовано|опубліковано)\b",
                       re.IGNORECASE)

BYLINE_PREFIX = re.compile(
    r"^(?:by|von|por|par|di|від|автор|author|written by|words by|text|texto|reporting by)\s*:?\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
NAME_PARTICLES = frozenset("de da del della der den van von la le di du bin al el y".split())
# A credit line ("From Tidewire", "Via Newswire", "Source: ...") names where copy came from, not who wrote it.
CREDIT_WORDS = frozenset("from via source courtesy quelle fuente".split())
# Bylines that name a newsroom, not a person: "Staff", "Web Desk", "Reuters".
ORGANISATION_WORDS = frozenset(
    "staff desk news network agency bureau team editorial editors redaktion redacción rédaction service "
    "wire press media online reuters afp ap dpa efe ansa tass interfax ukrinform bloomberg".split()
)
NEWSROOM_LINE = re.compile(
    r"^(?P<name>.+?)\s+(?:news\s+network|news\s+service|news\s+desk|web\s+desk|news\s+bureau|bureau|"
    r"staff\s+reporter|online\s+desk|newsroom)\s*$",
    re.IGNORECASE,
)
COPYRIGHT_OWNER = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?P<name>[^.,|]+?)\s*"
    r"(?:[.,|]|all rights|alle rechte|todos los|tous droits|$)",
    re.IGNORECASE,
)
# Job titles after a name ("Martin Cole, Education Reporter") are not more people.
ROLE_WORDS = re.compile(
    r"\b(?:reporter|correspondent|editor|writer|journalist|columnist|contributor|photographer|analyst|producer|"
    r"redakteur\w*|korrespondent\w*|corresponsal|redactor\w*|journaliste|envoyé\w*|кореспондент\w*|корреспондент\w*)\b",
    re.IGNORECASE,
)
BYLINE_SEPARATOR = re.compile(r"\s*[|•·–—/(]\s*|\s+-\s+")  # what follows is an agency, a role or a date
NAME_LIST_SEPARATOR = re.compile(r",\s*|\s+(?:and|und|y|et|и|і|та)\s+")
NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-ÞА-ЯІЇЄҐ][\w'’.-]*$")


@dataclass(slots=True, frozen=True)
class FoundDate:
    iso: str  # "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"
    start: int
    end: int


@lru_cache(maxsize=8192)  # the same line is asked about by several detectors, and recurs across a site
def find_date(text: str, *, english: bool = True) -> FoundDate | None:
    """The first complete (day, month, year) date printed in `text`, as ISO 8601."""
    if not YEAR_LIKE.search(text):
        return None  # every pattern needs a four-digit year; most lines have none
    found: list[FoundDate] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            iso = iso_from_match(match, english)
            if iso:
                found.append(FoundDate(iso, match.start(), match.end()))
                break
    return min(found, key=lambda date: date.start) if found else None


def iso_from_match(match: re.Match, english: bool) -> str | None:
    parts = match.groupdict()
    year = int(parts["year"])
    day = int(parts["day"])
    if parts.get("month"):
        month = MONTHS[parts["month"].casefold()]
    else:
        month = int(parts["mnum"])
        if parts.get("sep") == "/" and english and day <= 12:
            day, month = month, day  # US order on English pages unless the day is unambiguous
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    if not 1990 <= year <= 2100:
        return None
    if parts.get("hour") is None:
        return date.isoformat()
    hour, minute = int(parts["hour"]), int(parts["minute"])
    ampm = (parts.get("ampm") or "").replace(".", "").casefold()
    hour += 12 if ampm == "pm" and hour < 12 else 0
    hour -= 12 if ampm == "am" and hour == 12 else 0
    if hour > 23 or minute > 59:
        return date.isoformat()
    return f"{date.isoformat()}T{hour:02d}:{minute:02d}"


def scraper_date_line(line: str) -> tuple[str, str] | None:
    """A leading "date YYYY-MM-DD rest" line some scrapers write: (the date, what follows it)."""
    match = SCRAPER_DATE_LINE.match(line)
    if not match:
        return None
    try:
        dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None
    return match.group(1), match.group(2).strip()


def choose_date(header: list[str], first_body: list[str], scraper_date: str | None, *, english: bool) -> str | None:
    """The publication date: the scraper's date line, else a header date (published before
    updated), else a dateline in the first paragraph; a printed time refines the same day."""
    if scraper_date is not None:
        header = header[1:]  # the scraper's own line is not a printed date
    printed = header_date(header, english) or dateline_date(first_body, english)
    if scraper_date is None:
        return printed
    if printed and printed.startswith(scraper_date) and "T" in printed:
        return printed
    return scraper_date


def header_date(header: list[str], english: bool) -> str | None:
    updated: str | None = None
    for line in header:
        date = find_date(line, english=english)
        if not date:
            continue
        if UPDATED.search(line[: date.start]) and not PUBLISHED.search(line[: date.start]):
            updated = updated or date.iso
            continue
        return date.iso
    return updated


def dateline_date(first_body: list[str], english: bool) -> str | None:
    """ "City, November 11, 2024: ..." — a date in the opening words of the first paragraphs."""
    for line in first_body[:2]:
        date = find_date(line[:90], english=english)
        if date:
            return date.iso
    return None


def is_metadata_line(features: LineFeatures, english: bool) -> bool:
    """Date, byline and newsroom lines (a dateline opening a paragraph is body, not this)."""
    if features.words > 30:
        return False
    if DATE_LABEL.search(features.text) and find_date(features.text, english=english):
        return True  # "Published: 2 April 2025 | Updated: ..."
    if features.words > 14 or (features.sentence_end and features.stop_share >= 0.2):
        return False
    return bool(byline_author(features.text, english=english) or NEWSROOM_LINE.match(features.text)
                or is_date_stamp(features, english))


def is_date_stamp(features: LineFeatures, english: bool) -> bool:
    """A line that is mostly a date ("Published 3 March 2025, 10:15 | Updated ...")."""
    date = find_date(features.text, english=english)
    return bool(date) and (date.end - date.start) * 2 >= len(features.text) - 12


def looks_like_name(text: str) -> bool:
    """1–4 capitalised words (particles allowed), no digits, not a newsroom: a person's name."""
    tokens = text.replace(",", " ").split()
    if not 1 <= len(tokens) <= 5 or any(ch.isdigit() for ch in text):
        return False
    if is_organisation(text) or tokens[0].casefold().strip(":") in CREDIT_WORDS:
        return False
    named = [token for token in tokens if token.casefold() not in NAME_PARTICLES]
    return len(named) >= 2 and all(NAME_TOKEN.match(token) for token in named)


def clean_author(text: str) -> str | None:
    """The people a byline names: "Jane Doe | Reuters" → "Jane Doe", "Jane Doe, Education Reporter"
    → "Jane Doe", "Jane Doe and John Roe" → "Jane Doe, John Roe"; None unless all else are names."""
    text = BYLINE_SEPARATOR.split(text)[0]
    parts = [part.strip(" ,;:") for part in NAME_LIST_SEPARATOR.split(text) if part.strip(" ,;:")]
    people = [part for part in parts if not (ROLE_WORDS.search(part) or is_organisation(part))]
    if people and all(looks_like_name(person) for person in people):
        return ", ".join(people)
    return None


def is_organisation(text: str) -> bool:
    return any(token.casefold().strip(".") in ORGANISATION_WORDS for token in text.split())


def byline_author(line: str, *, english: bool) -> str | None:
    """The author a header line names: "By Jane Doe | AP", "Jane DoeMonday, 3 March 2025"."""
    if len(line.split()) > 14:
        return None
    match = BYLINE_PREFIX.match(line.strip())
    if match:
        rest = match.group("rest")
        date = find_date(rest, english=english)
        return clean_author(rest[: date.start] if date else rest)
    date = find_date(line, english=english)
    if not date:
        return None
    after = BYLINE_PREFIX.match(line[date.end:].strip())  # "Posted on May 12, 2025 by Tom Whitfield"
    if after:
        return clean_author(after.group("rest"))
    return clean_author(line[: date.start]) if date.start > 0 else None


def choose_author(header: list[str], *, english: bool) -> str | None:
    """A byline in the header; else a bare name standing next to a date line."""
    for line in header:
        author = byline_author(line, english=english)
        if author:
            return author
    for index, line in enumerate(header):
        neighbours = header[max(0, index - 1): index] + header[index + 1: index + 2]
        if looks_like_name(line) and len(line.split()) <= 4 and any(find_date(n, english=english) for n in neighbours):
            return line.strip()
    return None


def choose_outlet(lines: list[str], masthead_candidates: list[str], first_body_index: int) -> str | None:
    """Where the page names itself: a masthead line on top, "X News Network", a copyright footer.

    A masthead is trusted when the newsroom line or the copyright footer names the same house
    (they share a word: "Metro Wire" / "Metro Wire Media Group"), or when it is the page's
    first line. "Source: X" and agency credits name who is cited, not who publishes: never used.
    """
    newsroom = next((m.group("name").strip() for line in lines[:first_body_index + 1]
                     if (m := NEWSROOM_LINE.match(line.strip())) and len(line.split()) <= 7), None)
    owner = next((name for line in reversed(lines) if (name := copyright_name(line))), None)
    mastheads = [line.strip() for line in masthead_candidates if is_masthead_shaped(line)]
    for masthead in mastheads:
        if any(shares_name_word(masthead, other) for other in (newsroom, owner) if other):
            return masthead
    if newsroom or owner:
        return newsroom or owner
    if mastheads and len(mastheads[0].split()) >= 2 and mastheads[0] == masthead_candidates[0].strip():
        return mastheads[0]
    return None


def shares_name_word(one: str, other: str) -> bool:
    words = {word.casefold() for word in re.findall(r"[^\W\d_]{3,}", one)} - {"the", "news"}
    return bool(words & {word.casefold() for word in re.findall(r"[^\W\d_]{3,}", other)})


def copyright_name(line: str) -> str | None:
    if len(line.split()) > 25:
        return None
    match = COPYRIGHT_OWNER.search(line)
    if not match:
        return None
    name = re.sub(r"\s*\b\d{4}\b.*$", "", match.group("name")).strip(" -–—")
    if not name or len(name.split()) > 6 or not any(ch.isalpha() for ch in name):
        return None
    return name


def is_masthead_shaped(line: str) -> bool:
    """1–5 words of letters, no digits, no sentence: a name set as a banner."""
    tokens = line.split()
    if not 1 <= len(tokens) <= 5 or any(ch.isdigit() for ch in line) or line.rstrip()[-1:] in ".!?:,":
        return False
    return all(re.fullmatch(r"[^\W\d_]+(?:['’&.-][^\W\d_]*)*|&", token) for token in tokens)


def choose_title(units: list[Unit], block_start: int, scraper_rest: str | None) -> int | None:
    """The headline: a headline-shaped unit above the article, best if the page prints it twice
    (or the scraper's date line repeats it)."""
    end = block_start if block_start < len(units) else min(15, len(units))
    candidates = units[:end]
    counts = Counter(unit.key for unit in units)
    if scraper_rest:
        counts[normalise_line(scraper_rest)] += 1
    best, best_score = None, 0.5
    for index in range(len(candidates) - 1, -1, -1):
        unit = candidates[index]
        score = title_score(unit, counts[unit.key] > 1, len(candidates) - 1 - index)
        if any(following.metadata for following in units[index + 1:index + 3]):
            score += 0.5  # headlines sit right above their byline and date
        if score > best_score:
            best, best_score = index, score
    return best


def title_score(unit: Unit, printed_twice: bool, distance: int) -> float:
    features = unit.features
    if unit.metadata or features.furniture or features.credit or features.bullet:
        return 0.0
    if not 3 <= features.words <= 30 or features.boundary:
        return 0.0
    score = 1.0 + (1.5 if printed_twice else 0.0) + (0.5 if 5 <= features.words <= 20 else 0.0)
    if features.text.endswith(".") or unit.cls == GOOD:
        score -= 1.0  # a standfirst or a paragraph, not a headline
    if features.lowercase_start or features.text.isupper():
        score -= 0.5  # a kicker or a masthead
    if unit.site_furniture:
        score -= 0.7  # site-wide, unless it is this page's headline also listed on other pages
    return score - 0.05 * distance


def page_outlet(units: list[Unit], title_index: int | None, block_start: int) -> str | None:
    """The outlet, with the plain lines above the headline as masthead candidates."""
    top = title_index if title_index is not None else block_start
    candidates = [unit.features.text for unit in units[:top]
                  if not (unit.features.furniture or unit.metadata or unit.features.credit)][:3]
    texts = [unit.features.text for unit in units if not unit.features.credit]
    return tidy_outlet_case(choose_outlet(texts, candidates, block_start), texts)


def tidy_outlet_case(outlet: str | None, texts: list[str]) -> str | None:
    """An all-lowercase or all-capitals masthead takes the capitalisation the page prints elsewhere."""
    if not outlet or not (outlet.islower() or outlet.isupper()):
        return outlet
    pattern = re.compile(re.escape(outlet), re.IGNORECASE)
    for text in texts:
        match = pattern.search(text)
        if match and not (match.group(0).islower() or match.group(0).isupper()):
            return match.group(0)
    return outlet
