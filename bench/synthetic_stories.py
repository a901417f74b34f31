"""Generated news stories with a known provenance, for benchmarking `storylens analyze`.

Each story is an invented event. One outlet breaks it, citing its own anonymous sources;
in some stories a wire agency confirms it independently (a second origin); other outlets
repeat the first report and say so ("according to The Kestrel Herald"); some copy the
wire text; in some stories an official denies it. Background paragraphs from
`synthetic_pages` pad every article to news length. The truth of each story's main claim
(its status and its independent origins) comes with the articles.

    from synthetic_stories import stories
    for story in stories(count=1000, seed=7): story["articles"], story["truth"]

`stories` writes stories of 5-11 articles, one every 1.5 days, from a few hundred possible
events (bench/analyze.py's figures are measured on it). `news_stories` is news at scale: about
one story per NEWS_ARTICLES_PER_STORY articles at any corpus size, most of them small and a few
of hundreds of articles (sizes drawn from a Pareto law, as story sizes in real coverage are
heavy-tailed), many stories a day, each about an event of its own (invented countries and
officials drawn from syllables, so 100,000 articles make ~10,000 events a clusterer can tell apart).
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from synthetic_pages import paragraph

OUTLETS = ["The Kestrel Herald", "Norland Daily", "The Brackwater Times", "Fenmoor Post", "Harbourline News",
           "The Westreach Tribune", "Coldwell Gazette", "Lowmarsh Observer", "The Tarn Courier", "Elmport Echo"]
AGENCY = "Nordwire"
MINISTRIES = ["defence", "transport", "energy", "health", "finance", "interior", "trade", "fisheries"]
COUNTRIES = ["Valdoria", "Ostmark", "Celbria", "Arvenia", "Tressaly", "Korvia", "Meridan", "Lusovia"]
DEALS = ["a contract for {n} patrol boats", "a loan of ${n} million", "the purchase of {n} buses",
         "a plan to build {n} wind turbines", "an order for {n} armoured vehicles", "a grant of ${n} million"]
FIRST = ["Ilse", "Marek", "Oona", "Teodor", "Yara", "Pavel", "Sigrid", "Casimir", "Livia", "Anders"]
LAST = ["Varga", "Lindqvist", "Okafor", "Castellan", "Moravec", "Haldane", "Ferreira", "Novak", "Brandt"]
START = datetime(2026, 3, 2, 6, 0, tzinfo=timezone.utc)


def stories(count: int, seed: int) -> list[dict]:
    """Stories until `count` articles are written; each {"articles": [records], "truth": {...}}."""
    rng = random.Random(seed)
    written, result = 0, []
    while written < count:
        story = one_story(rng, len(result), min(rng.randint(5, 11), count - written))
        result.append(story)
        written += len(story["articles"])
    return result


# Story sizes of `news_stories`: 1 + a Lomax (shifted Pareto) draw of this shape and scale, at most
# NEWS_MAX_ARTICLES. Drawn 10,000 times: mean 10.3 articles, median 3, 30% of one article, 1.3% of
# 100 or more, 0.02% of 1,000 or more.
NEWS_SHAPE = 1.5
NEWS_SCALE = 5.5
NEWS_MAX_ARTICLES = 2_000
NEWS_STORIES_PER_DAY = 40
_ONSETS = ["Val", "Ost", "Cel", "Ar", "Tres", "Kor", "Mer", "Lus", "Bra", "Dun", "Fen", "Gal", "Hal", "Ist", "Jor",
           "Kal", "Lin", "Mor", "Nor", "Orv", "Pel", "Quar", "Ros", "Sel", "Tor", "Ul", "Ver", "Wen", "Yss", "Zan"]
_MIDDLES = ["", "a", "e", "i", "o", "an", "en", "or", "il", "ar"]
_ENDINGS = ["doria", "mark", "bria", "venia", "saly", "via", "idan", "ovia", "land", "istan", "ara", "enia",
            "gard", "mont", "essa", "uria", "ovar", "heim", "ica", "orra"]


def news_stories(count: int, seed: int) -> list[dict]:
    """Stories until `count` articles are written, sizes heavy-tailed (NEWS_SHAPE: most of one to
    five articles, a few of hundreds), NEWS_STORIES_PER_DAY starting each day."""
    rng = random.Random(seed)
    written, result = 0, []
    while written < count:
        drawn = max(1, round(NEWS_SCALE * (rng.paretovariate(NEWS_SHAPE) - 1)))
        size = min(drawn, NEWS_MAX_ARTICLES, count - written)
        result.append(one_story(rng, len(result), size, places=_invented_place,
                                start=START + timedelta(days=len(result) / NEWS_STORIES_PER_DAY),
                                hours_apart=min(3.0, 72.0 / size)))
        written += size
    return result


def _invented_place(rng: random.Random, other: str | None = None) -> str:
    """One of 6,000 invented country names, not `other`."""
    while (place := rng.choice(_ONSETS) + rng.choice(_MIDDLES) + rng.choice(_ENDINGS)) == other:
        pass
    return place


def _known_place(rng: random.Random, other: str | None = None) -> str:
    return rng.choice([c for c in COUNTRIES if c != other])


def one_story(rng: random.Random, number: int, size: int, *, places=_known_place, start: datetime | None = None,
              hours_apart: float = 3.0) -> dict:
    """Story `number` of `size` articles (its id prefix), about a deal between two of `places`
    (a function of `rng` and the place to differ from), published from `start` (default: 1.5 days after the story before), an
    article every `hours_apart` hours or so."""
    country, ministry = places(rng), rng.choice(MINISTRIES)
    deal = rng.choice(DEALS).format(n=rng.randint(3, 90) * 10)
    partner = places(rng, country)
    official = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    event = f"{country}'s {ministry} ministry signed {deal} with {partner}"
    breaker = rng.choice(OUTLETS)
    wire = rng.random() < 0.4
    denied = rng.random() < 0.5
    start = START + timedelta(days=number * 1.5) if start is None else start
    articles = [_article(rng, number, 0, breaker, start, event, official, ministry, country, "breaks", denied)]
    others = [o for o in OUTLETS if o != breaker]
    rng.shuffle(others)
    for index in range(1, size):
        role = "wire" if wire and index == 1 else "cites"
        outlet = AGENCY if role == "wire" else others[(index - 1) % len(others)]
        when = start + timedelta(hours=hours_apart * index + rng.random())
        articles.append(_article(rng, number, index, outlet, when, event, official, ministry, country, role, denied,
                                 cited=breaker))
    origins = [breaker] + ([AGENCY] if wire else [])
    # a story is disputed when some article carries the denial (each does with a chance of 0.8)
    denied = any("denied the report" in article["text"] for article in articles)
    status = "disputed" if denied else ("corroborated" if wire else "single_origin")
    return {"articles": articles, "truth": {"status": status, "origins": origins, "event": event}}


def _article(rng, story, index, outlet, when, event, official, ministry, country, role, denied, cited=None) -> dict:
    if role == "breaks":
        lead = f"{event}, according to three people familiar with the negotiations."
    elif role == "wire":
        lead = f"{event}, two officials told {AGENCY} on condition of anonymity."
    else:
        lead = f"{event}, {cited} reported, citing people familiar with the matter."
    body = [lead, paragraph(rng, "en")]
    if denied and rng.random() < 0.8:
        body.append(f"{ministry.capitalize()} ministry spokesman {official} denied the report, calling it "
                    f"\u201ccompletely false\u201d.")
    body += [paragraph(rng, "en") for _ in range(rng.randint(3, 6))]
    # Headlines name the deal, as real ones do; "ministry signs deal" alone would make every story one.
    title = f"{event.split(' signed ')[0].replace(chr(39) + 's', '')} signs {event.split(' signed ')[1]}"
    title += ", report says" if role == "cites" else ""
    return {"id": f"s{story}-a{index}", "title": title, "outlet": outlet,
            "published": when.isoformat().replace("+00:00", "Z"), "language": "en", "text": "\n\n".join(body)}
