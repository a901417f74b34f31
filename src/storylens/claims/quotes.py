"""Direct quotes and who spoke them.

A quotation is found from its marks alone (straight or curly, within one paragraph, an
unclosed one running to the paragraph's end as news style continues it in the next). Its
speaker comes from the attribution whose content holds it (a speaker who says the words before
an outlet they are "according to"); a quote with none ("Get the Poles to do it." after '"We are
not sending troops," he said.') continues the speaker of the quote just before it, else takes
the name beside the nearest speech verb or dash, before or after it ('"…," said Varga', '"…" —
Peskov'). A "he" is the person last named as a speaker; a common noun alone ("Words", "CEO")
is no speaker. Measured on PolNeAR dev by bench/quotes.py.
"""
from __future__ import annotations

import re

from storylens.claims.cues import SPEECH_VERBS
from storylens.claims.source_kinds import RUN_OPENERS, TITLE_WORDS, is_person, person_or_outlet_name
from storylens.claims.speakers import ANONYMOUS, NAME_PART, PRONOUN_REACH
from storylens.model import Attribution, AttributionKind, Quote

OPENING, CLOSING, STRAIGHT = "“«„", "”»", "\""
MAX_QUOTE_CHARS = 3000  # a longer "quotation" is a stray mark, not speech
CONTINUATION_GAP = 200  # characters between two quotes of one speaker split by "he said"
NEAR_VERB_CHARS = 120
UNSPOKEN_REACH = 300  # a quote nobody is said to speak continues the person named this close before it
# A name never runs over a sentence's end ("Tuesday. She added:" names nobody); see NAME_PART.
NAME = rf"(?:{NAME_PART}(?:\s+(?:{NAME_PART}|de|van|von|al|bin))*|he|she|they|we|I)"
# A party and state after a name ("Rep. Elijah Cummings (D-Md.) said") sits between the name and its verb.
_AFFILIATION = r"(?:\s*\([A-Z][\w.-]*(?:-[A-Z][\w. ]*)?\))?"
# Verbs that tag a quotation with its speaker: the speech verbs, and those of manner a reporter
# writes beside a quote ('"…?" Vitter demanded', 'Trump boasted, "…"').
QUOTE_VERBS = SPEECH_VERBS | frozenset("""demanded demands boasted boasts yelled yells scolded shouted shouts
    countered counters snapped fired cried pleaded urged vowed predicted mused marveled marvelled sighed
    laughed conceded acknowledged acknowledges observed observes posted posts reports reported""".split())
_speech = "|".join(sorted(QUOTE_VERBS, key=len, reverse=True))
SPEAKER_BEFORE_VERB = re.compile(rf"\b({NAME}){_AFFILIATION}\s+(?:has\s+|had\s+|also\s+|later\s+)?(?:{_speech})\b")
VERB_BEFORE_SPEAKER = re.compile(rf"\b(?:{_speech})\s+({NAME}|(?:the|a|an)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){{0,2}}(?=[ \t]*[.,;]))")
# The tag between two parts of one quotation: '"A," Mr. Obama said, "B."', '"A," DuVernay
# explained in an interview with The Huffington Post. "B."'.
SPEECH_TAG = re.compile(rf"[ \t]*,?[ \t]*(?:(?P<before>{NAME}){_AFFILIATION}[ \t]+(?:{_speech})|(?:{_speech})[ \t]+(?P<after>{NAME}))"
                        rf"(?:[ \t]+[\w'’.-]+){{0,8}}?[ \t]*[,:.][ \t]*")
# A sentence that hands over to the quotation with a colon: 'Said Ellis: "…"', 'Sen. Claire
# McCaskill scolded him: "…"'.
COLON_BEFORE = re.compile(rf"(?:\b(?i:{_speech})\s+(?P<after>{NAME})|(?P<before>{NAME}){_AFFILIATION}\s+"
                          rf"(?:{_speech}|[a-z]+ed)(?:\s+[\w'’-]+){{0,3}}?)[ \t]*:[ \t]*$")
# '"…," President Obama, speaking to officials in Ohio, said': a name, an aside, then the verb.
SPEAKER_APPOSITION_VERB = re.compile(rf"((?:[A-Z][\w.'’-]*\s+)*[A-Z][\w'’-]+),[^.\n\"“”]{{3,80}}?,\s+(?:{_speech})\b")
# '… footage of Hillary Clinton asking, “…”': a name and a speech participle hand over to the quote.
PARTICIPLE_BEFORE = re.compile(rf"(?P<after>)(?P<before>{NAME}){_AFFILIATION}\s+(?:{_speech})(?<=ing),?[ \t]*$")
# A headline's '“Pure fiction”: Port authority denies …': the words from the colon to the verb speak.
COLON_THEN_SUBJECT = re.compile(rf"[ \t]*:[ \t]*([A-Z][\w.'’-]*(?:[ \t]+[\w.'’-]+){{0,3}}?)[ \t]+(?:{_speech})\b")
DASH_BEFORE_SPEAKER = re.compile(rf"[ \t]*[—–―]+[ \t]*({NAME})\b")  # '"…" — Peskov'

PRONOUNS = frozenset({"he", "she", "they", "we", "i"})
# A person's name: two to four capitalised words, or one that is not a plural ("Democrats").
PROPER_NAME = re.compile(r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|al|bin)){1,3}|[A-Z][\w'’-]*[^\Ws]")
# Single words that are not a speaker: titles, roles and the words of page furniture.
NOT_SPEAKER_WORDS = TITLE_WORDS | frozenset(
    """quote quotes words statement comment comments answer question reply response update source sources note
    ceo cfo coo cto airline company firm ministry government police spokesman spokeswoman spokesperson official
    officials it that this these those one anyone someone somebody everyone nobody""".split())


def quote_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quotation, marks included, in text order."""
    regions = []
    for paragraph in re.finditer(r"[^\n]+", text):
        regions.extend(_regions_in(paragraph.group(), paragraph.start()))
    return regions


def _regions_in(paragraph: str, offset: int) -> list[tuple[int, int]]:
    regions, opened = [], None
    for mark in re.finditer(r"[\"“”«»„]", paragraph):
        char, at = mark.group(), mark.start()
        closes = char in CLOSING or (char in STRAIGHT and opened is not None)
        if closes and opened is not None:
            if at + 1 - opened <= MAX_QUOTE_CHARS:
                regions.append((offset + opened, offset + at + 1))
            opened = None
        elif not closes:
            opened = at  # an opening mark inside an open quote restarts it: the earlier one was stray
    if opened is not None and len(paragraph) - opened <= MAX_QUOTE_CHARS and len(paragraph) - opened > 1:
        regions.append((offset + opened, offset + len(paragraph)))
    return regions


def find_quotes(text: str, attributions: list[Attribution]) -> list[Quote]:
    """The direct quotes of one article (two words or more), each with its speaker if the text says.

    A pronoun speaker ("he said", "He added: …") is the person last named as a speaker before
    it; a speaker is never a common noun alone ("Words", "CEO", "airline")."""
    quotes: list[Quote] = []
    previous_end, previous_speaker = -10**9, None
    people = _named_people(attributions)
    named = [p for p in people if PROPER_NAME.fullmatch(p[1])]
    bodies = sorted((a.source.start, a.speaker) for a in attributions if a.source is not None and a.speaker
                    and not a.anonymous and not is_person(a.speaker) and a.speaker.lower() != "it")
    pronouns = sorted(a.source.start for a in attributions
                      if a.source is not None and a.source.text.strip().lower() in PRONOUNS)
    for start, end in quote_regions(text):
        inner_start, inner_end = start + 1, end - (text[end - 1] in CLOSING + STRAIGHT)
        if len(text[inner_start:inner_end].split()) < 2:
            continue  # a scare-quoted word ("pure" “fiction”) is not speech
        speaker = _quote_speaker(text, (start, end), attributions, (people, named, bodies, pronouns),
                                 (previous_end, previous_speaker))
        quotes.append(Quote(inner_start, inner_end, text[inner_start:inner_end], speaker))
        previous_end, previous_speaker = end, speaker
    return quotes


def _quote_speaker(text: str, region: tuple[int, int], attributions: list[Attribution], known: tuple,
                   previous: tuple[int, str | None]) -> str | None:
    """Who speaks the quotation at `region`: its attribution, a tag beside it, the speaker of the
    quote it continues, the person a pronoun stands for, else a guess that is a name."""
    (start, end), (people, named, bodies, pronouns), (previous_end, previous_speaker) = region, known, previous
    split_by_tag = previous_speaker and _tags_speaker(SPEECH_TAG.fullmatch(text, previous_end, start), previous_speaker)
    # '"A," Mr. Obama said, "B."': B is Obama's too, whatever attribution B's words fall under
    speaker = previous_speaker if split_by_tag else _attributed_speaker(text, start, end, attributions)
    if speaker is not None and speaker.lower() not in PRONOUNS | {"it"} and not is_speaker_name(speaker):
        speaker = None  # '"It says that …"': a word of the quotation the parser took for its subject
    if speaker is None:  # '"…?" Vitter demanded.' names its speaker, whoever spoke the quote before
        speaker = _speaker_tagged_after(text, end) or _heading_from(text, start, end)
    if speaker is None and start - previous_end <= CONTINUATION_GAP and previous_speaker:
        # 'Japan branded North Korea an “outlaw nation”' after another's quote: the sentence's own subject
        speaker = _sentence_subject(text, start, named) or previous_speaker
    if speaker is None or speaker == ANONYMOUS:  # a participle's "officials" misparsed as the subject
        speaker = _nearest_speaker(text, start, end) or speaker
    if speaker is not None and speaker.lower() == "it":  # '"…," it added': the outlet or body just named
        speaker = _last_person_before(bodies, start) or speaker
    if speaker is not None and speaker.lower() in PRONOUNS:
        singular = speaker.lower() in ("he", "she")
        speaker = _person_for_pronoun(people, named, start, previous_end,
                                      previous_speaker if not singular or is_person(previous_speaker or "") else None) \
            or _last_full_name(text, start) or speaker
    speaker = speaker if speaker is None or is_speaker_name(speaker) else None
    # Guesses, each a name ("Democrats" or "the public" would be no one): a person the sentence names
    # before the quote; a quote standing as its own paragraph continues the person named just before it.
    if speaker is None:
        speaker = _last_person_before(named, start, start - _sentence_start(text, start)) or _sentence_subject(text, start, named)
    if speaker is None and _stands_alone(text, start, end):
        speaker = _colon_tag_before(text, start) or _person_spoken_of(people, named, pronouns, start)
    return speaker


def _person_spoken_of(people: list[tuple[int, str]], named: list[tuple[int, str]], pronouns: list[int],
                      start: int) -> str | None:
    """Whom the paragraphs before a stand-alone quote are about: the person last named as a speaker,
    or, when a "He expressed hope …" comes after that naming, the person that "he" stands for."""
    named_before = [(at, who) for at, who in named if start - UNSPOKEN_REACH <= at < start]
    pronoun_at = max((at for at in pronouns if start - UNSPOKEN_REACH <= at < start), default=-1)
    if named_before and named_before[-1][0] > pronoun_at:
        return named_before[-1][1]
    return _person_for_pronoun(people, named, pronoun_at, -10**9, None) if pronoun_at >= 0 else None


# 'In recent weeks, Reid has gone after Trump as a “human leech”', 'Japan branded North Korea an
# “outlaw nation”': the name that opens the sentence, then its verb.
_OPENING_SUBJECT = re.compile(rf"\s*(?:[A-Z][^,“”\"]{{0,40}},\s+)?({NAME_PART}(?:\s+{NAME_PART}){{0,3}})"
                              rf"\s+(?:has\s+|had\s+|also\s+|then\s+)?[a-z]+(?:ed|s)\b")
# 'Mara Quill, the mayor’s spokeswoman, refrained from confirming the call, stating, “…”': an
# appositive between the name and its verb (tried first: the pattern above would take "Mara Quill,"
# for an opening phrase and "the mayor’s" for the subject).
_APPOSED_SUBJECT = re.compile(rf"\s*({NAME_PART}(?:\s+{NAME_PART}){{0,3}}),[^,.;“”\"\n]{{3,60}},"
                              rf"\s+(?:has\s+|had\s+|also\s+|then\s+)?[a-z]+(?:ed|s)\b")


def _sentence_subject(text: str, start: int, named: list[tuple[int, str]]) -> str | None:
    """The person or body that opens the sentence a quote sits inside, by name (the full name
    when a speaker named earlier ends in it: "Sanders" is "Bernie Sanders")."""
    sentence_start = _sentence_start(text, start)
    found = _APPOSED_SUBJECT.match(text, sentence_start, start) or _OPENING_SUBJECT.match(text, sentence_start, start)
    if not found or found.group(1).endswith(("'s", "’s")):
        return None
    if found.group(1).split()[0].lower() in SENTENCE_OPENERS:
        return None
    name = person_or_outlet_name(found.group(1))
    if not name or name.split()[0].lower() in NOT_SPEAKER_WORDS | PRONOUNS:
        return None
    fuller = [who for at, who in named if at < start and who.split()[-1] == name.split()[-1]]
    return fuller[-1] if fuller else name


_NOBODY_WORDS = frozenset("""all this that these those some many most much it which who what there here one each
    every both such another other the a an of""".split())
# Capitalised words that open a sentence without naming anyone ("With Democratic leaders …", "All this …").
SENTENCE_OPENERS = RUN_OPENERS | frozenset("""with all by from to of this that some many most no every each under over
    during despite since until like unlike among both either neither few several another other such""".split())


def _person_for_pronoun(people: list[tuple[int, str]], named: list[tuple[int, str]], start: int, previous_end: int,
                        previous_speaker: str | None) -> str | None:
    """The person a quote's "he" stands for: the last one named as a speaker close before, else the
    previous quote's speaker, else a person named by name further back (an unresolved "he" tells a
    reader nothing; the wider reach turns one more PolNeAR dev quote right, 356 -> 357 of 427)."""
    near = _last_person_before(people, start)
    if near:
        return near
    if previous_speaker and start - previous_end <= PRONOUN_REACH:
        return previous_speaker
    return _last_person_before(named, start, 3 * PRONOUN_REACH)


_FULL_NAME_RUN = re.compile(rf"(?<![\w'’.-]){NAME_PART}(?:\s+{NAME_PART}){{1,3}}")


def _last_full_name(text: str, start: int) -> str | None:
    """The last person named in full outside quotation marks shortly before `start`: what an
    unresolved "she" stands for when no attribution names anyone ('Rakeyia Scott can be heard
    yelling …. "Don't shoot him," she says'); a "she" left as it is tells a reader nothing."""
    window_start = max(0, start - PRONOUN_REACH)
    quoted = [(a - window_start, b - window_start) for a, b in quote_regions(text[window_start:start])]
    for found in reversed(list(_FULL_NAME_RUN.finditer(text, window_start, start))):
        inside = any(a <= found.start() - window_start < b for a, b in quoted)
        name = None if inside else person_or_outlet_name(found.group())
        if name and len(name.split()) >= 2 and is_person(name) and name.split()[0].lower() not in NOT_SPEAKER_WORDS:
            return name
    return None


def _sentence_start(text: str, at: int) -> int:
    found = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at), text.rfind("? ", 0, at), text.rfind("! ", 0, at))
    return found + 1 if found >= 0 else 0


def _stands_alone(text: str, start: int, end: int) -> bool:
    """A quote that is its paragraph (a label such as "Quote:" before it at most): the words of
    whoever the paragraphs before were about. A heading ('“No comment” from Trump') is not."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    after = text[end:len(text) if line_end < 0 else line_end]
    return len(text[line_start:start].strip()) <= 8 and not after.strip(" \t.,;:!?\"”’")


def _tags_speaker(tag: re.Match | None, speaker: str) -> bool:
    """Whether a speech tag between two quotes ("Mr. Obama said,") names this speaker or a pronoun."""
    if tag is None:
        return False
    name = tag.group("before") or tag.group("after")
    return name.lower() in PRONOUNS or bool(set(name.lower().split()) & set(speaker.lower().split()))


def _named_people(attributions: list[Attribution]) -> list[tuple[int, str]]:
    """(where, who) of each attribution whose speaker is a named person, in text order."""
    return sorted((a.source.start, a.speaker) for a in attributions
                  if a.source is not None and a.speaker and not a.anonymous and is_person(a.speaker)
                  and is_speaker_name(a.speaker)
                  and a.speaker.lower() not in PRONOUNS and a.source.text.strip().lower() not in PRONOUNS)


def _last_person_before(people: list[tuple[int, str]], start: int, reach: int = PRONOUN_REACH) -> str | None:
    before = [who for at, who in people if start - reach <= at < start]
    return before[-1] if before else None


def is_speaker_name(speaker: str) -> bool:
    """Whether a speaker is someone: a name or a described person ("a senior aide"), not a
    common noun alone ("Words", "CEO", "airline", "Quote")."""
    words = speaker.split()
    if not words or not words[-1][:1].isalnum():
        return False  # "public ―": a source phrase cut in the wrong place
    if len(words) != 1:  # "All this" is no one: every word an opener or a function word
        return not all(word.lower().strip(".,:;'’\"") in _NOBODY_WORDS for word in words)
    word = words[0].strip(".,:;'’\"")
    if word.lower() in PRONOUNS or word.lower() == "i":
        return True
    return word[:1].isupper() and word.lower().rstrip(".") not in NOT_SPEAKER_WORDS | SENTENCE_OPENERS
def _attributed_speaker(text: str, start: int, end: int, attributions: list[Attribution]) -> str | None:
    """The speaker of the tightest attribution whose content holds most of the quote."""
    best, best_size = None, None
    for attribution in attributions:
        content = attribution.content
        overlap = min(end, content.end) - max(start, content.start)
        if overlap < 0.5 * (end - start) or attribution.source is None:
            continue
        opens_it = attribution.source.start <= start + 1 and attribution.cue.text == ":"
        if start < attribution.source.start < end and not opens_it:
            continue  # a source phrase inside the quote is not its speaker, unless it opens it ('"PENCE: …')
        # '"…," according to AFP' names who passed the words on: a speaker who says them comes first
        size = (attribution.kind in (AttributionKind.ACCORDING_TO, AttributionKind.CITING), content.end - content.start)
        if best_size is None or size < best_size:
            best, best_size = attribution, size
    if best is None:
        return None
    source = best.source.text.strip()
    # 'McCaskill scolded him: “…,” she said' is McCaskill's; 'The ad uses footage of Hillary Clinton
    # asking, “…”' is Clinton's, not the ad's: a tag right before the quote names the speaker.
    if source.lower() in PRONOUNS or not is_person(best.speaker or source):
        introduced = _colon_tag_before(text, start)
        if introduced:
            return introduced
    return best.speaker or source


def _colon_tag_before(text: str, start: int) -> str | None:
    """The name of a tag that hands over to the quote with a colon ('Said Ellis: “…”')."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - NEAR_VERB_CHARS):start]
    if not before.strip():  # a quote opening its paragraph after 'The New York Times reports:'
        previous_line = text[:line_start].rstrip().rsplit("\n", 1)[-1]
        before = previous_line[-NEAR_VERB_CHARS:] if previous_line.endswith(":") else ""
    found = COLON_BEFORE.search(before) or PARTICIPLE_BEFORE.search(before)
    name = found and (found.group("after") or found.group("before"))
    return _name_in(name) if name and name.lower() not in PRONOUNS else None


def _speaker_tagged_after(text: str, end: int) -> str | None:
    """The name in a speech tag right after the closing mark ('…?” Vitter demanded', '…,” said the
    ruling'); a pronoun there is left to the caller."""
    tail = text[end:end + NEAR_VERB_CHARS]
    stripped = tail.lstrip(" ,")
    if len(tail) - len(stripped) > 3 or "\n" in tail[:len(tail) - len(stripped)]:
        return None
    if text[max(0, end - 2):end].startswith("."):  # '…neighborhood.” Russia insisted': a new sentence
        return None
    found = VERB_BEFORE_SPEAKER.match(stripped) or SPEAKER_BEFORE_VERB.match(stripped)
    if not found or found.group(1).lower() in PRONOUNS:
        return None
    return _name_in(found.group(1))


_FROM_SPEAKER = re.compile(rf"[ \t]+from[ \t]+(?:the[ \t]+)?({NAME})[ \t]*")


def _heading_from(text: str, start: int, end: int) -> str | None:
    """Whom a heading's quote is from ('“No comment” from Pell': the line is the words and their speaker)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if text[line_start:start].strip():
        return None
    found = _FROM_SPEAKER.fullmatch(text, end, len(text) if line_end < 0 else line_end)
    return _name_in(found.group(1)) if found and found.group(1).lower() not in PRONOUNS else None


def _nearest_speaker(text: str, start: int, end: int) -> str | None:
    """'…," said Mara Ellison' or 'Ellison said: "…"': a name next to a speech verb beside the quote."""
    paragraph_start = text.rfind("\n", 0, start) + 1
    paragraph_end = text.find("\n", end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    after = text[end: min(paragraph_end, end + NEAR_VERB_CHARS)]
    before = text[max(paragraph_start, start - NEAR_VERB_CHARS): start]
    tail = after.lstrip(" ,:")  # ':' for a headline's '“Pure fiction”: Kremlin denies …'
    for found in (COLON_THEN_SUBJECT.match(after), VERB_BEFORE_SPEAKER.match(tail), SPEAKER_BEFORE_VERB.match(tail),
                  DASH_BEFORE_SPEAKER.match(after), SPEAKER_APPOSITION_VERB.match(tail)):
        if found:
            return _name_in(found.group(1))
    colon = COLON_BEFORE.search(before)
    if colon:
        return _name_in(colon.group("after") or colon.group("before"))
    matches = list(SPEAKER_BEFORE_VERB.finditer(before))
    return _name_in(matches[-1].group(1)) if matches else None


def _name_in(phrase: str) -> str:
    """'President Obama' → 'Obama'; a pronoun stays as it is, for the caller to resolve."""
    return phrase if phrase.lower() in PRONOUNS else person_or_outlet_name(phrase) or phrase
