"""A story's claims: mentions found, aligned across articles, echoes collapsed, status given."""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from storylens.judge.align import content_terms, group_mentions, link_answers, mention_similarity
from storylens.judge.echo import distinct
from storylens.judge.mentions import article_mentions
from storylens.judge.status import SUPPORTING, claim_status
from storylens.model import ArticleFindings, Claim, Mention

# Sentences per article compared by embedding as well as by words (the rest by words only).
EMBEDDED_PER_ARTICLE = 2  # tellings, and as many answers (denials, doubts)
# Closeness to the mean of the story's headlines above which a sentence tells its main event.
MAIN_EVENT = 0.5
# Mean similarity to the other tellings of the main event below which a telling is an outlier.
TELLINGS_AGREE = 0.4


Vectors = Mapping[str, np.ndarray]  # sentence and headline embeddings already made, by text


def judge_story(story_id: str, findings: list[ArticleFindings], *, mentions: list[Mention] | None = None,
                vectors: Vectors | None = None) -> list[Claim]:
    """The claims of one story: its main event first, then the most widely told.

    `mentions` (from `story_mentions`) and `vectors` (holding `texts_to_embed`) may be made
    beforehand: embedding the texts of many stories in one batch is much faster than story
    by story. Whatever `vectors` lacks is embedded here.
    """
    mentions = story_mentions(findings) if mentions is None else mentions
    vectors = vectors or {}
    supporting = [m for m in mentions if m.stance in SUPPORTING]
    answers = [m for m in mentions if m.stance not in SUPPORTING]
    embeddings, core, main_answers = None, [], []
    if len(findings) > 1:
        titles = _titles(findings)
        embeddings = _embeddings(supporting + answers, titles, vectors)
        closeness = headline_closeness(embeddings, titles, vectors)
        core, main_answers = main_event_tellings(supporting + answers, closeness)
        core = agreeing_tellings(core, supporting, embeddings[: len(supporting)])
        answers = [a for a in answers if a not in main_answers]
        embeddings = embeddings[: len(supporting)]
    groups = [[supporting[i] for i in group] for group in group_mentions(supporting, embeddings, core)]
    main: list[Mention] = []
    if core:  # denials of the main event ("the call never took place") answer its claim
        main = next(group for group in groups if supporting[core[0]] in group)
        main.extend(main_answers)
    else:
        answers += main_answers
    groups = link_answers(groups, answers, next((i for i, group in enumerate(groups) if group is main), None))
    outlet_of = {f.article.id: f.article.outlet or f.article.id for f in findings}
    order = {f.article.id: rank for rank, f in enumerate(findings)}
    claims = [(_claim(group, outlet_of, order), group is main) for group in groups]
    # The main event first (whatever else more outlets repeat), then the most widely told.
    claims.sort(key=lambda pair: (not pair[1], -len(pair[0].outlets), -len(pair[0].mentions),
                                  _first_seen(pair[0], order)))
    claims = [claim for claim, _ in claims]
    for number, claim in enumerate(claims, start=1):
        claim.id = f"{story_id}-{number:03d}"
    return claims


def story_mentions(findings: list[ArticleFindings]) -> list[Mention]:
    return [mention for article in findings for mention in article_mentions(article)]


def texts_to_embed(findings: list[ArticleFindings], mentions: list[Mention]) -> list[str]:
    """The headlines and sentences `judge_story` compares by embedding (none for one article)."""
    if len(findings) < 2:
        return []
    titles = _titles(findings)
    return titles + [mentions[i].sentence.text for i in _embedded_rows(mentions, titles)]


def _titles(findings: list[ArticleFindings]) -> list[str]:
    return [f.article.title.strip() for f in findings if f.article.title and f.article.title.strip()]


def main_event_tellings(mentions: list[Mention], closeness: np.ndarray) -> tuple[list[int], list[Mention]]:
    """Each article's telling of the story's main event, and the answers to it.

    The headlines of a story all name its main event, in as many wordings as there are
    outlets ("Trump asks Putin not to escalate", "Kremlin denies phone call with Trump"), so
    an article's sentence nearest their mean tells that event. When that sentence reports
    the event, it joins the main claim (returned as an index); when it denies or doubts it,
    the article's answers close to the headlines answer the main claim. Below `MAIN_EVENT`
    an article does not tell the main event at all; fewer than two tellings, no main claim.
    """
    best: dict[str, int] = {}
    for index, mention in enumerate(mentions):
        current = best.get(mention.article)
        if closeness[index] >= MAIN_EVENT and (current is None or closeness[index] > closeness[current]):
            best[mention.article] = index
    core = sorted(i for i in best.values() if mentions[i].stance in SUPPORTING)
    if len(best) < 2 or not core:
        return [], []
    answers = [m for m, close in zip(mentions, closeness) if close >= MAIN_EVENT and m.stance not in SUPPORTING]
    return core, answers


def agreeing_tellings(core: list[int], supporting: list[Mention], embeddings: np.ndarray) -> list[int]:
    """The main-event tellings that agree with the others: a sentence nearest the headlines
    in its article can still be about something else (a councillor's reaction); one whose
    mean similarity to the other tellings stays below `TELLINGS_AGREE` is left out."""
    if len(core) < 3:
        return core
    similarity = mention_similarity([supporting[i] for i in core], embeddings[core])
    np.fill_diagonal(similarity, 0.0)
    mean = similarity.sum(axis=1) / (len(core) - 1)
    return [index for index, agreement in zip(core, mean) if agreement >= TELLINGS_AGREE]


def headline_closeness(embeddings: np.ndarray, titles: list[str], vectors: Vectors) -> np.ndarray:
    """Cosine of each row to the mean of the story's headlines (`_titles`; zeros with fewer than two)."""
    if len(titles) < 2 or not len(embeddings):
        return np.zeros(len(embeddings))
    centre = vectors_of(titles, vectors).mean(axis=0)
    return embeddings @ (centre / (np.linalg.norm(centre) or 1.0))


def _embeddings(mentions: list[Mention], titles: list[str], vectors: Vectors) -> np.ndarray:
    """Sentence embeddings of each article's likeliest tellings, zero rows for the rest."""
    from storylens.enrich.embed import headline_embedder

    rows = _embedded_rows(mentions, titles)
    embeddings = np.zeros((len(mentions), headline_embedder().dimension), dtype=np.float32)
    if rows:
        embeddings[rows] = vectors_of([mentions[i].sentence.text for i in rows], vectors)
    return embeddings


def _embedded_rows(mentions: list[Mention], titles: list[str]) -> list[int]:
    """Per article, its first telling and first answer, then those of its other tellings and
    answers that share the most words with the story's headlines, up to EMBEDDED_PER_ARTICLE.

    Embedding is most of the judge's time, so only a few sentences per article are embedded;
    the main event is told near the top or in the headlines' words, even when an article
    opens on something else ("In an escalation of hostilities, both countries launched drones").
    """
    headline_terms = {term for title in titles for term in content_terms(title)}
    kinds: dict[tuple[str, bool], list[int]] = {}
    for index, mention in enumerate(mentions):
        kinds.setdefault((mention.article, mention.stance in SUPPORTING), []).append(index)
    rows = []
    for indices in kinds.values():
        first, rest = indices[0], indices[1:]
        rest.sort(key=lambda i: -len(headline_terms.intersection(content_terms(mentions[i].sentence.text))))
        rows += [first] + rest[: EMBEDDED_PER_ARTICLE - 1]
    return sorted(rows)


def vectors_of(texts: Sequence[str], vectors: Vectors) -> np.ndarray:
    """The embeddings of `texts`, taken from `vectors` where there, the rest embedded now."""
    from storylens.enrich.embed import headline_embedder

    missing = list(dict.fromkeys(text for text in texts if text not in vectors))
    made = dict(zip(missing, headline_embedder().embed(missing))) if missing else {}
    return np.array([vectors[text] if text in vectors else made[text] for text in texts], dtype=np.float32)


def _claim(group: list[Mention], outlet_of: dict[str, str], order: dict[str, int]) -> Claim:
    mentions = sorted(group, key=lambda m: (order[m.article], m.sentence.start))
    origins = distinct(origin for m in mentions if m.stance in SUPPORTING for origin in m.origins)
    outlets = distinct(outlet_of[m.article] for m in mentions)
    return Claim(
        id="",
        text=representative(mentions),
        status=claim_status(mentions, origins, outlets),
        mentions=mentions,
        origins=origins,
        outlets=outlets,
    )


def representative(mentions: list[Mention]) -> str:
    """The telling that shares the most words with the others (the first on ties), denials last."""
    candidates = [m for m in mentions if m.stance in SUPPORTING] or mentions
    shared = Counter(term for m in candidates for term in set(content_terms(m.sentence.text)))
    def weight(mention: Mention) -> float:
        terms = set(content_terms(mention.sentence.text))
        return sum(shared[t] - 1 for t in terms) / (len(terms) or 1) if len(candidates) > 1 else 0.0
    return max(candidates, key=weight).sentence.text


def _first_seen(claim: Claim, order: dict[str, int]) -> tuple[int, int]:
    first = claim.mentions[0]
    return order[first.article], first.sentence.start
