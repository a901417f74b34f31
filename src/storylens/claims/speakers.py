"""One name per speaker across the articles of a story.

"Dmitry Peskov", "Peskov", "Peskov's", "the Kremlin spokesman" (once an apposition such as
"Kremlin spokesman Dmitry Peskov" ties the role to him) and a "he" right after him are one
speaker, "Dmitry Peskov". Outlets keep their article when the story writes it ("The
Washington Post"), and a short form ("the Post") takes the full name the story gives.
Unnamed sources ("officials familiar with the call") are marked anonymous. What kind of thing a
source phrase names (person, organisation, outlet, nobody) is read in source_kinds.py.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterable

from storylens.claims.cues import OUTLET_WORDS
# is_anonymous, is_organisation and person_or_outlet_name: callers import them from here too
from storylens.claims.source_kinds import (
    DETERMINERS, NOT_PEOPLE, RUN_OPENERS, bare_phrase, cut_modifiers, is_anonymous, is_organisation, is_person,
    person_or_outlet_name, strip_possessive,
)
from storylens.model import Attribution

ANONYMOUS = "anonymous sources"
# "The Gazette's editor, Niamh Corrigan": a description, then the name it describes.
_NAME_AFTER_DESCRIPTION = re.compile(r"^(?i:the|a|an|his|her|its|their)\s+[^,]*?[a-z][\w'’-]*,\s+"
                                     r"([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)+)$")
# "Jo Formicola, political science professor at Seton Hall University": the name, then what it is.
_NAME_BEFORE_DESCRIPTION = re.compile(r"^([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’-]+){1,3}),\s+(?:the\s+|a\s+|an\s+)?[a-z]")
# "NBC’s Dante Chinni", "the Coastal Times’s Bram Ostrov": a person of an outlet or a body is the person.
_OWNED_NAME = re.compile(r"^(?:[Tt]he\s+)?(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*['’]s?\s+"
                         r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})$")
PRONOUN_REACH = 600  # characters back from a "he" to the speaker it stands for
PRONOUNS = frozenset({"he", "she", "they", "i", "we", "him", "her", "them"})
ROLES = (r"spokes(?:man|woman|person)|press secretary|(?:prime |foreign |defen[cs]e )?minister|secretary|president|"
         r"chancellor|ambassador|aide|adviser|advisor|director|chief|head|leader|senator|governor|mayor|general|"
         r"commander|official|spokesman|envoy|chairman|chairwoman|ceo|founder|lawyer|attorney")
# A word of a name: initials ("G.K.", "U.S."), a short abbreviation ("Jr.", "St."), or a word without a
# full stop, so a name never runs over a sentence's end ("… said Hester. Michael Mulgrew, president …").
NAME_PART = r"(?:(?:[A-Z]\.){1,3}(?![\w'’])|[A-Z][a-z]{1,2}\.|[A-Z][\w'’-]+)"
FULL_NAME = rf"{NAME_PART}(?:\s+{NAME_PART})+"
SURNAME = r"[A-Z][\w'’-]+"
_ROLE = rf"(?:[A-Z][\w'’.-]*\s+){{0,3}}(?i:{ROLES})"
APPOSITIONS = (
    # "Kremlin spokesman Dmitry Peskov", "the Kremlin's spokesman, Dmitry Peskov", "Senate Minority Leader Chuck Schumer"
    re.compile(rf"\b({_ROLE})(?:,\s+|\s+)({FULL_NAME})"),
    # "Dmitry Peskov, the Kremlin spokesman", "Schumer, the Democratic leader,"
    re.compile(rf"\b({FULL_NAME}|{SURNAME}),\s+(?:the\s+|a\s+|an\s+)?({_ROLE})\b"),
)
# Organisation words a story ties to a name: "AirAsia, the budget airline", "the carrier AirAsia".
_TIED_ORGANISATIONS = ("airline|carrier|company|firm|ministry|department|bank|agency|authority|regulator|operator|"
                       "manufacturer|automaker|retailer|insurer|utility|broadcaster|airport|hospital|university")
_ORGANISATION_TIES = (
    re.compile(rf"\b({SURNAME}(?:\s+{SURNAME}){{0,3}}),\s+(?:the|a|an)\s+(?:[a-z][\w-]*\s+){{0,2}}?"
               rf"({_TIED_ORGANISATIONS})\b"),
    re.compile(rf"\b(?:the\s+|[a-z][\w-]*\s+)({_TIED_ORGANISATIONS})\s+({SURNAME}(?:\s+{SURNAME}){{0,3}})\b"),
)
# "figures released by the city", "data from the ministry": the document's issuer speaks.
_ISSUED = re.compile(
    r"^(?:(?:the|new|official|latest|recent|preliminary|final)\s+)*(?:figures|data|statistics|numbers|estimates|records|"
    r"documents|statement|report|survey|analysis|study|count|tally)\s+(?:\w+\s+){0,2}?"
    r"(?:released|published|issued|compiled|provided|gathered|collected|from|by)\s+(?:by\s+)?(?P<issuer>.+)$",
    re.I,
)


def normalise_speakers(texts: list[str], attributions: list[list[Attribution]],
                       outlets: Iterable[str | None] = ()) -> dict[str, str]:
    """Fill `speaker` (and `anonymous`) of every attribution of one story's articles, in place;
    returns the story's aliases (`story_aliases`), for naming its other sources the same way.
    `outlets`: the story's outlet names, which a short form ("the Post") may stand for.

    A "he" or "she" stands for the last person named before it, never for an outlet or an
    organisation ("Lanza told the BBC …. 'Crimea is gone,' he said" is Lanza)."""
    aliases = story_aliases(texts, attributions, outlets)
    for text, found in zip(texts, attributions):
        people = tagged_people(text, aliases)  # (where, who): sources that are people, in text order
        for attribution in sorted((a for a in found if a.source is not None), key=lambda a: a.source.start):
            source = attribution.source.text
            if is_anonymous(source):
                attribution.anonymous, attribution.speaker = True, ANONYMOUS
            elif bare_phrase(source).lower() in PRONOUNS:
                attribution.speaker = _referent(bare_phrase(source).lower(), attribution.source.start, people, text)
            else:
                attribution.speaker = resolve(source, aliases)
            if attribution.speaker and not attribution.anonymous and is_person(attribution.speaker) \
                    and attribution.speaker.lower() not in NOT_PEOPLE:
                bisect.insort(people, (attribution.source.end, attribution.speaker))
    return aliases


def _referent(pronoun: str, at: int, people: list[tuple[int, str]], text: str) -> str | None:
    """The person a "he" or "she" stands for: the last one named before it, within reach, whose
    gender (as the text shows it) does not contradict the pronoun ('"Don't shoot him," she says'
    after Trump was the last speaker is not Trump)."""
    wanted = GENDER_OF_PRONOUN.get(pronoun)
    for end, speaker in reversed(people[:bisect.bisect_left(people, (at, ""))]):
        if at - end > PRONOUN_REACH:
            return None
        if not _singular_person(speaker):
            continue  # "the senators", "a review of records": no "he"
        if wanted is None or gender_in_text(speaker, text) in (None, wanted):
            return speaker
    return None


# 'noted NBC’s Dante Chinni.', 'Vitter demanded': a name beside a speech verb that the parser did
# not hang on it still names who the next "he" is.
_OWNER = re.compile(r"^[A-Z][\w.-]*['’]s\s+(?=[A-Z])")
_TAG_VERB = re.compile(r"\b(?:said|says|noted|added|wrote|told|explained|argued|asked|demanded|insisted|warned|replied)\b")
_NAME_AFTER_TAG = re.compile(rf"\s+((?:{NAME_PART}['’]s\s+)?{NAME_PART}(?:\s+{NAME_PART}){{0,3}})(?=[.,;])")
_NAME_BEFORE_TAG = re.compile(rf"(?<![\w'’])({NAME_PART}(?:\s+{NAME_PART}){{0,3}})\s+$")


def tagged_people(text: str, aliases: dict[str, str]) -> list[tuple[int, str]]:
    """(where it ends, who) of each person a speech tag names by name, in text order. Searched
    from each tag verb outward: a name pattern tried at every character cost a third of the
    speaker reading on PolNeAR dev."""
    found = []
    for verb in _TAG_VERB.finditer(text):
        after = _NAME_AFTER_TAG.match(text, verb.end())
        window = max(0, verb.start() - 80)
        before = _NAME_BEFORE_TAG.search(text, window, verb.start())
        for match in (after, before):
            if match is None:
                continue
            name = person_or_outlet_name(_OWNER.sub("", match.group(1)))  # "NBC’s Dante Chinni" is Chinni
            if name and name.lower() not in PRONOUNS and name.split()[0].lower() not in RUN_OPENERS:
                speaker = resolve(name, aliases)
                if is_person(speaker):
                    found.append((match.end(1), speaker))
    return sorted(found)


def _singular_person(speaker: str) -> bool:
    """A name ("Angelique Brunner") or a description that is not a plural ("the senators", "a
    review of records" are no "he")."""
    words = speaker.split()
    head = words[-1].lower().strip(".,;:'’") if words else ""
    return any(word[:1].isupper() for word in words) or not (head.endswith("s") and not head.endswith("ss"))


GENDER_OF_PRONOUN = {"he": "m", "him": "m", "she": "f", "her": "f"}
_GENDER_WORDS = {"mr": "m", "mrs": "f", "ms": "f"}


@functools.lru_cache(maxsize=4096)
def gender_in_text(name: str, text: str) -> str | None:
    """'m' or 'f' when the text's titles tell ("Mr. Obama", "Ms. Moore"; two to one), else None.
    Not the pronoun after a mention: on PolNeAR dev "Clinton said he …" is as often about Trump,
    and reading it lost more quote speakers (357 of 427) than it won."""
    surname = name.split()[-1] if name.split() else ""
    if len(surname) < 2 or not surname[:1].isupper():
        return None
    votes = Counter()
    for found in re.finditer(rf"\b{re.escape(surname)}\b", text):
        title = re.search(r"\b(Mr|Mrs|Ms)\.?\s+(?:[A-Z][\w.'’-]*\s+)?$", text[max(0, found.start() - 20):found.start()])
        if title:
            votes[_GENDER_WORDS[title.group(1).lower()]] += 1
    male, female = votes["m"], votes["f"]
    if male >= 2 * female and male > 0:
        return "m"
    if female >= 2 * male and female > 0:
        return "f"
    return None


# --- the story's names -------------------------------------------------------------------------


def story_aliases(texts: list[str], attributions: list[list[Attribution]],
                  outlets: Iterable[str | None] = ()) -> dict[str, str]:
    """{lower-cased alias: the name to print}: full names, their last words, roles tied by apposition
    (and each shorter ending of a role: "Senate Democratic leader X" ties "the Democratic leader").

    A last word stands for one name only: "the Post" is the story's Washington Post, a source's or
    an outlet's, but stays "the Post" beside a Harbour Post named about as often."""
    # an outlet keeps its own spelling ("The Vellmark Post"), counted once however many articles it has
    spelled = {name: outlet.strip() for outlet in set(filter(None, outlets))
               if (name := person_or_outlet_name(bare_phrase(outlet)))}
    full: Counter = Counter(spelled.keys())
    for found in attributions:
        for attribution in found:
            if attribution.source is not None:
                name = person_or_outlet_name(bare_phrase(attribution.source.text))
                if name:
                    full[name] += 1
    tied: dict[str, Counter] = {}
    for text in texts:
        for role, name in _appositions(text):
            if len(name.split()) >= 2:
                full[name] += 1
            words = role.split()
            for cut in range(len(words)):
                tied.setdefault(" ".join(words[cut:]), Counter())[name] += 1
    roles = {role: names.most_common(1)[0][0] for role, names in tied.items()
             if len(names) == 1 or names.most_common(2)[0][1] > 2 * names.most_common(2)[1][1]}
    aliases = {name.lower(): spelled.get(name) or _display(name, texts) for name in full if len(name.split()) > 1}
    by_last_word: dict[str, Counter] = {}
    for name, count in full.items():
        if len(name.split()) > 1:
            by_last_word.setdefault(name.split()[-1].lower(), Counter())[name] += count
    for last, names in by_last_word.items():
        if last not in aliases:
            (best, count), *rest = names.most_common()
            if not rest or count > 2 * rest[0][1]:  # "Post": one Post in the story, or one named far more often
                aliases[last] = aliases[best.lower()]
    for name in full:
        aliases.setdefault(name.lower(), spelled.get(name) or _display(name, texts))  # "Reuters", "Kremlin": one word, no longer form
    for role, name in roles.items():
        if name.lower() in aliases:
            aliases.setdefault(role, aliases[name.lower()])
    return aliases


def _appositions(text: str):
    """(role, name) pairs: ('kremlin spokesman', 'Dmitry Peskov')."""
    for pattern in APPOSITIONS:
        for match in pattern.finditer(text):
            role, name = match.groups() if pattern is APPOSITIONS[0] else reversed(match.groups())
            role = DETERMINERS.sub("", re.sub(r"['’]s\b", "", role)).strip().lower()
            name = person_or_outlet_name(name)
            if name:
                yield " ".join(role.split()), name
    for pattern in _ORGANISATION_TIES:
        for match in pattern.finditer(text):
            name, noun = match.groups() if pattern is _ORGANISATION_TIES[0] else reversed(match.groups())
            yield noun.lower(), name


def _display(name: str, texts: list[str]) -> str:
    """'The Washington Post' when the story writes 'the Washington Post'; people keep their names."""
    if not any(word.lower() in OUTLET_WORDS for word in name.split()) and len(name.split()) > 1:
        return name
    with_the = re.compile(rf"\b[Tt]he\s+{re.escape(name)}\b")
    anywhere = re.compile(rf"\b{re.escape(name)}\b")
    usual = sum(len(with_the.findall(text)) for text in texts)
    # "the Kremlin" is always "the Kremlin"; "the Trump-Putin call" does not make Trump "The Trump"
    return f"The {name}" if usual and 2 * usual >= sum(len(anywhere.findall(text)) for text in texts) else name


def resolve(source: str, aliases: dict[str, str]) -> str:
    """The story's name for one source phrase.

    "Figures released by the city" are the city's; "The Gazette's editor, Niamh Corrigan" is
    Niamh Corrigan; "the airline" is the airline the story ties the word to, else "the airline"."""
    issued = _ISSUED.match(bare_phrase(source))
    if issued:
        source = issued.group("issuer")
    named = _NAME_AFTER_DESCRIPTION.match(source.strip(" ,.;:")) or _NAME_BEFORE_DESCRIPTION.match(source.strip()) \
        or _OWNED_NAME.match(source.strip(" ,.;:"))
    if named:
        source = named.group(1)
    bare = bare_phrase(source)
    head = cut_modifiers(bare)
    if is_organisation(source) and not any(word[:1].isupper() for word in head.split()):
        role = " ".join(strip_possessive(head).lower().split()[-2:])
        return aliases.get(role) or aliases.get(role.split()[-1]) or "the " + strip_possessive(head)
    for candidate in (head, bare):
        name = person_or_outlet_name(candidate)
        if name and name.lower() in aliases:
            return aliases[name.lower()]
    role = " ".join(re.sub(r"['’]s\b", "", head).lower().split())
    if role in aliases:
        return aliases[role]
    name = person_or_outlet_name(head)
    if name:
        return name
    # "the senator", "a friend": a description keeps its article, a common noun alone names nobody
    described = re.sub(r"\s+(?:who|which|that)$", "", cut_modifiers(source.strip(" \t\n,.;:\"“”'’()")))
    return described or head or source.strip()
