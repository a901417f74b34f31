"""Attributions in an article's text: who (source) says (cue) what (content).

Parsing is what costs, so the text is cut into sentences by the project's splitter
(storylens.enrich.sentences), only sentences holding a cue word or a quotation mark are
parsed (no NER, no lemmatizer, no tag-to-POS mapping: rules read `tag_`), and a small
logistic model learned on PolNeAR train (see cues.py) decides which words there are cues.
Source and content then follow from the dependency tree, and a second small model reads the
three together and keeps or drops the attribution (attribution_rerank.py); "Name: words" lines and quotations
signed with a dash ('"…" ― Name') need no parse. A speech verb whose sentence holds no content
('Trump said.', 'Hewitt writes:') takes the quotation that closes before it or the paragraph after.
Contents of a chain ("Sky News, citing John Healey, as reported by European Pravda, said ...")
nest: each outer content holds the inner attribution; coordinated sources ("X and Y reported")
are sibling attributions with one content.
The source is read in attribution_sources.py, the content in attribution_contents.py, and the
lines that need no parse in attribution_lines.py.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

from storylens.batches import batched
from storylens.claims.attribution_contents import content_of
from storylens.claims.attribution_lines import colon_attributions, dash_attributions, line_end
from storylens.claims.attribution_rerank import keeps, reranker
from storylens.claims.attribution_sources import (
    CITING_WORDS, cited_source, no_source_frame, phrase, poll_frame, source_of, trimmed,
)
from storylens.claims.cues import (
    OUTLET_WORDS, SPEECH_VERBS, cue_features, cue_probability, is_candidate, is_report_verb_form,
    reporting_verb_over, reports_head_clause, trigger_offsets,
)
from storylens.claims.quotes import quote_regions
from storylens.enrich.sentences import split_sentences
from storylens.enrich.nlp import english
from storylens.model import Attribution, AttributionKind, Span

MAX_SENTENCE_CHARS = 1000  # longer "sentences" (lists, tables, hostile input) are cut to keep parses bounded
# Sentences parsed per batch: on news sentences, 256 a batch parse 15 % faster than 64.
BATCH_SIZE = 256
DOCUMENTS_PER_CHUNK = 64  # articles whose candidate sentences are parsed together


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


def attributions_in_sentence(doc, offset: int, text: str, keep=keeps) -> list[Attribution]:
    """The attributions whose cue is in this parsed sentence (`offset`: where it starts in `text`).

    A cue the cue model takes keeps its attribution when `keep(cue, attribution, offset, probability)`
    says so: the reranker, or training's recorder (train/attribution_rerank.py)."""
    threshold = reranker()["cue_threshold"]
    found, by_cue, carriers = [], {}, []
    for token in doc:
        poll = poll_frame(token) is not None
        if not (poll or is_candidate(token)):
            continue
        if not is_report_verb_form(token) and reporting_verb_over(token) is not None:
            continue  # 'X signed Y, Norland Daily reported': what was reported, not a cue
        # rare in PolNeAR, common in wires
        forced = poll or no_source_frame(token) or cited_source(token) is not None or reports_head_clause(token)
        probability = 1.0 if forced else cue_probability(cue_features(token))
        if probability < threshold:
            continue
        attribution = attribution_at(token, offset, text)
        if attribution is not None and (forced or keep(token, attribution, offset, probability)):
            by_cue[token.i] = attribution
            found.append(attribution)
            found.extend(told_outlet(token, attribution, offset, text))
            carriers.extend(carrier_of_sources(attribution, doc, offset, text))
    _nest_citations(doc, by_cue, text)
    found.extend(c for c in carriers if all(a.cue != c.cue for a in found))  # 'Interfax quoted' read as a cue already
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
    outlet = _span(cue.doc, phrase(recipients[0]), offset, text)
    start = min(attribution.source.start, attribution.content.start)
    end = max(attribution.content.end, attribution.source.end, outlet.end)
    return [Attribution(source=outlet, cue=attribution.cue, content=Span(start, end, text[start:end]),
                        kind=AttributionKind.INDIRECT)]


def _is_outlet(head) -> bool:
    words = [t for t in head.subtree]
    return any(t.tag_.startswith("NNP") for t in words) and any(t.lower_ in OUTLET_WORDS for t in words)


# --- the outlet that carries the sources ------------------------------------------------------

# Verbs whose agent passes on the source it modifies: "sources cited by the Post", "officials quoted by Reuters".
CARRYING_VERBS = frozenset({"cited", "quoted"})
CARRYING_WORD = re.compile(rf"\b(?:{'|'.join(CARRYING_VERBS)})\b", re.IGNORECASE)


def carrier_of_sources(attribution: Attribution, doc, offset: int, text: str) -> list[Attribution]:
    """'According to anonymous sources cited by the Post, X': the Post reports that the sources say X.

    The source phrase loses its "cited by the Post" (the sources are anonymous, not the Post), and
    the carrier gets an attribution whose content runs from the sources to the end of X, so it
    holds theirs and the nesting reads the Post → sources → X, as `told_outlet` does."""
    if attribution.source is None or not CARRYING_WORD.search(attribution.source.text):
        return []  # most sources carry no "cited by": spare the walk over the sentence
    start, end = attribution.source.start - offset, attribution.source.end - offset
    for verb in doc:
        if not (start <= verb.idx < end and verb.lower_ in CARRYING_VERBS and verb.dep_ == "acl"):
            continue
        agents = [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        if not agents or not agents[0].tag_.startswith("NN") or not start <= verb.head.idx < end:
            continue
        carrier = _span(doc, phrase(agents[0]), offset, text)
        first = next(t.i for t in doc if t.idx >= start)
        sources = trimmed(doc, first, verb.i)  # the source phrase up to "cited", whatever the parser hung it on
        if sources is not None:
            attribution.source = _span(doc, sources, offset, text)
        content_start = min(attribution.source.start, attribution.content.start)
        content_end = max(attribution.content.end, carrier.end)
        return [Attribution(source=carrier, cue=_span(doc, (verb.i, verb.i + 1), offset, text),
                            content=Span(content_start, content_end, text[content_start:content_end]),
                            kind=AttributionKind.INDIRECT)]
    return []


# --- across sentences --------------------------------------------------------------------------


# "An earlier version of this article misstated …", "This story has been updated to reflect that …":
# the outlet's correction notice, not a source telling the story (3 false cues on PolNeAR dev, as many
# on a train fold; PolNeAR marks none of them).
CORRECTION_SOURCE = re.compile(
    r"(?i)(?:an?\s+)?(?:earlier|previous|prior|original)\s+versions?\s+of\s+(?:this|the)\s+(?:article|story|post|report)\b"
    r"|this\s+(?:article|story)$")  # not "the Post": the Washington Post often is one


def finish(text: str, attributions: list[Attribution]) -> list[Attribution]:
    """Contents widened to whole quotations (which may run over sentences); DIRECT marked; order fixed."""
    regions = quote_regions(text)
    finished = []
    for attribution in attributions:
        if attribution.source is not None and CORRECTION_SOURCE.match(attribution.source.text):
            continue
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
