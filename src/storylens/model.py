"""The data model every stage shares.

Stages pass these dataclasses along; nothing else crosses a stage boundary. A read or clean
step that cannot use an input yields a `Problem` in its place, so one bad page never stops
a batch and the caller decides how to report it.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

# How much of an article's opening stands for it in story clustering (title + lead).
LEAD_CHARS = 600


class ProblemKind:
    """Why an input was skipped; one name per cause so callers can count and test them."""

    NOT_FOUND = "not found"
    UNREADABLE = "unreadable"
    NOT_A_FILE = "not a regular file"
    UNSUPPORTED = "unsupported format"
    BINARY = "binary content"
    ENCODING = "undecodable text"
    EMPTY = "empty"
    TOO_LARGE = "too large"
    TRUNCATED = "truncated archive"
    MALFORMED = "malformed"
    FETCH_FAILED = "fetch failed"
    NO_ARTICLE = "no article text"
    NOT_ARTICLE = "not an article"  # an error page, a login wall, a home page or section front
    FAILED = "processing failed"  # a bug or a hostile input tripped a library; the batch goes on
    WORKER_DIED = "worker died"  # a worker process died running this task (killed, out of memory, a crash)
    DUPLICATE_ID = "duplicate id"  # a record reuses an earlier record's id; the later one is skipped
    DATE_IGNORED = "date ignored"  # a warning: the record is kept, without its absurd or unreadable date
    UNKNOWN_FILE_TYPE = "not a supported format"  # a file in a folder whose extension no reader takes (by name, unopened)
    NO_PAGES = "no pages"  # an archive that holds records, none of them a page (detail says what it held)


@dataclass(slots=True)
class Problem:
    """An input that could not be used, and why. `str()` gives the one-line report."""

    source: str
    kind: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.source}: {self.kind}" + (f" ({self.detail})" if self.detail else "")


@dataclass(slots=True)
class Document:
    """One raw input as read: a page of HTML or plain text, decoded to `str`.

    `meta` holds what the container already told about the page (a feed entry's title and
    date, a JSON Lines record's fields); cleaning prefers it over what it finds in the page.
    `site` groups pages of one site so cleaning can drop lines repeated across them.
    """

    source: str
    content: str
    format: str  # "html" or "text"
    url: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    site: str | None = None


@dataclass(slots=True)
class Article:
    """A cleaned article: the body and its metadata, as `storylens extract` prints it."""

    id: str
    source: str
    url: str | None
    outlet: str | None
    title: str | None
    author: str | None
    published: str | None  # ISO 8601 date or datetime
    language: str | None
    text: str  # paragraphs joined by a blank line
    content_hash: str = ""
    duplicate_of: str | None = None  # id of an earlier article with the same normalised text

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = text_hash(self.text)

    def to_record(self) -> dict:
        return {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "author": self.author,
            "published": self.published,
            "language": self.language,
            "text": self.text,
        }


def text_hash(text: str) -> str:
    """Hash of the text with case and whitespace normalised: equal hashes are exact duplicates."""
    normalised = " ".join(text.casefold().split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def source_id(source: str) -> str:
    """A short stable id for an input, so re-running on the same files gives the same ids."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class NewsItem:
    """What story clustering needs of an article: an id, its words, and when and where it appeared."""

    id: str
    text: str
    title: str | None = None
    published: datetime | None = None  # timezone-aware (UTC when the input gave no zone)
    outlet: str | None = None
    language: str | None = None

    @property
    def headline_and_lead(self) -> str:
        """The title and the opening of the text: what tells stories apart best, and cheap to embed."""
        lead = self.text[:LEAD_CHARS]
        return f"{self.title}. {lead}" if self.title else lead


@dataclass(slots=True)
class Assignment:
    """Where clustering put one item: its story, and the earlier item it copies, if any."""

    id: str
    story: str
    copy_of: str | None = None

    def to_record(self) -> dict:
        record = {"id": self.id, "story": self.story}
        return record | {"copy_of": self.copy_of} if self.copy_of else record


# --- the claims stage: spans of an article's text and what they say -------------------------


@dataclass(slots=True, frozen=True)
class Span:
    """A stretch of text: `text == whole[start:end]` (character offsets, end exclusive)."""

    start: int
    end: int
    text: str

    def to_record(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}

    def overlap(self, other: Span) -> int:
        """How many characters the two spans share (0 when they are apart)."""
        return max(0, min(self.end, other.end) - max(self.start, other.start))

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


class AttributionKind:
    """How a text attributes its content; one name per construction."""

    DIRECT = "direct"  # words in quotation marks with their speaker
    INDIRECT = "indirect"  # X said / told / confirmed / denied (that) ...
    ACCORDING_TO = "according_to"  # according to X, ...
    CITING = "citing"  # ..., citing X / X cited ...
    NO_SOURCE = "no_source"  # "reportedly", "is said to": attributed, but to nobody named


@dataclass(slots=True)
class Attribution:
    """Who (source) says (cue) what (content), as one article puts it.

    Chains ("Sky News, citing John Healey, as reported by European Pravda") are several
    attributions whose contents nest; the claims stage reads the chain from the nesting.
    """

    source: Span | None  # None when nobody is named (`NO_SOURCE`)
    cue: Span
    content: Span
    kind: str  # an `AttributionKind`
    speaker: str | None = None  # the source's name as normalised within the document or story
    anonymous: bool = False  # "sources familiar with the matter", "a person involved"

    def to_record(self) -> dict:
        return {
            "source": self.source.to_record() if self.source else None,
            "cue": self.cue.to_record(),
            "content": self.content.to_record(),
            "kind": self.kind,
            "speaker": self.speaker,
            "anonymous": self.anonymous,
        }


@dataclass(slots=True)
class Quote:
    """Words in quotation marks (marks excluded), with whoever the text says spoke them.

    The offsets index the article's `text`, or its `title` when `field` says so (a headline's
    '“Pure fiction”: Kremlin denies …' is often the only place a quote appears)."""

    start: int
    end: int
    text: str
    speaker: str | None = None
    field: str = "text"  # the `Article` field the offsets index: "text" or "title"


@dataclass(slots=True)
class Quantity:
    """A number with what it counts, normalised so equal quantities compare equal.

    `value` is in the unit's base form ("$6 billion" → 6e9, "USD"; "800-mile" → 1287.5, "km"),
    `counted` is the thing counted when there is no unit ("145 drones" → "drone").
    A parenthetical conversion ("six billion US dollars (around 5.6 billion euros)") is kept
    in `conversions` of the quantity it converts, never as a rival figure.
    """

    start: int
    end: int
    text: str
    value: float
    unit: str  # normalised unit, "" for a bare count
    counted: str | None = None
    approximate: bool = False  # "about", "around", "more than", "nearly" ...
    conversions: list[Quantity] = field(default_factory=list)
    # The range of values the text allows, in the same unit as `value`, when it gives one:
    # "more than 100" → (100, inf), "up to 100" → (0, 100), "10-15" → (10, 15),
    # "hundreds of" → (100, 1000). None: just `value` (within a tolerance if approximate).
    bounds: tuple[float, float] | None = None


class Stance:
    """How one mention stands toward its claim (DESIGN.md's mention stances)."""

    ASSERTS = "asserts"  # the outlet says it first-hand
    REPORTS = "reports"  # the outlet attributes it to someone
    DENIES = "denies"
    QUESTIONS = "questions"
    NO_COMMENT = "no_comment"


@dataclass(slots=True)
class Mention:
    """One sentence of one article telling (or denying) a claim.

    `attributed_to` is the attribution chain from the outlet outward to whoever stands
    first-hand behind the words ("European Pravda" → "Sky News" → "John Healey");
    `origins` are those first-hand sources after echo collapse (none for a copy, which adds none).
    """

    article: str
    sentence: Span
    stance: str
    attributed_to: list[str] = field(default_factory=list)
    hedged: bool = False
    origins: list[str] = field(default_factory=list)
    by: str | None = None  # for denials and refusals: who denies

    def to_record(self) -> dict:
        return {
            "article": self.article,
            "sentence": self.sentence.text,
            "start": self.sentence.start,
            "end": self.sentence.end,
            "stance": self.stance,
            "attributed_to": self.attributed_to,
            "hedged": self.hedged,
        }


@dataclass(slots=True)
class Claim:
    """One proposition told across a story's articles, with its mentions and its standing."""

    id: str
    text: str
    status: str
    mentions: list[Mention]
    origins: list[str]
    outlets: list[str]
    rejects: str | None = None  # the id of the claim this one calls false ("the report is a hoax")

    def to_record(self) -> dict:
        denials = [m for m in self.mentions if m.stance == Stance.DENIES]
        extra = {"rejects": self.rejects} if self.rejects else {}
        return {
            "id": self.id,
            "text": self.text,
            "status": self.status,
            "independent_origins": len(self.origins),
            "origins": self.origins,
            "outlets": self.outlets,
            "mentions": [m.to_record() for m in self.mentions],
            "denials": [{"by": m.by, "article": m.article, "sentence": m.sentence.text} for m in denials],
        } | extra


class DenialKind:
    """What a denial-like sentence does (the labels of the denial reader)."""

    DENIAL = "denial"  # someone rejects a proposition: denies it, calls it false, a hoax, fiction
    REFUSAL = "refusal"  # someone declines to confirm, deny or comment


@dataclass(slots=True)
class Denial:
    """One sentence in which someone rejects a proposition, or declines to confirm it.

    `by` names who denies as the text does ("the Kremlin", "Dmitry Peskov"), or "the outlet"
    when the article itself says the claim is untrue; `denied` is what is rejected: the
    complement of the act ("that a conversation took place") or its object ("the report").
    """

    sentence: Span
    kind: str  # a `DenialKind`
    by: str | None = None
    by_span: Span | None = None  # offsets into the article text, when the text names the denier
    denied: Span | None = None  # offsets into the article text
    score: float = 1.0  # the reader's confidence


@dataclass(slots=True)
class ArticleFindings:
    """What the claims stage found in one article, all with offsets into `article.text`."""

    article: Article
    sentences: list[Span]
    attributions: list[Attribution] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    denials: list[Denial] = field(default_factory=list)  # denial and refusal sentences, in text order
    copy_of: str | None = None  # the earlier article of the story this one copies near-verbatim
    wire: str | None = None  # the agency its dateline or signature names ("JAKARTA (Reuters) -"): its own origin
