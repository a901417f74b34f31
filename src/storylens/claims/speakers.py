"""One name per speaker across the articles of a story.

"Dmitry Peskov", "Peskov", "Peskov's", "the Kremlin spokesman" (once an apposition such as
"Kremlin spokesman Dmitry Peskov" ties the role to him) and a "he" right after him are one
speaker, "Dmitry Peskov". Outlets keep their article when the story writes it ("The
Washington Post"), and a short form ("the Post") takes the full name the story gives.
Unnamed sources ("officials familiar with the call") are marked anonymous.
"""
from __future__ import annotations

import re
from collections import Counter

from storylens.claims.cues import ANONYMOUS_HEADS, NAMELESS_MARKS, OUTLET_WORDS
from storylens.model import Attribution

ANONYMOUS = "anonymous sources"
PRONOUN_REACH = 600  # characters back from a "he" to the speaker it stands for
PRONOUNS = frozenset({"he", "she", "they", "i", "we", "him", "her", "them"})
DETERMINERS = re.compile(r"^(?:the|a|an|this|that|these|those)\s+", re.I)
POSSESSIVE = re.compile(r"['’]s?$")
NAME_WORD = r"(?:[A-Z][\w'’.-]*|Mc\w+)"
NAME_RUN = re.compile(rf"{NAME_WORD}(?:\s+(?:{NAME_WORD}|de|van|von|bin|al|la|le))*")
# Words that open a capitalised run without being part of a name.
RUN_OPENERS = frozenset(
    """the a an but and in on at for if as when while after before then so yet or mr mrs ms dr sen rep gov
    president vice prime minister secretary chancellor senator governor mayor general gen lt col ambassador
    spokesman spokeswoman spokesperson press deputy foreign defence defense interior finance justice state
    former acting chief director leader democratic republican candidate nominee former first lady speaker""".split()
)
ROLES = (r"spokes(?:man|woman|person)|press secretary|(?:prime |foreign |defen[cs]e )?minister|secretary|president|"
         r"chancellor|ambassador|aide|adviser|advisor|director|chief|head|leader|senator|governor|mayor|general|"
         r"commander|official|spokesman|envoy|chairman|chairwoman|ceo|founder|lawyer|attorney")
FULL_NAME = r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)+"
APPOSITIONS = (
    # "Kremlin spokesman Dmitry Peskov", "the Kremlin's spokesman, Dmitry Peskov"
    re.compile(rf"\b((?:[A-Z][\w'’.-]*\s+){{0,3}}(?:{ROLES}))(?:,\s+|\s+)({FULL_NAME})"),
    # "Dmitry Peskov, the Kremlin spokesman"
    re.compile(rf"\b({FULL_NAME}),\s+(?:the\s+|a\s+|an\s+)?((?:[A-Z][\w'’.-]*\s+){{0,3}}(?:{ROLES}))\b"),
)


def normalise_speakers(texts: list[str], attributions: list[list[Attribution]]) -> None:
    """Fill `speaker` (and `anonymous`) of every attribution of one story's articles, in place."""
    aliases = story_aliases(texts, attributions)
    for found in attributions:
        previous: Attribution | None = None
        for attribution in sorted((a for a in found if a.source is not None), key=lambda a: a.source.start):
            source = attribution.source.text
            if is_anonymous(source):
                attribution.anonymous, attribution.speaker = True, ANONYMOUS
            elif _bare(source).lower() in PRONOUNS:
                near = previous is not None and attribution.source.start - previous.source.end <= PRONOUN_REACH
                attribution.speaker = previous.speaker if near else None
            else:
                attribution.speaker = resolve(source, aliases)
            if attribution.speaker and not attribution.anonymous:
                previous = attribution


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
    """The name in a source phrase: 'Russian President Vladimir Putin' → 'Vladimir Putin'."""
    runs = []
    for run in NAME_RUN.findall(phrase):
        words = run.split()
        while words and (words[0].lower().rstrip(".") in RUN_OPENERS or _nationality(words[0])) and len(words) > 1:
            words = words[1:]
        if words and words[0].lower() not in RUN_OPENERS:
            runs.append(" ".join(words))
    if not runs:
        return None
    return max(runs, key=lambda run: (len(run.split()), -phrase.find(run)))


def _nationality(word: str) -> bool:
    return word.endswith(("ian", "ese", "ish", "can")) and word[:1].isupper() and len(word) > 4


def story_aliases(texts: list[str], attributions: list[list[Attribution]]) -> dict[str, str]:
    """{lower-cased alias: the name to print}: full names, their last words, roles tied by apposition."""
    full: Counter = Counter()
    for found in attributions:
        for attribution in found:
            if attribution.source is not None:
                name = person_or_outlet_name(_bare(attribution.source.text))
                if name:
                    full[name] += 1
    roles: dict[str, str] = {}
    for text in texts:
        for role, name in _appositions(text):
            full[name] += 1
            roles.setdefault(role, name)
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
        aliases.setdefault(role, aliases[name.lower()])
    return aliases


def _appositions(text: str):
    """(role, name) pairs: ('kremlin spokesman', 'Dmitry Peskov')."""
    for pattern in APPOSITIONS:
        for match in pattern.finditer(text):
            role, name = match.groups() if pattern is APPOSITIONS[0] else reversed(match.groups())
            role = DETERMINERS.sub("", re.sub(r"['’]s\b", "", role)).strip().lower()
            name = person_or_outlet_name(name)
            if name and len(name.split()) >= 2:
                yield " ".join(role.split()), name


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
    """The story's name for one source phrase."""
    bare = _bare(source)
    head = _cut_modifiers(bare)
    for candidate in (head, bare):
        name = person_or_outlet_name(candidate)
        if name and name.lower() in aliases:
            return aliases[name.lower()]
    role = " ".join(re.sub(r"['’]s\b", "", head).lower().split())
    if role in aliases:
        return aliases[role]
    name = person_or_outlet_name(head)
    return name or head or source.strip()
