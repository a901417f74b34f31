"""Render an example article as its outlet's web page (HTML) or as a scraper's plain-text dump.

The furniture (menus, cookie banners, ads, share buttons, related lists, footers, scripts) is
what cleaning must strip; it is written out in full because a corpus of bare <p> tags would
test nothing. Dates are formatted by hand, not with strftime, so the output never depends on
the machine's locale.
"""
import json
from datetime import datetime
from html import escape as html_escape

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def display_date(iso: str, style: str) -> str:
    """The human-readable date line an outlet prints; `style` is the outlet's house style."""
    d = datetime.fromisoformat(iso)
    day, month = DAYS[d.weekday()], MONTHS[d.month - 1]
    hour12 = d.hour % 12 or 12
    ampm = "AM" if d.hour < 12 else "PM"
    if style == "long":
        return f"{day} {d.day} {month} {d.year}, {d:%H:%M}"
    if style == "short":
        return f"{day[:3]} {d.day} {month[:3]} {d.year} {d:%H:%M} GMT"
    if style == "numeric":
        return f"{d:%d/%m/%Y %H:%M}"
    return f"{day}, {month} {d.day}, {d.year} - {hour12}:{d:%M} {ampm}"  # legacy US-style


def escape(text: str, quote: bool = False) -> str:
    """Text nodes keep their apostrophes readable; attribute values pass quote=True."""
    return html_escape(text, quote)


def slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def paragraph_html(text: str, links: dict) -> str:
    """One body paragraph; a linked phrase becomes an <a>, as outlets link the source they cite."""
    out = escape(text)
    for phrase, url in links.items():
        out = out.replace(escape(phrase), f'<a href="{escape(url, quote=True)}">{escape(phrase)}</a>', 1)
    return f"<p>{out}</p>"


def body_html(article: dict, outlet: dict) -> str:
    """Body paragraphs with an ad slot and a 'read more' box in between, where real pages put them."""
    c, links = outlet["css"], article.get("links", {})
    parts = []
    for i, text in enumerate(article["paragraphs"]):
        parts.append(paragraph_html(text, links))
        if i == 1 and outlet["related"]:
            title, href = outlet["related"][0]
            parts.append(f'<aside class="{c}-readmore">Read more: <a href="{href}">{escape(title)}</a></aside>')
        if i == 3:
            parts.append(f'<div class="{c}-ad {c}-ad--inline"><span class="{c}-ad__label">Advertisement</span>'
                         f'<div id="{c}-ad-mid" data-slot="mid-article"></div></div>')
    return "\n".join(parts)


def head_meta(article: dict, outlet: dict) -> list[str]:
    """The <head> tags a cleaner reads metadata from; which ones appear depends on the outlet."""
    e = lambda s: escape(s, quote=True)
    tags = [f'<title>{escape(article["headline"])} | {escape(outlet["name"])}</title>',
            f'<link rel="canonical" href="{e(article["url"])}">',
            f'<meta property="og:site_name" content="{e(outlet["name"])}">',
            '<meta property="og:type" content="article">',
            f'<meta property="og:title" content="{e(article["headline"])}">',
            f'<meta property="og:url" content="{e(article["url"])}">']
    if article.get("standfirst"):
        tags.append(f'<meta name="description" content="{e(article["standfirst"])}">')
    if outlet.get("date_style") != "short":  # Bayline only marks its date in the <time> element
        tags.append(f'<meta property="article:published_time" content="{article["published"]}">')
    if outlet.get("author_meta") and article.get("author"):
        tags.append(f'<meta name="author" content="{e(article["author"])}">')
    return tags


def json_ld(article: dict, outlet: dict) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": article["headline"],
            "datePublished": article["published"], "mainEntityOfPage": article["url"],
            "author": [{"@type": "Person", "name": article["author"]}],
            "publisher": {"@type": "Organization", "name": outlet["name"]}}
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def masthead(outlet: dict) -> str:
    c = outlet["css"]
    items = "".join(f'<li><a href="/{slug(s)}/">{escape(s)}</a></li>' for s in outlet["nav"])
    return (f'<div id="{c}-cookies" class="{c}-cookie-banner" role="dialog"><p>{escape(outlet["cookie"])}</p>'
            f'<button data-consent="all">Accept all</button><button data-consent="manage">Manage preferences</button></div>\n'
            f'<header class="{c}-masthead"><a class="{c}-logo" href="/">{escape(outlet["name"])}</a>\n'
            f'<nav class="{c}-nav" aria-label="Sections"><ul>{items}</ul></nav>\n'
            f'<a class="{c}-subscribe" href="/subscribe">Subscribe</a> <a href="/login">Sign in</a></header>\n'
            f'<div class="{c}-ad {c}-ad--leaderboard"><span class="{c}-ad__label">Advertisement</span>'
            f'<div id="{c}-ad-top"></div></div>')


def article_header(article: dict, outlet: dict) -> str:
    c = outlet["css"]
    date = display_date(article["published"], outlet["date_style"])
    parts = [f'<a class="{c}-kicker" href="/{slug(article.get("section", "news"))}/">{escape(article.get("section", "News"))}</a>',
             f'<h1 class="{c}-headline">{escape(article["headline"])}</h1>']
    if article.get("standfirst"):
        parts.append(f'<p class="{c}-standfirst">{escape(article["standfirst"])}</p>')
    if article.get("author"):
        parts.append(f'<div class="{c}-byline">By <a rel="author" href="/authors/{slug(article["author"])}">'
                     f'{escape(article["author"])}</a></div>')
    parts.append(f'<time class="{c}-date" datetime="{article["published"]}">{date}</time>')
    if article.get("photo"):
        caption, credit = article["photo"]
        parts.append(f'<figure class="{c}-figure"><img src="/img/{slug(caption)[:40]}.jpg" alt="">'
                     f'<figcaption>{escape(caption)} <span class="{c}-credit">Photo: {escape(credit)}</span></figcaption></figure>')
    return f'<header class="{c}-article__header">\n' + "\n".join(parts) + "\n</header>"


def share_and_tags(article: dict, outlet: dict) -> str:
    c = outlet["css"]
    share = "".join(f'<li><button class="{c}-share__{n.lower()}">{n}</button></li>'
                    for n in ["Facebook", "X", "WhatsApp", "Email"])
    tags = "".join(f'<li><a href="/topic/{slug(t)}">{escape(t)}</a></li>' for t in article.get("tags", []))
    return (f'<ul class="{c}-share" aria-label="Share this article">{share}<li><button>Copy link</button></li></ul>\n'
            f'<ul class="{c}-tags">{tags}</ul>')


def related_and_footer(outlet: dict) -> str:
    c = outlet["css"]
    rel = "".join(f'<li><a href="{href}">{escape(t)}</a></li>' for t, href in outlet["related"])
    foot = "".join(f'<li><a href="/{slug(f)}">{escape(f)}</a></li>' for f in outlet["footer"])
    return (f'<section class="{c}-related"><h2>Related stories</h2><ul>{rel}</ul></section>\n'
            f'<div class="{c}-newsletter"><h2>Get the morning briefing</h2><p>Our best stories in your inbox.</p>'
            f'<form action="/newsletter"><input type="email" placeholder="Email address"><button>Sign up</button></form></div>\n'
            f'</main>\n<footer class="{c}-footer"><ul>{foot}</ul><p>{escape(outlet["copyright"])}</p></footer>')


def modern_page(article: dict, outlet: dict) -> str:
    c = outlet["css"]
    head = head_meta(article, outlet)
    if outlet.get("jsonld"):
        head.append(json_ld(article, outlet))
    section = json.dumps(article.get("section", "News"))
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">', *head,
        f'<link rel="stylesheet" href="/static/{c}-main.css">',
        f"<script>window.dataLayer=window.dataLayer||[];dataLayer.push({{\"section\":{section},\"pageType\":\"article\"}});</script>",
        "</head>", f'<body class="{c}-page {c}-page--article">', masthead(outlet), '<main id="content">',
        f'<article class="{c}-article">', article_header(article, outlet),
        f'<div class="{c}-article__body">', body_html(article, outlet), "</div>",
        share_and_tags(article, outlet), "</article>", related_and_footer(outlet),
        f'<script src="/static/{c}-bundle.js" defer></script>',
        "<script>document.querySelectorAll('[data-consent]').forEach(function(b){b.onclick=function(){"
        "document.cookie='consent='+b.dataset.consent;b.parentNode.remove();};});</script>",
        "</body>", "</html>", ""])


def legacy_page(article: dict, outlet: dict) -> str:
    """An old hand-written page, as small outlets still run; declared and encoded windows-1252."""
    nav = "".join(f'<li><a href="{slug(s)}.php">{escape(s)}</a></li>' for s in outlet["nav"])
    rel = "".join(f'<li><a href="{h}">{escape(t)}</a></li>' for t, h in outlet["related"])
    paras = "\n".join(f"<p>{escape(p)}</p>" for p in article["paragraphs"])
    foot = " | ".join(f'<a href="{slug(f)}.php">{escape(f)}</a>' for f in outlet["footer"])
    e = lambda s: escape(s, quote=True)
    return "\n".join([
        '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">', "<html>", "<head>",
        f'<meta charset="{outlet["encoding"]}">', f"<title>{escape(outlet['name'])} - {escape(article['headline'])}</title>",
        f'<meta property="og:site_name" content="{e(outlet["name"])}">',
        f'<meta property="og:title" content="{e(article["headline"])}">',
        f'<meta property="article:published_time" content="{article["published"]}">',
        f'<meta name="author" content="{e(article["author"])}">',
        '<script type="text/javascript">var ns_section = "' + article["section"] + '";'
        " function popup(u){window.open(u,'share','width=500,height=400');}</script>",
        "</head>", '<body bgcolor="#ffffff">',
        '<div id="cookie-notice">This website uses cookies to improve your experience. '
        '<a href="privacy.php">Find out more</a> <a href="#" onclick="this.parentNode.style.display=\'none\'">OK</a></div>',
        '<div id="wrapper">',
        f'<div id="masthead"><img src="img/logo.gif" alt="{e(outlet["name"])}"> '
        '<span class="tagline">Your coast, your news</span></div>',
        f'<div id="leftnav"><ul>{nav}</ul>',
        '<div class="adbox">Advertisement<br><script type="text/javascript">'
        "document.write('<iframe src=\"ads.php?zone=3\" width=\"160\" height=\"600\"></iframe>');</script></div></div>",
        '<div id="main">', f'<div class="section">{escape(article["section"])}</div>',
        f'<h2 class="headline">{escape(article["headline"])}</h2>',
        f'<div class="byline">{escape(article["byline"])}</div>',
        f'<div class="dateline">{display_date(article["published"], "legacy")}</div>',
        f'<div id="articleText">\n{paras}\n</div>',
        '<div class="sharebar"><a href="javascript:popup(\'share.php?s=fb\')">Facebook</a> | '
        '<a href="javascript:popup(\'share.php?s=tw\')">Twitter</a> | <a href="mailto:?subject=Northshore%20Daily">E-mail</a> | '
        '<a href="javascript:window.print()">Print</a></div>',
        f'<div class="related"><b>More {escape(article["section"])} news</b><ul>{rel}</ul></div>',
        "</div>", f'<div id="footer">{foot}<br>{escape(outlet["copyright"])}</div>',
        "</div>", "</body>", "</html>", ""])


def html_page(article: dict, outlet: dict) -> str:
    return legacy_page(article, outlet) if outlet["layout"] == "legacy" else modern_page(article, outlet)


def text_dump(article: dict, outlet: dict) -> str:
    """The page as a scraper's text dump: one block per line, furniture left in place."""
    lines = [outlet["name"], outlet["menu_text"], outlet["languages"], "Subscribe    Sign in    Search", ""]
    lines += [article["headline"], ""]
    lines.append(article.get("byline") or f"By {article['author']}")
    lines.append(display_date(article["published"], outlet["date_text_style"]))
    if article.get("photo"):
        caption, credit = article["photo"]
        lines += ["", f"{caption} Photo: {credit}"]
    lines.append("")
    for i, para in enumerate(article["paragraphs"]):
        lines += [para, ""]
        if i == 1:
            lines += ["Advertisement", ""]
    if article.get("signoff"):
        lines += [article["signoff"], ""]
    lines += ["Share this article: Facebook  X  WhatsApp  Email", "", f"MORE FROM {outlet['name'].upper()}"]
    for title, when in outlet["text_related"]:
        lines += [title, when]
    lines += ["", " | ".join(outlet["footer"]), outlet["copyright"], ""]
    return "\n".join(lines)
