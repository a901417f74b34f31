"""One article's claim-worthy sentences as mentions: stance, attribution chain, hedging.

A sentence's stance comes from the denial reader first (`findings.denials`: a denial is
`denies`, a refusal `no_comment`, with who denies as the reader names them), then doubt
cues ("could not be verified"), then attribution (someone else said it: `reports`), else the
outlet says it itself (`asserts`).
The attribution chain is read from the attributions whose content covers the sentence,
outermost first, so "European Pravda, citing Sky News, citing John Healey" reads in that order.
"""
from __future__ import annotations

import re

from storylens.claims.claimworthy import is_claimworthy
from storylens.claims.denial_triggers import has_denial_word
from storylens.claims.denials import denial_cues, no_comment_cues, question_cues
from storylens.claims.hedges import is_hedged
from storylens.judge.align import content_terms
from storylens.judge.echo import anonymous_owner, is_report, mention_origins, sibling_key, speaker_names
from storylens.model import Article, ArticleFindings, Attribution, Denial, DenialKind, Mention, Span, Stance

# Where the subject of a denial ends: "The authority | has denied", "Its spokesperson, Ilse Varga, | called it".
_SUBJECT_END = re.compile(r"\s(?:has|have|had|is|are|was|were|says|said|say|called|calls|on|also|again|firmly|flatly|"
                          r"today|yesterday|denied|denies|rejected|rejects|dismissed|dismisses)\b")
# A content must cover this share of a sentence for the sentence to count as attributed.
COVERAGE = 0.4
# Sentences beyond this many per article add little to a story's claims and cost alignment time.
MAX_SENTENCES = 80
# A denial without a denial word ("X said no money was paid") denies only what the coverage tells:
# it must share this many content words (who says it aside) with one other sentence or the title.
NEGATED_SHARED = 2
# Words of saying and of negating, which every such sentence shares with many others.
_SAYING_TERMS = frozenset(content_terms("""said says say told tell added stated insisted maintained according
    statement spokesman spokeswoman spokesperson official officials never nothing nobody none""")) | frozenset(
    {"not", "no"})

def article_mentions(findings: ArticleFindings) -> list[Mention]:
    """Claim-worthy sentences and every denial, refusal or doubt, in text order.

    Denials and refusals are kept past `MAX_SENTENCES`: a reader must be able to list every
    denial of a story."""
    article = findings.article
    owner = anonymous_owner(findings.attributions)
    denial_at = {(d.sentence.start, d.sentence.end): d for d in findings.denials}
    mentions = []
    for number, sentence in enumerate(findings.sentences):
        denial = denial_at.get((sentence.start, sentence.end))
        if denial is not None and not has_denial_word(sentence.text) and not negates_told(
                sentence, denial.by, findings.sentences, article.title):
            denial = None  # a negation that answers nothing the article tells: "officials said no one was hurt"
        if number >= MAX_SENTENCES and denial is None:
            continue
        covering = covering_attributions(sentence, findings.attributions)
        chain = [a for a in covering if is_report(a)]
        speaking = covering + [a for a in findings.attributions if a not in covering and sentence.contains(a.cue)]
        stance, by = sentence_stance(sentence, chain, speaking, denial)
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
                origins=[] if findings.copy_of else mention_origins(chain, findings.wire or outlet_name(article), owner),
                by=by,
            )
        )
    return mentions


def negates_told(sentence: Span, by: str | None, sentences: list[Span], title: str | None = None) -> bool:
    """Whether a sentence that negates without a denial word negates something told beside it:
    it shares NEGATED_SHARED content words, who says it and words of saying aside, with the
    title or one other sentence ("Iraq's ministry said the woman was not al-Baghdadi's wife"
    beside "Lebanon detains wife of al-Baghdadi"). Judge2 may call it with the story's claims."""
    own = set(content_terms(sentence.text)) - set(content_terms(by or "")) - _SAYING_TERMS
    if len(own) < NEGATED_SHARED:
        return False
    others = [s.text for s in sentences if (s.start, s.end) != (sentence.start, sentence.end)] + [title or ""]
    return any(len(own.intersection(content_terms(text))) >= NEGATED_SHARED for text in others)


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


def sentence_stance(sentence: Span, chain: list[Attribution], speaking: list[Attribution] = (),
                    denial: Denial | None = None) -> tuple[str, str | None]:
    """The stance of a sentence and, for denials and refusals, who denies or refuses: the
    reader's `by` when it names someone, else the source speaking in the sentence."""
    if denial is not None:
        stance = Stance.DENIES if denial.kind == DenialKind.DENIAL else Stance.NO_COMMENT
        by = denial.by if names_a_denier(denial.by) else None
        if by is None:
            cue = _cue_of(sentence, denial)
            by = _actor(sentence, list(speaking) or chain, cue)
        return stance, by if names_a_denier(by) else None
    cues = question_cues(sentence.text)
    if cues:
        return Stance.QUESTIONS, _actor(sentence, list(speaking) or chain, cues[0])
    if chain:
        return Stance.REPORTS, None
    return Stance.ASSERTS, None


def _cue_of(sentence: Span, denial: Denial) -> Span:
    """Where the act of denying sits in the sentence (relative offsets): just before what is
    denied when the reader found it, else the first denial or refusal word."""
    if denial.denied is not None and denial.denied.start > sentence.start:
        at = denial.denied.start - sentence.start
        return Span(at, at, "")
    cues = no_comment_cues(sentence.text) + denial_cues(sentence.text)
    return min(cues, key=lambda cue: cue.start) if cues else Span(len(sentence.text), len(sentence.text), "")


# Words that open a phrase but name no denier: days, months, things said, pronouns.
_NOT_DENIERS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight earlier later
    january february march april june july august september october november december
    statement statements report reports release letter post tweet video it this that he she they we i
    sometimes however but and also meanwhile the a an his her their its request story stories rumor rumors
    rumour rumours hoax claim claims report article news""".split()
)
# Words no name holds: a relative clause, a question, a hedge ("aficionados who", "Could it really be").
_NOT_IN_NAMES = frozenset("who which whose or if could would should really true exact off when while because".split())
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_OPENING_VERBS = re.compile(r"\b(?:is|are|was|were|has|have|had|would|will|said|says|do|does|did)\b", re.I)


def names_a_denier(by: str | None) -> bool:
    """Whether `by` names someone who can deny: not a day ("Friday"), a thing said
    ("statement"), a sentence fragment ("Sometimes his remarks") or a bare pronoun."""
    if not by or not by.strip():
        return False
    words = by.strip(" ,.;:\"'\u201c\u201d").split()
    if not words or len(words) > 8 or _OPENING_VERBS.search(by):
        return False
    if by.strip().casefold() == "the outlet":
        return True
    folded = [_POSSESSIVE.sub("", w.casefold().strip(",.")) for w in words]
    if any(word in _NOT_IN_NAMES for word in folded):
        return False
    content = [w for w, f in zip(words, folded) if f not in _NOT_DENIERS]
    # A long phrase mostly in lower case is a stretch of sentence, not a name.
    if len(words) > 4 and sum(1 for w in content if w[:1].isupper()) * 2 < len(content):
        return False
    return bool(content) and folded[0] not in ("sometimes", "however", "but", "and", "first")


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
    links: dict[tuple[int, int, int], list[str]] = {}  # siblings are one link, not Post -> Reuters
    for attribution in chain:
        if attribution.source is None:
            continue
        link = links.setdefault(sibling_key(attribution), [])
        link.extend(name for name in speaker_names(attribution) if name not in link)
    for link in links.values():
        name = " and ".join(link)
        if link and name not in names:
            names.append(name)
    return names


def outlet_name(article: Article) -> str:
    """The article's outlet, or the unknown outlet of its input (named by its file), never an id."""
    if article.outlet and article.outlet.strip():
        return article.outlet
    name = re.split(r"[/\\]", article.source.rstrip("/\\"))[-1] if article.source else ""
    return f"unknown outlet ({name})" if name else "unknown outlet"
