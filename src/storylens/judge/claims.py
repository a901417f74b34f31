"""A story's claims: mentions found, aligned across articles, echoes collapsed, status given."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from storylens.judge.align import content_terms, group_mentions, mention_similarity
from storylens.judge.answers import answered_claims
from storylens.judge.echo import distinct
from storylens.judge.mentions import article_mentions, outlet_name
from storylens.judge.negations import negations_as_denials, quote_speakers
from storylens.judge.status import SUPPORTING, claim_status
from storylens.model import ArticleFindings, Claim, Mention

# Sentences per article compared by embedding as well as by words (the rest by words only):
# tellings, and as many answers (denials, doubts). At 2, a seed article's telling that names
# two sources ("The Washington Post and Reuters reported...") was never embedded, as a
# sentence about a spokesman's remark shared more words with the headlines; at 3 it is the
# article's telling. Same rumours (dev) and triplets figures at 2 and 3; analyze 22.6 -> 20.9
# articles/s (bench/analyze.py, quiet 2-core machine).
EMBEDDED_PER_ARTICLE = 3
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
    by story. Whatever `vectors` lacks is embedded here. The article stance model is not
    asked here (`refutations.judge_stories` asks it for many stories at once).
    """
    mentions = story_mentions(findings) if mentions is None else mentions
    vectors = vectors or {}
    supporting = [m for m in mentions if m.stance in SUPPORTING]
    answers = [m for m in mentions if m.stance not in SUPPORTING]
    embeddings, core, headlines = None, [], []
    if len(findings) > 1:
        headlines = story_headlines(findings, supporting)
        embeddings = _embeddings(supporting, headlines, vectors)
        core = main_event_tellings(supporting, headline_closeness(embeddings, headlines, vectors))
        core = agreeing_tellings(core, supporting, embeddings)
    groups = [[supporting[i] for i in group] for group in group_mentions(supporting, embeddings, core)]
    main = next((i for i, group in enumerate(groups) if core and supporting[core[0]] in group), None)
    centres = _claim_centres(groups, supporting, embeddings, headlines, main, vectors)
    denied = _denied_spans(findings)
    groups = answered_claims(groups, answers, [denied.get((a.article, a.sentence.start)) for a in answers], main,
                             lambda texts: vectors_of(texts, vectors), centres, headlines)
    outlet_of = {f.article.id: outlet_name(f.article) for f in findings}
    order = {f.article.id: rank for rank, f in enumerate(findings)}
    claims = [(claim_of(group, outlet_of, order), index == main) for index, group in enumerate(groups)]
    # The main event first (whatever else more outlets repeat), then the most widely told.
    claims.sort(key=lambda pair: (not pair[1], -len(pair[0].outlets), -len(pair[0].mentions),
                                  _first_seen(pair[0], order)))
    claims = [claim for claim, _ in claims]
    for number, claim in enumerate(claims, start=1):
        claim.id = f"{story_id}-{number:03d}"
    return claims


def story_mentions(findings: list[ArticleFindings]) -> list[Mention]:
    """Every article's mentions, with each telling that negates another article's telling made
    a denial by its teller (`negations`): once per story, since that step parses its candidates."""
    mentions = [mention for article in findings for mention in article_mentions(article)]
    return negations_as_denials(mentions, quote_speakers(findings))


def texts_to_embed(findings: list[ArticleFindings], mentions: list[Mention]) -> list[str]:
    """The headlines, sentences and denied contents `judge_story` compares by embedding (none for one article)."""
    if len(findings) < 2:
        return []
    supporting = [m for m in mentions if m.stance in SUPPORTING]
    headlines = story_headlines(findings, supporting)
    denied = [d.denied.text for f in findings for d in f.denials if d.denied is not None and d.denied.text.strip()]
    answers = [m.sentence.text for m in mentions if m.stance not in SUPPORTING]
    return headlines + [supporting[i].sentence.text for i in _embedded_rows(supporting, headlines)] + denied + answers


def story_headlines(findings: list[ArticleFindings], supporting: list[Mention]) -> list[str]:
    """What the story's articles lead with: their titles, or when fewer than two have one
    (rumour bodies, feeds of bare text), each article's first sentence that tells an event."""
    titles = [f.article.title.strip() for f in findings if f.article.title and f.article.title.strip()]
    if len(titles) >= 2:
        return titles
    leads: dict[str, str] = {}
    for mention in supporting:
        if mention.article not in leads and tells_an_event(mention.sentence.text):
            leads[mention.article] = mention.sentence.text
    return list(leads.values())


# A related-link bullet, a caption or credit, a gallery link: page furniture, not an event.
FURNITURE = re.compile(
    r"^\s*[\u2022\u00b7\u25aa\u25b6\u25ba\u25a0\u25cf\u2013\u2014*>|-]|\b(?:in\s+pictures|in\s+photos|photo\s+gallery|"
    r"watch\s+(?:the\s+)?video|live\s+updates|click\s+here|read\s+more|getty\s+images|photograph:|photo:|image:|"
    r"picture:|credit:|pictured)|[\u2013\u2014|-]\s*(?:video|photos|pictures|live)\s*$|"
    r"^\s*(?:more|related|see\s+also|also\s+read|read\s+also|watch|listen)\s*:", re.I)
_OPENING_QUOTES = "\"\u201c\u00ab\u2018"
# A sentence that speaks to the reader states no event of the story: "If you're jonesing for an
# Apple Watch, you probably want to do a lot with it" was the main claim of a dev rumour whose
# headlines say the watch has a power-reserve mode. Quoted words are someone else's.
_TO_THE_READER = re.compile(r"\byou(?:['\u2019](?:re|ve|ll|d)|r|rs)?\b", re.I)
# Nor does an author speaking of themselves: "Last month, I joined about 15,000 other cyclists"
# and "two of my ancestors put on the uniform" were main claims of AllSides val op-eds (not
# "World War I", which names a war).
_OWN_VOICE = re.compile(r"(?<!War )\bI\b(?!\.)|\b(?:[Mm]y|me)\b")
_QUOTED = re.compile(r"[\"\u201c][^\"\u201d]*[\"\u201d]")
MIN_EVENT_WORDS = 6


def tells_an_event(text: str) -> bool:
    """Whether a sentence can be the story's main event: not furniture (`FURNITURE`), not a
    fragment (under MIN_EVENT_WORDS words, or opening in lower case), not addressed to the
    reader nor in the author's own voice ("you", "I", outside quotation marks) and not a quote fragment (opening on a quotation
    mark that stays open, or mostly inside quotation marks)."""
    stripped = text.strip()
    if len(stripped.split()) < MIN_EVENT_WORDS or FURNITURE.search(stripped) or stripped[:1].islower():
        return False
    unquoted = _QUOTED.sub("", stripped)
    if _TO_THE_READER.search(unquoted) or _OWN_VOICE.search(unquoted):
        return False
    return not (stripped[:1] in _OPENING_QUOTES and (_quote_left_open(stripped) or _quoted_share(stripped) > 0.6))


def _quote_left_open(text: str) -> bool:
    curly_open = text.count("\u201c") + text.count("\u00ab")
    return text.count('"') % 2 == 1 or curly_open > text.count("\u201d") + text.count("\u00bb")


def _quoted_share(text: str) -> float:
    quoted = sum(len(part) for part in re.findall(r"[\"\u201c][^\"\u201d]*[\"\u201d]", text))
    return quoted / (len(text) or 1)


def _denied_spans(findings: list[ArticleFindings]) -> dict[tuple[str, int], str]:
    """What each denial sentence rejects, as the reader found it, by (article, sentence start)."""
    return {(f.article.id, d.sentence.start): d.denied.text for f in findings for d in f.denials if d.denied is not None}


def _claim_centres(groups: list[list[Mention]], supporting: list[Mention], embeddings: np.ndarray | None,
                   headlines: list[str], main: int | None, vectors: Vectors) -> list[np.ndarray | None]:
    """A unit vector per claim: the mean of its embedded tellings (and, for the main event, of
    the headlines too: a denial of the main event is said in the headlines' words)."""
    if embeddings is None:
        return [None] * len(groups)
    row_of = {id(m): i for i, m in enumerate(supporting)}
    centres: list[np.ndarray | None] = []
    for index, group in enumerate(groups):
        rows = [embeddings[row_of[id(m)]] for m in group if id(m) in row_of and embeddings[row_of[id(m)]].any()]
        if index == main and len(headlines) >= 2:
            rows += list(vectors_of(headlines, vectors))
        centre = np.mean(rows, axis=0) if rows else None
        centres.append(centre / (np.linalg.norm(centre) or 1.0) if centre is not None else None)
    return centres


def main_event_tellings(supporting: list[Mention], closeness: np.ndarray) -> list[int]:
    """Each article's telling of the story's main event (indices into `supporting`).

    The headlines of a story all name its main event, in as many wordings as there are
    outlets ("Trump asks Putin not to escalate", "Kremlin denies phone call with Trump"), so
    an article's sentence nearest their mean tells that event; furniture, captions and quote
    fragments never do (`tells_an_event`). Below `MAIN_EVENT` an article does not tell the
    main event at all; told by fewer than two articles, there is no main claim. Denials are
    not tellings: they answer the main claim when they deny what it says (`answers.py`).
    """
    best: dict[str, int] = {}
    for index, mention in enumerate(supporting):
        current = best.get(mention.article)
        if closeness[index] >= MAIN_EVENT and (current is None or closeness[index] > closeness[current]) \
                and tells_an_event(mention.sentence.text):
            best[mention.article] = index
    return sorted(best.values()) if len(best) >= 2 else []


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


def claim_of(group: list[Mention], outlet_of: dict[str, str], order: dict[str, int], claim_id: str = "") -> Claim:
    """A claim of the mentions in `group`, its origins, outlets and status worked out."""
    mentions = sorted(group, key=lambda m: (order[m.article], m.sentence.start))
    for mention in mentions:  # an article without an outlet stands for itself: name it, not its id
        mention.origins = [outlet_of.get(origin, origin) for origin in mention.origins]
    origins = distinct(origin for m in mentions if m.stance in SUPPORTING for origin in m.origins)
    outlets = distinct(outlet_of[m.article] for m in mentions)
    return Claim(
        id=claim_id,
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
