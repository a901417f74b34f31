"""Features of one line of a plain-text page dump, and its first, context-free class.

jusText-style: a line is judged by its shape (length, share of stop words, sentence
punctuation, link/timestamp/credit shapes, web-furniture vocabulary), never by what one
particular site prints. textdump.py then reclassifies by context and picks the article block.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from storylens.enrich.stop_words import PROSE_STOP_WORDS

GOOD = "good"  # prose: a paragraph of the article unless context says otherwise
NEAR = "near"  # long enough to matter, but no sentence shape (headline, caption, teaser)
SHORT = "short"  # too short to judge alone (subheading, label, menu item)
BAD = "bad"  # furniture by its shape alone


# Without a stop-word list for the page's language, no line can show prose by its stop words:
# every line gets this share, enough for the length and punctuation tests to decide alone.
UNKNOWN_LANGUAGE = "xx"
STOPWORDS = PROSE_STOP_WORDS | {UNKNOWN_LANGUAGE: frozenset()}
NEUTRAL_STOP_SHARE = 0.25
# A page whose best list covers fewer tokens than this is in another language: English prose
# runs near 0.4, an English page of menus and headlines above 0.05; the Japanese, Chinese,
# Arabic and Thai pages of newspaper's test data are below 0.01.
UNKNOWN_LANGUAGE_COVERAGE = 0.03
# The same test on the page's long lines (its prose, if any): a Polish, Finnish or Norwegian
# page still meets the English list's "a", "i", "to", "on" in its menus, but covers under 0.08
# of its paragraphs' tokens, where English and German prose cover 0.2-0.45 (trafilatura's eval
# pages); judged by the English list, its paragraphs all read as headlines.
PROSE_LINE_TOKENS = 20
UNKNOWN_LANGUAGE_PROSE_COVERAGE = 0.1
UNSPACED_SCRIPT = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
UNSPACED_CHARS_PER_WORD = 2
# Teaser lists set headlines in Title Case: "She Cuts Paper With An Exquisite Delicacy."
TITLE_CASE_MAX_WORDS = 25
TITLE_CASE_MIN_WORDS = 4
TITLE_CASE_SHARE = 0.8

WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# Sentence end, allowing closing quotes/brackets after the mark: German closes „…“ and »…«, so
# “ and « close a quote as often as ” and » do.
SENTENCE_END = re.compile(r"[.!?…。！？؟][\"'”“’‘»«)\]」』）]*\s*$")
BULLET = re.compile(r"^\s*[•·▪◦‣●►■*]\s+")
URL_OR_MAIL = re.compile(r"https?://|www\.|\b[\w.+-]+@[\w-]+\.[\w.]+")
TIME_OF_DAY = re.compile(r"^\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?$", re.IGNORECASE)
RELATIVE_TIME = re.compile(
    r"\b\d+\s*(?:s|sec|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|weeks?|months?|years?)\s+ago\b|"
    r"\bvor\s+\d+\s+(?:sekunden|minuten|stunden|tagen|wochen)\b|\bhace\s+\d+\s+(?:segundos|minutos|horas|días)\b|"
    r"\bil y a\s+\d+\s+(?:secondes|minutes|heures|jours)\b|\b\d+\s+(?:хв|хвилин\w*|минут\w*|годин\w*|часов|часа)\s+(?:тому|назад)\b|"
    r"^(?:updated|aktualisiert|actualizado|mis à jour|оновлено|обновлено)\b",
    re.IGNORECASE,
)
# Escaped HTML a page prints as text (a consent form's template, an embed's code): a tag with
# attributes, or an opening or closing tag; two of them and the line is markup, not prose.
MARKUP_TAG = re.compile(r"</?[a-z][\w-]*(?:\s+[\w-]+=|\s*/?>)", re.IGNORECASE)
MARKUP_TAGS = 2
IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|avif|bmp|tiff?)\b", re.IGNORECASE)
# Starts only where a hex run starts (the lookbehind), so a long run is scanned once, not per position.
HEXISH_TOKEN = re.compile(r"(?<![0-9a-f-])(?=[0-9a-f-]{0,40}\d)(?=[0-9a-f-]{0,40}[a-f])[0-9a-f-]{16,}(?![\w])",
                          re.IGNORECASE)
# Menus and breadcrumbs join items with these; prose almost never uses two of them.
MENU_SEPARATOR = re.compile(r"\s[|›»/•·>]\s|\s-\s(?=\S+\s-\s)")
RIGHTS_RESERVED = re.compile(r"all rights reserved|alle rechte vorbehalten|derechos reservados|droits réservés|"
                             r"права защищены|права захищені", re.IGNORECASE)
COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|" + RIGHTS_RESERVED.pattern, re.IGNORECASE)
# "© 2025 X" or "X. All rights reserved." is the site's footer; "© X" alone credits a picture.
COPYRIGHT_FOOTER = re.compile(r"©\s*(?:19|20)\d\d|(?:19|20)\d\d\s*©|" + RIGHTS_RESERVED.pattern, re.IGNORECASE)
# "Photo: AFP", "(Foto: dpa)", "Image credit: ...", "Image source: ...", "Photo by Name/Agency": a credit,
# whether alone or closing a caption.
CREDIT = re.compile(
    r"(?:^|[(\[|\s])(?:photo(?:graph)?s?|foto|fotos|image|images|picture|credit|bild|imagen|"
    r"illustration|фото|світлина)(?:\s+(?:credit|by|source))?\s*[:©]|"
    r"\((?:photo|foto|image|picture|credit|фото)[^)]*\)|©\s*[A-Z]|"
    r"^(?:photo(?:graph)?s?|image|picture|foto)\s+(?:by|courtesy(?:\s+of)?)\s+\S",
    re.IGNORECASE,
)
# "Agency/Photographer Name": a credit printed under a picture.
SLASH_CREDIT = re.compile(r"^[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*)?\s?/\s?[A-Z][\w.'-]+(?:\s[A-Z][\w.'-]+){0,3}$")
LANGUAGE_NAMES = frozenset(
    "english deutsch español espanol français francais русский українська italiano português polski "
    "nederlands türkçe العربية 中文 日本語 한국어".split()
)
# ISO 639 codes as switchers print them ("EN", "Ua"); in lower case they are ordinary words ("de", "it").
LANGUAGE_CODES = frozenset("en de fr es it pt ru uk ua pl nl tr ar zh ja ko eng deu ger fra fre spa ita por rus ukr "
                           "pol".split())
# Words and phrases of web furniture across sites (not any one site's labels). They condemn a
# short line; a long prose line needs two, or one while talking to the reader (a pitch). Words
# prose uses freely ("share", "related", "print") only count inside their furniture phrases.
# Matched on tokens, not by one big regular expression: a set lookup per token is much faster.
CUE_WORDS = frozenset(
    "advertisement advertisements advertising advertorial sponsored anzeige werbung publicidad publicité реклама "
    "newsletter newsletters cookie cookies privacy datenschutz impressum teilen compartir partager поделиться "
    "поділитися facebook twitter whatsapp telegram instagram linkedin pinterest youtube tiktok reddit donate "
    "spenden podcast podcasts recommended trending lesezeit javascript login logout síguenos "
    "suivez-nous читайте loading".split()
)
CUE_PREFIXES = ("subscri", "abonn", "suscrib", "suscríb", "підпис", "подпис")
CUE_PHRASES = frozenset(tuple(phrase.split()) for phrase in (
    "ad feedback|ad choices|promoted content|sign up|sign in|sign out|signing up|log in|log out|register now|"
    "register here|register for free|terms of use|terms of service|terms and conditions|share this|share on|"
    "share via|share article|share story|share page|follow us|folgen sie|skip to|ir al contenido|"
    "aller au contenu|zum inhalt|back to top|support us|become a member|become a supporter|"
    "become a subscriber|download the app|download our app|get the app|app store|google play|"
    "click here|read more|read also|read next|also read|see also|related articles|related article|"
    "related stories|related news|related posts|related content|related coverage|related topics|most read|"
    "most popular|most viewed|most shared|latest news|latest stories|latest headlines|top stories|"
    "more stories|more news|you may like|you might like|you may also like|you might also like|"
    "lesen sie|mehr zum thema|weitere artikel|auch interessant|leer más|lee también|te puede interesar|"
    "noticias relacionadas|más noticias|lire aussi|lire la suite|sur le même sujet|все новости|усі новини|"
    "всі новини|leave a reply|leave a comment|required fields|will not be published|min read|mins read|"
    "minute read|minutes read|reading time|your browser|privacy policy|cookie policy|user agreement|"
    "community rules|community guidelines|prior written permission|may not be reproduced|constitutes acceptance"
).split("|"))
CUE_PHRASE_STARTS = frozenset(phrase[0] for phrase in CUE_PHRASES)
CUE_PHRASE_LENGTHS = sorted({len(phrase) for phrase in CUE_PHRASES})
# "12 comments": a counter next to a comments link
COMMENT_WORDS = frozenset("comment comments kommentar kommentare comentario comentarios commentaire commentaires "
                          "коментар коментарі коментарів комментарий комментарии комментариев".split())


def furniture_cues(folded: list[str]) -> set[str]:
    """The furniture words and phrases among a line's casefolded tokens."""
    hits: set[str] = set()
    for index, token in enumerate(folded):
        bare = token
        if "'" in token or "’" in token:
            bare = token.replace("’", "'").rsplit("'", 1)[-1]  # "s'abonner" → "abonner"
        if bare in CUE_WORDS or bare.startswith(CUE_PREFIXES):
            hits.add(bare)
        if token.isdigit() and index + 1 < len(folded) and folded[index + 1] in COMMENT_WORDS:
            hits.add("comments")
        if token in CUE_PHRASE_STARTS:
            for length in CUE_PHRASE_LENGTHS:
                phrase = tuple(folded[index:index + length])
                if phrase in CUE_PHRASES:
                    hits.add(" ".join(phrase))
    return hits


# A line that opens with one of these is a link to another page ("Read also: <headline>").
TEASER_PREFIX = re.compile(
    r"^(?:read (?:more|also|next)|see also|also read|related|more|watch|listen|video|photos?|gallery|"
    r"lesen sie auch|mehr zum thema|auch interessant|lee también|lea también|leer más|te puede interesar|"
    r"lire aussi|à lire aussi|à voir aussi|читайте (?:также|також)|дивіться також|смотрите также)\s*[:：|–—-]",
    re.IGNORECASE,
)
READER_ADDRESS = re.compile(r"\b(?:you|your|yours|our|us|we|ihr|ihre|unser\w*|sie|usted|nuestr\w+|vous|votre|nos|notre)\b",
                            re.IGNORECASE)
QUOTE_MARK = re.compile(r"[\"“”„«»]")
# After the article: the author's bio and correction notes, in prose but not the story.
POSTSCRIPT = re.compile(
    r"^[A-ZÀ-ÖØ-ÞА-ЯІЇЄҐ][\w'’.-]+(?: [A-ZÀ-ÖØ-ÞА-ЯІЇЄҐ][\w'’.-]+){1,3} (?:is|was) (?:a|an|the|[A-Z][\w'’]+) "
    r".{0,80}?\b(?i:reporter|correspondent|editor|writer|journalist|columnist|column|contributor|photographer|"
    r"author|researcher|professor|lecturer|fellow|analyst)s?\b|"
    r"^(?i:this|an earlier version of this) (?i:article|story|report) (?i:was|has been|is being) "
    r"(?i:amended|updated|corrected|changed)\b"
)
# Furniture that is a whole line: a single word a subheading would also use elsewhere.
WHOLE_LINE_CUE = re.compile(
    r"^(?:home|menu|search|suche|buscar|rechercher|поиск|пошук|reply|antworten|responder|répondre|"
    r"print|e-?mail|share|tags?|topics?|themen|temas|photos?|videos?|gallery|watch|listen|more|"
    r"startseite|inicio|accueil|головна|главная|close|open|back|next|previous|prev|older|newer|top|"
    r"news|comments?|kommentare?|comentarios?|commentaires?|коментарі|комментарии)"
    r"\s*(?:\(\d+\)|\d+)?\s*:?$",
    re.IGNORECASE,
)
# Headers of lists of other pages, in any language: they announce the article's end both as a line
# (BOUNDARY_CUE) and as the header that closes the article block (clean/dump_block.CLOSING_HEADER).
OTHER_PAGES_HEADERS = (
    r"most (?:read|popular|viewed|shared)|latest (?:news|stories|headlines)|top stories|"
    r"weitere (?:artikel|beiträge|nachrichten)|(?:verwandte|ähnliche) (?:beiträge|artikel)|mehr zu(?:m| diesem| dem) thema|"
    r"noticias relacionadas|(?:también )?(?:te|le) puede interesar|(?:más|otras|últimas) noticias|więcej na ten temat|"
    r"(?:artículos|entradas|publicaciones|notas) relacionad[ao]s|articles (?:similaires|liés)|"
    r"sur le même sujet|podobne artykuły|все новости|усі новини|всі новини"
)
# Lines that announce the end of the article: what follows is lists, comments or footer.
# Matched only on short lines that do not end like a sentence ("Next week the council votes." is prose).
BOUNDARY_CUE = re.compile(
    r"^(?:\d+\s+)?(?:related(?:\s+(?:articles?|stories|news|posts|content|coverage|topics|reading))?(?:\s*:.*)?|"
    r"read (?:more|also|next)|see also|more (?:on|from|about|stories|news)\b.*|recommended\b.*|"
    r"trending\b.*|you (?:may|might) (?:also )?like\b.*|comments?|leave a (?:reply|comment)|lesen sie (?:auch|mehr)|"
    r"kommentare?|à lire aussi|czytaj (?:też|także)|zobacz (?:też|także)|"
    r"comentarios|lire aussi|commentaires|читайте (?:также|також)|коментарі|комментарии|"
    r"(?:prev|previous|next|older|newer) (?:post|article|story|page)\b.*|"
    r"(?:article|billet|message) (?:précédent|suivant)|(?:vorheriger|nächster) (?:artikel|beitrag)|"
    r"(?:artículo|entrada) (?:anterior|siguiente)|(?:prev|previous|next)\s*[:»›>].*|(?-i:PREV|PREVIOUS|NEXT)\b.*|"
    rf"{OTHER_PAGES_HEADERS})\s*:?$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class LineFeatures:
    """What the classifier looks at for one (non-blank) line."""

    text: str
    words: int
    stop_share: float
    sentence_end: bool  # ends like a sentence: . ! ? … (quotes allowed after)
    clause_end: bool  # ends with ":" or ";": a long one introduces a list, like a sentence would
    label: bool  # ends with ":" ("Background:", "Advertisement:")
    lowercase_start: bool
    bullet: bool
    title_case: bool  # "What This Woman Is About To Paint": a headline, a teaser, not a sentence of prose
    furniture: bool  # shape or vocabulary of page furniture
    boundary: bool  # a header that closes the article ("Related", "Comments", "Next: ...")
    credit: bool  # a photo credit, or a caption carrying one
    transparent: bool  # furniture that interrupts prose without ending it (ad label, counter)
    notice: bool  # speaks to the reader about the site's furniture (a cookie or newsletter notice)


@dataclass(slots=True)
class Unit:
    """One paragraph of the dump: a line, or the lines of one hard-wrapped paragraph, and its class."""

    first: int  # line index of its first line
    last: int
    features: LineFeatures
    cls: str
    key: str  # the line normalised (case, spacing, digits): how repeats are recognised
    metadata: bool = False  # a date, byline or newsroom line: not body, but read for metadata
    interruption: bool = False  # furniture that sits inside an article without ending it
    site_furniture: bool = False  # printed on other pages of the site too
    in_comments: bool = False  # after the header of a comment section


# token → the languages whose list holds it, so a page is scanned once, not once per language
LANGUAGES_OF_STOPWORD: dict[str, tuple[str, ...]] = {}
for _language, _words in STOPWORDS.items():
    for _word in _words:
        LANGUAGES_OF_STOPWORD[_word] = LANGUAGES_OF_STOPWORD.get(_word, ()) + (_language,)


DIGITS_TO_ZERO = str.maketrans("123456789", "000000000")


def normalise_line(line: str) -> str:
    """Case, spacing and digits folded, so "© 2024" and "© 2025" or "3 hours ago" and "5 hours ago" match."""
    return " ".join(line.casefold().split()).translate(DIGITS_TO_ZERO)


def folded_tokens(text: str) -> list[str]:
    return WORD.findall(text.casefold())


def guess_language(token_lists: list[list[str]]) -> str:
    """The stop-word list that covers most (casefolded) tokens of the page; English on a tie;
    "xx" when no list covers even a few per cent (Japanese, Chinese, Thai, Arabic...)."""
    hits: Counter[str] = Counter()
    total = 0
    for tokens in token_lists:
        total += len(tokens)
        for token in tokens:
            languages = LANGUAGES_OF_STOPWORD.get(token)
            if languages:
                for language in languages:
                    hits[language] += 1
    if not hits or hits.most_common(1)[0][1] < UNKNOWN_LANGUAGE_COVERAGE * total:
        return UNKNOWN_LANGUAGE if total else "en"
    best, count = hits.most_common(1)[0]
    best = best if count > hits["en"] else "en"
    return UNKNOWN_LANGUAGE if covers_too_little_prose(token_lists, best) else best


def covers_too_little_prose(token_lists: list[list[str]], language: str) -> bool:
    prose = [token for tokens in token_lists if len(tokens) >= PROSE_LINE_TOKENS for token in tokens]
    if not prose:
        return False
    covered = sum(1 for token in prose if language in LANGUAGES_OF_STOPWORD.get(token, ()))
    return covered < UNKNOWN_LANGUAGE_PROSE_COVERAGE * len(prose)


def estimated_words(tokens: list[str]) -> int:
    """Words in a line of a language we have no list for: a run of Chinese, Japanese or Thai
    letters is several words (about two characters each), not one."""
    return sum(max(1, len(token) // UNSPACED_CHARS_PER_WORD) if UNSPACED_SCRIPT.search(token) else 1
               for token in tokens)


def line_features(text: str, folded: list[str], stopwords: frozenset[str]) -> LineFeatures:
    """`folded` is folded_tokens(text), computed once by the caller (it also guesses the language)."""
    stripped = text.strip()
    tokens = WORD.findall(stripped)
    words = len(tokens) if stopwords else estimated_words(tokens)
    stops = sum(1 for token in folded if token in stopwords)
    shape_flags = furniture_shape(stripped, tokens)
    cues = furniture_cues(folded) if words <= 60 else set()  # prose this long is never furniture by words
    return LineFeatures(
        text=stripped,
        words=words,
        stop_share=(stops / words if stopwords else NEUTRAL_STOP_SHARE) if words else 0.0,
        sentence_end=bool(SENTENCE_END.search(stripped)),
        clause_end=stripped.endswith((":", ";")),
        label=stripped.endswith(":"),
        lowercase_start=bool(tokens) and tokens[0][:1].islower(),
        bullet=bool(BULLET.match(text)),
        title_case=words <= TITLE_CASE_MAX_WORDS and is_title_case(tokens),
        furniture=shape_flags or has_furniture_words(stripped, words, cues),
        boundary=words <= 8 and not SENTENCE_END.search(stripped) and bool(BOUNDARY_CUE.match(stripped)),
        credit=is_credit(stripped, words),
        transparent=is_transparent(stripped, words, cues),
        notice=bool(cues) and bool(READER_ADDRESS.search(stripped)) and not QUOTE_MARK.search(stripped),
    )


def is_title_case(tokens: list[str]) -> bool:
    """Nearly every longer word capitalised. German prose capitalises its nouns too, but stays
    well under this share (its verbs, adjectives and adverbs are lower case)."""
    longer = [token for token in tokens if len(token) >= 4 and not token.isupper()]
    if len(longer) < TITLE_CASE_MIN_WORDS:
        return False
    return sum(token[:1].isupper() for token in longer) >= TITLE_CASE_SHARE * len(longer)


def furniture_shape(text: str, tokens: list[str]) -> bool:
    """Shapes prose never has: links, menus, language switchers, copyright, file names, no words."""
    if not tokens:
        return True  # "-", "***", "|": decoration
    # Cheap tests guard the costlier patterns: most lines fail them.
    if len(tokens) <= 15 and ("@" in text or "www." in text or "://" in text) and URL_OR_MAIL.search(text):
        return True
    if len(tokens) <= 20 and COPYRIGHT.search(text):
        return True
    if len(tokens) <= 6 and HEXISH_TOKEN.search(text):
        return True
    if len(tokens) <= 8 and RELATIVE_TIME.search(text):
        return True
    if IMAGE_FILE.search(text) and len(tokens) <= 6:
        return True
    if "<" in text and len(MARKUP_TAG.findall(text)) >= MARKUP_TAGS:
        return True
    if len(MENU_SEPARATOR.findall(text)) >= 2 or (MENU_SEPARATOR.search(text) and len(tokens) <= 6):
        return True
    return is_language_switcher(tokens) or is_number_line(text, tokens)


def is_language_switcher(tokens: list[str]) -> bool:
    """"EN DE FR", "UA | EN | PL", "English Deutsch Español": two or more language labels."""
    if not 2 <= len(tokens) <= 10:
        return False
    named = sum(1 for token in tokens if token.casefold() in LANGUAGE_NAMES
                or (token[:1].isupper() and token.casefold() in LANGUAGE_CODES))
    short_capitals = sum(1 for token in tokens if len(token) <= 3 and token[:1].isupper())
    # mostly language labels, or all short capitalised labels with a known one among them
    return (named >= 2 and named * 2 >= len(tokens)) or (short_capitals == len(tokens) <= 8 and named >= 1)


def is_number_line(text: str, tokens: list[str]) -> bool:
    """Counters, timestamps and "Updated 3 hours ago"-style stamps: short lines made of numbers."""
    if TIME_OF_DAY.match(text):
        return True
    if len(tokens) > 5 or SENTENCE_END.search(text):
        return False
    numeric = sum(1 for token in tokens if any(ch.isdigit() for ch in token))
    return numeric * 2 >= len(tokens)


def has_furniture_words(text: str, words: int, cues: set[str]) -> bool:
    if WHOLE_LINE_CUE.match(text) or TEASER_PREFIX.match(text):
        return True
    if is_call_to_action(text, words):
        return True
    if words <= 40 and POSTSCRIPT.search(text):
        return True
    # Long lines: prose may mention one such word; a pitch or a notice piles them up, or
    # speaks to the reader about it. Quoted speech is prose whatever it says.
    if words <= 12 or not cues:
        return bool(cues)
    return len(cues) >= 2 or (words <= 30 and bool(READER_ADDRESS.search(text)) and not QUOTE_MARK.search(text))


def is_call_to_action(text: str, words: int) -> bool:
    """"Follow us!", "Join our community!": a short exclamation to the reader, not in quotes."""
    return (words <= 15 and text.rstrip().endswith("!") and bool(READER_ADDRESS.search(text))
            and not QUOTE_MARK.search(text))


def is_credit(text: str, words: int) -> bool:
    if (words <= 12 or text.endswith(")")) and CREDIT.search(text) and not COPYRIGHT_FOOTER.search(text):
        return True
    return words <= 6 and bool(SLASH_CREDIT.match(text))


def is_transparent(text: str, words: int, cues: set[str]) -> bool:
    """Furniture dropped into the middle of an article: it must not break the paragraphs around it."""
    if not words or words > 3:
        return not words
    return bool(cues or text.isdigit() or IMAGE_FILE.search(text) or HEXISH_TOKEN.search(text)
                or WHOLE_LINE_CUE.match(text))


def first_class(line: LineFeatures) -> str:
    """The class a line gets from its own features; context may still promote NEAR and SHORT."""
    if line.furniture or line.credit or line.boundary:
        return BAD
    if line.title_case and line.words >= 6:
        return NEAR  # a headline ends with a full stop as often as not on teaser lists
    if line.words >= 8 and (line.sentence_end or line.clause_end) and line.stop_share >= 0.16:
        return GOOD
    if line.words >= 25 and line.stop_share >= 0.2:  # a long paragraph cut off before its full stop
        return GOOD
    if line.words >= 6:
        return NEAR
    return SHORT
