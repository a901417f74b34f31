"""Bylines as a reader would write them: the people who wrote the piece, nothing else.

Extractors read bylines from markup that also holds photo credits ("Photo by The Associated
Press"), account menus ("Account You're logged in"), author-box furniture ("View author archive
Get author RSS feed"), e-mail addresses turned into names ("Dmoran Com"), newsrooms, roles and
dates. Each name is kept only when it still looks like a person's name once that is cut away.
"""
from __future__ import annotations

import html
import re

from storylens.clean.metadata import letters

# A name part that opens with one of these is a credit for a picture, not a byline.
CREDIT_START = re.compile(r"^(?:photos?|photograph\w*|image|images|picture|pictures|credit|illustrat\w*|video|"
                          r"graphic\w*|getty|ap photo|foto|bild)\b", re.IGNORECASE)
# Account and login furniture, form labels, and markers no byline contains.
REJECT_WORDS = frozenset(
    "account accounts logged login log logout sign signed register registered password user username "
    "subscriber subscribe submitted anonymous admin administrator guest unknown letters editorial opinion "
    "googletag cmd push dfp function var window document div span null undefined none".split())
# Author-box furniture after the name: the name is what comes before it.
CUT_WORDS = frozenset(
    "com org net co uk follow view email e-mail rss archive archives twitter facebook instagram linkedin comment "
    "comments more posts profile contact bio updated posted published share read see get name".split())
# A part that is a newsroom, a publication or a role names no person.
ORGANISATION_WORDS = frozenset(
    "staff desk news network agency bureau team editorial editors wire press media group magazine online "
    "newspaper times post daily herald tribune journal associated reuters afp ap dpa efe bloomberg cnn bbc "
    "contributor contributors contributing writer writers reporter reporters correspondent editor columnist "
    "producer service services company inc ltd llc".split())
MONTHS_AND_DAYS = frozenset(
    "january february march april may june july august september october november december jan feb mar apr jun "
    "jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday".split())
NAME_PARTICLES = frozenset("de da del della der den van von la le di du bin al el y st".split())
PART_SEPARATOR = re.compile(r"\s*;\s*|\s*\|\s*|\s+and\s+|\s*&\s*|,\s+(?=[A-Z][\w'’.-]+\s+[A-Z])")
MAX_PART_WORDS = 5


def clean_byline(author: str | None, site_names: list[str] = ()) -> str | None:
    """The people a byline names, joined by "; ", or None when it names none."""
    if not author:
        return None
    sites = {letters(name) for name in site_names if letters(name)}
    people: list[str] = []
    for part in PART_SEPARATOR.split(" ".join(html.unescape(author).split())):
        person = person_name(part, sites)
        if person and person.casefold() not in {known.casefold() for known in people}:
            people.append(person)
    return "; ".join(people) or None


def person_name(part: str, sites: set[str]) -> str | None:
    part = re.sub(r"^(?:by|von|por|par|written by|words by)\s+", "", part.strip(" ,.:;-–—()"), flags=re.IGNORECASE)
    if not part or CREDIT_START.match(part) or any(ch.isdigit() for ch in part) or "@" in part:
        return None
    kept: list[str] = []
    for token in part.split():
        bare = token.strip(".,:;()").casefold()
        if bare in CUT_WORDS or (kept and not capitalised(token) and bare not in NAME_PARTICLES):
            break
        kept.append(token)
    folded = [token.strip(".,:;()'’").casefold() for token in kept]
    if not 2 <= len(kept) <= MAX_PART_WORDS or folded[0] == "the":
        return None
    if any(word in REJECT_WORDS or word in ORGANISATION_WORDS or word in MONTHS_AND_DAYS for word in folded):
        return None
    name = " ".join(kept)
    if letters(name) in sites or not all(capitalised(token) or token.casefold() in NAME_PARTICLES for token in kept):
        return None
    return name


def capitalised(token: str) -> bool:
    """A name's word: "Kelly", "O'Donnell", "deCasparis", "MARZULLI"."""
    return token[:1].isupper() or any(ch.isupper() for ch in token[1:])
