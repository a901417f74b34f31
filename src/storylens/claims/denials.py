"""Words that deny, decline, doubt or negate, found with their character offsets.

Four families, each a list of `Span`s over the text given (`span.text == text[span.start:span.end]`):
- `denial_cues`: someone says a claim is false ("denied", "pure fiction", "did not take place").
- `no_comment_cues`: someone will not say ("declined to comment", "did not confirm or deny").
- `question_cues`: the writer or a source doubts it ("it is unclear whether", "could not be verified").
- `negation_cues`: plain grammatical negation (not, never, no, n't ...).

The claims stage uses them to tell a sentence that denies a claim from one that merely reports
it; the stance model counts them near the sentences that match a claim. Precision first: a
pattern that fires on "denied bail" or "questioned by police" would turn reports into denials.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from storylens.claims.denial_reader import read_denials
from storylens.model import Attribution, Denial, Span

_APOSTROPHE = "['\u2019]"
_NOT = rf"(?:\s+not|n{_APOSTROPHE}t)"  # "did not" / "didn't"
_DEGREE = r"(?:simply|completely|totally|entirely|patently|absolutely|categorically|utterly|blatantly|wholly)"
_CLAIM_NOUN = (
    r"(?:reports?|claims?|allegations?|accusations?|stor(?:y|ies)|rumou?rs?|assertions?|suggestions?|"
    r"accounts?|speculation|charges?)"
)
# "denied bail", "was denied entry": refusing something, not disputing a claim.
_REFUSED_THINGS = (
    r"(?:him|her|them|me|us|bail|access|entry|permission|visas?|parole|asylum|boarding|admission|"
    r"service|coverage|treatment|a\s+visa|the\s+right|a\s+request|an?\s+application)"
)

_DENIAL = [
    rf"\bden(?:y|ies|ied|ying|ials?)\b(?!\s+{_REFUSED_THINGS}\b)",
    rf"\breject(?:s|ed|ing)?\s+(?:(?:the|these|those|such|this|that|any|all|his|her|their|its)\s+)?(?:\w+\s+){{0,2}}?{_CLAIM_NOUN}\b",
    r"\bpure\s+(?:fiction|invention|fantasy|fabrication|speculation|nonsense)\b",
    rf"\b(?:{_DEGREE}|is|was|are|were|be)\s+(?:false|untrue|baseless|groundless|unfounded)\b",
    rf"\b{_DEGREE}\s+wrong\b",  # "was wrong" alone is too often about an engine, not a claim
    r"\bfake\s+news\b",
    r"\buntrue\b",
    rf"(?:\bnot|(?<=[a-z])n{_APOSTROPHE}t)\s+true\b",
    r"\bno\s+truth\b",
    rf"\bdid{_NOT}\s+(?:take\s+place|happen|occur)\b",
    r"\bnever\s+(?:took\s+place|happened|occurred)\b",
    r"\bno\s+such\s+\w+",
    r"\bdismiss(?:ed|es|ing)?\b(?!\s+from\b)[^.!?;:\n]{0,60}?\bas\b",
    r"\brefut(?:e|es|ed|ing)\b",
    r"\bdebunk(?:s|ed|ing)?\b",
    r"\bhoax(?:es)?\b",
    r"\b(?:baseless|groundless|unfounded|fabricated|fabrication)\b",
]

_NO_COMMENT = [
    r"\b(?:declined|refused)(?:\s+immediately)?\s+(?:to\s+)?(?:comment|confirm|discuss|elaborate)\b",
    rf"\b(?:did|would|could|will|does|do){_NOT}\s+(?:immediately\s+)?confirm\s+or\s+deny\b",
    r"\bneither\s+confirm(?:s|ed)?\s+nor\s+den(?:y|ies|ied)\b",
    rf"\b(?:would|could|will|did|does|do){_NOT}\s+(?:immediately\s+)?comment\b",
    rf"\b(?:did|has|have|had){_NOT}\s+(?:yet\s+|immediately\s+)?(?:respond(?:ed)?|repl(?:y|ied))\s+to\s+"
    r"(?:(?:a|an|multiple|repeated|several)\s+)?(?:requests?|inquir(?:y|ies)|e-?mails?|calls?|messages?)"
    r"(?:\s+(?:for|seeking)\s+comment)?",
    r"\bno\s+comment\b",
    r"\b(?:not|un)\s*available\s+for\s+comment\b",
    rf"\bcould{_NOT}\s+be\s+reached\s+for\s+comment\b",
    r"\brefrain(?:s|ed|ing)?\s+from\s+(?:confirming|commenting|denying)\b",
    rf"\b(?:has|have|had){_NOT}\s+(?:yet\s+)?commented\b",
    r"\b(?:has|have|had)\s+yet\s+to\s+(?:officially\s+|publicly\s+)?(?:confirm|comment)\b",
    # "Neither the authority nor the company has confirmed the report."
    r"\bneither\b[^.!?;]{0,80}?\bnor\b[^.!?;]{0,80}?\b(?:has|have|had)\s+(?:yet\s+)?(?:confirmed|commented)\b",
]

_QUESTION = [
    r"\bit\s+(?:is|was|remains|remained)\s+(?:unclear|not\s+clear|uncertain|not\s+known|unknown)\s+(?:whether|if|how|why|when|what|who)\b",
    # "questioned by police" is an interrogation, not doubt about a claim.
    r"\bquestion(?:ed|ing)\b(?!\s+(?:by\s+)?(?:the\s+)?(?:police|detectives|investigators|officers|agents|authorities)\b)",
    r"\b(?:raised|raises|raising)\s+questions\s+(?:about|over)\b",
    r"\bcall(?:s|ed|ing)?\s+into\s+question\b",
    r"\bcast(?:s|ing)?\s+doubts?\b",
    r"\bdoubt(?:s|ed|ful)?\b",
    rf"\bcould{_NOT}\s+(?:be\s+)?(?:independently\s+)?(?:verif(?:y|ied)|confirm(?:ed)?)\b",
    rf"\b(?:has|have|had){_NOT}\s+been\s+(?:independently\s+)?(?:verified|confirmed)\b",
    r"\bskeptic(?:al|ism)\b|\bsceptic(?:al|ism)\b",
    # a reported question: "Pell would be asked whether the board had voted"
    r"\b(?:ask(?:s|ed|ing)?|wonder(?:s|ed|ing)?)\s+whether\b",
    # a claim held conditionally: "if reports of the call are accurate"
    r"\bif\s+(?:the\s+|these\s+|such\s+|media\s+|press\s+)?reports?\b[^.!?]{0,160}?\b(?:are|is|were|was|prove|proves)\s+"
    r"(?:accurate|true|correct|confirmed)\b",
]

_NEGATION = [
    r"\b(?:not|never|no|none|nobody|nothing|neither|nor|nowhere|cannot)\b",
    rf"(?<=[a-z])n{_APOSTROPHE}t\b",
]

# "no doubt" and "without doubt" assert; they are not doubt.
_ASSERTING_DOUBT = re.compile(r"(?:\bno|\bwithout(?:\s+a)?|\blittle|\bbeyond(?:\s+a|\s+any)?(?:\s+reasonable)?)\s+$", re.IGNORECASE)


class _Patterns:
    """One family's patterns as one regex, in two forms.

    Matching lower-cased text with a case-sensitive regex is about three times faster than
    IGNORECASE; the offsets stay valid as long as lower-casing keeps the length (it does for
    all but a few letters such as "İ", which get the slower form).
    """

    def __init__(self, patterns: list[str]):
        joined = "|".join(f"(?:{p})" for p in patterns)
        self.lower = re.compile(joined)
        self.any_case = re.compile(joined, re.IGNORECASE)
        # The judge stage asks for one sentence's cues once per pair of mentions (113k calls,
        # 9.8 s for the biggest stories of a 10k-article run): the answer of a text is kept.
        self._found = lru_cache(maxsize=1 << 14)(self._find)

    def spans(self, text: str) -> list[Span]:
        # A fresh list each time (the spans are frozen), so no caller changes what the next gets.
        return list(self._found(text)) if text else []

    def _find(self, text: str) -> tuple[Span, ...]:
        lowered = text.lower()
        if len(lowered) == len(text):
            matches = self.lower.finditer(lowered)
        else:
            matches = self.any_case.finditer(text)
        return tuple(Span(m.start(), m.end(), text[m.start() : m.end()]) for m in matches)


_DENIAL_RE = _Patterns(_DENIAL)
_NO_COMMENT_RE = _Patterns(_NO_COMMENT)
_QUESTION_RE = _Patterns(_QUESTION)
_NEGATION_RE = _Patterns(_NEGATION)


def _outside(spans: list[Span], covering: list[Span]) -> list[Span]:
    return [s for s in spans if not any(c.start <= s.start and s.end <= c.end for c in covering)]


def no_comment_cues(text: str) -> list[Span]:
    """Declining to speak: "declined to comment", "did not confirm or deny", "no comment"."""
    return _NO_COMMENT_RE.spans(text)


def denial_cues(text: str) -> list[Span]:
    """Saying a claim is false: "denied", "pure fiction", "did not take place", "hoax".

    The "deny" inside "did not confirm or deny" declines rather than denies, so cues inside a
    no-comment phrase are left out.
    """
    return _outside(_DENIAL_RE.spans(text), no_comment_cues(text))


def question_cues(text: str) -> list[Span]:
    """Doubt about a claim: "it is unclear whether", "questioned", "could not be verified"."""
    found = []
    for span in _QUESTION_RE.spans(text):
        if span.text.lower().startswith("doubt") and _ASSERTING_DOUBT.search(text[max(0, span.start - 30) : span.start]):
            continue
        found.append(span)
    return _outside(found, no_comment_cues(text))


def negation_cues(text: str) -> list[Span]:
    """Grammatical negation: not, never, no, none, nobody, nothing, neither, nor, cannot, n't."""
    return _NEGATION_RE.spans(text)


def denials_of_texts(
    texts: Sequence[str], sentences: Sequence[list[Span]], attributions: Sequence[list[Attribution]]
) -> list[list[Denial]]:
    """The denial and refusal sentences of each text, in text order (offsets into the text).

    Batched over texts: every candidate sentence of the batch is parsed in one pass. The
    trained reader (`claims.denial_reader`) decides from the parse whether a sentence denies,
    refuses or neither, and who denies what; the cue words above are not its inputs.
    """
    return read_denials(texts, sentences, attributions)
