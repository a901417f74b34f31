"""Who an attribution cue attributes to: the source, read from the dependency tree of its sentence.

Moved as it was from attribution.py (its "who" half); `trimmed` and `phrase` cut token ranges for
the contents too.
"""
from __future__ import annotations

from storylens.claims.cues import (
    NO_SOURCE_ADVERBS, NO_SOURCE_PASSIVES, POLL_WORDS, QUOTE_MARK_CHARS, SPEECH_VERBS, is_quoted, stem,
)

LEADING_JUNK = frozenset({",", ";", ":", "—", "–", "-", "(", ")", "and", "but"})
TRAILING_JUNK = frozenset({",", ";", ":", "—", "–", "-", "(", ".", "and", "but"})
SUBJECTS = ("nsubj", "csubj")
CITING_WORDS = frozenset({"citing", "cited", "cites", "cite"})
CITED_NOUNS = frozenset({"report", "reports", "sources", "source", "officials", "official", "people", "person",
                         "documents", "statement", "interview", "diplomats", "aides", "insiders"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
TIME_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    morning afternoon evening night week month year day pm am p.m. a.m. earlier later""".split())
# How the parser hangs a speaker that follows its verb ('"…," added a Democrat').
INVERTED_SPEAKER_DEPS = frozenset({"dobj", "npadvmod", "attr", "dep", "appos", "oprd"})
# A cue hanging from its head this way shares the head's subject: "…, adding that …", "after saying …".
CLAUSE_LINKS = ("conj", "advcl", "xcomp", "parataxis", "pcomp", "prep")


def no_source_frame(token) -> bool:
    """'reportedly', 'is said to', 'is believed to': attributed, to nobody named."""
    if token.lower_ in NO_SOURCE_ADVERBS:
        return True
    children = {child.dep_ for child in token.children}
    return token.lower_ in NO_SOURCE_PASSIVES and "auxpass" in children and "xcomp" in children and "agent" not in children


def poll_frame(token):
    """The poll of a sentence that opens 'In the latest Post/ABC poll, Clinton leads …', or None: the
    poll is the source, "In" the cue. Opening a sentence, PolNeAR train marks 19 of 23 of them as cues;
    anywhere else only 39 of 162 ("gains in some polls" reads as a fact about the polls)."""
    if token.i != 0 or token.lower_ != "in" or token.dep_ != "prep":
        return None
    return next((c for c in token.children if c.dep_ == "pobj" and c.lower_ in POLL_WORDS), None)


# "X seems to be Y", "it appeared that Y", "X is expected to Y": PolNeAR train marks these
# without a source 264 times in 300 (the subject is what seems, not who judges); 14 of 25 such
# cues on dev were given their subject as a wrong source.
RAISING_STEMS = frozenset({"seem", "appear"})
RAISING_COMPLEMENTS = frozenset({"xcomp", "acomp", "oprd", "ccomp", "attr"})
THOUGHT_VERBS = frozenset("suggest imply blame believe think feel want accuse criticize endorse back support".split())


def raising_frame(token) -> bool:
    """'seems', 'appeared' taking a complement: attributed to no one named ('appeared on Fox' is no cue)."""
    if stem(token.lower_) not in RAISING_STEMS:
        return False
    if any(c.dep_ == "xcomp" and c.lower_ in SPEECH_VERBS | THOUGHT_VERBS for c in token.children):
        return False  # "he appeared to suggest that …": he suggests, through a hedge
    return any(c.dep_ in RAISING_COMPLEMENTS or (c.dep_ == "prep" and c.lower_ == "like") for c in token.children)


def source_of(cue, depth: int = 0) -> tuple[int, int] | None:
    """Token range of who the cue attributes to, or None; never a date or an hour the parser
    took for a subject ("said Tuesday that …")."""
    if depth == 0 and raising_frame(cue):  # "seemed far away to European citizens": they judge
        judges = [o for c in cue.children if c.dep_ == "prep" and c.lower_ == "to" for o in c.children if o.dep_ == "pobj"]
        return phrase(judges[0]) if judges else None
    found = _source_of(cue, depth)
    if found is not None and found[1] - found[0] <= 3 and all(
            t.lower_ in TIME_WORDS or t.like_num or not t.text[:1].isalnum() for t in cue.doc[found[0]:found[1]]):
        return None
    return found


def _source_of(cue, depth: int = 0) -> tuple[int, int] | None:
    if (poll := poll_frame(cue)) is not None:
        return phrase(poll)
    if cue.lower_ == "according":
        to = next((c for c in cue.children if c.lower_ == "to"), None)
        objects = [c for c in (to.children if to is not None else cue.children) if c.dep_ == "pobj"]
        return phrase(objects[0]) if objects else None
    cited = cited_source(cue)
    if cited is not None:
        return phrase(cited)
    for child in cue.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return phrase(objects[0])
    subjects = [child for child in cue.children if child.dep_ in SUBJECTS]
    if cue.dep_ == "relcl" and subjects and subjects[0].lower_ in RELATIVE_PRONOUNS and subjects[0].i > cue.head.i:
        return cue.head.left_edge.i, subjects[0].i + 1  # "Peskov, who called the report fiction"
    if subjects and is_quoted(subjects[0]) and not is_quoted(cue):
        outside = _speaker_outside_quotation(cue, _closing_quote_before(cue)) if depth == 0 else None
        speaker = _speaker_beside(cue)  # '"That," he said': the parser took a word of the quotation
        if outside is not None or speaker is not None:
            return outside or phrase(speaker)
    if subjects and depth == 0 and _quoted_by_earlier_sentence(subjects[0], cue):
        return _speaker_outside_quotation(cue, _closing_quote(cue.doc))
    if subjects:
        return phrase(subjects[0])
    # "the protesters chanting …" chant; "a box labeled …", "a speech titled …" are what is named
    if cue.dep_ == "acl" and cue.head.tag_.startswith("NN") and cue.head.i < cue.i and cue.tag_ != "VBN":
        first = phrase(cue.head)[0]  # "the protesters chanting …", "Trump, claiming …"
        return trimmed(cue.doc, first, cue.left_edge.i)
    owner = next((c for c in cue.children if c.dep_ == "poss"), None)
    if owner is not None:
        return phrase(owner)  # "his suggestion that …", "Trump's claim"
    if cue.tag_.startswith("NN"):  # "criticism from Clinton", "a statement by the ministry"
        for child in cue.children:
            if child.dep_ == "prep" and child.lower_ in ("from", "by"):
                objects = [c for c in child.children if c.dep_ == "pobj" and _nominal(c)]
                if objects:
                    return phrase(objects[0])
    if cue.dep_ == "conj" and cue.head.dep_ == "ccomp" and cue.head.head.tag_.startswith("VB"):
        return _source_of(cue.head.head, depth + 1)  # "X said the plan failed and called it …": X, not the plan
    if cue.dep_ in CLAUSE_LINKS and cue.head is not cue and depth < 4:
        return _source_of(cue.head, depth + 1)
    if depth == 0 and (cue.lower_ in SPEECH_VERBS or _after_quotation(cue)):
        inverted = _name_after(cue)  # '"…," added a New Hampshire Democrat', '…, said Robert Reich, who …'
        if inverted is not None:
            return phrase(inverted)
    if depth == 0 and (mark := _closing_quote(cue.doc)) is not None and mark.i < cue.i:
        return _speaker_outside_quotation(cue, mark)  # '…military,” Flynn, a top Trump surrogate, said'
    return _left_nominal(cue) if depth == 0 else None


def _closing_quote(doc):
    """The sentence's first quotation mark when it closes a quotation opened in an earlier
    sentence (',"' '.”'): the splitter cut the quotation, so the words before it are quoted."""
    mark = next((t for t in doc if t.text in QUOTE_MARK_CHARS), None)
    if mark is None or mark.text in "“«" or mark.i == 0 or doc[mark.i - 1].text not in (",", ".", "?", "!", "—"):
        return None
    return mark


def _quoted_by_earlier_sentence(subject, cue) -> bool:
    """'Not good, great. One of the brightest members," Rep. X said': the parser's subject is a
    quoted phrase (4 wrong sources on PolNeAR dev)."""
    mark = _closing_quote(cue.doc)
    return mark is not None and subject.i < mark.i < cue.i


def _closing_quote_before(cue):
    """The last mark before the cue that closes a quotation (',"' '.”'), or None."""
    doc = cue.doc
    marks = [t for t in doc[:cue.i] if t.text in QUOTE_MARK_CHARS and t.text not in "“«"
             and t.i > 0 and doc[t.i - 1].text in (",", ".", "?", "!", "—")]
    return marks[-1] if marks else None


def _speaker_outside_quotation(cue, mark) -> tuple[int, int] | None:
    """Who speaks a quotation that closes at `mark`, before the cue: the words between the mark
    and the cue ('," Rep. X said'), else the name after it ('," said Leslie Wimes')."""
    if mark is None:
        return None
    between = trimmed(cue.doc, mark.i + 1, cue.i)
    if between is not None and any(_nominal(t) for t in cue.doc[between[0]:between[1]]):
        return between
    speaker = _name_after(cue) or _speaker_beside(cue) or _nominal_after(cue)
    return phrase(speaker) if speaker is not None and speaker.i > mark.i else None


def _nominal_after(cue):
    """'," said the ruling': the first noun or name in the few words after the verb."""
    doc = cue.doc
    for token in doc[cue.i + 1: cue.i + 5]:
        if _nominal(token) and not is_quoted(token):
            while token.head is not token and token.head.tag_.startswith("NN") and token.dep_ in ("compound", "flat"):
                token = token.head
            return token
    return None


def _after_quotation(cue) -> bool:
    """'"…," posted Sharon Geyer', '"…," read one': the verb comes right after a closing quote."""
    doc = cue.doc
    return any(doc[i].text in QUOTE_MARK_CHARS for i in range(max(0, cue.i - 2), cue.i))


def _name_after(cue):
    """A nominal the parser hung right after a subjectless speech verb: its speaker, inverted."""
    for child in cue.rights:
        if child.i > cue.i + 4:
            break
        if _nominal(child) and not is_quoted(child) and child.dep_ in INVERTED_SPEAKER_DEPS:
            return child
    return None


def _left_nominal(cue) -> tuple[int, int] | None:
    """A misparse left the cue without a subject: a name or noun it governs on its left
    ("Khizr Khan, the father of a soldier, decried …" parsed with Khan as a modifier).
    Guessing the sentence's nearest subject instead adds more wrong sources than right ones."""
    nominal = [c for c in cue.lefts if _nominal(c) and not is_quoted(c)
               and c.dep_ in ("npadvmod", "dep", "nmod", "appos", "compound", "amod", "advmod")]
    return phrase(nominal[0]) if nominal else None


def _nominal(token) -> bool:
    """A noun, name or personal pronoun, by its tag (the parse runs without the tag-to-POS mapping)."""
    return token.tag_.startswith("NN") or token.tag_ == "PRP"


def _speaker_beside(cue):
    """The name or pronoun right after ('said Ross') or right before ('he said') a speech verb."""
    doc = cue.doc
    for index in (cue.i + 1, cue.i - 1):
        if 0 <= index < len(doc) and _nominal(doc[index]) and not is_quoted(doc[index]):
            token = doc[index]
            while token.head is not token and token.head.tag_.startswith("NN") and token.dep_ in ("compound", "flat"):
                token = token.head
            return token
    return None


def cited_source(cue):
    """The object of 'citing' when it names who (a name, 'officials', 'a report'), not a reason."""
    if cue.lower_ not in CITING_WORDS:
        return None
    for child in cue.children:
        if child.dep_ in ("dobj", "pobj") and (child.tag_.startswith("NNP") or child.lower_ in CITED_NOUNS):
            return child
    return None


def phrase(head) -> tuple[int, int]:
    """The head's subtree, without a trailing comma or a relative clause that runs past it."""
    first, last = head.left_edge.i, head.right_edge.i + 1
    doc = head.doc
    while last - 1 > head.i and not doc[last - 1].text[:1].isalnum():
        last -= 1
    while first < head.i and not doc[first].text[:1].isalnum():
        first += 1
    return first, last


def trimmed(doc, first: int, last: int) -> tuple[int, int] | None:
    while first < last and (doc[first].text in LEADING_JUNK or doc[first].is_space):
        first += 1
    while last > first and (doc[last - 1].text in TRAILING_JUNK or doc[last - 1].is_space):
        last -= 1
    return (first, last) if last > first else None
