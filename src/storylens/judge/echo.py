"""Echo collapse: who stands first-hand behind a mention, so repeats add no origin.

An outlet citing another outlet adds that outlet, not itself; a named person or agency is
their own origin; anonymous sources belong to the outlet that cites them ("people familiar
with the matter told the Post" is the Post's origin, however many outlets repeat it); a
near-verbatim copy adds nothing. Names are compared by a loose key so "the Post's" spelled
"The Washington Post", "Washington Post" and "washingtonpost.com" count once.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from storylens.claims.cues import OUTLET_WORDS, SPEECH_VERBS
from storylens.claims.speakers import is_organisation
from storylens.claims.wire import agency_name
from storylens.model import Attribution, AttributionKind

# Verbs that pass on what someone said or found; other attribution cues (believe, want,
# advise) are part of what is reported, not a link to who reports it.
REPORTING_VERBS = SPEECH_VERBS | frozenset(
    """report reports reported reporting reveal revealed reveals disclose disclosed discloses
    allege alleged alleges cite cited cites citing quote quoted quotes""".split()
)
# Capitalised words that name nobody.
_NOT_NAMES = frozenset("the a an one he she they it we i his her their its this that nobody someone".split())
_COORDINATION = re.compile(r"\s*(?:,|\band\b|&)\s*")
_AND = re.compile(r"\s*(?:\band\b|&)\s*")
# "the Gazette's editor", "a long-time strategist": a description of the name beside it.
_DESCRIPTION = re.compile(r"^(?i:the|a|an|his|her|its|their)\s+(?:\S+\s+)*[a-z][\w-]*$")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_DOMAIN_END = re.compile(r"\.(com|org|net|co\.uk|co|info|news|ua|ru|de|fr|uk|in|eu)$")


def name_key(name: str) -> str:
    """A loose identity for a source or outlet name; a wire agency's editions share the agency's."""
    agency = agency_name(name)
    if agency:
        return _NOT_ALNUM.sub("", agency.casefold())
    lowered = name.casefold().strip()
    lowered = re.sub(r"^(www\.)", "", lowered)
    lowered = _DOMAIN_END.sub("", lowered)
    lowered = re.sub(r"^the\s+", "", lowered)
    lowered = re.sub(r"[’']s$", "", lowered)
    return _NOT_ALNUM.sub("", lowered)


# What follows a directive ("told Putin not to escalate", "urged them to leave"): an order or a
# request is something that happened, not a fact passed on.
_DIRECTIVE = re.compile(r"(?:not\s+)?to\s", re.IGNORECASE)


def is_report(attribution: Attribution) -> bool:
    """Whether an attribution passes on what someone said or found (a link of a chain).

    Not a directive: in "Trump reportedly told Putin not to escalate the war", Trump telling
    Putin is the reported event; who reports it is whoever "reportedly" stands for."""
    if attribution.kind != AttributionKind.INDIRECT:
        return True  # quotes, "according to", "citing", "reportedly"
    if _DIRECTIVE.match(attribution.content.text):
        return False
    return attribution.cue.text.split()[0].casefold() in REPORTING_VERBS if attribution.cue.text.strip() else False


def mention_origins(chain: list[Attribution], outlet: str, anonymous_owner: str | None) -> list[str]:
    """The first-hand sources behind one mention: the innermost named source of its chain.

    A source that names nobody ("sources", "the newspaper", "one of them") stands behind
    whoever cites it, like an anonymous one.
    """
    for attribution in reversed(chain):
        if attribution.source is not None and not attribution.anonymous and names_someone(attribution):
            siblings = [a for a in chain if sibling_key(a) == sibling_key(attribution)
                        and a.source is not None and not a.anonymous]
            return distinct(agency_name(name) or name for a in siblings for name in speaker_names(a))
    owner = (anonymous_owner or outlet) if chain else outlet
    return [agency_name(owner) or owner]


def sibling_key(attribution: Attribution) -> tuple[int, int, int]:
    """Coordinated sources ("the Post and Reuters reported") are attributions sharing a cue and
    a content: one link of a chain, several origins."""
    return attribution.cue.start, attribution.content.start, attribution.content.end


def names_someone(attribution: Attribution) -> bool:
    """Whether a source is a name ("Ilse Varga", "the Gazette") or an organisation of the story
    described ("the airline", "the city"), not a word that stands for whoever it names ("the newspaper")."""
    phrase = attribution.speaker or attribution.source.text
    words = phrase.split()
    return any(word[:1].isupper() and word.casefold() not in _NOT_NAMES for word in words) or is_organisation(phrase)


def anonymous_owner(attributions: list[Attribution]) -> str | None:
    """The outlet an article credits with its anonymous sources, if it names one.

    "Several people familiar with the matter told the Washington Post" makes a later bare
    "a person familiar with the call said" in the same article the Post's sources too. An
    article that never ties its anonymous sources to anyone but cites a news outlet for the
    story lends them to the outlet it cites most.
    """
    named = [a for a in attributions if a.source is not None and not a.anonymous and is_report(a) and names_someone(a)]
    for anonymous in (a for a in attributions if a.anonymous):
        for other in named:
            if anonymous.content.overlap(other.content):
                return other.speaker or other.source.text
    outlets = Counter(a.speaker or a.source.text for a in named if _names_outlet(a.source.text))
    return outlets.most_common(1)[0][0] if outlets else None


def _names_outlet(phrase: str) -> bool:
    return any(word in OUTLET_WORDS for word in _NOT_ALNUM.split(phrase.casefold()))


def distinct(names: Iterable[str]) -> list[str]:
    """Names in first-seen order, one per `name_key`."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name_key(name) or name, name)
    return list(seen.values())


def speaker_names(attribution: Attribution) -> list[str]:
    """The speaker, or each of several named together ("The Washington Post and Reuters").

    An apposition is one source: "The Gazette's editor, Niamh Corrigan" is Niamh Corrigan, so
    commas split only a list that "and" closes, and a description beside a name is dropped."""
    name = attribution.speaker or attribution.source.text
    if attribution.anonymous:
        return [name]
    text = attribution.source.text
    pattern = _COORDINATION if _AND.search(text) else _AND
    parts = [part.strip() for part in pattern.split(text) if part.strip()]
    named = [part for part in parts if not _DESCRIPTION.match(part)]
    # Only lists of names split: "Procter and Gamble" stays whole when a part is not capitalised.
    if len(named) > 1 and all(part[:1].isupper() or part.lower().startswith("the ") for part in named):
        return [_canonical(part) for part in named]
    return [name]


def _canonical(name: str) -> str:
    return "The" + name[3:] if name.lower().startswith("the ") else name

