"""An article that refutes the story's main claim denies it, with a denial verb or without.

The article stance model (`stance.py`, the one `storylens stance` serves, through the same
feature path) reads each article's body against the main claim's text. `disagree` ("staged",
"a hoax", "turned out to be fake") with a score from REFUTES makes the article deny the main
claim: a `denies` mention on its most refuting sentence, by the source that sentence's
denial names, else by the outlet. `discuss` makes its first-hand tellings of the main claim
`reports`: the article passes the claim on without standing behind it. The pairs of many
stories are judged in one batch (the model embeds body sentences in batches).
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from storylens.enrich.sentences import rough_sentence_spans
from storylens.judge.answers import is_rejection
from storylens.judge.claims import FURNITURE, Vectors, claim_of, judge_story, story_mentions
from storylens.judge.mentions import outlet_name
from storylens.judge.rejections import rejection_first
from storylens.judge.stance import stance_of_pairs
from storylens.judge.stance_features import (
    CUE_NAMES, MAX_BODY_CHARS, MAX_SENTENCES, cue_counts, sentence_cue_counts,
)
from storylens.model import ArticleFindings, Claim, DenialKind, Mention, Span, Stance

# Score (p(related) x p(disagree)) from which a `disagree` article denies the main claim.
# Measured on the 73 dev rumours of bench/rumours.py with the denial reader and rejection
# stories in place (2026-12): 0.25 gives recall 1.000, false disputes 0.242 (15/62), true
# denials linked 14/26; 0.45 gives 1.000, 0.242, 13/26; 0.65 gives 1.000, 0.226 (14/62), 13/26.
# One rumour either way is within noise, so the value stays where it was. Re-measured with
# report nouns resolved to their antecedent and no rejection main claim refuted (2026-12-02):
# 0.45 gives recall 1.000, false disputes 0.210 (13/62), linked 16/26; 0.25 gives 0.909
# (10/11), 0.226 (14/62), 16/26. It stays at 0.45.
REFUTES = 0.45
# The doubt cues the model's `disagree` rests on: an article with none of them in the part of
# its body the model reads is not asked (it costs embedding ~20 sentences an article). Doubt
# alone ("it is unclear whether") is left out: asking those articles too gave the same dev
# rumour figures (recall 1.00, false disputes 0.34) at 15 instead of 21 articles/s in analyze.
_DOUBT = [CUE_NAMES.index(name) for name in ("denial", "refuting", "debunking", "correcting")]
_REFUTING = [CUE_NAMES.index(name) for name in ("denial", "refuting", "debunking")]


def judge_stories(story_ids: Sequence[str], findings: Sequence[list[ArticleFindings]],
                  mentions: Sequence[list[Mention]] | None = None, vectors: Vectors | None = None) -> list[list[Claim]]:
    """The claims of each story (`judge_story`), then each article's stance toward its story's
    main claim, judged for all stories in one batch."""
    mentions = mentions if mentions is not None else [story_mentions(f) for f in findings]
    claims = [judge_story(story_id, story_findings, mentions=story_mentioned, vectors=vectors)
              for story_id, story_findings, story_mentioned in zip(story_ids, findings, mentions)]
    asked = [(story, article) for story, story_claims in enumerate(claims) if story_claims
             for article in findings[story] if _may_refute(article, story_claims[0])]
    judged = stance_of_pairs((claims[story][0].text, article.article.text) for story, article in asked)
    verdicts: dict[int, dict[str, tuple[str, float]]] = {}
    for (story, article), verdict in zip(asked, judged):
        verdicts.setdefault(story, {})[article.article.id] = verdict
    return [rejection_first(apply_article_stances(story_claims, findings[story], verdicts.get(story, {})),
                            findings[story], verdicts.get(story, {}))
            for story, story_claims in enumerate(claims)]


def _may_refute(findings: ArticleFindings, main: Claim) -> bool:
    """Whether to ask the model: the article does not already deny the main claim, and a
    sentence of its body where the model reads holds a doubt cue (none there: the model has
    nothing to go on). Not page furniture: the "prank" of a related link ("MORE: Man plays
    cruel Christmas present prank on his wife") made a son's gift to his parents refuted (a
    false dispute of rumours dev), the denial landing on a sentence that refutes nothing."""
    if any(m.article == findings.article.id and m.stance == Stance.DENIES for m in main.mentions):
        return False
    return bool(_doubt_rows(findings.article.text)[:, _DOUBT].sum())


def _doubt_rows(text: str) -> np.ndarray:
    """The cue counts of each sentence the model reads, furniture's left at zero."""
    body = text[:MAX_BODY_CHARS]
    spans = rough_sentence_spans(body)[:MAX_SENTENCES]
    rows, _ = sentence_cue_counts(body, spans)
    rows = rows.reshape(len(spans), len(CUE_NAMES))
    rows[[i for i, (start, end) in enumerate(spans) if FURNITURE.search(body[start:end])]] = 0
    return rows


def apply_article_stances(claims: list[Claim], findings: Sequence[ArticleFindings],
                          verdicts: dict[str, tuple[str, float]]) -> list[Claim]:
    """The claims with each refuting article denying the main claim (its statuses redone)."""
    if not claims or not verdicts:
        return claims
    main = claims[0]
    by_id = {f.article.id: f for f in findings}
    # A main claim that itself calls something false ("Durex has squashed the rumours"): an
    # article full of hoax words agrees with it, and the model's `disagree` is no denial of it
    # (answers.py treats a denial agreeing with a rejection the same way). The article's other
    # denials stay where answers.py put them: a denial disputes only what it denies, so those
    # that answer no told claim no longer join the main claim ("Fake Twitter fights." in a
    # round-up of hoaxes disputed a story about a condom). Measured on rumours dev: false
    # disputes 13/62 either way; true denials linked 17/26 -> 16/26, the cost of that rule.
    rejection = is_rejection(main.mentions)
    for article_id, (label, score) in verdicts.items():
        if label == "discuss":
            for mention in main.mentions:
                if mention.article == article_id and mention.stance == Stance.ASSERTS:
                    mention.stance = Stance.REPORTS
        elif label == "disagree" and score >= REFUTES and not rejection:
            denial = refuting_mention(by_id[article_id], claims)
            for claim in claims:
                claim.mentions = [m for m in claim.mentions if not _same_sentence(m, denial)]
            main.mentions.append(denial)
    outlet_of = {f.article.id: outlet_name(f.article) for f in findings}
    order = {f.article.id: rank for rank, f in enumerate(findings)}
    kept = [claim for claim in claims if claim.mentions]  # a claim whose one sentence became the denial goes
    story_id = claims[0].id.rsplit("-", 1)[0]
    return [claim_of(claim.mentions, outlet_of, order, f"{story_id}-{number:03d}")
            for number, claim in enumerate(kept, start=1)]


def _same_sentence(mention: Mention, other: Mention) -> bool:
    return mention.article == other.article and mention.sentence.start == other.sentence.start


def refuting_mention(findings: ArticleFindings, claims: list[Claim]) -> Mention:
    """A `denies` mention on the article's most refuting sentence: its denial the reader found
    with the most refuting words, else its sentence with the most, else its first sentence."""
    article = findings.article
    denials = {d.sentence.start: d for d in findings.denials if d.kind == DenialKind.DENIAL}
    # A related link ("MORE: Man plays cruel Christmas prank on his wife") refutes nothing of the story.
    sentences = [s for s in findings.sentences[:MAX_SENTENCES] if not FURNITURE.search(s.text)] \
        or [Span(0, len(article.text), article.text)]
    sentence = max(sentences, key=lambda s: (s.start in denials, float(cue_counts(s.text)[_REFUTING].sum()), -s.start))
    existing = next((m for claim in claims for m in claim.mentions
                     if m.article == article.id and m.sentence.start == sentence.start), None)
    denial = denials.get(sentence.start)
    by = (existing.by if existing else None) or (denial.by if denial else None) or outlet_name(article)
    return Mention(article=article.id, sentence=sentence, stance=Stance.DENIES,
                   attributed_to=existing.attributed_to if existing else [],
                   hedged=existing.hedged if existing else False, origins=[], by=by)

