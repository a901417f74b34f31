"""Who denies and what is denied, read from the tree around a denial's trigger.

- Who: the attribution whose cue the trigger is ("Peskov denied that ..."), the agent of a
  passive ("was dismissed by police"), the subject ("The ministry rejected the report"), the
  speaker of the attribution the sentence sits in ("Peskov said the report was false"); a
  pronoun takes the nearest named speaker before it; "the outlet" when the article itself
  says it ("the claim is untrue"). Never a date, a weekday, "statement" or a bare pronoun.
- What: the clause ("denied that ..."), the object ("the report"), the subject of a
  predicative ("the claim is untrue" -> "the claim"), the noun a trigger qualifies ("the
  debunked claim that ...").
"""
from __future__ import annotations

from storylens.claims.denial_features import (
    CALLING_VERBS, CLAIM_NOUNS, OBJECT_PRONOUNS, TIME_WORDS, agent_of, clause_of, object_of, subject_kind, subject_of,
    tag_class,
)
from storylens.claims.denial_triggers import NO_WORD_FAMILIES
from storylens.model import Attribution, Span

OUTLET = "the outlet"
PRONOUN_REACH = 600  # characters back from a pronoun to the speaker it stands for (as claims.speakers)
NAMED_KINDS = frozenset({"proper", "person_noun", "other"})
PRONOUN_KINDS = frozenset({"third", "first"})
# Dependents that end a noun phrase for naming: "Paul Manafort, the chairman, who ..." -> "Paul Manafort".
CUT_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "punct", "cc", "conj", "parataxis"})
# Coordination ends a name only at its head ("Paul Manafort and Rick Gates"); deeper it is inside
# the name: "Centers for Disease Control and Prevention", "Department of Health and Human Services".
HEAD_ONLY_CUTS = frozenset({"cc", "conj"})
QUALIFIERS = frozenset({"amod", "compound"})
UNMATCHED_FORMS = frozenset({"match", "matches", "matched", "square", "squares", "squared"})
# "called them a hoax" may call the reports so: only the pronouns that can name nobody but people.
PERSON_PRONOUNS = OBJECT_PRONOUNS - {"them"}
EDGE_JUNK = set(" ,;:—–-\"'“”‘’()")


def denier(token, family: str, sentence: Span, text: str, attributions: list[Attribution]
           ) -> tuple[str | None, Span | None]:
    """(`by`, `by_span`) for the trigger `token` of a denial sentence; (None, None) when unknown."""
    at = sentence.start + token.idx
    for attribution in attributions:
        if _speaks(attribution) and attribution.cue.start <= at < attribution.cue.end:
            return _speaker(attribution, attributions)
    covering = _covering(at, attributions)
    if family in NO_WORD_FAMILIES and covering is not None and _speaks(covering):
        # "Roos said the ministry had no plans to sell": who says it denies, not the negated clause's subject
        return _speaker(covering, attributions)
    subject = _acting_subject(token)
    if _is_passive(token):
        agent = agent_of(token)
        if agent is not None:
            return _phrase(agent, sentence)
        subject = None
    kind = subject_kind(subject)
    if kind in NAMED_KINDS:
        return _phrase(subject, sentence)
    covering = _covering(at, attributions)
    if covering is not None and _speaks(covering):
        return _speaker(covering, attributions)
    if kind in PRONOUN_KINDS:
        return _speaker_before(sentence.start, attributions)
    return (OUTLET, None) if kind in ("none", "claim") else (None, None)


def denied_span(token, sentence: Span, text: str) -> Span | None:
    """What the trigger rejects, as offsets into the article text."""
    target = object_of(token)
    if token.dep_ in ("oprd", "attr", "acomp") and token.head.lower_ in CALLING_VERBS:
        # "The ministry called the report a hoax": the called thing, not the caller (the model's
        # `obj` feature keeps `object_of`'s reading, which it was trained on). Not a person ("called
        # him a liar"): a vague "him" would send the denial to the story's main event.
        target = next((child for child in token.head.children
                       if child.dep_ == "dobj" and child.lower_ not in PERSON_PRONOUNS), target)
    if token.lower_ in UNMATCHED_FORMS:  # "That does not match the accounts": what fails to match is denied
        target = subject_of(token) or target
    if target is not None and target.lower_ in TIME_WORDS:  # "denying on Wednesday she was ..."
        target = next((child for child in token.children if child.dep_ == "ccomp"), None)
    if target is None:
        return None
    return _span_of(_tokens_without(target, token), sentence)


# --- who ---------------------------------------------------------------------------------------


def _acting_subject(token):
    """Who does the rejecting, as the tree has it (None when the article itself does, or nobody is named)."""
    head = token.head
    if token.dep_ == "acl" and tag_class(head) == "noun":
        # "an Iraqi official denying ...", "a statement denying ...", "an entry debunking ..."
        if subject_kind(head) in ("proper", "person_noun"):
            return head
        return subject_of(head.head) if head.dep_ in ("dobj", "pobj", "attr") and head.head is not head else None
    if tag_class(token) == "noun" and token.dep_ == "dobj" and head.lower_ not in CALLING_VERBS:
        return subject_of(head)  # "Judd Nelson rebuffs rumors ...", "his agent issued a denial"
    if _subject_is_denied(token):
        # "Gossip Cop proved that it was fake", "police said the video was a hoax": who says so
        clause = clause_of(token)
        if clause.dep_ in ("ccomp", "xcomp") and clause.head is not clause:
            return subject_of(clause.head)
        return None
    return subject_of(token)


def _speaks(attribution: Attribution) -> bool:
    """A source that can deny: not missing, and not a report or story ("This story seems to be false")."""
    if attribution.source is None:
        return False
    text = attribution.source.text
    words = text.lower().split()
    # "BAGHDAD—An Iraqi official denied ...": a dateline's city read as the source
    return bool(words) and words[-1] not in CLAIM_NOUNS and not (text.isupper() and len(text) > 3)


def _subject_is_denied(token) -> bool:
    """'The report is false', 'a fake story', 'rumors that ...': the subject is what is denied."""
    return token.dep_ in ("acomp", "attr", "oprd", "amod", "compound") or clause_of(token) is not token


def _is_passive(token) -> bool:
    return any(child.dep_ in ("auxpass", "nsubjpass") for child in token.children)


def _covering(at: int, attributions: list[Attribution]) -> Attribution | None:
    holding = [a for a in attributions if a.content.start <= at < a.content.end]
    return min(holding, key=lambda a: a.content.end - a.content.start) if holding else None


def _speaker(attribution: Attribution, attributions: list[Attribution]) -> tuple[str | None, Span | None]:
    source = attribution.source
    # an anonymous source's normalised name is the same for all of them; the text says which it is
    name = source.text if attribution.anonymous or not attribution.speaker else attribution.speaker
    if subject_word(name) in PRONOUN_WORDS:
        resolved = _speaker_before(source.start, attributions)
        return resolved if resolved[0] else (None, None)
    return name, source


def _speaker_before(start: int, attributions: list[Attribution]) -> tuple[str | None, Span | None]:
    """The nearest named speaker whose source ends before `start`, within `PRONOUN_REACH`."""
    before = [a for a in attributions if a.source is not None and start - PRONOUN_REACH <= a.source.end <= start]
    for attribution in sorted(before, key=lambda a: a.source.end, reverse=True):
        name = attribution.source.text if attribution.anonymous or not attribution.speaker else attribution.speaker
        if _speaks(attribution) and subject_word(name) not in PRONOUN_WORDS:
            return name, attribution.source
    return None, None


PRONOUN_WORDS = frozenset({"he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "who"})


def subject_word(name: str) -> str:
    return name.strip().lower()


def _phrase(head, sentence: Span) -> tuple[str | None, Span | None]:
    span = _span_of(_tokens_without(head, None, cut=CUT_DEPS), sentence)
    return (span.text, span) if span is not None else (None, None)


# --- spans -------------------------------------------------------------------------------------


def _tokens_without(head, trigger, cut: frozenset[str] = frozenset()) -> list:
    """`head`'s subtree, less the branches holding `trigger` and those hanging by a `cut` dependency."""
    kept, stack = [], [head]
    while stack:
        token = stack.pop()
        kept.append(token)
        for child in token.children:
            if child.dep_ in cut and (token is head or child.dep_ not in HEAD_ONLY_CUTS):
                continue
            # "the debunked claim that ..." keeps its qualifier; "allegations, which he denied" drops the clause
            if trigger is not None and _holds(child, trigger) and not (child is trigger and child.dep_ in QUALIFIERS):
                continue
            stack.append(child)
    return kept


def _holds(token, other) -> bool:
    return token.left_edge.i <= other.i <= token.right_edge.i


def _span_of(tokens: list, sentence: Span) -> Span | None:
    if not tokens:
        return None
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    while start < end and sentence.text[start] in EDGE_JUNK:
        start += 1
    while end > start and sentence.text[end - 1] in EDGE_JUNK:
        end -= 1
    if start >= end:
        return None
    return Span(sentence.start + start, sentence.start + end, sentence.text[start:end])
