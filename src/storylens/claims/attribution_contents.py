"""What an attribution cue attributes: the content, read from the dependency tree of its sentence.

Moved as it was from attribution.py (its "what" half).
"""
from __future__ import annotations

from storylens.claims.attribution_sources import (
    CITING_WORDS, RAISING_COMPLEMENTS, cited_source, no_source_frame, phrase, poll_frame, raising_frame, trimmed,
)
from storylens.claims.cues import NO_SOURCE_ADVERBS, QUOTE_MARK_CHARS, SPEECH_VERBS, stem

# Cues that, without a clause of their own, attribute the clause they hang from ("…, citing X").
HEAD_CLAUSE_CUES = frozenset({"citing", "cited", "reported", "according", "said", "says", "say", "saying"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "acomp", "dative", "ccomp", "xcomp", "pcomp", "pobj"})
# After a speech verb with no object, these open what it was about ("respond to a request").
TOPIC_PREPOSITIONS = frozenset({"to", "about", "against", "of", "for", "over"})
# Speech verbs whose object is usually the person spoken to, not what was said.
ADDRESSING_STEMS = frozenset({"ask", "tell", "remind", "urge", "warn", "assure", "inform", "press"})
PEOPLE_WORDS = frozenset({"reporters", "journalists", "voters", "supporters", "audience", "crowd", "people",
                          "host", "interviewer", "viewers", "listeners", "students", "members", "lawmakers"})


def content_of(cue, source) -> tuple[int, int] | None:
    """Token range of what is attributed."""
    doc = cue.doc
    if poll_frame(cue) is not None:  # "In the poll, Clinton leads": the clause the poll's phrase opens
        return _rest_of_clause(cue, _cue_subtree(cue))
    if cue.lower_ == "according":
        exclude = _cue_subtree(cue)
        before = trimmed(doc, 0, exclude[0])
        if cue.i > 0 and doc[cue.i - 1].text == "," and before is not None and before[1] - before[0] >= 4:
            return before  # "X holds a lead, according to the poll, where …": X, not what trails the source
        return _rest_of_clause(cue, exclude)
    if any(child.dep_ == "mark" and child.lower_ == "as" for child in cue.children):
        return trimmed(doc, 0, len(doc))  # "as reported by X": all the sentence says, its other attributions too
    if cue.lower_ in NO_SOURCE_ADVERBS:  # "the ministry reportedly signed": the whole clause
        clause = cue.head if cue.head is not cue else cue
        return trimmed(doc, clause.left_edge.i, clause.right_edge.i + 1)
    if source is None and no_source_frame(cue):  # "the minister is said to be furious"
        edges = [c for c in cue.children if c.dep_ in ("nsubjpass", "xcomp")]
        return trimmed(doc, min(c.left_edge.i for c in edges), max(c.right_edge.i for c in edges) + 1)
    if source is None and raising_frame(cue):  # "the plan seems doomed": what seems, and how
        edges = [c for c in cue.children if c.dep_ in RAISING_COMPLEMENTS or c.dep_ == "prep"
                 or (c.dep_ == "nsubj" and c.lower_ != "it")]
        return trimmed(doc, min(c.left_edge.i for c in edges), max(c.right_edge.i for c in edges) + 1)
    clauses = [c for c in cue.children if c.dep_ in ("ccomp", "xcomp", "csubjpass")]
    if clauses:
        return trimmed(doc, min(c.left_edge.i for c in clauses), max(c.right_edge.i for c in clauses) + 1)
    cites_a_reason = cue.lower_ in CITING_WORDS and cited_source(cue) is None and any(
        c.dep_ in ("dobj", "pobj") for c in cue.children)  # "canceled the rally, citing the attack": the attack
    if cited_source(cue) is not None or (cue.dep_ in ("advcl", "parataxis", "conj") and cue.lower_ in HEAD_CLAUSE_CUES
                                          and cue.head.tag_.startswith("VB") and not cites_a_reason):
        return _rest_of_clause(cue, _cue_subtree(cue))
    if cue.dep_ in ("acl", "relcl") and cue.head.i < cue.i and any(c.dep_ == "agent" for c in cue.children):
        return trimmed(doc, cue.head.left_edge.i, cue.left_edge.i)  # "the bill opposed by House Republicans"
    passive_subjects = [c for c in cue.children if c.dep_ == "nsubjpass"]
    if passive_subjects and any(c.dep_ == "agent" for c in cue.children):  # "was first reported by the Post"
        return phrase(passive_subjects[0])
    colon = next((t for t in doc[cue.i + 1: cue.i + 3] if t.text == ":"), None)
    if colon is not None and colon.i + 1 < len(doc):
        return trimmed(doc, colon.i + 1, len(doc))
    if cue.lower_ in SPEECH_VERBS:  # '"…," he said on Tuesday': the quotation, not "on Tuesday"
        quoted = _quotation_beside(cue, source)
        if quoted is not None:
            return quoted
    right = _right_side(cue, source)
    if right is not None:
        return right
    return _rest_of_clause(cue, _cue_subtree(cue))


def _quotation_beside(cue, source) -> tuple[int, int] | None:
    """Token range of the longest quotation in the cue's sentence outside its source."""
    doc, opened, best = cue.doc, None, None
    for token in doc:
        if token.text not in QUOTE_MARK_CHARS:
            continue
        closing = token.text in "”»" or (token.text == '"' and opened is not None)
        if closing and opened is not None:
            inside_source = source is not None and source[0] <= opened < source[1]
            if not inside_source and (best is None or token.i - opened > best[1] - best[0]):
                best = (opened, token.i + 1)
            opened = None
        elif not closing:
            opened = token.i
    return best if best is not None and best[1] - best[0] > 3 else None


def _cue_subtree(cue) -> tuple[int, int]:
    return cue.left_edge.i, cue.right_edge.i + 1


def _rest_of_clause(cue, exclude: tuple[int, int]) -> tuple[int, int] | None:
    """The longer part of the cue's clause (the whole sentence if it is the root) outside `exclude`."""
    doc = cue.doc
    clause = cue.head if cue.dep_ != "ROOT" else cue
    if clause.is_punct:  # a misparse hung the cue on a comma: fall back to the whole sentence
        clause = cue.sent.root
    while clause.dep_ not in ("ROOT",) and clause.head is not clause and clause.dep_ in ("prep", "advmod", "pcomp"):
        clause = clause.head
    first, last = (0, len(doc)) if clause.dep_ == "ROOT" else (clause.left_edge.i, clause.right_edge.i + 1)
    before = trimmed(doc, first, exclude[0])
    after = trimmed(doc, exclude[1], last)
    sides = [side for side in (before, after) if side is not None]
    return max(sides, key=lambda side: len(doc[side[0]:side[1]].text)) if sides else None


def _right_side(cue, source) -> tuple[int, int] | None:
    """What the cue governs to its right: 'criticized the plan', 'announced a run'."""
    if cue.lower_ in SPEECH_VERBS:  # "said on Tuesday": a speech verb's modifiers are not what was said
        children = [c for c in cue.rights if c.dep_ in OBJECT_DEPS]
        if stem(cue.lower_) in ADDRESSING_STEMS:  # "asked reporters", "told Clinton about X": who was addressed
            children = [c for c in children if not (c.dep_ in ("dobj", "dative") and _addressee(c))]
        if not children:  # "did not respond to a request", "argued against intervention"
            topics = [c for c in cue.rights if c.dep_ == "prep" and c.lower_ in TOPIC_PREPOSITIONS
                      and stem(cue.lower_) != "say"]
            objects = [o for c in topics[:1] for o in c.children if o.dep_ in ("pobj", "pcomp")]
            if objects:
                return trimmed(cue.doc, objects[0].left_edge.i, objects[0].right_edge.i + 1)
    else:
        children = [c for c in cue.rights if c.dep_ not in ("punct", "cc", "conj", "nsubj", "advmod", "npadvmod")]
    if source is not None:
        children = [c for c in children if not source[0] <= c.i < source[1]]
    if not children:
        return None
    return trimmed(cue.doc, children[0].left_edge.i, max(c.right_edge.i for c in children) + 1)


def _addressee(token) -> bool:
    """A name, a personal pronoun or a word for people: someone spoken to."""
    return token.tag_ in ("NNP", "NNPS", "PRP") or token.lower_ in PEOPLE_WORDS
