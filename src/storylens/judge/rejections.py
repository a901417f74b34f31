"""A story whose coverage itself calls its report false is the story of a rejection.

"Durex has NOT come out with a pumpkin spice condom", "Report that the town is under
quarantine is false": when most articles that tell or deny the main event reject it in their
own voice (the outlet says it is a hoax, fake, not true, or the article stance model reads
the article as refuting it), the story's main event is that rejection, and articles agreeing
with it are tellings of it, not denials. The rejected report stays a claim of its own, with
every denial on it (a reader can still list them), and the rejection names it (`rejects`).
The rejection is disputed when articles stand behind the rejected report first-hand and
deny nothing of it: each one's telling is a `denies` mention of the rejection.

A denial by someone the outlet only quotes ("the Kremlin called it pure fiction") is one
side of a dispute, not the outlet's own verdict: it never turns a story into a rejection.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from storylens.judge.claims import claim_of, tells_an_event
from storylens.judge.echo import name_key
from storylens.judge.mentions import outlet_name
from storylens.judge.negations import negated_predicates
from storylens.model import ArticleFindings, Claim, DenialKind, Mention, Stance

# Share of the articles telling or denying the main event that reject it in their own voice
# from which the story is the rejection's. Measured on rumours dev (2026-12-03): at 0.5 the
# planetary-alignment hoax (2 of 5 articles debunk it in their own voice, 2 copy the hoax)
# read as a dispute of the hoax; at 0.25 its main claim is the debunking, false disputes
# 14/62 -> 13/62, recall 11/11 and true denials linked 20/26 unchanged.
OWN_REJECTION_SHARE = 0.25
# Articles that must reject the main event in their own voice (one outlet's hoax call among
# many reports is one article's verdict, a denial of the report).
MIN_REJECTING = 2


def rejection_first(claims: list[Claim], findings: Sequence[ArticleFindings],
                    verdicts: Mapping[str, tuple[str, float]] | None = None) -> list[Claim]:
    """The claims with the rejection of the main event first, when the coverage rejects it
    in its own voice (`OWN_REJECTION_SHARE`); otherwise the claims as they are. `verdicts`
    are the article stance model's (label, score) against the main claim, by article id."""
    if not claims:
        return claims
    main = claims[0]
    outlet_of = {f.article.id: outlet_name(f.article) for f in findings}
    negating = own_negations(main)
    rejecting = own_rejections(main, outlet_of) + negating
    involved = {m.article for m in main.mentions}
    if len({m.article for m in rejecting}) < max(MIN_REJECTING, OWN_REJECTION_SHARE * len(involved)):
        return claims
    order = {f.article.id: rank for rank, f in enumerate(findings)}
    story_id = main.id.rsplit("-", 1)[0]
    tellings = [_as_telling(m, outlet_of[m.article]) for m in main.mentions if m.stance == Stance.DENIES] + negating
    denying = {f.article.id for f in findings if any(d.kind == DenialKind.DENIAL for d in f.denials)}
    doubting = {article for article, (label, _) in (verdicts or {}).items() if label == "disagree"}
    behind = _standing_behind(main, outlet_of, denying | doubting | {m.article for m in tellings})
    if len(behind) < MIN_REJECTING:  # one article telling a debunked report as news is not a dispute of it
        behind = []
    rejection = claim_of(tellings + behind, outlet_of, order)
    rejection.rejects = f"{story_id}-002"
    renumbered = []
    for number, claim in enumerate([rejection, *claims], start=1):
        claim.id = f"{story_id}-{number:03d}"
        renumbered.append(claim)
    return renumbered


def own_rejections(claim: Claim, outlet_of: dict[str, str]) -> list[Mention]:
    """The denials of a claim the article makes in its own voice (nobody else named as denier)."""
    return [m for m in claim.mentions if m.stance == Stance.DENIES and _own_voice(m, outlet_of[m.article])]


def own_negations(claim: Claim) -> list[Mention]:
    """The claim's first-hand tellings whose main clause, or a clause coordinated with it, is
    negated: the outlet rejecting the report in plain words ("Yes, we wished it were true too,
    but no, Fox News are not angrily responding on Twitter"). No other article told it word
    for word, so `negations.negating_tellings` left it a telling of the report it rejects."""
    from storylens.enrich.nlp import english

    candidates = [m for m in claim.mentions if m.stance == Stance.ASSERTS and negated_predicates(m.sentence.text)]
    if not candidates:
        return []
    docs = english(entities=False).pipe([m.sentence.text for m in candidates], batch_size=32)
    return [m for m, doc in zip(candidates, docs) if any(_negates_main_clause(token) for token in doc)]


# The parse here has no lemmas: the forms of "be" spelled out.
_FORMS_OF_BE = frozenset("am is are was were be been being 's \u2019s 're \u2019re 'm".split())


def _negates_main_clause(token) -> bool:
    """A "not" on the main verb or its coordinate; on "be" only with an adjective ("is not
    true"): "It's not every night that a pizza delivery driver receives a $2,000 tip" rejects nothing."""
    if token.dep_ != "neg":
        return False
    verb = token.head
    if verb.lower_ in _FORMS_OF_BE and not any(child.dep_ == "acomp" for child in verb.children):
        return False
    return verb.dep_ == "ROOT" or verb.dep_ == "conj" and verb.head.dep_ == "ROOT"


def _own_voice(mention: Mention, outlet: str) -> bool:
    by = (mention.by or "").strip()
    return not by or by.casefold() == "the outlet" or name_key(by) == name_key(outlet)


def _as_telling(denial: Mention, outlet: str) -> Mention:
    """A denial of the rejected report as a telling of the rejection: the outlet's own
    (`asserts`) or the denier's, reported (`reports`, the denier its origin)."""
    own = _own_voice(denial, outlet)
    by = denial.by if not own else None
    return Mention(article=denial.article, sentence=denial.sentence,
                   stance=Stance.ASSERTS if own else Stance.REPORTS,
                   attributed_to=[] if own else [by], hedged=denial.hedged,
                   origins=[outlet] if own else [by], by=None)


def _standing_behind(report: Claim, outlet_of: dict[str, str], denying: set[str]) -> list[Mention]:
    """Each article's first first-hand telling of the rejected report, when the article
    denies nothing (`denying`: articles with a denial, or that the stance model reads as
    disagreeing with the report): a denial of the rejection by its outlet.

    A telling is one that can state an event (`tells_an_event`): not the opening of a quote
    left open, nor furniture or a line in the author's voice. In a story of a debunked condom
    flavour, the first words of the maker's denial ("Durex has heard that people are saying
    we launched...", a quote) and a tweet quoted by an article the model reads as
    disagreeing ("We've officially reached Pumpkin Spice saturation point") stood behind the
    hoax and disputed its debunking."""
    first: dict[str, Mention] = {}
    for m in report.mentions:
        if m.stance == Stance.ASSERTS and m.article not in denying and tells_an_event(m.sentence.text):
            first.setdefault(m.article, m)
    return [Mention(article=m.article, sentence=m.sentence, stance=Stance.DENIES, attributed_to=[],
                    hedged=m.hedged, origins=[], by=outlet_of[m.article]) for m in first.values()]
