"""A dump's units reclassified by what surrounds them (jusText's context step): a short line
between paragraphs is body, a subheading is a heading, a bulleted list inside the article is
body; repeats, pull quotes, a site's furniture and a readers' comment section are marked."""
from __future__ import annotations

import re
from collections import Counter

from storylens.clean.lines import BAD, GOOD, NEAR, SHORT, Unit, normalise_line

PROMOTED = "promoted"  # a short sentence that context shows to be body
HEADING = "heading"  # a subheading: short, no full stop, followed by body
BODY_CLASSES = frozenset({GOOD, PROMOTED, HEADING})
# Looking for a unit's neighbours, skip at most this many ad labels and counters.
MAX_INTERRUPTIONS = 5
COMMENT_HEADER = re.compile(
    r"^(?:\d+\s+)?(?:comments?|leave a (?:reply|comment)|post a comment|join the discussion|reader comments|"
    r"kommentare?|comentarios|commentaires|коментарі|комментарии|komentarze|"
    r"(?:schreibe|hinterlasse)(?:n sie)? einen kommentar|kommentar (?:schreiben|verfassen|abgeben)|"
    r"(?:écrire|laisser|ajouter) un commentaire|(?:deja|dejar|escribe|escribir) un comentario|"
    r"(?:dodaj|napisz|wyślij) komentarz|оставить комментарий|залишити коментар)\b", re.IGNORECASE)
# WordPress themes head a thread with its count and the post's title: "45 thoughts on “...”",
# "45 Gedanken zu „...“" (the title makes it longer than the headers above).
COUNTED_COMMENT_HEADER = re.compile(
    r"^(?:\d+|one|ein|eine|un|une|uno|una)\s+(?:thoughts? on|responses? to|repl(?:y|ies) to|comments? on|"
    r"gedanken? zu|kommentare? (?:zu|für)|"
    r"antworten (?:auf|zu)|réponses? à|commentaires? sur|comentarios? (?:a|en|sobre|para))\b", re.IGNORECASE)
COUNTED_HEADER_WORDS = 30
REPLY_LINK = re.compile(r"^(?:reply|antwort(?:en)?|responder|répondre|odpowiedz|ответить|відповісти)\s*[↓→]?$",
                        re.IGNORECASE)
COMMENT_FORM = re.compile(
    REPLY_LINK.pattern + r"|^cancel reply\s*[↓→]?$|"
    r"will not be published|required fields|"
    r"\b(?:log|sign) in\b|\b\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?) ago\b|"
    r"^(?:your (?:name|e-?mail(?: address)?)|votre (?:nom|adresse e-?mail|e-?mail|message)|ihr (?:name|e-?mail)|"
    r"tu (?:nombre|correo(?: electrónico)?)|texte de votre message)\b|"
    r"wird nicht veröffentlicht|erforderliche felder|pflichtfelder|ne sera pas publiée|champs obligatoires|"
    r"no será publicad[ao]|campos obligatorios|nie zostanie opublikowany|komentarz może pojawić|"
    r"не будет опубликован|не буде опублікован", re.IGNORECASE)
COMMENT_FORM_WINDOW = 12
# "Your email address will not be published. Required fields are marked *" is 12 words (and
# "Deine E-Mail-Adresse wird nicht veröffentlicht. ..." 10): at 8 the form under many WordPress
# articles went unseen and the block ran on through it into the sidebar (trafilatura fit .8798 -> .8805).
COMMENT_FORM_WORDS = 12
# A thread with no header (golfpost.de): posts opened by a name-and-date line and closed by a reply
# link, at least this many, each within a few units of the last.
THREAD_REPLIES = 3
THREAD_REPLY_GAP = 15
STAMP_LOOKBACK = 6
GALLERY_LABEL_REPEATS = 6
GALLERY_ITEM_UNITS = 4
# A posted comment's own header: "On December 23, 2014, at 10:07 PM, reader42 wrote:" or its
# "Report this comment" link. Longer than a form's lines, so it gets its own word limit.
COMMENT_STAMP = re.compile(r"\b(?:wrote|says|schrieb|escribió|a écrit|написал|написав)\s*:\s*$|"
                           r"^(?:report|flag)\s+(?:this\s+)?(?:comment|reply)\b", re.IGNORECASE)
COMMENT_STAMP_WORDS = 20
# "Mom fatally shot by son, 2, in Walm...": a teaser cut to fit its box. One such line may be
# prose trailing off; a page with several is listing teasers (usnews.com's video pages).
TRUNCATED = re.compile(r"\w(?:\.{3}|…)$")
TRUNCATED_MAX_WORDS = 15
TRUNCATED_MIN_LINES = 3
# A teaser: a headline, one short blurb, then furniture (a credit, a section label, "more").
# Three or more in a row are a list of other stories (jagdleben.de's "more news" under the
# article); an article's subheadings are followed by paragraphs, not by furniture each time.
TEASER_BLURB_WORDS = 40
TEASER_HEADLINE_WORDS = 4
TEASER_RUN = 3
TEASER_GAP = 6  # units from one blurb to the next within a list
# A blurb followed by a "more" link the page prints after every one ("Mehr erfahren", "Read more")
# is a teaser however long it is: the repeated link says so (iass-potsdam.de's research-area page,
# blurbs of 36-87 words). Only a "more" link counts: a listicle's items are each followed by a
# repeated shop or credit name (youbeauty.com).
MORE_LINK = re.compile(
    r"^(?:(?:read|learn|see|view|find out) more|continue reading|more|weiterlesen|mehr|mehr (?:erfahren|lesen|dazu)|"
    r"leer más|seguir leyendo|ver más|lire la suite|en savoir plus|подробнее|читать далее|детальніше|читати далі)"
    r"\s*(?:[.…»›>→]+|\.\.\.)?$", re.IGNORECASE)
TEASER_LINK_REPEATS = 3
LINKED_BLURB_WORDS = 120
# A list that ends the article runs as long as its text says (a top-100 list after "Here's the
# full list:", hearya.com in trafilatura's fit pages); the cap only bounds the scan.
MAX_LIST_ITEMS = 120
MAX_PULL_QUOTES = 20  # a page has a few; a hostile one must not make the check quadratic
# A pull quote displays a sentence or two; a longer quoted paragraph that repeats the page is the
# article quoting a statement it also prints in full (thestkittsnevisobserver.com), not display copy.
PULL_QUOTE_WORDS = 40
OPENING_QUOTES = "\"“„«‘'"
CLOSING_QUOTES = "\"”“»’'"


TABLE_ROW_WORDS = 6


def mark_in_page_repeats(units: list[Unit]) -> None:
    """A short line printed twice on one page is furniture (ad labels, teasers listed twice).
    Prose is left alone: a page may hold its article twice."""
    counts = Counter(unit.key for unit in units)
    # Long lines that differ only in their figures are a table's rows (a schedule's "1. Tag ...
    # 11:30 Uhr", "2. Tag ... 11:00 Uhr", golfpost.de), not one line printed twice.
    exact = Counter(unit.features.text.casefold() for unit in units if unit.features.words >= TABLE_ROW_WORDS)
    initial = [unit.cls for unit in units]
    for index, unit in enumerate(units):
        repeats = exact[unit.features.text.casefold()] if unit.features.words >= TABLE_ROW_WORDS else counts[unit.key]
        if unit.cls != GOOD and repeats > 1 and not between_paragraphs(units, initial, index):
            unit.cls = BAD
            unit.interruption = True
    mark_gallery_labels(units, counts)


def between_paragraphs(units: list[Unit], classes: list[str], index: int) -> bool:
    """A question or a label between two paragraphs is a subheading, though a table of contents
    above the article prints it too (an FAQ's questions; trafilatura fit: 3 pages better, none worse).
    Only those endings: a teaser headline listed twice also stands between two blurbs."""
    return (0 < index < len(classes) - 1 and classes[index - 1] == GOOD and classes[index + 1] == GOOD
            and units[index].features.text.endswith(("?", ":")))


def mark_gallery_labels(units: list[Unit], counts: Counter) -> None:
    """A label printed before every item of a gallery ("UK news in pictures" before each of fifty
    captions, independent.co.uk) separates items, not an article's paragraphs: such a label ends
    the article. Only a tight rhythm counts (an item of a few lines between labels); a consent
    notice repeated under each of an article's embeds sits a dozen lines apart (1000things.at), and
    a table's repeated cells are figures, not words."""
    positions: dict[str, list[int]] = {}
    for index, unit in enumerate(units):
        if (counts[unit.key] >= GALLERY_LABEL_REPEATS and unit.cls == BAD and not unit.features.transparent
                and sum(word.isalpha() for word in unit.features.text.split()) >= 2):  # not a table's "0.25%"
            positions.setdefault(unit.key, []).append(index)
    for indices in positions.values():
        gaps = sorted(after - before for before, after in zip(indices, indices[1:]))
        if gaps[len(gaps) // 2] <= GALLERY_ITEM_UNITS:
            for index in indices:
                units[index].interruption, units[index].features.boundary = False, True


def mark_truncated_teasers(units: list[Unit]) -> None:
    """Short lines cut off mid-word by an ellipsis, when the page has several: teasers."""
    cut = [unit for unit in units
           if unit.features.words <= TRUNCATED_MAX_WORDS and TRUNCATED.search(unit.features.text)]
    if len(cut) >= TRUNCATED_MIN_LINES:
        for unit in cut:
            unit.cls = BAD


OUTLINE_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})+[a-z]?\.?\s")
CONTENTS_RUN = 4


def mark_contents_lists(units: list[Unit]) -> None:
    """CONTENTS_RUN or more lines in a row that each open with an outline number ("2.3 How to
    prioritise"): a table of contents linking the sections of other pages. In an article a
    numbered heading is followed by its section's prose, not by the next heading."""
    index = 0
    while index < len(units):
        end = index
        while end < len(units) and OUTLINE_NUMBER.match(units[end].features.text):
            end += 1
        if end - index >= CONTENTS_RUN:
            for unit in units[index:end]:
                unit.cls = BAD
        index = max(end, index + 1)


def mark_pull_quotes(units: list[Unit]) -> None:
    """A line that is all quotation and repeats words printed elsewhere on the page is a pull
    quote, a display copy of the body: drop it, keep the original."""
    quoted = [unit for unit in units if unit.features.words <= PULL_QUOTE_WORDS
              and is_all_quotation(unit.features.text)][:MAX_PULL_QUOTES]
    if not quoted:
        return
    page_text = "\n".join(unit.key for unit in units)
    for unit in quoted:
        # Pull quotes trim the sentence they display, so match on its opening words only;
        # the line itself holds them once, the original paragraph a second time.
        opening = " ".join(normalise_line(unit.features.text.strip(OPENING_QUOTES + CLOSING_QUOTES + ". ")).split()[:6])
        if page_text.count(opening) >= 2:
            unit.cls = BAD


def is_all_quotation(text: str) -> bool:
    return len(text) >= 12 and text[0] in OPENING_QUOTES and text.rstrip(".")[-1] in CLOSING_QUOTES


def mark_site_furniture(units: list[Unit], repeated: frozenset[str]) -> None:
    """Drop lines the site prints on every page, unless that would take most of the prose:
    then the 'site' is really copies of one article, and only non-prose lines go."""
    if not repeated:
        return
    hits = [unit.key in repeated for unit in units]
    prose_words = sum(unit.features.words for unit in units if unit.cls == GOOD)
    repeated_prose = sum(unit.features.words for unit, hit in zip(units, hits) if hit and unit.cls == GOOD)
    spare_prose = repeated_prose * 2 >= prose_words > 0
    for unit, hit in zip(units, hits):
        unit.site_furniture = hit
        if hit and not (spare_prose and unit.cls == GOOD):
            unit.cls = BAD


def promote_by_context(units: list[Unit]) -> None:
    """Short lines take their class from their neighbours (jusText's context step)."""
    initial = [unit.cls for unit in units]
    seen_prose = False
    for index, unit in enumerate(units):
        seen_prose = seen_prose or initial[index] == GOOD
        if initial[index] in (NEAR, SHORT) and seen_prose and is_subheading(units, initial, index):
            unit.cls = HEADING
    promote_bullet_runs(units)
    promote_introduced_lists(units)
    for _ in range(3):  # a few rounds: a run of short quote lines between paragraphs
        changed = False
        for index, unit in enumerate(units):
            if unit.cls in (NEAR, SHORT) and unit.features.sentence_end and is_body_sentence(units, index):
                unit.cls, changed = PROMOTED, True
        if not changed:
            break


def mark_teaser_runs(units: list[Unit]) -> None:
    """Runs of TEASER_RUN or more teasers (headline, one short blurb, furniture after it) are furniture."""
    counts = Counter(unit.key for unit in units)
    teasers = [index for index in range(1, len(units) - 1) if is_teaser_blurb(units, index, counts)]
    runs: list[list[int]] = []
    for index in teasers:
        if runs and only_teaser_parts_between(units, runs[-1][-1], index):
            runs[-1].append(index)
        else:
            runs.append([index])
    for run in runs:
        if len(run) >= TEASER_RUN:
            for index in run:
                units[index - 1].cls = units[index].cls = BAD


def is_teaser_blurb(units: list[Unit], index: int, counts: Counter) -> bool:
    unit, headline, after = units[index], units[index - 1], units[index + 1]
    linked = counts[after.key] >= TEASER_LINK_REPEATS and bool(MORE_LINK.match(after.features.text))
    return (unit.cls == GOOD and unit.features.words <= (LINKED_BLURB_WORDS if linked else TEASER_BLURB_WORDS)
            and headline.cls != GOOD and not headline.features.sentence_end
            and headline.features.words >= TEASER_HEADLINE_WORDS and after.cls not in BODY_CLASSES)


def only_teaser_parts_between(units: list[Unit], before: int, after: int) -> bool:
    """Between two blurbs: furniture, then the second blurb's headline; no other body."""
    return after - before <= TEASER_GAP and all(units[index].cls not in BODY_CLASSES for index in range(before + 1, after - 1))


def neighbour_class(units: list[Unit], index: int, step: int, classes: list[str] | None = None) -> str | None:
    """Class of the nearest unit in direction `step`, looking past a few interruptions (ad labels)."""
    position = index + step
    for _ in range(MAX_INTERRUPTIONS):
        if not (0 <= position < len(units) and units[position].interruption and units[position].cls == BAD):
            break
        position += step
    if not 0 <= position < len(units):
        return None
    return classes[position] if classes else units[position].cls


def is_subheading(units: list[Unit], classes: list[str], index: int) -> bool:
    """No full stop, two words or a label ("Background:"), and prose right after it. A long
    one (a caption, a teaser) must also follow prose directly."""
    features = units[index].features
    if features.sentence_end and not features.label:
        return False
    if features.text[:1] in "-–—":  # "— Name, role": the signature of a pull quote
        return False
    if features.words < 2 and not features.label:
        return False
    if features.words > 20 or neighbour_class(units, index, 1, classes) != GOOD:
        return False
    return features.words <= 8 or features.label or neighbour_class(units, index, -1, classes) == GOOD


def promote_bullet_runs(units: list[Unit]) -> None:
    """A bulleted list between body paragraphs is body, item by item."""
    index = 0
    while index < len(units):
        if not units[index].features.bullet:
            index += 1
            continue
        end = index
        while end + 1 < len(units) and units[end + 1].features.bullet:
            end += 1
        before, after = neighbour_class(units, index, -1), neighbour_class(units, end, 1)
        if before in BODY_CLASSES and after in BODY_CLASSES:
            for unit in units[index:end + 1]:
                if unit.cls in (NEAR, SHORT):
                    unit.cls = PROMOTED
        index = end + 1


def promote_introduced_lists(units: list[Unit]) -> None:
    """Short lines after a paragraph that ends with a colon ("The changes are:"), when prose or
    furniture follows them: the items of a list inside the article or closing it (a dump has no
    bullets left to show it)."""
    for index, unit in enumerate(units[:-1]):
        if unit.cls not in (GOOD, PROMOTED) or not unit.features.text.endswith(":"):
            continue
        end = index + 1
        while end < len(units) and end - index <= MAX_LIST_ITEMS and units[end].cls in (NEAR, SHORT):
            end += 1
        closed = end == len(units) or units[end].cls in BODY_CLASSES or units[end].cls == BAD
        if end - index >= 3 and end - index <= MAX_LIST_ITEMS and closed:
            for item in units[index + 1:end]:
                item.cls = PROMOTED


def is_body_sentence(units: list[Unit], index: int) -> bool:
    """A short sentence is body between body lines; a longer one (NEAR) next to any body line."""
    before, after = neighbour_class(units, index, -1), neighbour_class(units, index, 1)
    if units[index].cls == NEAR:  # next to a paragraph; a subheading alone does not vouch for it
        return before in (GOOD, PROMOTED) or after in (GOOD, PROMOTED)
    return before in BODY_CLASSES and after in BODY_CLASSES


def mark_comment_section(units: list[Unit]) -> None:
    """Units after a comment section's header ("Leave a Comment", "24 Comments") that a comment
    form or reply links confirm within a few lines. Readers' comments are prose, and a long
    thread outweighs the article (pewresearch.org in newspaper's dev pages), so their prose
    earns little in the article block."""
    seen_prose = False
    for index, unit in enumerate(units):
        seen_prose = seen_prose or unit.cls == GOOD
        if not (seen_prose and is_comment_header(unit)):
            continue
        following = units[index + 1:index + 1 + COMMENT_FORM_WINDOW]
        if any(is_comment_form(other) for other in following):
            mark_comments_from(units, index)
            return
    start = headerless_thread_start(units)
    if start is not None:
        mark_comments_from(units, start)


def mark_comments_from(units: list[Unit], start: int) -> None:
    # The section's first line closes the article as "Related" does: the few earning lines
    # of a thread's preamble must not pull the block on past the article.
    units[start].cls, units[start].features.boundary = BAD, True
    for later in units[start:]:
        later.in_comments = True
        if later.features.words <= COMMENT_STAMP_WORDS and COMMENT_STAMP.search(later.features.text):
            later.cls = BAD  # "... wrote:": a comment's header, not its prose


def headerless_thread_start(units: list[Unit]) -> int | None:
    """The name-and-date line of the first post of a thread printed without a header: reply links
    in a steady rhythm, the first a few units after a metadata line that prose came before."""
    replies = [index for index, unit in enumerate(units) if REPLY_LINK.match(unit.features.text)]
    if len(replies) < THREAD_REPLIES:
        return None
    if any(after - before > THREAD_REPLY_GAP for before, after in zip(replies, replies[1:THREAD_REPLIES])):
        return None
    for index in range(replies[0] - 1, max(replies[0] - 1 - STAMP_LOOKBACK, 0), -1):
        if units[index].metadata:
            return index if any(unit.cls == GOOD for unit in units[:index]) else None
    return None


def is_comment_header(unit: Unit) -> bool:
    words, text = unit.features.words, unit.features.text
    return (words <= 6 and bool(COMMENT_HEADER.match(text))) or (
        words <= COUNTED_HEADER_WORDS and bool(COUNTED_COMMENT_HEADER.match(text)))


def is_comment_form(unit: Unit) -> bool:
    words, text = unit.features.words, unit.features.text
    return (words <= COMMENT_FORM_WORDS and bool(COMMENT_FORM.search(text))) or (
        words <= COMMENT_STAMP_WORDS and bool(COMMENT_STAMP.search(text)))
