"""Synthetic news pages with gold extractions, for benchmarking the read and clean stages.

    python bench/synthetic_pages.py OUTDIR --html 2000 --text 2000 --seed 1

writes OUTDIR/html/NNNNN.html and OUTDIR/text/NNNNN.txt, each with NNNNN.gold.json beside it:
{"title", "author", "published", "outlet", "language", "url", "body": [paragraphs]}, and for a
text dump also "body_lines" (1-based line numbers of the body paragraphs). Standfirsts, photo
captions, "read more" boxes and reader comments are furniture, never gold body.

Everything is invented: 20 fictional site templates (14 English, 3 German, 3 Spanish) that
differ where real sites differ (markup, class names, where the date and byline sit, wording),
and sentences assembled from word lists. Each page has its own RNG seeded from (seed, kind,
index), so page 17 is the same whether 20 or 20,000 pages are written. Other bench scripts
import `html_page(rng, index)` and `text_dump(rng, index)`.
"""
from __future__ import annotations

import argparse
import json
import random
import time
from datetime import datetime, timedelta, timezone
from html import escape
from pathlib import Path

WORDS = {
    "en": dict(
        S=["The city council", "The regional water board", "The transport authority", "The harbour trust",
           "The health board", "A cross-party committee", "The university", "The rail operator",
           "The county planning office", "The fire service", "The chamber of commerce", "The school board"],
        V=["approved", "postponed", "criticised", "announced", "reviewed", "rejected", "expanded",
           "defended", "scaled back", "questioned"],
        O=["a plan to widen the ring road", "the new ferry timetable", "the sale of the old bus depot",
           "funding for three new primary schools", "a ban on overnight parking", "the flood defence scheme",
           "the proposed tourist levy", "plans for a second bridge", "the rent cap for social housing",
           "a pilot of free evening buses", "the closure of the maternity ward", "the budget for street lighting"],
        T=["on Tuesday", "after months of debate", "despite objections from residents", "for the third year running",
           "at a packed public meeting", "without a formal vote", "ahead of the spring elections", "late on Friday"],
        SRC=["the council's own figures", "documents seen by this newspaper", "the annual audit",
             "a spokesperson for the authority", "people briefed on the talks", "the regional statistics office"],
        ROLE=["a spokesperson for the council", "the committee chair", "a local shop owner", "the head of the union",
              "an opposition councillor", "the project manager", "a resident of the estate", "the chief executive"],
        Q=["We have waited long enough for this", "Nobody asked the people who live here",
           "The numbers simply do not add up", "This is a good day for the town",
           "We will keep fighting this decision", "It is too early to say what it will cost",
           "I have never seen anything like it", "Our members were not consulted"],
        PLACE=["Ashcombe", "Brackenford", "Corriemoor", "Dunhallow", "Elmstead Vale", "Fennick Bay", "Greyhaven"],
        first=["Ada", "Bram", "Cora", "Dev", "Elin", "Farid", "Greta", "Hugo", "Ines", "Joss", "Lorna", "Nia"],
        last=["Ashdown", "Brill", "Corran", "Dunmore", "Elsworth", "Fenwick", "Galloway", "Harkness", "Jessop"],
        plain="{S} {V} {O} {T}.", attributed="According to {SRC}, {s} {V} {O} {T}.",
        quote='"{Q}," said {NAME}, {ROLE}.', number="The work is expected to cost {N} million pounds, according to {SRC}.",
        fact="{PLACE} has about {N},000 residents and {M} schools.", headline="{S} {V} {O}",
    ),
    "de": dict(
        S=["Der Stadtrat", "Die Landesregierung", "Der Kreistag", "Die Verkehrsgesellschaft", "Der Bauausschuss",
           "Die Hafenbehörde", "Der Bürgermeister", "Der Zweckverband"],
        V=["beschlossen", "verschoben", "kritisiert", "angekündigt", "geprüft", "abgelehnt", "verteidigt"],
        O=["den Ausbau der Ringstraße", "den neuen Fahrplan", "die Sanierung des Hallenbads",
           "das Budget für die Grundschulen", "den Verkauf des alten Depots", "ein Parkverbot in der Altstadt",
           "den Bau einer zweiten Brücke", "die Erhöhung der Müllgebühren"],
        T=["am Dienstag", "nach monatelanger Debatte", "trotz Einwänden der Anwohner", "ohne förmliche Abstimmung",
           "kurz vor der Wahl", "in einer Sondersitzung"],
        SRC=["der Stadtverwaltung", "des Ministeriums", "des Rechnungshofs", "der Polizei", "des Landkreises"],
        ROLE=["Sprecher der Stadt", "Vorsitzende des Ausschusses", "Inhaber eines Cafés", "Chef der Gewerkschaft",
              "Fraktionschef der Opposition", "Projektleiterin"],
        Q=["Wir haben lange genug gewartet", "Niemand hat die Anwohner gefragt", "Die Zahlen passen einfach nicht",
           "Das ist ein guter Tag für die Stadt", "Wir werden weiter dagegen kämpfen"],
        PLACE=["Kalmerode", "Lindhagen an der Ware", "Mösselbach", "Nordweiden", "Ottersbrück"],
        first=["Anke", "Bernd", "Carla", "Dirk", "Elke", "Florian", "Gesa", "Henrik", "Ilka", "Jonas"],
        last=["Achterberg", "Brandes", "Claussen", "Dammann", "Eilers", "Fröhlich", "Griesbach", "Hinrichs"],
        plain="{S} hat {T} {O} {V}.", attributed="Nach Angaben {SRC} hat {s} {T} {O} {V}.",
        quote="\u201e{Q}\u201c, sagte {NAME}, {ROLE}.", number="Die Kosten liegen nach Angaben {SRC} bei {N} Millionen Euro.",
        fact="{PLACE} hat rund {N}.000 Einwohner und {M} Schulen.", headline="{S} hat {O} {V}",
    ),
    "es": dict(
        S=["El ayuntamiento", "El gobierno regional", "La autoridad portuaria", "La empresa de transporte",
           "La diputación", "El consejo escolar", "La alcaldesa", "La junta vecinal"],
        V=["aprobó", "aplazó", "criticó", "anunció", "revisó", "rechazó", "defendió"],
        O=["el plan para ampliar la circunvalación", "el nuevo horario de trenes", "la reforma de la piscina municipal",
           "el presupuesto de los colegios", "la venta de la antigua estación", "la prohibición de aparcar en el centro",
           "la construcción de un segundo puente", "la subida de la tasa de basuras"],
        T=["el martes", "tras meses de debate", "pese a las quejas de los vecinos", "sin votación formal",
           "a pocas semanas de las elecciones", "en un pleno extraordinario"],
        SRC=["fuentes municipales", "el informe de la intervención", "la consejería", "la policía local",
             "un documento al que ha tenido acceso este diario"],
        ROLE=["portavoz del ayuntamiento", "presidenta de la comisión", "dueño de un bar del barrio",
              "secretario del sindicato", "concejal de la oposición", "jefa del proyecto"],
        Q=["Llevamos demasiado tiempo esperando", "Nadie ha preguntado a los vecinos", "Las cuentas no salen",
           "Es un buen día para el pueblo", "Seguiremos luchando contra esta decisión"],
        PLACE=["Villarrosa del Campo", "San Telmo de la Ribera", "Puerto Alcaraz", "Montecierzo", "Valdelobos"],
        first=["Alba", "Bruno", "Carmen", "Diego", "Elena", "Fermín", "Gala", "Héctor", "Irene", "Julián"],
        last=["Aranda", "Benítez", "Castañeda", "Duarte", "Escobedo", "Fajardo", "Galindo", "Herrera"],
        plain="{S} {V} {O} {T}.", attributed="Según {SRC}, {s} {V} {O} {T}.",
        quote="\u00ab{Q}\u00bb, dijo {NAME}, {ROLE}.", number="El proyecto costará {N} millones de euros, según {SRC}.",
        fact="{PLACE} tiene unos {N}.000 habitantes y {M} colegios.", headline="{S} {V} {O}",
    ),
}

# Furniture wording per language: what boilerplate removal has to recognise and drop.
LABELS = {
    "en": dict(ad="Advertisement", share="Share", related="More stories", comments="Comments", subscribe="Subscribe",
               signin="Sign in", readmore="Read more", by="By", photo="Photo",
               promo="Sign up to our morning briefing and get the day's local headlines before breakfast.",
               cookie="We use cookies to improve your experience and to show you relevant advertising.",
               accept="Accept all", newsletter="Get our daily newsletter",
               sections=["News", "Local", "Politics", "Business", "Sport", "Culture", "Opinion", "Weather", "Travel",
                         "Property", "Jobs", "Obituaries"],
               legal=["About us", "Contact", "Advertise", "Privacy policy", "Cookie settings", "Terms of use"],
               ago=["{n} minutes ago", "{n} hours ago", "{n} days ago"], langs="EN | DE | ES"),
    "de": dict(ad="Anzeige", share="Teilen", related="Mehr zum Thema", comments="Kommentare", subscribe="Abonnieren",
               signin="Anmelden", readmore="Lesen Sie auch", by="Von", photo="Foto",
               promo="Mit unserem Morgen-Newsletter wissen Sie schon beim Frühstück, was in der Region passiert.",
               cookie="Wir verwenden Cookies, um Ihnen ein besseres Nutzungserlebnis zu bieten.",
               accept="Alle akzeptieren", newsletter="Newsletter bestellen",
               sections=["Nachrichten", "Lokales", "Politik", "Wirtschaft", "Sport", "Kultur", "Meinung", "Wetter",
                         "Reise", "Immobilien", "Stellenmarkt", "Traueranzeigen"],
               legal=["Impressum", "Kontakt", "Mediadaten", "Datenschutz", "Cookie-Einstellungen", "AGB"],
               ago=["vor {n} Minuten", "vor {n} Stunden", "vor {n} Tagen"], langs="DE | EN"),
    "es": dict(ad="Publicidad", share="Compartir", related="Noticias relacionadas", comments="Comentarios",
               subscribe="Suscríbete", signin="Iniciar sesión", readmore="Lee también", by="Por", photo="Foto",
               promo="Apúntate a nuestro boletín y recibe cada mañana las noticias de la comarca.",
               cookie="Utilizamos cookies propias y de terceros para mejorar nuestros servicios.",
               accept="Aceptar todo", newsletter="Recibe nuestro boletín",
               sections=["Noticias", "Local", "Política", "Economía", "Deportes", "Cultura", "Opinión", "Tiempo",
                         "Viajes", "Vivienda", "Empleo", "Esquelas"],
               legal=["Quiénes somos", "Contacto", "Publicidad", "Aviso legal", "Política de cookies", "Privacidad"],
               ago=["hace {n} minutos", "hace {n} horas", "hace {n} días"], langs="ES | EN | CA"),
}

MONTHS = {"en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                 "October", "November", "December"],
          "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                 "November", "Dezember"],
          "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
                 "noviembre", "diciembre"]}

_SITE_NAMES = [
    ("Ashcombe Herald", "en"), ("Kalmeroder Anzeiger", "de"), ("The Brackenford Post", "en"),
    ("Diario de Villarrosa", "es"), ("Corriemoor Mercury", "en"), ("Dunhallow Today", "en"),
    ("Lindhagener Rundschau", "de"), ("Elmstead Vale Echo", "en"), ("La Voz de San Telmo", "es"),
    ("Fennick Bay Bulletin", "en"), ("Greyhaven Chronicle", "en"), ("Mösselbacher Tageblatt", "de"),
    ("Holloway Cross Times", "en"), ("Crónica de Montecierzo", "es"), ("The Inverleck Observer", "en"),
    ("Juniper Coast News", "en"), ("Kestrel Valley Voice", "en"), ("Lanthorn Daily", "en"),
    ("Marrowby Mail", "en"), ("Northgate Wire", "en"),
]
LAYOUTS = ["semantic", "divsoup", "wordpress", "legacy", "spa"]


def _site(i: int, name: str, lang: str) -> dict:
    """A site template; its structural choices cycle with different periods so no two sites match."""
    ascii_name = name.lower().replace("ö", "oe").replace("ó", "o").replace("the ", "")
    domain = "".join(c for c in ascii_name if c.isalnum()) + ".example"
    return dict(name=name, lang=lang, domain=domain, prefix="".join(w[0] for w in ascii_name.split()) + str(i % 7),
                layout=LAYOUTS[i % 5], date_place=["meta_time", "time_only", "text_only", "jsonld"][i % 4],
                byline=["top", "bottom", "none"][(i // 5) % 3], depth=1 + i % 4, inline_ads=i % 3 != 0,
                tz=timezone(timedelta(hours=0 if lang == "en" and i % 2 else 1)),
                blank_lines=i % 2 == 0, menu_upper=i % 3 == 0, date_in_url=i % 3 == 0, promo=i % 4 == 1)


SITES = [_site(i, name, lang) for i, (name, lang) in enumerate(_SITE_NAMES)]


# ---- text ---------------------------------------------------------------------------------

def _lower_first(s: str) -> str:
    """'The city council' -> 'the city council' mid-sentence; German nouns keep their capitals."""
    return s[0].lower() + s[1:]


def sentence(rng: random.Random, lang: str) -> str:
    w = WORDS[lang]
    subject = rng.choice(w["S"])
    slots = dict(S=subject, s=_lower_first(subject), V=rng.choice(w["V"]), O=rng.choice(w["O"]),
                 T=rng.choice(w["T"]), SRC=rng.choice(w["SRC"]), ROLE=rng.choice(w["ROLE"]), Q=rng.choice(w["Q"]),
                 NAME=person(rng, lang), PLACE=rng.choice(w["PLACE"]), N=rng.randint(2, 480), M=rng.randint(2, 40))
    kind = rng.choices(["plain", "attributed", "quote", "number", "fact"], weights=[45, 20, 18, 10, 7])[0]
    return w[kind].format(**slots)


def person(rng: random.Random, lang: str) -> str:
    return f"{rng.choice(WORDS[lang]['first'])} {rng.choice(WORDS[lang]['last'])}"


def paragraph(rng: random.Random, lang: str) -> str:
    # Two sentences at least: one-sentence paragraphs from small word lists would repeat across a
    # site's pages, and cleaners rightly drop lines a site repeats.
    return " ".join(sentence(rng, lang) for _ in range(rng.randint(2, 5)))


def headline(rng: random.Random, lang: str) -> str:
    w = WORDS[lang]
    return w["headline"].format(S=rng.choice(w["S"]), V=rng.choice(w["V"]), O=rng.choice(w["O"]))


def ago(rng: random.Random, lang: str) -> str:
    return rng.choice(LABELS[lang]["ago"]).format(n=rng.randint(2, 50))


def display_date(d: datetime, lang: str, variant: int) -> str:
    month = MONTHS[lang][d.month - 1]
    if lang == "de":
        return [f"{d:%d.%m.%Y}, {d:%H:%M} Uhr", f"{d.day}. {month} {d.year}"][variant % 2]
    if lang == "es":
        return [f"{d.day} de {month} de {d.year}, {d:%H:%M}", f"{d:%d/%m/%Y} - {d:%H:%M} h"][variant % 2]
    return [f"{d.day} {month} {d.year}, {d:%H:%M}", f"{month} {d.day}, {d.year}", f"{d:%d/%m/%Y %H:%M}"][variant % 3]


def article(rng: random.Random, site: dict, index: int) -> dict:
    """The invented article a page is built around; its gold is derived from this, never from markup."""
    lang = site["lang"]
    d = datetime(2022, 1, 1, tzinfo=site["tz"]) + timedelta(minutes=rng.randint(0, 1_300_000))
    title, section = headline(rng, lang), rng.choice(LABELS[lang]["sections"])
    return dict(title=title, standfirst=sentence(rng, lang), lang=lang,
                author=None if site["byline"] == "none" else person(rng, lang), published=d.isoformat(),
                date_text=display_date(d, lang, index), section=section, url=page_url(site, d, index, title, section),
                body=[paragraph(rng, lang) for _ in range(rng.randint(4, 20))],
                photo=(sentence(rng, lang), f"{LABELS[lang]['photo']}: {person(rng, lang)} / {site['name']}"))


def page_url(site: dict, d: datetime, index: int, title: str, section: str) -> str:
    """Only some sites put the date in the URL; a date finder must not get it for free."""
    words = "-".join("".join(c for c in w if c.isalnum()) for w in title.lower().split()[:6])
    if site["date_in_url"]:
        return f"https://www.{site['domain']}/{d:%Y/%m/%d}/{words}-{index:05d}"
    return f"https://www.{site['domain']}/{section.lower()}/{words}-a{index:05d}"


def gold(site: dict, art: dict) -> dict:
    return dict(title=art["title"], author=art["author"], published=art["published"], outlet=site["name"],
                language=art["lang"], url=art["url"], body=art["body"])


# ---- HTML ---------------------------------------------------------------------------------

def _head(site: dict, art: dict) -> str:
    e = escape
    tags = [f'<meta charset="utf-8"><title>{e(art["title"])} | {e(site["name"])}</title>',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<link rel="canonical" href="{e(art["url"])}"><meta property="og:site_name" content="{e(site["name"])}">',
            f'<meta property="og:title" content="{e(art["title"])}"><meta property="og:type" content="article">',
            f'<meta name="description" content="{e(art["standfirst"])}">']
    if site["date_place"] == "meta_time":
        tags.append(f'<meta property="article:published_time" content="{art["published"]}">')
    if site["date_place"] == "jsonld":
        ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": art["title"],
              "datePublished": art["published"]}
        if art["author"]:
            ld["author"] = {"@type": "Person", "name": art["author"]}
        tags.append(f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>')
    if art["author"] and site["byline"] == "top":
        tags.append(f'<meta name="author" content="{e(art["author"])}">')
    tags.append(f"<script>(function(w,d){{w._paq=w._paq||[];w._paq.push(['setSiteId','{site['prefix']}']);"
                "var s=d.createElement('script');s.async=true;s.src='/js/stats.js';d.head.appendChild(s);})"
                "(window,document);</script>")
    return "<head>\n" + "\n".join(tags) + "\n</head>"


def _nav(rng: random.Random, site: dict) -> str:
    """A mega-menu: every section with a fan of sub-links, as big news sites ship on every page."""
    p, lang = site["prefix"], site["lang"]
    groups = []
    for sec in LABELS[lang]["sections"]:
        subs = "".join(f'<li><a href="/{sec.lower()}/{k}">{escape(rng.choice(WORDS[lang]["PLACE"]))}</a></li>'
                       for k in range(rng.randint(3, 10)))
        groups.append(f'<li class="{p}-menu__item"><a href="/{sec.lower()}/">{sec}</a><ul class="{p}-submenu">{subs}</ul></li>')
    lab = LABELS[lang]
    return (f'<div class="{p}-cookie-consent" role="dialog"><p>{lab["cookie"]}</p><button>{lab["accept"]}</button></div>\n'
            f'<header class="{p}-header"><a href="/" class="{p}-logo">{escape(site["name"])}</a>'
            f'<div class="{p}-lang">{lab["langs"]}</div><a class="{p}-btn" href="/abo">{lab["subscribe"]}</a>'
            f'<a href="/login">{lab["signin"]}</a>\n<nav class="{p}-menu"><ul>{"".join(groups)}</ul></nav></header>\n'
            f'<div class="{p}-ad-leaderboard"><span>{lab["ad"]}</span><div id="{p}-slot-top"></div></div>')


def _body_paragraphs(rng: random.Random, site: dict, art: dict) -> str:
    p, lab = site["prefix"], LABELS[site["lang"]]
    wrap = {"semantic": "<p>{}</p>", "divsoup": f'<div class="{p}-text-block"><p>{{}}</p></div>',
            "wordpress": "<p>{}</p>", "legacy": "{}<br><br>",
            "spa": f'<div data-component="text-block" class="{p}-tb"><p class="{p}-para">{{}}</p></div>'}[site["layout"]]
    out = []
    for i, para in enumerate(art["body"]):
        out.append(wrap.format(escape(para, quote=False)))
        if site["inline_ads"] and i % 4 == 2:
            out.append(f'<div class="{p}-ad-inline"><span>{lab["ad"]}</span></div>')
        if site["promo"] and i == len(art["body"]) // 2:  # a plain <p> of furniture, no link to give it away
            out.append(f"<p><em>{lab['promo']}</em></p>")
        if i == 1:  # a related link dressed as a paragraph, which naive extractors keep
            out.append(f'<p class="{p}-related-inline"><strong>{lab["readmore"]}:</strong> '
                       f'<a href="/x/{rng.randint(1000, 99999)}">{escape(headline(rng, site["lang"]))}</a></p>')
    return "\n".join(out)


def _meta_block(site: dict, art: dict) -> tuple[str, str]:
    """Byline and date markup, placed above or below the body depending on the site."""
    p, lab = site["prefix"], LABELS[site["lang"]]
    machine = site["date_place"] in ("meta_time", "time_only", "jsonld")
    date = (f'<time class="{p}-date" datetime="{art["published"]}">{art["date_text"]}</time>' if machine
            else f'<span class="{p}-date">{art["date_text"]}</span>')
    byline = ""
    if art["author"]:
        href = "/autor/" + art["author"].lower().replace(" ", "-")
        byline = f'<span class="{p}-author">{lab["by"]} <a href="{href}">{escape(art["author"])}</a></span>'

    top = f'<div class="{p}-meta">{byline if site["byline"] == "top" else ""} {date}</div>'
    bottom = f'<div class="{p}-author-box">{byline}</div>' if site["byline"] == "bottom" else ""
    return top, bottom


# How each layout nests the article; WordPress themes print no standfirst or photo in the post.
ARTICLE_SHELLS = {
    "semantic": '<article class="{p}-article"><header>{head}</header>\n<div class="{p}-body">{body}</div>{bottom}</article>',
    "divsoup": '<div class="{p}-container"><div class="{p}-row"><div class="{p}-col-8">{head}\n'
               '<div class="{p}-story-body">{body}</div>{bottom}</div></div></div>',
    "wordpress": '<div id="post-{post}" class="post type-post"><h1 class="entry-title">{title}</h1>{top}\n'
                 '<div class="entry-content">{body}</div>{bottom}</div>',
    "legacy": '<table width="100%"><tr><td class="{p}-main"><font face="Arial">{head}\n<div class="text">{body}</div>'
              '{bottom}</font></td><td class="{p}-side">&nbsp;</td></tr></table>',
    "spa": '<div id="__app"><main><div data-component="headline">{head}</div>\n'
           '<section data-component="body">{body}</section>{bottom}</main></div>',
}


def _article(rng: random.Random, site: dict, art: dict) -> str:
    p = site["prefix"]
    top, bottom = _meta_block(site, art)
    caption, credit = art["photo"]
    head = (f'<span class="{p}-kicker">{escape(art["section"])}</span><h1 class="{p}-title">{escape(art["title"])}</h1>'
            f'<p class="{p}-standfirst">{escape(art["standfirst"])}</p>{top}'
            f'<figure><img src="/img/{rng.randint(10**5, 10**6)}.jpg" alt=""><figcaption>{escape(caption)} '
            f'<small>{escape(credit)}</small></figcaption></figure>')
    body = _body_paragraphs(rng, site, art)
    share = "".join(f'<a class="{p}-share-{n}" href="#">{n}</a>' for n in ["facebook", "x", "whatsapp", "mail"])
    inner = ARTICLE_SHELLS[site["layout"]].format(p=p, head=head, top=top, body=body, bottom=bottom,
                                                  title=escape(art["title"]), post=rng.randint(100, 9999))
    for depth in range(site["depth"]):  # wrappers real templates pile up around the content
        inner = f'<div class="{p}-wrap-{depth}">{inner}</div>'
    return inner + f'\n<div class="{p}-share"><span>{LABELS[site["lang"]]["share"]}</span>{share}</div>'


def _related_and_comments(rng: random.Random, site: dict, budget: int) -> str:
    """Related headlines, then reader comments until the page reaches its size budget."""
    p, lang, lab = site["prefix"], site["lang"], LABELS[site["lang"]]
    rel = "".join(f'<li><a href="/r/{rng.randint(1000, 99999)}">{escape(headline(rng, lang))}</a>'
                  f'<span class="{p}-time">{ago(rng, lang)}</span></li>' for _ in range(rng.randint(5, 15)))
    tag = "article" if site["layout"] == "wordpress" else "div"  # WordPress themes make each comment an <article>
    comments, size = [], 0
    while size < budget:
        user = f'{rng.choice(WORDS[lang]["last"]).lower()}{rng.randint(1, 99)}'
        c = (f'<li class="{p}-comment"><{tag} class="comment-body"><b>{user}</b> <span>{ago(rng, lang)}</span>'
             f'<p>{escape(paragraph(rng, lang), quote=False)}</p>'
             f'<button>Reply</button> <button>{rng.randint(0, 80)} \u2191</button></{tag}></li>')
        comments.append(c)
        size += len(c)
    return (f'<section class="{p}-related"><h2>{lab["related"]}</h2><ul>{rel}</ul></section>\n'
            f'<section class="{p}-comments" id="comments"><h2>{lab["comments"]} ({len(comments)})</h2>'
            f'<ol>{"".join(comments)}</ol></section>')


def _footer(rng: random.Random, site: dict) -> str:
    p, lab = site["prefix"], LABELS[site["lang"]]
    links = [*lab["sections"], *WORDS[site["lang"]]["PLACE"], *lab["legal"]]
    items = "".join(f'<li><a href="/{i}">{escape(t)}</a></li>' for i, t in enumerate(links))
    return (f'<div class="{p}-newsletter">{lab["newsletter"]} <input type="email"><button>OK</button></div>\n'
            f'<footer class="{p}-footer"><ul>{items}</ul><p>\u00a9 {rng.randint(2022, 2025)} {escape(site["name"])}</p></footer>\n'
            f'<script>window.__ads={json.dumps(_ad_config(rng, site))};</script>\n'
            f'<script src="/js/{site["prefix"]}.bundle.js"></script>')


def _ad_config(rng: random.Random, site: dict) -> dict:
    slots = [{"id": f'{site["prefix"]}-slot-{k}', "sizes": [[300, 250], [728, 90]], "lazy": k > 1,
              "targeting": {"section": rng.choice(LABELS[site["lang"]]["sections"]), "pos": k}}
             for k in range(rng.randint(3, 9))]
    return {"network": 21_000_000 + rng.randint(0, 999), "consentRequired": True, "slots": slots}


def _app_state(rng: random.Random, site: dict, art: dict) -> str:
    """The JSON a single-page-app template ships for hydration: title and teasers, never the body."""
    teasers = [{"id": rng.randint(10**6, 10**7), "title": headline(rng, site["lang"]),
                "image": f"/img/{rng.randint(10**5, 10**6)}.webp"} for _ in range(rng.randint(10, 40))]
    state = {"page": {"type": "article", "title": art["title"], "section": art["section"]}, "teasers": teasers}
    return f'<script id="__APP_STATE__" type="application/json">{json.dumps(state, ensure_ascii=False)}</script>'


def html_page(rng: random.Random, index: int) -> tuple[str, dict]:
    """One page of SITES[index % 20], 20-80 KB, and its gold extraction."""
    site = SITES[index % len(SITES)]
    art = article(rng, site, index)
    target = rng.randint(20_500, 76_000)  # chars; umlauts and comment overshoot stay under 80 KB
    parts = [f'<!DOCTYPE html>\n<html lang="{site["lang"]}">', _head(site, art), f'<body class="{site["prefix"]}-page">',
             _nav(rng, site), _article(rng, site, art), None, _footer(rng, site), "</body>\n</html>\n"]
    if site["layout"] == "spa":
        parts.insert(-1, _app_state(rng, site, art))
    budget = max(0, target - sum(len(x) for x in parts if x))
    parts[5] = _related_and_comments(rng, site, budget)
    return "\n".join(parts), gold(site, art)


# ---- text dumps ---------------------------------------------------------------------------

def text_dump(rng: random.Random, index: int) -> tuple[str, dict]:
    """The visible text of such a page, one block per line, and its gold with body line numbers."""
    site = SITES[index % len(SITES)]
    art, lab, lang = article(rng, site, index), LABELS[site["lang"]], site["lang"]
    menu = "  ".join(lab["sections"])
    lines = [site["name"], menu.upper() if site["menu_upper"] else menu, lab["langs"],
             f'{lab["subscribe"]} | {lab["signin"]}', "", art["section"], art["title"], art["standfirst"]]
    lines += [f'{lab["by"]} {art["author"]}'] if art["author"] and site["byline"] == "top" else []
    lines += [art["date_text"], f"{art['photo'][0]} {art['photo'][1]}", ""]
    body_lines = []
    for i, para in enumerate(art["body"]):
        lines.append(para)
        body_lines.append(len(lines))
        if site["inline_ads"] and i % 4 == 2:
            lines.append(lab["ad"])
        if i == 1:
            lines.append(f'{lab["readmore"]}: {headline(rng, lang)}')
        if site["promo"] and i == len(art["body"]) // 2:
            lines.append(lab["promo"])
        if site["blank_lines"]:
            lines.append("")
    lines += [f'{lab["by"]} {art["author"]}'] if art["author"] and site["byline"] == "bottom" else []
    lines += [f'{lab["share"]}: Facebook  X  WhatsApp  E-Mail', "", lab["related"]]
    for _ in range(rng.randint(4, 10)):
        lines += [headline(rng, lang), ago(rng, lang)]
    lines += ["", f'{rng.randint(0, 300)} {lab["comments"]}', " | ".join(lab["legal"]), f"\u00a9 {site['name']}", ""]
    return "\n".join(lines), dict(gold(site, art), body_lines=body_lines)


# ---- command line -------------------------------------------------------------------------

def write_pages(outdir: Path, kind: str, count: int, seed: int) -> None:
    make, ext = (html_page, "html") if kind == "html" else (text_dump, "txt")
    folder = outdir / kind
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        page, truth = make(random.Random(f"{seed}:{kind}:{i}"), i)  # str seeds are stable across runs
        (folder / f"{i:05d}.{ext}").write_text(page, encoding="utf-8")
        (folder / f"{i:05d}.gold.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Write synthetic news pages with gold extractions.")
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--html", type=int, default=2000, help="number of HTML pages")
    ap.add_argument("--text", type=int, default=2000, help="number of plain-text dumps")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    start = time.perf_counter()
    write_pages(args.outdir, "html", args.html, args.seed)
    write_pages(args.outdir, "text", args.text, args.seed)
    print(f"wrote {args.html} HTML pages and {args.text} text dumps to {args.outdir} "
          f"in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
