"""One article's claim-worthy sentences as mentions: stance, attribution chain, hedging.

A sentence's stance comes from its cues, strongest first: a denial ("denied", "pure
fiction"), a refusal ("did not confirm or deny"), doubt ("could not be verified"), then
attribution (someone else said it: `reports`), else the outlet says it itself (`asserts`).
The attribution chain is read from the attributions whose content covers the sentence,
outermost first, so "European Pravda, citing Sky News, citing John Healey" reads in that order.
"""
from __future__ import annotations

import re

from storylens.claims.claimworthy import is_claimworthy
from storylens.claims.denials import denial_cues, no_comment_cues, question_cues
from storylens.claims.hedges import is_hedged
from storylens.judge.echo import anonymous_owner, is_report, mention_origins, speaker_names
from storylens.model import ArticleFindings, Attribution, Mention, Span, Stance

# Where the subject of a denial ends: "The authority | has denied", "Its spokesperson, Ilse Varga, | called it".
_SUBJECT_END = re.compile(r"\s(?:has|have|had|is|are|was|were|says|said|say|called|calls|on|also|again|firmly|flatly|"
                          r"today|yesterday|denied|denies|rejected|rejects|dismissed|dismisses)\b")
# A content must cover this share of a sentence for the sentence to count as attributed.
COVERAGE = 0.4
# Sentences beyond this many per article add little to a story's claims and cost alignment time.
MAX_SENTENCES = 80

def article_mentions(findings: ArticleFindings) -> list[Mention]:
    """Claim-worthy sentences and every denial, refusal or doubt, in text order."""
    article = findings.article
    owner = anonymous_owner(findings.attributions)
    mentions = []
    for sentence in findings.sentences[:MAX_SENTENCES]:
        covering = covering_attributions(sentence, findings.attributions)
        chain = [a for a in covering if is_report(a)]
        speaking = covering + [a for a in findings.attributions if a not in covering and sentence.contains(a.cue)]
        stance, by = sentence_stance(sentence, chain, speaking)
        if stance == Stance.ASSERTS or stance == Stance.REPORTS:
            if not is_claimworthy(sentence.text):
                continue
        mentions.append(
            Mention(
                article=article.id,
                sentence=sentence,
                stance=stance,
                attributed_to=chain_speakers(chain),
                hedged=is_hedged(sentence.text),
                # a copy of another article of the story repeats its origins and adds none
                origins=[] if findings.copy_of else mention_origins(chain, findings.wire or article.outlet or article.id, owner),
                by=by,
            )
        )
    return mentions


def covering_attributions(sentence: Span, attributions: list[Attribution]) -> list[Attribution]:
    """The attributions whose content covers the sentence, outermost first.

    Only the reporting ones among them are links of the chain (`is_report`): "sources said
    Trump took the call, advising Putin …" has the sources as its origin; Trump taking and
    advising is what they report. Denials ("the Kremlin rejected …") name who denies.
    """
    covering = [a for a in attributions if _covers(a, sentence)]
    # Equal contents ("people familiar told the Post"): the named teller is outer, the anonymous inner.
    return sorted(covering, key=lambda a: (-(a.content.end - a.content.start), a.anonymous))


def _covers(attribution: Attribution, sentence: Span) -> bool:
    overlap = attribution.content.overlap(sentence)
    return overlap > 0 and overlap >= COVERAGE * (sentence.end - sentence.start)


def sentence_stance(sentence: Span, chain: list[Attribution], speaking: list[Attribution] = ()
                    ) -> tuple[str, str | None]:
    """The stance of a sentence and, for denials and refusals, who denies or refuses (from
    `speaking`, the attributions covering the sentence or speaking in it)."""
    text = sentence.text
    refusals = no_comment_cues(text)
    # "did not confirm or deny" holds a denial word but is a refusal
    denials = [cue for cue in denial_cues(text) if not any(cue.overlap(refusal) for refusal in refusals)]
    for cues, stance in ((denials, Stance.DENIES), (refusals, Stance.NO_COMMENT), (question_cues(text), Stance.QUESTIONS)):
        if cues:
            return stance, _actor(sentence, list(speaking) or chain, cues[0])
    if chain:
        return Stance.REPORTS, None
    return Stance.ASSERTS, None


def _actor(sentence: Span, covering: list[Attribution], cue: Span) -> str | None:
    """Who denies: the source nearest before the cue, else the few words opening the sentence
    before it ("The authority has denied the report")."""
    cue_at = sentence.start + cue.start
    sources = [a for a in covering if a.source is not None]
    if sources:
        before = [a for a in sources if a.source.start <= cue_at] or sources
        nearest = max(before, key=lambda a: a.source.start)
        return nearest.speaker or nearest.source.text
    before = _SUBJECT_END.split(sentence.text[: cue.start], maxsplit=1)[0].strip(" ,;:—–-")
    return before if before and len(before.split()) <= 6 and before[:1].isupper() else None


def chain_speakers(chain: list[Attribution]) -> list[str]:
    """Speaker names along the chain, coordinated sources ("the Post and Reuters") split apart."""
    names: list[str] = []
    for attribution in chain:
        if attribution.source is None:
            continue
        for name in speaker_names(attribution):
            if name not in names:
                names.append(name)
    return names
