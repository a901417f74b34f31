"""Which claim a denial, refusal or doubt answers: only the one it denies.

A denial names what it rejects: a clause ("that the two men spoke by phone") or a vague
reference ("the report", "the allegations", "it", "the call"). A clause is matched to the
claim it states: by content words and by embedding, discounted when the names disagree. A
vague reference goes to the claim it refers back to: a report noun ("the allegations") to the
claim of the article's nearest preceding telling that names that kind of report, else to the
story's main event; a pronoun to the claim of the article's nearest preceding telling (the
main event when that telling repeats a headline or itself rejects the report). The main event
is also what the story's headlines state, so a denied clause is matched to them as well as to
the main claim's tellings. A denial that matches no claim is a claim of its own (`denied`), so a denial of
another matter ("Pence denied it", "the request was denied") never touches the main event;
nor does a denial that agrees with a claim that is itself a rejection ("the rumour that he
died is false" against "he has not died").
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from storylens.claims.denial_features import FACT_NOUNS
from storylens.judge.align import DENIAL_TERMS, content_terms, group_mentions, names_in, stem
from storylens.judge.status import SUPPORTING
from storylens.judge.stance_features import CUE_NAMES, cue_counts
from storylens.model import Mention

# TF-IDF cosine of the denied words to a claim's words from which it denies that claim
# (the denial words themselves left out).
WORDS_LINK = 0.2
# Embedding cosine (names agreeing) of the denied content to a claim from which it denies it.
EMBEDDING_LINK = 0.6
# Share of a claim's tellings that call something false, a hoax, fake: the claim is a rejection.
REJECTION_SHARE = 0.5

Embed = Callable[[Sequence[str]], np.ndarray]

# Words of declining and of who declines, not of what is declined: "the port authority did
# not confirm" shares them with "a port authority spokesperson confirmed that Pell would attend".
_ANSWER_TERMS = DENIAL_TERMS | frozenset(stem(word) for word in """confirm confirmed confirms comment commented
    respond responded reply replied request requests immediately spokesperson spokesman spokeswoman statement
    declined refused neither nor verify verified independently question questions unclear whether repeated
    publication press deadline email emails message messages monday tuesday wednesday thursday friday
    saturday sunday morning afternoon evening night today yesterday week""".split())


# Words that name no content of their own: "the entire thing is a hoax" points back to the story.
_GENERIC_TERMS = frozenset(stem(word) for word in "entire whole thing things matter stuff affair".split())

_PRONOUN = r"(?:it|this|that|them|these|those)"
# A pronoun as the whole object ("denied it", "rejected this."), not a clause ("denied that the ferry ...").
_PRONOUN_OBJECT = r"(?:it|them|(?:this|that|these|those)(?=\s*(?:[.,;:!?\"\u201d]|$)))"
_REPORT_NOUN = (r"(?:reports?|claims?|allegations?|accusations?|stor(?:y|ies)|rumou?rs?|speculation|news|article|"
                r"information|video|photos?|pictures?|images?|call|meeting|account|assertions?|suggestions?)")
_DETERMINER = r"(?:the|these|those|such|this|that|its|his|her|their|media|press|news|any|all)"
_VAGUE_OBJECT = re.compile(
    rf"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing)|debunk(?:s|ed|ing)?|"
    rf"disput(?:e|es|ed|ing)|contradict(?:s|ed|ing)?|"
    rf"call(?:s|ed|ing)?|labell?(?:s|ed|ing)?|brand(?:s|ed|ing)?|confirm(?:s|ed|ing)?|verif(?:y|ied|ies)|"
    rf"corroborat(?:e|ed|es)|comment(?:ed|ing)?\s+on)\s+"
    rf"(?:{_DETERMINER}\s+)?(?:[\w-]+\s+)?(?:{_REPORT_NOUN}|{_PRONOUN_OBJECT})\b(?!\s+(?:that|of|about)\b)", re.I)
_VAGUE_SUBJECT = re.compile(
    rf"\b(?:{_DETERMINER}\s+(?:[\w-]+\s+)?{_REPORT_NOUN}|{_PRONOUN})(?:['\u2019]s|\s+(?:is|was|are|were|seems?|appears?|"
    rf"turned\s+out|has\s+been|had\s+been)(?:\s+to\s+be)?)\s+(?:\w+\s+){{0,2}}?(?:an?\s+)?"
    rf"(?:hoax|fake|false|untrue|fabricat\w*|fiction|invent\w*|fantasy|nonsense|rubbish|lies?|made\s+up|baseless|bogus|wrong|"
    rf"satire|not\s+true)", re.I)
_NAMED_REPORT = re.compile(rf"^\W*(?:{_DETERMINER}\s+)?(?:[\w-]+\s+){{0,2}}{_REPORT_NOUN}\b(?!\s+(?:that|of|about|on)\b)", re.I)
_PRONOUN_ONLY = re.compile(rf"^\W*{_PRONOUN}\W*$", re.I)
# Cues of a telling that itself calls something false. Not the debunking family: it holds
# words that describe as often as they reject ("YouTube prankster Josh Lin"), which made the
# main event of a dev rumour a rejection and sent a denial of it ("an eyewitness believes the
# entire thing is a hoax") to a claim of its own.
_DOUBTING = [CUE_NAMES.index(name) for name in ("denial", "refuting")]


def denied_text(answer: Mention, denied: str | None) -> str:
    """What an answer rejects: the reader's span, else the whole sentence."""
    return denied if denied and denied.strip() else answer.sentence.text


# What a report says, told after its noun: "reports in recent weeks claiming the cuts came late".
_TOLD_CONTENT = re.compile(r"^\s*(?:(?:in|of|from|over|by)\s+(?:[\w'\u2019-]+\s+){0,4}?)?"
                           r"(?:claiming|saying|suggesting|alleging|asserting|stating|that)\s+\S", re.I)
_ENDS_ON_REPORT = re.compile(rf"\b{_REPORT_NOUN}\W*$", re.I)


def with_told_content(sentence: str, denied: str) -> str:
    """A reader's span that stops at a report noun, with what the sentence says the report
    says: in "refuting off-target reports in recent weeks claiming the cuts have come at the
    last minute", what is refuted is that the cuts came late, not the story's report (a
    false dispute of rumours dev, the span "off-target reports" sent to the main event)."""
    at = sentence.find(denied)
    if at < 0 or not _ENDS_ON_REPORT.search(denied):
        return denied
    rest = sentence[at + len(denied):]
    return denied + rest if _TOLD_CONTENT.match(rest) else denied


def is_vague(text: str, from_reader: bool, by: str | None = None, sentence: str = "") -> bool:
    """Whether the denied content only points back ("the report", "it") instead of stating
    something; a refusal with nothing named but who refuses ("Halvard Line declined to
    comment") points back to the story too.

    With the reader's span, also a report noun named by its outlet or kind ("the Esquire
    report/column/rant", "that fake pooping video") and a sentence that itself calls "this story" false, whatever span the
    reader took ("It seems this story is another bogus tale ..., like the fake report of a
    military coup"): 2 of the 10 unlinked true denials of rumours dev."""
    if from_reader:
        rest = [t for t in content_terms(text) if t not in DENIAL_TERMS and t not in _GENERIC_TERMS]
        short = len(text.split()) <= 4
        return short and (len(rest) <= 1 or bool(_NAMED_REPORT.match(text))) or bool(_VAGUE_SUBJECT.search(sentence))
    if _VAGUE_OBJECT.search(text) or _VAGUE_SUBJECT.search(text):
        return True
    named = set(content_terms(by or ""))
    return not [t for t in content_terms(text) if t not in _ANSWER_TERMS and t not in named]


def is_pronoun_reference(text: str, from_reader: bool) -> bool:
    """Whether a vague reference is a pronoun ("denied it"), which points back to the sentence
    before rather than to the story's report."""
    if from_reader:
        return bool(_PRONOUN_ONLY.match(text))
    found = _VAGUE_OBJECT.search(text) or _VAGUE_SUBJECT.search(text)
    if not found:
        return False
    return not re.search(rf"\b{_REPORT_NOUN}\b", found.group(0), re.I)


def is_rejection(claim: list[Mention]) -> bool:
    """A claim whose tellings themselves call something false ("the video is a hoax"):
    a denial of the same content agrees with it rather than disputing it."""
    tellings = [m for m in claim if m.stance in SUPPORTING]
    if not tellings:
        return False
    rejecting = sum(1 for m in tellings if _calls_false(m.sentence.text))
    return rejecting >= REJECTION_SHARE * len(tellings)


# `is_rejection` is asked of a claim once per answer, and each time counted the cues of every
# telling again: the most repeated work of the judge stage on stories of 60+ articles.
@lru_cache(maxsize=1 << 14)
def _calls_false(sentence: str) -> bool:
    """Whether a sentence holds a denial or refuting cue (`_DOUBTING`)."""
    return bool(cue_counts(sentence)[_DOUBTING].sum() > 0)


def answered_claims(claims: list[list[Mention]], answers: list[Mention], denied: list[str | None],
                    main: int | None, embed: Embed, claim_vectors: list[np.ndarray | None],
                    headlines: Sequence[str] = ()) -> list[list[Mention]]:
    """The claims with each answer attached to the one it answers, then the answers that answer
    none, grouped among themselves (a denial told by two outlets is one claim of its own).

    `denied[i]` is the reader's span of what answer i rejects (None: the whole sentence);
    `claim_vectors[j]` a unit vector of claim j's tellings (None when none was embedded);
    `headlines` what the story's articles lead with, which state the main event (`main`)."""
    if not answers:
        return claims
    # A span that is who denies ("The network" in "The network has called the Esquire story
    # false") is the reader's slip, not what is denied: the sentence less the denier is read
    # instead (rumours dev: a true denial lost to a claim of its own; with the denier kept,
    # "O'Rourke called him a liar" linked to "no more Mr. Nice Guy for Beto O'Rourke").
    slips = [d is not None and bool(a.by) and d.strip() == a.by.strip() for a, d in zip(answers, denied)]
    texts = [a.sentence.text.replace(a.by, " ") if slip else with_told_content(a.sentence.text, denied_text(a, d))
             for a, d, slip in zip(answers, denied, slips)]
    denied = [None if slip else d for d, slip in zip(denied, slips)]
    vague = [is_vague(text, d is not None, a.by, a.sentence.text) for text, d, a in zip(texts, denied, answers)]
    things = names_things([d if d is not None and not _VAGUE_SUBJECT.search(a.sentence.text) else None
                           for a, d in zip(answers, denied)])
    targets: list[int | None] = [None] * len(answers)
    if claims:
        content = [i for i in range(len(answers)) if not vague[i] and not things[i]]
        stated = _stated_claims(claims, [answers[i] for i in content], [texts[i] for i in content], embed,
                                claim_vectors, main, headlines)
        for i, target in zip(content, stated):
            targets[i] = target
        # In text order, so "it" can point back to the claim the sentence before denied.
        for i in sorted((i for i in range(len(answers)) if vague[i] and not things[i]),
                        key=lambda i: answers[i].sentence.start):
            pronoun = is_pronoun_reference(texts[i], denied[i] is not None)
            targets[i] = _referent(claims, answers, targets, i, main, pronoun, texts[i], headlines)
    unresolved = []
    for answer, target in zip(answers, targets):
        if target is None or is_rejection(claims[target]):
            unresolved.append(answer)
        else:
            claims[target].append(answer)
    return claims + [[unresolved[i] for i in group] for group in group_mentions(unresolved)]


_REPORT_HEAD = re.compile(rf"^{_REPORT_NOUN}$", re.I)


def _names_proposition(token) -> bool:
    """A report noun ("the allegations") or a charge noun (`FACT_NOUNS`: "wrongdoing", "the charges")."""
    return bool(_REPORT_HEAD.match(token.text)) or token.lower_ in FACT_NOUNS


def names_things(spans: Sequence[str | None]) -> list[bool]:
    """For each reader span of what is denied (None: no span), whether it names a thing, not a
    proposition: a noun phrase whose head is neither a report nor a charge noun, nor takes a
    that-clause ("an appeal from Republicans", "statements", "corruption", "O'Rourke", "the
    effectiveness of wearing masks"). DESIGN defines a denial as rejecting a proposition, the
    complement of the act or a report it names; "denied an appeal", "convicted of making false
    statements", "disputed the effectiveness of masks" state no claim of the story, yet were
    linked to the main event as short vague references or by shared words: 6 of the 13 false
    disputes of AllSides val (bench/triplets.py). Such a denial stays a claim of its own."""
    from storylens.enrich.nlp import english

    asked = [i for i, span in enumerate(spans) if span and span.strip()]
    found = [False] * len(spans)
    if not asked:
        return found
    for i, doc in zip(asked, english(entities=False).pipe([spans[i].strip() for i in asked], batch_size=32)):
        found[i] = _is_thing(doc)
    return found


def _is_thing(doc) -> bool:
    if doc[0].lower_ in ("that", "whether", "if", "how", "why", "what", "to"):
        return False
    root = next((token for token in doc if token.dep_ == "ROOT"), None)
    if root is None or not root.tag_.startswith("NN"):
        return False
    # Any report noun in it names a telling: "the Esquire report/column/rant", "a fake news website"
    # (two true denials of rumours dev, lost when only the head was asked).
    if any(token.tag_.startswith("NN") and _names_proposition(token) for token in doc):
        return False
    if stem(root.lower_) in _GENERIC_TERMS:  # "the entire thing": a reference back
        return False
    # "the notion that ...", "the idea that ...": the noun's clause is the proposition
    return not any(child.dep_ in ("acl", "ccomp") and any(g.lower_ == "that" and g.dep_ == "mark" for g in child.children)
                   for child in root.children)


def _referent(claims: list[list[Mention]], answers: list[Mention], targets: list[int | None], at: int,
              main: int | None, pronoun: bool, text: str, headlines: Sequence[str] = ()) -> int | None:
    """The claim a vague reference points back to. A report noun ("the allegations") points
    to the article's nearest preceding telling that speaks of the same kind of report ("he
    faced allegations that ..."), else to the story's report: the main event. A pronoun
    ("denied it") points to the sentence before: the claim of the article's nearest preceding
    telling, or the claim its nearest preceding answer answers; failing that, the main event.

    Sending every report noun to the main event made "Moore has denied the allegations" (of
    sexual misconduct, told two sentences before) a denial of his new Senate run."""
    answer = answers[at]
    if main is not None and _CALLS_IT_A_HOAX.match(answer.sentence.text):
        return main
    before = [(m.sentence.start, index, m.sentence.text) for index, claim in enumerate(claims) for m in claim
              if m.article == answer.article and m.stance in SUPPORTING and m.sentence.start < answer.sentence.start]
    if not pronoun:
        kinds = _report_kinds(text)
        named = [(start, index) for start, index, told in before if kinds & _report_kinds(told)]
        if named:
            return max(named)[1]
        if main is not None:
            return main
    nearest = [(start, index, told) for start, index, told in before]
    nearest += [(other.sentence.start, targets[j], "") for j, other in enumerate(answers)
                if targets[j] is not None and other.article == answer.article and other.sentence.start < answer.sentence.start]
    if not nearest:
        return main
    _, index, told = max(nearest, key=lambda found: found[:2])
    # "It's a eyeball-grabbing headline: 'God is a woman, priest who died for 48 minutes
    # claims.' But it's almost certainly not true": a sentence repeating a headline tells the
    # main event, even when alignment kept it apart. And "there's no truth to the article. It
    # is a hoax": after a sentence that itself rejects, "it" is what that one rejects, the
    # story's report. Measured on rumours dev: 2 of the 10 unlinked true denials.
    if main is not None and (echoes_headline(told, headlines) or is_rejection(claims[index])):
        return main
    return index


# "It is a hoax", "This is satire": a hoax is a made-up report, so "it" names the story's report,
# not the detail told just before ("there's no truth to the article. It is a hoax, a falsehood"
# went to "Father O'Neal entered heaven through a gate", rumours dev, rumour 11).
_CALLS_IT_A_HOAX = re.compile(r"^\W*(?:it|this)(?:['\u2019]s|\s+(?:is|was|seems|appears)(?:\s+to\s+be)?)\s+"
                              r"(?:(?!not\b|never\b)\w+\s+){0,2}(?:hoax|satire|fabrication|prank)\b", re.I)

# Share of a headline's content words a sentence must hold to repeat it.
HEADLINE_ECHO = 0.7


def echoes_headline(text: str, headlines: Sequence[str]) -> bool:
    """Whether `text` repeats one of the headlines: it holds HEADLINE_ECHO of its content words (at least 3)."""
    terms = set(content_terms(text))
    for headline in headlines:
        wanted = set(content_terms(headline))
        if len(wanted) >= 3 and len(wanted & terms) >= HEADLINE_ECHO * len(wanted):
            return True
    return False


# The kinds of report a report noun names, each with the words that tell of one: "the
# allegations" refers back to a sentence in which someone alleged or accused. Not "the
# report": it names the story's report, and "reported" is in every telling that cites it
# (the demo's "the Gazette reported that the board had approved the lease", told inside the
# councillors' demand, took the port authority's denial of the report away from the lease).
# Nor "the story", for the same reason: "this story is false" went to "the story originated
# with World News Daily Report", a sentence about where the report began (rumours dev).
_REPORT_KINDS = {
    "allegation": re.compile(r"\b(?:alleg\w*|accus\w*)", re.I),
    "rumour": re.compile(r"\brumou?r\w*", re.I),
    "claim": re.compile(r"\bclaim\w*", re.I),
    "picture": re.compile(r"\b(?:video|photo\w*|picture\w*|image\w*|footage)\b", re.I),
    "call": re.compile(r"\b(?:call|phone)\b", re.I),
    "meeting": re.compile(r"\b(?:meeting|met)\b", re.I),
}


def _report_kinds(text: str) -> frozenset[str]:
    return frozenset(kind for kind, words in _REPORT_KINDS.items() if words.search(text))


def _stated_claims(claims: list[list[Mention]], answers: list[Mention], texts: list[str], embed: Embed,
                   claim_vectors: list[np.ndarray | None], main: int | None = None,
                   headlines: Sequence[str] = ()) -> list[int | None]:
    """For each answer whose denied content states something, the claim it states (or None).

    The main event is what the headlines state as well as what its tellings say: "this video
    to have been falsely doctored to show a bird defecating on Putin" went to a claim saying
    "a bird defecated on Putin" (alignment kept it beside the main claim, "pooped on"), though a
    headline reads "Bird defecates on Vladimir Putin during speech"."""
    if not answers:
        return []
    claim_texts = [" ".join(m.sentence.text for m in claim if m.stance in SUPPORTING) or " " for claim in claims]
    words = _word_scores(claim_texts, texts, list(headlines) if main is not None else [])
    if main is not None and words.shape[1] > len(claims):
        words[:, main] = np.maximum(words[:, main], words[:, len(claims):].max(axis=1))
    words = words[:, : len(claims)]
    vectors = embed(texts)
    centres = np.array([v if v is not None else np.zeros(vectors.shape[1]) for v in claim_vectors], dtype=np.float32)
    embedded = (vectors @ centres.T) * _name_agreement(answers, texts, claim_texts)
    # Both readings scaled to their own threshold: 1.0 is "states that claim".
    scores = np.maximum(words / WORDS_LINK, embedded / EMBEDDING_LINK)
    best = scores.argmax(axis=1)
    return [int(b) if scores[row, b] >= 1.0 else None for row, b in enumerate(best)]


def _word_scores(claim_texts: list[str], texts: list[str], headlines: Sequence[str] = ()) -> np.ndarray:
    """TF-IDF cosine of each denied text to each claim's tellings, then to each headline
    (IDF over the story's claims, denials and headlines: its topic words weigh little)."""
    claim_texts = claim_texts + list(headlines)
    vectorizer = TfidfVectorizer(analyzer=content_terms, sublinear_tf=True)
    try:
        vectorizer.fit(claim_texts + texts)
    except ValueError:  # no content words at all
        return np.zeros((len(texts), len(claim_texts)))
    matrix = vectorizer.transform(texts).toarray()
    vocabulary = vectorizer.vocabulary_
    matrix[:, [vocabulary[t] for t in _ANSWER_TERMS if t in vocabulary]] = 0.0
    return matrix @ vectorizer.transform(claim_texts).toarray().T


def _name_agreement(answers: list[Mention], texts: list[str], claim_texts: list[str]) -> np.ndarray:
    """1 when the denied content names nobody the claim does not, down to 0.5 when it shares
    no name with it: "Pence denied meeting the envoy" is close in topic to "Trump met Putin"."""
    claim_names = [names_in(text) for text in claim_texts]
    factor = np.ones((len(texts), len(claim_texts)), dtype=np.float32)
    for row, (answer, text) in enumerate(zip(answers, texts)):
        names = names_in(text) - names_in(answer.by or "")
        if not names:
            continue
        for column, other in enumerate(claim_names):
            factor[row, column] = 0.5 + 0.5 * len(names & other) / len(names)
    return factor
