"""A claim and its negation are not one claim: the negated telling denies it.

"Baghdadi was killed in an air strike" and "Baghdadi has not been killed, as was claimed"
share nearly every word, so alignment would make them one corroborated claim. A telling
that negates what another article of the story tells ("there was no panel ever planned",
"a bird did not defecate on Putin", "he is alive") is a denial of that proposition, by
whoever tells it: the source it is attributed to, else the outlet. It becomes a `denies`
mention and is linked like any other denial (`answers.py`), so the claim it negates reads
`disputed`, and a story told mostly in negations becomes a rejection (`rejections.py`).

The negation must bear on what the other sentence states: the first content word after
"not", "never" or "no" (the negated predicate: "not been *killed*", "no *panel*") must be a
word of the positive telling, and the two must share most of their other words. "The man,
who did not have a licence, was killed" negates a licence, not the killing.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from storylens.judge.align import content_terms, names_in, stem
from storylens.judge.status import SUPPORTING
from storylens.model import ArticleFindings, Mention, Stance

# TF-IDF cosine (content words, IDF over the story's tellings) from which a negated telling
# and a positive one state the same proposition.
SAME_PROPOSITION = 0.25
# Words after the negation within which its predicate stands ("has not yet been formally killed").
PREDICATE_WINDOW = 4

_CONTRACTED = re.compile(r"(?<=\w)n['\u2019]t\b", re.I)
# "Declined to", "refused to", "failed to" negate the verb after them as "not" does: "the court
# declined to take up Boise's appeal" does not tell that it took it up, so "the Supreme Court
# will not take up Boise's appeal" negates nothing it tells (AllSides val: that negation
# disputed the story's main event, a decision the three outlets told alike).
_NEGATION = re.compile(r"\b(?:not|never|no|(?:declin|refus|fail)(?:e|es|ed|ing|s)?\s+to)\b", re.I)
_WORD = re.compile(r"[^\W_]+")
# Negations that say nothing of the proposition: doubt, refusal, degree ("not only", "not yet
# clear", "could not be reached", "did not respond"), left to the doubt and refusal readers.
_NOT_A_DENIAL = frozenset(stem(word) for word in """only yet immediately clear known sure certain available
    reached respond responded return returned comment commented confirm confirmed verify verified just
    necessarily least longer doubt matter exactly quite always""".split())
# "He is alive" negates "he was killed": the one antonym pair rumours of deaths turn on.
_ALIVE = re.compile(r"\b(?:alive|survived|survives)\b", re.I)
_DEATH_TERMS = frozenset(stem(word) for word in "killed dead died death slain".split())


def negated_predicates(text: str) -> frozenset[str]:
    """The content words a sentence negates: the first after each "not", "never", "no", "declined
    to", "refused to", "failed to" (within PREDICATE_WINDOW words), and the words of dying when it
    says someone is alive."""
    if text.rstrip().endswith("?"):
        return frozenset()  # a question doubts; it does not deny
    plain = _CONTRACTED.sub(" not", text)
    found = set()
    for negation in _NEGATION.finditer(plain):
        words = _WORD.findall(plain[negation.end():])[:PREDICATE_WINDOW]
        if words and stem(words[0].casefold()) in _NOT_A_DENIAL:  # "not only", "not yet"
            continue
        terms = content_terms(" ".join(words))
        if terms and terms[0] not in _NOT_A_DENIAL:
            found.add(terms[0])
    if _ALIVE.search(plain):
        found |= _DEATH_TERMS
    return frozenset(found)


def negations_as_denials(mentions: list[Mention], speakers: dict[tuple[str, int], str] | None = None
                         ) -> list[Mention]:
    """The mentions with each telling that negates another article's telling made a `denies`
    mention of its teller (`negating_tellings`); the rest as they were. `speakers` names who
    speaks each quoted sentence, by (article, sentence start) (`quote_speakers`)."""
    negating = set(negating_tellings(mentions))
    if not negating:
        return mentions
    speakers = speakers or {}
    return [denial_of(m, speakers.get((m.article, m.sentence.start))) if index in negating else m
            for index, m in enumerate(mentions)]


def quote_speakers(findings: Sequence[ArticleFindings]) -> dict[tuple[str, int], str]:
    """Who speaks each sentence that lies mostly inside a quotation, by (article, sentence start):
    the demo's '"There is no lease, there has been no vote"' is the port authority's, not the outlet's."""
    speakers = {}
    for found in findings:
        for quote in found.quotes:
            if quote.field != "text" or not quote.speaker:
                continue
            speaker = _side_of(quote.speaker, found)
            for sentence in found.sentences:
                inside = min(sentence.end, quote.end) - max(sentence.start, quote.start)
                if inside > 0.5 * (sentence.end - sentence.start):
                    speakers[(found.article.id, sentence.start)] = speaker
    return speakers


def _side_of(speaker: str, found: ArticleFindings) -> str:
    """Who a speaker denies for: a denier the reader named in the same article, when a sentence
    names the speaker beside it ('said Ilse Varga, spokesperson for the Calderwick Port
    Authority'), else the speaker. One side, one name: the demo's summary read "denied by
    Calderwick Port Authority, Ilse Varga" without it."""
    deniers = {d.by for d in found.denials if d.by and d.by != "the outlet" and d.by != speaker}
    naming = [s.text for s in found.sentences if speaker in s.text]
    return next((by for by in sorted(deniers) if any(by in text for text in naming)), speaker)


def negating_tellings(mentions: list[Mention]) -> list[int]:
    """Indices of the tellings that negate a proposition a telling of another article states.

    Words first (cheap): a negated word told un-negated by a close sentence of another article.
    Then the parse of those few candidates: the negation must bear on the sentence's main
    predicate (`main_negated`), and the other telling speak of its subject (`_about`). By words
    alone, 9 of 23 dev rumours read disputed were disputed by side details ("did not report to
    work thereafter", "in Iraq, not Syria", "was not at the White House when Gonzalez ran into
    the building")."""
    tellings = [i for i, m in enumerate(mentions) if m.stance in SUPPORTING]
    negated = {i: negated_predicates(mentions[i].sentence.text) for i in tellings}
    candidates = [i for i in tellings if negated[i]]
    if not candidates:
        return []
    vectorizer = TfidfVectorizer(analyzer=content_terms, sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform([mentions[i].sentence.text for i in tellings])
    except ValueError:  # no content words at all
        return []
    row_of = {index: row for row, index in enumerate(tellings)}
    similarity = (matrix[[row_of[i] for i in candidates]] @ matrix.T).toarray()
    negated_in: dict[int, list[int]] = {}
    tellings_at = np.array(tellings)
    for i, scores in zip(candidates, similarity):
        # the close tellings picked by numpy: a loop over every pair took 18 s of a 1,000-article story
        told = [j for j in tellings_at[scores >= SAME_PROPOSITION].tolist()
                if _negates(mentions[i], mentions[j], negated[i], negated[j])]
        if told:
            negated_in[i] = told
    main = main_negated([mentions[i].sentence.text for i in negated_in])
    return [i for i, negations in zip(negated_in, main)
            if any(_negates(mentions[i], mentions[j], predicates, negated[j]) and _about(subject, mentions[j])
                   and _about(thing, mentions[j]) for predicates, subject, thing in negations for j in negated_in[i])]


def _about(subject: frozenset[str], telling: Mention) -> bool:
    """Whether a telling speaks of the negated clause's subject or object (any when it is a pronoun
    or there is none): "building snowmen was not acceptable" does not deny "making snow models of
    ships was acceptable", nor "Mueller did not find evidence that the campaign conspired" deny
    "Mueller did find actions that could be seen as obstruction" (AllSides val)."""
    told = content_terms(telling.sentence.text)
    return not subject or any(_same_word(word, term) for word in subject for term in told)


# Verbs whose clause is what is said: "the union said (that) she was not sacked".
_SAYING = frozenset(stem(word) for word in """said says say saying told tell tells insisted insists stated states
    added adds explained explains reported reports wrote writes confirmed confirms announced clarified""".split())
_BE = frozenset("is are was were be been being 's".split())


def main_negated(texts: list[str]) -> list[list[tuple[frozenset[str], frozenset[str], frozenset[str]]]]:
    """For each sentence, what its negations deny in its main clause (the root, or the clause a
    root of saying reports), each as (the negated words, its subject's words, its object's): the negated verb
    ("has not been killed"), the adjective of a negated "be" ("he is not dead"), the noun of
    "no" ("there was no panel"). A negation inside a side clause or on a noun ("in Iraq, not
    Syria") denies nothing here; nor does "that's not the part" (a "be" with a noun)."""
    from storylens.enrich.nlp import english

    found = []
    for doc in english(entities=False).pipe(texts, batch_size=32):
        negations = [_negated_words(token) for token in doc
                     if token.dep_ == "neg" or (token.lower_ == "no" and token.dep_ == "det")]
        negations = [negation for negation in negations if negation[0]]
        if _ALIVE.search(doc.text):
            negations.append((_DEATH_TERMS, frozenset(), frozenset()))
        found.append(negations)
    return found


def _negated_words(negation) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    nothing = (frozenset(), frozenset(), frozenset())
    after = negation.doc[negation.i + 1] if negation.i + 1 < len(negation.doc) else None
    if after is not None and stem(after.lower_) in _NOT_A_DENIAL:  # "isn't only interested"
        return nothing
    head = negation.head
    if negation.dep_ == "det":  # "no panel": the noun, when it stands in the main clause
        return (frozenset(content_terms(head.text)), frozenset(), frozenset()) if _in_main_clause(head.head) else nothing
    if not _in_main_clause(head):
        return nothing
    words = content_terms(head.text)
    if head.lower_ in _BE:  # "is not dead", "was not at the White House": the adjective, if any
        words = tuple(term for child in head.children if child.dep_ == "acomp" for term in content_terms(child.text))
    return frozenset(words), _argument_words(head, ("nsubj", "nsubjpass", "csubj", "csubjpass")), \
        _argument_words(head, ("dobj",))


def _argument_words(verb, relations: tuple[str, ...]) -> frozenset[str]:
    """The head word of a verb's subject or object ("al-Baghdadi", "bird", "building" in "building
    snowmen", "evidence"); none for a pronoun ("it", "there", "that")."""
    for child in verb.children:
        if child.dep_ in relations:
            return frozenset() if child.tag_ in ("PRP", "EX", "DT", "WDT") else frozenset(content_terms(child.text))
    return frozenset()


def _in_main_clause(verb) -> bool:
    if verb.dep_ == "ROOT":
        return True
    return verb.dep_ in ("ccomp", "xcomp", "conj") and (verb.head.dep_ == "ROOT" and verb.dep_ != "conj"
                                                        or stem(verb.head.lower_) in _SAYING)


def _negates(negation: Mention, telling: Mention, predicates: frozenset[str], own: frozenset[str]) -> bool:
    """Whether `negation` denies what `telling` (another article's) asserts: a negated word of
    it is told there un-negated, and the sentence naming fewer people and places names them all
    in the other ("Putin" in "Russian President Vladimir Putin")."""
    if telling.article == negation.article:
        return False
    told = content_terms(telling.sentence.text)
    if not any(_same_word(p, t) for p in predicates - own for t in told):
        return False
    fewer, more = sorted((_named(negation), _named(telling)), key=len)
    return fewer <= more  # the sentence naming fewer names them all in the other


# Capitalised words that date a sentence rather than name who or what it is about.
_DATES = frozenset(stem(word) for word in """monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december""".split())


def _named(mention: Mention) -> set[str]:
    """Who and what a sentence is about: its names, less who tells it and the days and months."""
    return names_in(mention.sentence.text) - names_in("By " + " and ".join(mention.attributed_to)) - _DATES


def _same_word(one: str, other: str) -> bool:
    """Stems of one word: the crude stemmer leaves "defecate" and "defecat", "pee" and "peed" apart."""
    if one == other:
        return True
    shorter, longer = sorted((one, other), key=len)
    root = shorter[:-1] if shorter.endswith("e") and len(shorter) >= 5 else shorter
    return len(root) >= 3 and longer.startswith(root) and len(longer) - len(shorter) <= 2


def denial_of(telling: Mention, speaker: str | None = None) -> Mention:
    """A negating telling as a denial, by who speaks it (a quote's speaker, else the first-hand
    teller, the last of its chain), else by the outlet."""
    by = speaker or (telling.attributed_to[-1] if telling.attributed_to else "the outlet")
    return replace(telling, stance=Stance.DENIES, origins=[], by=by)
