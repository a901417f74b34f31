"""Attributions in an article's text: who (source) says (cue) what (content).

Parsing is what costs, so the text is cut into sentences by the project's splitter
(storylens.enrich.sentences), only sentences holding a cue word or a quotation mark are
parsed (no NER, no lemmatizer, no tag-to-POS mapping: rules read `tag_`), and a small
logistic model learned on PolNeAR train (see cues.py) decides which words there are cues.
Source and content then follow from the dependency tree; "Name: words" lines and quotations
signed with a dash ('"…" ― Name') need no parse. A speech verb whose sentence holds no content
('Trump said.', 'Hewitt writes:') takes the quotation that closes before it or the paragraph after.
Contents of a chain ("Sky News, citing John Healey, as reported by European Pravda, said ...")
nest: each outer content holds the inner attribution.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

from storylens.batches import batched
from storylens.claims.cues import (
    NO_SOURCE_ADVERBS, NO_SOURCE_PASSIVES, OUTLET_WORDS, QUOTE_MARK_CHARS, SPEECH_VERBS, cue_features, cue_model,
    cue_probability, is_candidate, is_quoted, stem, trigger_offsets,
)
from storylens.claims.quotes import quote_regions
from storylens.enrich.sentences import split_sentences
from storylens.enrich.nlp import english
from storylens.model import Attribution, AttributionKind, Span

MAX_SENTENCE_CHARS = 1000  # longer "sentences" (lists, tables, hostile input) are cut to keep parses bounded
# Sentences parsed per batch: on news sentences, 256 a batch parse 15 % faster than 64.
BATCH_SIZE = 256
DOCUMENTS_PER_CHUNK = 64  # articles whose candidate sentences are parsed together
LEADING_JUNK = frozenset({",", ";", ":", "—", "–", "-", "(", ")", "and", "but"})
TRAILING_JUNK = frozenset({",", ";", ":", "—", "–", "-", "(", ".", "and", "but"})
SUBJECTS = ("nsubj", "csubj")
# Cues that, without a clause of their own, attribute the clause they hang from ("…, citing X").
HEAD_CLAUSE_CUES = frozenset({"citing", "cited", "reported", "according", "said", "says", "say", "saying"})
CITING_WORDS = frozenset({"citing", "cited", "cites", "cite"})
CITED_NOUNS = frozenset({"report", "reports", "sources", "source", "officials", "official", "people", "person",
                         "documents", "statement", "interview", "diplomats", "aides", "insiders"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "acomp", "dative", "ccomp", "xcomp", "pcomp", "pobj"})
# After a speech verb with no object, these open what it was about ("respond to a request").
TOPIC_PREPOSITIONS = frozenset({"to", "about", "against", "of", "for", "over"})
TIME_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    morning afternoon evening night week month year day pm am p.m. a.m. earlier later""".split())
# Speech verbs whose object is usually the person spoken to, not what was said.
ADDRESSING_STEMS = frozenset({"ask", "tell", "remind", "urge", "warn", "assure", "inform", "press"})
PEOPLE_WORDS = frozenset({"reporters", "journalists", "voters", "supporters", "audience", "crowd", "people",
                          "host", "interviewer", "viewers", "listeners", "students", "members", "lawmakers"})
# How the parser hangs a speaker that follows its verb ('"…," added a Democrat').
INVERTED_SPEAKER_DEPS = frozenset({"dobj", "npadvmod", "attr", "dep", "appos", "oprd"})
# A cue hanging from its head this way shares the head's subject: "…, adding that …", "after saying …".
CLAUSE_LINKS = ("conj", "advcl", "xcomp", "parataxis", "pcomp", "prep")


def find_attributions(text: str) -> list[Attribution]:
    """Every attribution in one article, offsets into `text`."""
    return next(attributions_of_texts([text]))


def attributions_of_texts(texts: Iterable[str]) -> Iterator[list[Attribution]]:
    """`find_attributions` for many articles, parsing their candidate sentences in batches."""
    # A text that is not a string (a JSON record's null) reads as an empty article.
    for chunk in batched((text if isinstance(text, str) else "" for text in texts), DOCUMENTS_PER_CHUNK):
        candidates = [(number, span) for number, text in enumerate(chunk) for span in candidate_sentences(text)]
        found: list[list[Attribution]] = [[] for _ in chunk]
        for doc, (number, (start, _)) in _parse(chunk, candidates):
            found[number].extend(attributions_in_sentence(doc, start, chunk[number]))
        for text, attributions in zip(chunk, found):
            yield finish(text, attributions + colon_attributions(text) + dash_attributions(text))


def _parse(texts: list[str], candidates: list[tuple[int, tuple[int, int]]]):
    """(Doc, (text number, (start, end))) for each candidate sentence, parsed in batches."""
    items = ((texts[number][start:end], (number, (start, end))) for number, (start, end) in candidates)
    return english(entities=False).pipe(items, as_tuples=True, batch_size=BATCH_SIZE)


# --- sentences ---------------------------------------------------------------------------------


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence (the project's splitter), long ones cut to keep parses bounded."""
    return [piece for sentence in split_sentences(text) for piece in _bounded(text, sentence.start, sentence.end)]


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The stretch without its outer spaces, cut at spaces into pieces no longer than the limit."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        pieces.append((start, cut))
        start = cut + (text[cut] == " ")
    if end > start:
        pieces.append((start, end))
    return pieces


def candidate_sentences(text: str) -> list[tuple[int, int]]:
    """The sentences that hold a cue word or quotation marks: the only ones worth parsing."""
    offsets = trigger_offsets(text)
    return [(_after_dateline(text, start, end), end) for start, end in sentence_spans(text)
            if (at := bisect.bisect_left(offsets, start)) < len(offsets) and offsets[at] < end]


# "WASHINGTON (AFP) – ", "PHILADELPHIA, July 29 (UPI) — ": the parser takes the place for a subject.
DATELINE = re.compile(r"[A-Z][\w.,' ]{1,40}\((?:AP|AFP|Reuters|UPI|[A-Z]{2,6})\)\s*[-–—]+\s*")


def _after_dateline(text: str, start: int, end: int) -> int:
    found = DATELINE.match(text, start, end)
    return found.end() if found and found.end() < end else start


# --- one sentence ------------------------------------------------------------------------------


def attributions_in_sentence(doc, offset: int, text: str) -> list[Attribution]:
    """The attributions whose cue is in this parsed sentence (`offset`: where it starts in `text`)."""
    threshold = cue_model()["threshold"]
    found, by_cue = [], {}
    for token in doc:
        if not is_candidate(token):
            continue
        forced = no_source_frame(token) or _cited_source(token) is not None  # rare in PolNeAR, common in wires
        if not (forced or cue_probability(cue_features(token)) >= threshold):
            continue
        attribution = attribution_at(token, offset, text)
        if attribution is not None:
            by_cue[token.i] = attribution
            found.append(attribution)
            found.extend(told_outlet(token, attribution, offset, text))
    _nest_citations(doc, by_cue, text)
    return [sibling for attribution in found for sibling in coordinated_siblings(doc, attribution, offset, text)]


def coordinated_siblings(doc, attribution: Attribution, offset: int, text: str) -> list[Attribution]:
    """'The Post and Reuters reported X', 'A, B and C said X': one attribution per source, each
    with the same cue and content. They are siblings (two origins), not a chain ('X, citing Y')."""
    if attribution.source is None:
        return [attribution]
    ranges = coordinated_ranges(doc, attribution.source.start - offset, attribution.source.end - offset)
    if len(ranges) < 2:
        return [attribution]
    return [Attribution(source=_span(doc, token_range, offset, text), cue=attribution.cue,
                        content=attribution.content, kind=attribution.kind) for token_range in ranges]


def coordinated_ranges(doc, start: int, end: int) -> list[tuple[int, int]]:
    """Token ranges of the names coordinated in the source phrase at characters [start, end) of
    the sentence; one range (or none) when it is not a list of names ("he and his aides", "the
    chairman and chief executive" stay one source)."""
    inside = [t for t in doc if start <= t.idx < end]
    heads = [t for t in inside if not start <= t.head.idx < end or t.head is t]
    if len(heads) != 1:
        return []
    # "A, B and C" is often parsed as A with the apposition B, which holds C: a list, not an apposition
    listed = [c for c in heads[0].children if c.dep_ == "appos" and any(k.dep_ == "conj" for k in c.children)]
    first = listed[0] if listed else heads[0]
    if not any(c.dep_ == "conj" for c in first.children):
        return []
    conjuncts = [first, *[t for t in first.conjuncts if start <= t.idx < end]] + ([heads[0]] if listed else [])
    ranges = sorted(_conjunct_range(token) for token in conjuncts)
    if not all(any(t.tag_.startswith("NNP") for t in doc[first:last]) and (doc[first].text[:1].isupper()
               or doc[first].lower_ == "the") for first, last in ranges):
        return []
    return ranges


def _conjunct_range(token) -> tuple[int, int]:
    """The conjunct's own words: its subtree without the conjuncts, 'and' and commas it holds."""
    kids = [k for k in token.children if k.dep_ not in ("conj", "cc", "punct", "appos")]
    first = min([token.i] + [k.left_edge.i for k in kids])
    last = max([token.i] + [k.right_edge.i for k in kids])
    return first, last + 1


def _nest_citations(doc, by_cue: dict[int, Attribution], text: str) -> None:
    """'Sky News, citing Healey, said X': Healey's content is X, and Sky News's runs from
    'citing' to the end of X, so it holds Healey's attribution and the chain reads from nesting."""
    for index, cited in by_cue.items():
        head = doc[index].head
        for _ in range(3):  # "Sky News, citing X, said": the parser may hang "citing" on "Sky News"
            if head.i in by_cue or head.head is head:
                break
            head = head.head
        later = [a for i, a in sorted(by_cue.items()) if i > index and a.kind != AttributionKind.CITING]
        citer = by_cue.get(head.i) or (later[-1] if later else None)  # else the main verb after it
        if cited.kind != AttributionKind.CITING or citer is None or citer is cited:
            continue
        cited.content = citer.content
        start, end = min(cited.cue.start, citer.content.start), max(cited.source.end, citer.content.end)
        citer.content = Span(start, end, text[start:end])


def no_source_frame(token) -> bool:
    """'reportedly', 'is said to', 'is believed to': attributed, to nobody named."""
    if token.lower_ in NO_SOURCE_ADVERBS:
        return True
    children = {child.dep_ for child in token.children}
    return token.lower_ in NO_SOURCE_PASSIVES and "auxpass" in children and "xcomp" in children and "agent" not in children


def attribution_at(cue, offset: int, text: str) -> Attribution | None:
    source = None if no_source_frame(cue) else source_of(cue)
    content = content_of(cue, source)
    if content is not None:
        content_span = _span(cue.doc, content, offset, text)
    elif cue.lower_ in SPEECH_VERBS:
        content_span = _quotation_across_sentences(cue, offset, text)  # '"…" / Trump said.', 'Hewitt writes:'
    else:
        content_span = None
    if content_span is None:
        return None
    return Attribution(
        source=_span(cue.doc, source, offset, text) if source else None,
        cue=_span(cue.doc, _cue_range(cue), offset, text),
        content=content_span,
        kind=kind_of(cue, source),
    )


def _quotation_across_sentences(cue, offset: int, text: str) -> Span | None:
    """What a speech verb left without a content in its own sentence says: the quotation that
    closes just before it ('… do something," Huckabee said.', a quote cut into sentences by the
    splitter), or, after 'writes:' / 'said:', the paragraph that follows."""
    doc = cue.doc
    cue_start = offset + cue.idx
    after = doc[cue.i + 1:]
    if any(t.text == ":" for t in after) and all(not t.text[:1].isalnum() for t in after):
        start = offset + doc[-1].idx + len(doc[-1].text)
        while start < len(text) and text[start].isspace():
            start += 1
        end = line_end(text, start)
        return Span(start, end, text[start:end]) if end > start else None
    window_start = text.rfind("\n", 0, max(0, cue_start - 2000)) + 1  # a paragraph boundary keeps quote marks paired
    window = text[window_start:cue_start]
    regions = [r for r in quote_regions(window) if r[1] - r[0] > 3 and r[1] < len(window)]  # closed ones only
    if not regions:
        return None
    start, end = window_start + regions[-1][0], window_start + regions[-1][1]
    if len(text[end:cue_start].split()) > 6:  # a quotation far from the verb is someone else's
        return None
    return Span(start, end, text[start:end])


def kind_of(cue, source) -> str:
    if source is None:
        return AttributionKind.NO_SOURCE
    if cue.lower_ == "according":
        return AttributionKind.ACCORDING_TO
    if cue.lower_ in CITING_WORDS:
        return AttributionKind.CITING
    return AttributionKind.INDIRECT  # DIRECT is decided in `finish`, once quotes across sentences are known


def _cue_range(cue) -> tuple[int, int]:
    doc = cue.doc
    if cue.lower_ == "according" and cue.i + 1 < len(doc) and doc[cue.i + 1].lower_ == "to":
        return cue.i, cue.i + 2
    return cue.i, cue.i + 1


def _span(doc, token_range: tuple[int, int], offset: int, text: str) -> Span:
    first, last = doc[token_range[0]], doc[token_range[1] - 1]
    start, end = offset + first.idx, offset + last.idx + len(last.text)
    return Span(start, end, text[start:end])


# --- who: the source ---------------------------------------------------------------------------


def source_of(cue, depth: int = 0) -> tuple[int, int] | None:
    """Token range of who the cue attributes to, or None; never a date or an hour the parser
    took for a subject ("said Tuesday that …")."""
    found = _source_of(cue, depth)
    if found is not None and found[1] - found[0] <= 3 and all(
            t.lower_ in TIME_WORDS or t.like_num or not t.text[:1].isalnum() for t in cue.doc[found[0]:found[1]]):
        return None
    return found


def _source_of(cue, depth: int = 0) -> tuple[int, int] | None:
    if cue.lower_ == "according":
        to = next((c for c in cue.children if c.lower_ == "to"), None)
        objects = [c for c in (to.children if to is not None else cue.children) if c.dep_ == "pobj"]
        return _phrase(objects[0]) if objects else None
    cited = _cited_source(cue)
    if cited is not None:
        return _phrase(cited)
    for child in cue.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return _phrase(objects[0])
    subjects = [child for child in cue.children if child.dep_ in SUBJECTS]
    if cue.dep_ == "relcl" and subjects and subjects[0].lower_ in RELATIVE_PRONOUNS and subjects[0].i > cue.head.i:
        return cue.head.left_edge.i, subjects[0].i + 1  # "Peskov, who called the report fiction"
    if subjects and is_quoted(subjects[0]) and not is_quoted(cue):
        speaker = _speaker_beside(cue)  # '"That," he said': the parser took a word of the quotation
        if speaker is not None:
            return _phrase(speaker)
    if subjects:
        return _phrase(subjects[0])
    if cue.dep_ == "acl" and cue.head.tag_.startswith("NN") and cue.head.i < cue.i:
        first = _phrase(cue.head)[0]  # "the protesters chanting …", "Trump, claiming …"
        return _trimmed(cue.doc, first, cue.left_edge.i)
    owner = next((c for c in cue.children if c.dep_ == "poss"), None)
    if owner is not None:
        return _phrase(owner)  # "his suggestion that …", "Trump's claim"
    if cue.tag_.startswith("NN"):  # "criticism from Clinton", "a statement by the ministry"
        for child in cue.children:
            if child.dep_ == "prep" and child.lower_ in ("from", "by"):
                objects = [c for c in child.children if c.dep_ == "pobj" and _nominal(c)]
                if objects:
                    return _phrase(objects[0])
    if cue.dep_ == "conj" and cue.head.dep_ == "ccomp" and cue.head.head.tag_.startswith("VB"):
        return _source_of(cue.head.head, depth + 1)  # "X said the plan failed and called it …": X, not the plan
    if cue.dep_ in CLAUSE_LINKS and cue.head is not cue and depth < 4:
        return _source_of(cue.head, depth + 1)
    if depth == 0 and (cue.lower_ in SPEECH_VERBS or _after_quotation(cue)):
        inverted = _name_after(cue)  # '"…," added a New Hampshire Democrat', '…, said Robert Reich, who …'
        if inverted is not None:
            return _phrase(inverted)
    return _left_nominal(cue) if depth == 0 else None


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
    return _phrase(nominal[0]) if nominal else None


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


def _cited_source(cue):
    """The object of 'citing' when it names who (a name, 'officials', 'a report'), not a reason."""
    if cue.lower_ not in CITING_WORDS:
        return None
    for child in cue.children:
        if child.dep_ in ("dobj", "pobj") and (child.tag_.startswith("NNP") or child.lower_ in CITED_NOUNS):
            return child
    return None


def _phrase(head) -> tuple[int, int]:
    """The head's subtree, without a trailing comma or a relative clause that runs past it."""
    first, last = head.left_edge.i, head.right_edge.i + 1
    doc = head.doc
    while last - 1 > head.i and not doc[last - 1].text[:1].isalnum():
        last -= 1
    while first < head.i and not doc[first].text[:1].isalnum():
        first += 1
    return first, last


# --- what: the content -------------------------------------------------------------------------


def content_of(cue, source) -> tuple[int, int] | None:
    """Token range of what is attributed."""
    doc = cue.doc
    if cue.lower_ == "according":
        exclude = _cue_subtree(cue)
        before = _trimmed(doc, 0, exclude[0])
        if cue.i > 0 and doc[cue.i - 1].text == "," and before is not None and before[1] - before[0] >= 4:
            return before  # "X holds a lead, according to the poll, where …": X, not what trails the source
        return _rest_of_clause(cue, exclude)
    if any(child.dep_ == "mark" and child.lower_ == "as" for child in cue.children):
        return _trimmed(doc, 0, len(doc))  # "as reported by X": all the sentence says, its other attributions too
    if cue.lower_ in NO_SOURCE_ADVERBS:  # "the ministry reportedly signed": the whole clause
        clause = cue.head if cue.head is not cue else cue
        return _trimmed(doc, clause.left_edge.i, clause.right_edge.i + 1)
    if source is None and no_source_frame(cue):  # "the minister is said to be furious"
        edges = [c for c in cue.children if c.dep_ in ("nsubjpass", "xcomp")]
        return _trimmed(doc, min(c.left_edge.i for c in edges), max(c.right_edge.i for c in edges) + 1)
    clauses = [c for c in cue.children if c.dep_ in ("ccomp", "xcomp", "csubjpass")]
    if clauses:
        return _trimmed(doc, min(c.left_edge.i for c in clauses), max(c.right_edge.i for c in clauses) + 1)
    cites_a_reason = cue.lower_ in CITING_WORDS and _cited_source(cue) is None and any(
        c.dep_ in ("dobj", "pobj") for c in cue.children)  # "canceled the rally, citing the attack": the attack
    if _cited_source(cue) is not None or (cue.dep_ in ("advcl", "parataxis", "conj") and cue.lower_ in HEAD_CLAUSE_CUES
                                          and cue.head.tag_.startswith("VB") and not cites_a_reason):
        return _rest_of_clause(cue, _cue_subtree(cue))
    if cue.dep_ in ("acl", "relcl") and cue.head.i < cue.i and any(c.dep_ == "agent" for c in cue.children):
        return _trimmed(doc, cue.head.left_edge.i, cue.left_edge.i)  # "the bill opposed by House Republicans"
    passive_subjects = [c for c in cue.children if c.dep_ == "nsubjpass"]
    if passive_subjects and any(c.dep_ == "agent" for c in cue.children):  # "was first reported by the Post"
        return _phrase(passive_subjects[0])
    colon = next((t for t in doc[cue.i + 1: cue.i + 3] if t.text == ":"), None)
    if colon is not None and colon.i + 1 < len(doc):
        return _trimmed(doc, colon.i + 1, len(doc))
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
    before = _trimmed(doc, first, exclude[0])
    after = _trimmed(doc, exclude[1], last)
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
                return _trimmed(cue.doc, objects[0].left_edge.i, objects[0].right_edge.i + 1)
    else:
        children = [c for c in cue.rights if c.dep_ not in ("punct", "cc", "conj", "nsubj", "advmod", "npadvmod")]
    if source is not None:
        children = [c for c in children if not source[0] <= c.i < source[1]]
    if not children:
        return None
    return _trimmed(cue.doc, children[0].left_edge.i, max(c.right_edge.i for c in children) + 1)


def _addressee(token) -> bool:
    """A name, a personal pronoun or a word for people: someone spoken to."""
    return token.tag_ in ("NNP", "NNPS", "PRP") or token.lower_ in PEOPLE_WORDS


def _trimmed(doc, first: int, last: int) -> tuple[int, int] | None:
    while first < last and (doc[first].text in LEADING_JUNK or doc[first].is_space):
        first += 1
    while last > first and (doc[last - 1].text in TRAILING_JUNK or doc[last - 1].is_space):
        last -= 1
    return (first, last) if last > first else None


# --- "Name: words" --------------------------------------------------------------------------

# A line (or a headline after " - ") that opens with a short capitalised name and a colon:
# "Lynch: No outside influence on FBI probe", "TAPPER: Do you think …". No parse needed.
COLON_SPEAKER = re.compile(
    r"(?m)^(?:[^\n]{0,80}?\s[-–—]\s+)?[\"“]?"  # an optional headline prefix "… - "
    r"((?:[A-Z][\w.'’-]*)(?:[ \t]+(?:[A-Z(][\w.'’()-]*|of|and|at|de|van)){0,4}):[ \t]*(?=\S)")
NOT_SPEAKERS = frozenset(
    """update updated watch related note editor editor's editor’s video photos photo read more source sources
    correction breaking exclusive listen also see via credit image caption h/t hat tip and but the this here why what
    how who when where live follow like subscribe click share contact email tags filed q a contributing byline
    twitter online previously name wow paid quote quotes details background words""".split()
)


def line_end(text: str, start: int) -> int:
    """Where the line holding `start` ends, trailing spaces left out."""
    end = text.find("\n", start)
    return len(text[: end if end >= 0 else len(text)].rstrip())


def colon_attributions(text: str) -> list[Attribution]:
    found = []
    for match in COLON_SPEAKER.finditer(text):
        name, name_start = match.group(1), match.start(1)
        first = name.split()[0]
        if first.lower() in SPEECH_VERBS and len(name.split()) > 1:  # 'Said Ellis: "…"': Ellis speaks
            rest = name[len(first):].lstrip()
            name_start, name = name_start + len(name) - len(rest), rest
        if name.split()[0].lower().rstrip(".") in NOT_SPEAKERS or any(char.isdigit() for char in name):
            continue
        colon = text.index(":", match.end(1))
        end = line_end(text, match.end())
        if end <= match.end():
            continue
        found.append(Attribution(source=Span(name_start, match.end(1), name), cue=Span(colon, colon + 1, ":"),
                                 content=Span(match.end(), end, text[match.end():end]), kind=AttributionKind.INDIRECT))
    return found


# A quotation signed with a dash after its closing mark, at the end of its line: reader comments,
# epigraphs, quoted posts ('"…" ― Sonya Herridge', '"…" — Paul Ryan (@SpeakerRyan) July 5, 2016').
DASH_SIGNATURE = re.compile(
    r"([\"”»])[ \t\u00a0]*(―|—|–|--?)[ \t\u00a0]*"
    r"([A-Z][\w.'’-]*(?:[ \t]+(?:[A-Z][\w.'’-]*|de|van|von|al))" r"{0,3}(?:[ \t]+\(@\w+\))?)"
    r"(?=[ \t\u00a0.,]*(?:\n|$|[A-Z][a-z]+ \d|<))"
)


def dash_attributions(text: str) -> list[Attribution]:
    found = []
    for match in DASH_SIGNATURE.finditer(text):
        closing = match.start(1)
        line_start = text.rfind("\n", 0, closing) + 1
        regions = [r for r in quote_regions(text[line_start:closing + 1]) if r[1] == closing + 1 - line_start]
        start = line_start + regions[-1][0] if regions else line_start
        while start < closing and text[start].isspace():
            start += 1
        if len(text[start:closing].split()) < 3:
            continue
        name = match.group(3)
        if name.endswith(".") and len(name.split()[-1]) > 2:  # the sentence's full stop, not an initial
            name = name[:-1]
        found.append(Attribution(source=Span(match.start(3), match.start(3) + len(name), name),
                                 cue=Span(match.start(2), match.end(2), match.group(2)),
                                 content=Span(start, closing + 1, text[start:closing + 1]),
                                 kind=AttributionKind.DIRECT))
    return found


# --- the outlet that was told ------------------------------------------------------------------


def told_outlet(cue, attribution: Attribution, offset: int, text: str) -> list[Attribution]:
    """'X told the Washington Post that Y': the Post reports that X told it Y.

    Its content runs from X to the end of Y, so it holds X's attribution and the nesting
    reads outlet → X → Y."""
    if cue.lower_ not in ("told", "tells", "tell", "telling") or attribution.source is None:
        return []
    recipients = [c for c in cue.children if c.dep_ in ("dobj", "dative") and _is_outlet(c)]
    if not recipients:
        return []
    outlet = _span(cue.doc, _phrase(recipients[0]), offset, text)
    start = min(attribution.source.start, attribution.content.start)
    end = max(attribution.content.end, attribution.source.end, outlet.end)
    return [Attribution(source=outlet, cue=attribution.cue, content=Span(start, end, text[start:end]),
                        kind=AttributionKind.INDIRECT)]


def _is_outlet(head) -> bool:
    words = [t for t in head.subtree]
    return any(t.tag_.startswith("NNP") for t in words) and any(t.lower_ in OUTLET_WORDS for t in words)


# --- across sentences --------------------------------------------------------------------------


def finish(text: str, attributions: list[Attribution]) -> list[Attribution]:
    """Contents widened to whole quotations (which may run over sentences); DIRECT marked; order fixed."""
    regions = quote_regions(text)
    finished = []
    for attribution in attributions:
        content = _widened(text, attribution.content, regions)
        direct = attribution.kind == AttributionKind.INDIRECT and _mostly_quoted(content, regions)
        kind = AttributionKind.DIRECT if direct else attribution.kind
        source = _reporter_before(text, attribution.cue) or _past_abbreviation(text, attribution.source)
        finished.append(Attribution(source, attribution.cue, content, kind))
    return sorted(finished, key=lambda a: (a.cue.start, a.content.start, -a.content.end))


# "…, Fenmoor Post reported." The parser often hangs an unfamiliar name ending a sentence
# on the wrong head; a name between a comma and a report verb is that verb's subject.
_REPORTER_BEFORE = re.compile(r",\s+((?:[Tt]he\s+)?[A-Z][\w'’&.-]*(?:\s+(?:of\s+)?[A-Z][\w'’&.-]*){0,5})\s+$")


def _reporter_before(text: str, cue: Span) -> Span | None:
    if cue.text.split()[0].casefold() not in SPEECH_VERBS | {"reported", "reports"}:
        return None
    found = _REPORTER_BEFORE.search(text, max(0, cue.start - 120), cue.start)
    if not found:
        return None
    return Span(found.start(1), found.end(1), found.group(1))


# "…, said Rep. G.K. Butterfield": the sentence splitter cut after a title's or an initial's full stop,
# so the parse saw "Rep. G.K." for a source; the name goes on in the text after it.
_ENDS_IN_ABBREVIATION = re.compile(r"(?:\b[A-Z][a-z]{0,3}\.|\b(?:[A-Z]\.)+)$")
_NAME_GOES_ON = re.compile(r"[ \t]+((?:[A-Z]\.|[A-Z][\w'’-]*)(?:[ \t]+(?:[A-Z]\.|[A-Z][\w'’-]+)){0,3})")


def _past_abbreviation(text: str, source: Span | None) -> Span | None:
    if source is None or not _ENDS_IN_ABBREVIATION.search(source.text):
        return source
    found = _NAME_GOES_ON.match(text, source.end)
    if not found:
        return source
    return Span(source.start, found.end(1), text[source.start:found.end(1)])


def _widened(text: str, content: Span, regions: list[tuple[int, int]]) -> Span:
    start, end = content.start, content.end
    for first, last in regions:
        if first < end and last > start and (first < start or last > end):
            start, end = min(start, first), max(end, last)  # a quotation the content cuts into
    return content if (start, end) == (content.start, content.end) else Span(start, end, text[start:end])


def _mostly_quoted(content: Span, regions: list[tuple[int, int]]) -> bool:
    quoted = sum(max(0, min(last, content.end) - max(first, content.start)) for first, last in regions)
    return quoted >= 0.6 * max(1, content.end - content.start)
