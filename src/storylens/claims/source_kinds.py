"""What a source phrase names: a person, an organisation, an outlet, or nobody (anonymous sources).

Moved as it was from speakers.py, which merges the names of one speaker across a story.
"""
from __future__ import annotations

import re

from storylens.claims.cues import ANONYMOUS_HEADS, NAMELESS_MARKS, OUTLET_WORDS
from storylens.claims.wire import agency_name

DETERMINERS = re.compile(r"^(?:the|a|an|this|that|these|those)\s+", re.I)
POSSESSIVE = re.compile(r"['’]s?$")
NAME_WORD = r"(?:[A-Z][\w'’.-]*|Mc\w+)"
_LOWER_WORD_AFTER = re.compile(r"[ \t]+(?!(?:of|and|or|nor|but|who|whom|whose|which|that|to|in|on|at|for|from|with|by|as|"
                               r"than|among|near|about|like|via|the|a|an)\b)(?:[a-z]|[0-9])")
NAME_RUN = re.compile(rf"{NAME_WORD}(?:\s+(?:{NAME_WORD}|(?:de|van|von|bin|al|la|le|of)\b(?=\s+[A-Z])))*")
# "Ministry of Defense", "Bank of Korvia", "Secretary of State …" are one name; "Chuck Schumer of
# New York" is a person and a place.
OF_HEADS = frozenset("""ministry department bank university secretary minister institute office house chamber council
    court board church republic kingdom state states city mayor governor chancellor commissioner director chief
    president head college school academy museum society association federation union league party committee
    commission agency bureau service services forces army navy corps people duke prince""".split())
# Words that open a capitalised run without being part of a name.
RUN_OPENERS = frozenset(
    """the a an but and in on at for if as when while after before then so yet or mr mrs ms dr sen rep gov
    president vice prime minister secretary chancellor senator governor mayor general gen lt col ambassador
    spokesman spokeswoman spokesperson press deputy foreign defence defense interior finance justice state
    former acting chief director leader democratic republican candidate nominee former first lady speaker""".split()
)
# Words of a title before a name: everything up to the last of them is the title
# ("Senate Minority Leader Chuck Schumer", "House Speaker Paul Ryan").
TITLE_WORDS = RUN_OPENERS - {"the", "a", "an", "but", "and", "in", "on", "at", "for", "if", "as", "when", "while",
                             "after", "before", "then", "so", "yet", "or"} | frozenset(
    """senate house minority majority whip representative congressman congresswoman councillor councilman
    commissioner chairman chairwoman chair ceo executive officer editor founder attorney judge justice
    spokesman strategist adviser advisor aide envoy commander admiral sergeant captain""".split())
# Words for an organisation: "the airline said" is the airline speaking, an origin of its own,
# unlike "the newspaper said", which stands for the outlet it names.
ORGANISATION_NOUNS = frozenset(
    """airline carrier company firm corporation group ministry department government administration council city
    town county state police army military navy agency authority authorities office commission committee court
    board bank union university hospital school embassy regulator operator club party campaign prosecutors
    prosecutor's foundation institute organisation organization charity utility manufacturer automaker insurer
    airport port railway kremlin pentagon cabinet parliament legislature senate congress coalition alliance house
    federation league team studio retailer""".split()
)
_NEWS_WORDS = re.compile(r"\b(?:news|wire|press|media)\b", re.I)
_DEFINITE = re.compile(r"^(?:the|its|their)\s+(?:[\w'’-]+\s+){0,2}([a-z][\w'’-]*)$", re.I)
DOCUMENT_NOUNS = frozenset("""video footage report statement study poll survey ad advert article piece letter document
    documents book ruling complaint memo email tweet post data analysis bill plan law order filing record records
    transcript interview speech message website site page release campaign sign banner headline caption""".split())
# Nouns for a group of people: "The family demanded …" is no "she".
GROUP_NOUNS = frozenset("family families couple crowd group groups relatives parents".split())
# Sources the parser names that are no one to stand for: "It shows …", "This means …".
NOT_PEOPLE = frozenset("it this that these those which who there what".split())
# Single words for several people: "critics said", "Democrats argue" are no "he" or "she".
PLURAL_PEOPLE = frozenset("""critics officials democrats republicans aides analysts experts observers residents
    voters supporters opponents lawmakers protesters witnesses investigators activists economists scientists
    researchers police authorities doctors lawyers members leaders""".split())


def is_person(name: str) -> bool:
    """A name that may be a "he" or "she": not an outlet, an agency or an organisation word."""
    words = name.lower().split()
    return bool(words) and not is_organisation(name) and not any(POSSESSIVE.sub("", w) in OUTLET_WORDS for w in words) \
        and agency_name(name) is None and not _names_a_body(words) and not _is_acronym(name)


def _names_a_body(words: list[str]) -> bool:
    """'Police', 'Critics', 'Wayne State University School of Medicine': a group or an organisation,
    by its head word (the last one before "of"), never a "he" or a "she"."""
    head = (words[:words.index("of")] if "of" in words[1:] else words)[-1].strip(".,;:'’")
    # "The video shows …", "The ad uses …": an "it", never a "he" or a "she"
    return head in ORGANISATION_NOUNS | GROUP_NOUNS | DOCUMENT_NOUNS or (len(words) == 1 and head in PLURAL_PEOPLE)


def _is_acronym(name: str) -> bool:
    """'The FBI', 'NATO', 'the DNC': a body's initials, never a "he"."""
    words = [w for w in name.split() if w.lower() not in ("the", "a", "an")]
    return len(words) == 1 and len(words[0].strip(".,'’s")) >= 2 and words[0].strip(".,'’s").isupper()


def is_organisation(phrase: str) -> bool:
    """'the airline', 'the city's', 'the Kremlin': a definite description whose head is an organisation."""
    found = _DEFINITE.match(strip_possessive(phrase.strip(" ,.;:\"“”")))
    # "the news agency", "the wire service" stand for the outlet they name, like "the newspaper"
    return bool(found) and found.group(1).lower() in ORGANISATION_NOUNS and not _NEWS_WORDS.search(phrase)


def strip_possessive(phrase: str) -> str:
    return POSSESSIVE.sub("", phrase) if phrase.endswith(("'s", "’s")) else phrase


def is_anonymous(source: str) -> bool:
    """'sources familiar with the matter', 'a senior aide', 'officials who spoke on condition of anonymity'."""
    words = re.findall(r"[\w'’-]+", source.lower())
    if not any(word in ANONYMOUS_HEADS for word in words[:8]):
        return False
    head = cut_modifiers(bare_phrase(source))
    names = [run for run in NAME_RUN.findall(head) if run.lower() not in RUN_OPENERS]
    has_person = any(len(run.split()) >= 2 and not _is_organisation_run(run, head) for run in names)
    return not has_person and (NAMELESS_MARKS.search(source) is not None or _head_word(head) in ANONYMOUS_HEADS)


def _is_organisation_run(run: str, head: str) -> bool:
    """'White House' in 'a senior White House official': a name that qualifies a role, not a person."""
    after = head[head.find(run) + len(run):].lower().split()
    return bool(after) and after[0] in ANONYMOUS_HEADS | {"senior", "campaign"}


def _head_word(phrase: str) -> str:
    words = phrase.lower().split()
    return words[-1] if words else ""


def bare_phrase(source: str) -> str:
    """The source without its article, possessive and surrounding punctuation."""
    text = source.strip(" \t\n,.;:\"“”'’()")
    text = POSSESSIVE.sub("", text)
    return DETERMINERS.sub("", text).strip()


def cut_modifiers(phrase: str) -> str:
    """The part before an apposition or a relative clause: 'Peskov, who said …' → 'Peskov'."""
    return re.split(r",|\s+(?:who|which|that|familiar|with|from|in|on|at)\s+", phrase, maxsplit=1)[0].strip()


def person_or_outlet_name(phrase: str) -> str | None:
    """The name in a source phrase: 'Russian President Vladimir Putin' → 'Vladimir Putin',
    'Senate Minority Leader Chuck Schumer' → 'Chuck Schumer'; a place after "of" ('Senator
    Chuck Schumer of New York') is where the person is from, not their name."""
    runs = []
    for found in NAME_RUN.finditer(phrase):
        words = _without_place(found.group().split())
        while words and (words[0].lower().rstrip(".") in RUN_OPENERS or _nationality(words[0])) and len(words) > 1:
            if _opens_organisation(words):
                break  # "State Department", "Foreign Ministry": the opener is part of the name
            words = words[1:]
        titles = [i for i, word in enumerate(words[:-1]) if word.lower().rstrip(".") in TITLE_WORDS]
        if titles and not any(w.lower() in OF_HEADS | ORGANISATION_NOUNS for w in words[titles[-1] + 1:]):
            words = words[titles[-1] + 1:]  # not in "Wayne State University": a title before a person
        after_of = phrase[:found.start()].rstrip().lower().endswith(" of")
        # A run a lower-case word follows qualifies a noun ("Trump aides", "Just 9 percent of voters",
        # "the Kremlin spokesman"): the phrase names a group or a role, not that run.
        modifies = bool(_LOWER_WORD_AFTER.match(phrase, found.end()))
        if words and (_opens_organisation(words) or words[0].lower() not in RUN_OPENERS) and not modifies:
            runs.append((" ".join(words), after_of, found.start()))
    if not runs:
        return None
    return max(runs, key=lambda run: (not run[1], len(run[0].split()), -run[2]))[0]


def _opens_organisation(words: list[str]) -> bool:
    """'State Department', 'Foreign Ministry': an opener word and an organisation's head noun."""
    return len(words) == 2 and words[0].lower() not in ("the", "a", "an") and words[1].lower() in OF_HEADS | ORGANISATION_NOUNS


def _without_place(words: list[str]) -> list[str]:
    """The run up to an "of" that names where a person is from ('Chuck Schumer of New York')."""
    for i, word in enumerate(words):
        if word == "of" and i > 0 and words[i - 1].lower() not in OF_HEADS:
            return words[:i]
    return words


def _nationality(word: str) -> bool:
    return word.endswith(("ian", "ese", "ish", "can")) and word[:1].isupper() and len(word) > 4
