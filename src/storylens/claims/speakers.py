"""One name per speaker across the articles of a story.

"Dmitry Peskov", "Peskov", "Peskov's", "the Kremlin spokesman" (once an apposition such as
"Kremlin spokesman Dmitry Peskov" ties the role to him) and a "he" right after him are one
speaker, "Dmitry Peskov". Outlets keep their article when the story writes it ("The
Washington Post"), and a short form ("the Post") takes the full name the story gives.
Unnamed sources ("officials familiar with the call") are marked anonymous.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter

from storylens.claims.cues import ANONYMOUS_HEADS, NAMELESS_MARKS, OUTLET_WORDS
from storylens.claims.wire import agency_name
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
# Organisation words a story ties to a name: "AirAsia, the budget airline", "the carrier AirAsia".
_TIED_ORGANISATIONS = ("airline|carrier|company|firm|ministry|department|bank|agency|authority|regulator|operator|"
                       "manufacturer|automaker|retailer|insurer|utility|broadcaster|airport|hospital|university")
_ORGANISATION_TIES = (
    re.compile(rf"\b({SURNAME}(?:\s+{SURNAME}){{0,3}}),\s+(?:the|a|an)\s+(?:[a-z][\w-]*\s+){{0,2}}?"
               rf"({_TIED_ORGANISATIONS})\b"),
    re.compile(rf"\b(?:the\s+|[a-z][\w-]*\s+)({_TIED_ORGANISATIONS})\s+({SURNAME}(?:\s+{SURNAME}){{0,3}})\b"),
)
_NEWS_WORDS = re.compile(r"\b(?:news|wire|press|media)\b", re.I)
_DEFINITE = re.compile(r"^(?:the|its|their)\s+(?:[\w'’-]+\s+){0,2}([a-z][\w'’-]*)$", re.I)
# "figures released by the city", "data from the ministry": the document's issuer speaks.
_ISSUED = re.compile(
    r"^(?:(?:the|new|official|latest|recent|preliminary|final)\s+)*(?:figures|data|statistics|numbers|estimates|records|"
    r"documents|statement|report|survey|analysis|study|count|tally)\s+(?:\w+\s+){0,2}?"
    r"(?:released|published|issued|compiled|provided|gathered|collected|from|by)\s+(?:by\s+)?(?P<issuer>.+)$",
    re.I,
)


def normalise_speakers(texts: list[str], attributions: list[list[Attribution]]) -> dict[str, str]:
    """Fill `speaker` (and `anonymous`) of every attribution of one story's articles, in place;
    returns the story's aliases (`story_aliases`), for naming its other sources the same way.

    A "he" or "she" stands for the last person named before it, never for an outlet or an
    organisation ("Lanza told the BBC …. 'Crimea is gone,' he said" is Lanza)."""
    aliases = story_aliases(texts, attributions)
    for text, found in zip(texts, attributions):
        people = tagged_people(text, aliases)  # (where, who): sources that are people, in text order
        for attribution in sorted((a for a in found if a.source is not None), key=lambda a: a.source.start):
            source = attribution.source.text
            if is_anonymous(source):
                attribution.anonymous, attribution.speaker = True, ANONYMOUS
            elif _bare(source).lower() in PRONOUNS:
                attribution.speaker = _referent(_bare(source).lower(), attribution.source.start, people, text)
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


DOCUMENT_NOUNS = frozenset("""video footage report statement study poll survey ad advert article piece letter document
    documents book ruling complaint memo email tweet post data analysis bill plan law order filing record records
    transcript interview speech message website site page release campaign sign banner headline caption""".split())


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


# Nouns for a group of people: "The family demanded …" is no "she".
GROUP_NOUNS = frozenset("family families couple crowd group groups relatives parents".split())
# Sources the parser names that are no one to stand for: "It shows …", "This means …".
NOT_PEOPLE = frozenset("it this that these those which who there what".split())


def _is_acronym(name: str) -> bool:
    """'The FBI', 'NATO', 'the DNC': a body's initials, never a "he"."""
    words = [w for w in name.split() if w.lower() not in ("the", "a", "an")]
    return len(words) == 1 and len(words[0].strip(".,'’s")) >= 2 and words[0].strip(".,'’s").isupper()


# Single words for several people: "critics said", "Democrats argue" are no "he" or "she".
PLURAL_PEOPLE = frozenset("""critics officials democrats republicans aides analysts experts observers residents
    voters supporters opponents lawmakers protesters witnesses investigators activists economists scientists
    researchers police authorities doctors lawyers members leaders""".split())


def is_organisation(phrase: str) -> bool:
    """'the airline', 'the city's', 'the Kremlin': a definite description whose head is an organisation."""
    found = _DEFINITE.match(_strip_possessive(phrase.strip(" ,.;:\"“”")))
    # "the news agency", "the wire service" stand for the outlet they name, like "the newspaper"
    return bool(found) and found.group(1).lower() in ORGANISATION_NOUNS and not _NEWS_WORDS.search(phrase)


def _strip_possessive(phrase: str) -> str:
    return POSSESSIVE.sub("", phrase) if phrase.endswith(("'s", "’s")) else phrase


def is_anonymous(source: str) -> bool:
    """'sources familiar with the matter', 'a senior aide', 'officials who spoke on condition of anonymity'."""
    words = re.findall(r"[\w'’-]+", source.lower())
    if not any(word in ANONYMOUS_HEADS for word in words[:8]):
        return False
    head = _cut_modifiers(_bare(source))
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


def _bare(source: str) -> str:
    """The source without its article, possessive and surrounding punctuation."""
    text = source.strip(" \t\n,.;:\"“”'’()")
    text = POSSESSIVE.sub("", text)
    return DETERMINERS.sub("", text).strip()


def _cut_modifiers(phrase: str) -> str:
    """The part before an apposition or a relative clause: 'Peskov, who said …' → 'Peskov'."""
    return re.split(r",|\s+(?:who|which|that|familiar|with|from|in|on|at)\s+", phrase, maxsplit=1)[0].strip()


# --- the story's names -------------------------------------------------------------------------


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


def story_aliases(texts: list[str], attributions: list[list[Attribution]]) -> dict[str, str]:
    """{lower-cased alias: the name to print}: full names, their last words, roles tied by apposition
    (and each shorter ending of a role: "Senate Democratic leader X" ties "the Democratic leader")."""
    full: Counter = Counter()
    for found in attributions:
        for attribution in found:
            if attribution.source is not None:
                name = person_or_outlet_name(_bare(attribution.source.text))
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
    aliases = {name.lower(): _display(name, texts) for name in full if len(name.split()) > 1}
    by_last_word: dict[str, Counter] = {}
    for name, count in full.items():
        if len(name.split()) > 1:
            by_last_word.setdefault(name.split()[-1].lower(), Counter())[name] += count
    for last, names in by_last_word.items():
        if last not in aliases:
            (best, count), *rest = names.most_common()
            if not rest or count > rest[0][1]:  # "Post": one Post in the story, or one named far more often
                aliases[last] = aliases[best.lower()]
    for name in full:
        aliases.setdefault(name.lower(), _display(name, texts))  # "Reuters", "Kremlin": one word, no longer form
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
    issued = _ISSUED.match(_bare(source))
    if issued:
        source = issued.group("issuer")
    named = _NAME_AFTER_DESCRIPTION.match(source.strip(" ,.;:")) or _NAME_BEFORE_DESCRIPTION.match(source.strip()) \
        or _OWNED_NAME.match(source.strip(" ,.;:"))
    if named:
        source = named.group(1)
    bare = _bare(source)
    head = _cut_modifiers(bare)
    if is_organisation(source) and not any(word[:1].isupper() for word in head.split()):
        role = " ".join(_strip_possessive(head).lower().split()[-2:])
        return aliases.get(role) or aliases.get(role.split()[-1]) or "the " + _strip_possessive(head)
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
    described = re.sub(r"\s+(?:who|which|that)$", "", _cut_modifiers(source.strip(" \t\n,.;:\"“”'’()")))
    return described or head or source.strip()
