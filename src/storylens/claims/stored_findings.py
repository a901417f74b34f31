"""An article's per-article findings as JSON, and back: what a scaled-out ingest stores for each
document (`document_findings`) so that the dossier stage does not parse the article again.

`findings_from_record(article, findings_record(found)) == found` for every findings (tested).
A record is read back only for the very text it was made from (a hash of the text), and only
in this format: a record an older version wrote, or a text the store changed (PostgreSQL keeps
a NUL as U+FFFD), gives None, and the caller parses the article afresh.
"""
from __future__ import annotations

import hashlib

from storylens.model import Article, ArticleFindings, Attribution, Denial, Quantity, Quote, Span

FORMAT = 2  # 1: the first resumable ingest's records (speakers named per article, no sentences)


def findings_record(found: ArticleFindings) -> dict:
    """The findings as JSON-ready values: offsets into the article's text (a title quote's into its title)."""
    text = found.article.text
    return {
        "format": FORMAT,
        "text": text_digest(text),
        "sentences": [_span_record(span, text) for span in found.sentences],
        "attributions": [{"source": _span_record(a.source, text), "cue": _span_record(a.cue, text),
                          "content": _span_record(a.content, text), "kind": a.kind, "speaker": a.speaker,
                          "anonymous": a.anonymous} for a in found.attributions],
        "quotes": [{"start": q.start, "end": q.end, "text": q.text, "speaker": q.speaker, "field": q.field}
                   for q in found.quotes],
        "quantities": [_quantity_record(q) for q in found.quantities],
        "denials": [{"sentence": _span_record(d.sentence, text), "kind": d.kind, "by": d.by,
                     "by_span": _span_record(d.by_span, text), "denied": _span_record(d.denied, text),
                     "score": d.score} for d in found.denials],
        "copy_of": found.copy_of,
        "wire": found.wire,
    }


def findings_from_record(article: Article, record: dict | None) -> ArticleFindings | None:
    """The findings `findings_record` stored for this article's text; None when the record is of
    another format or another text."""
    if not isinstance(record, dict) or record.get("format") != FORMAT or record.get("text") != text_digest(article.text):
        return None
    text = article.text
    return ArticleFindings(
        article=article,
        sentences=[_span(pair, text) for pair in record["sentences"]],
        attributions=[_attribution(item, text) for item in record["attributions"]],
        quotes=[Quote(q["start"], q["end"], q["text"], q["speaker"], q["field"]) for q in record["quotes"]],
        quantities=[_quantity(q) for q in record["quantities"]],
        denials=[Denial(_span(d["sentence"], text), d["kind"], d["by"], _span(d["by_span"], text),
                        _span(d["denied"], text), d["score"]) for d in record["denials"]],
        copy_of=record["copy_of"],
        wire=record["wire"],
    )


def text_digest(text: str) -> str:
    """The exact text's hash (not `text_hash`, which folds case and spaces: offsets need the very text)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _span_record(span: Span | None, text: str) -> list | None:
    """[start, end] for a stretch of the text (its words are the text's: a content span is most
    of a record); [start, end, words] for a span whose words are not `text[start:end]`."""
    if span is None:
        return None
    return [span.start, span.end] if text[span.start:span.end] == span.text else [span.start, span.end, span.text]


def _span(item: list | None, text: str) -> Span | None:
    if item is None:
        return None
    return Span(item[0], item[1], item[2] if len(item) > 2 else text[item[0]:item[1]])


def _attribution(item: dict, text: str) -> Attribution:
    return Attribution(source=_span(item["source"], text), cue=_span(item["cue"], text),
                       content=_span(item["content"], text), kind=item["kind"], speaker=item["speaker"],
                       anonymous=item["anonymous"])


def _quantity_record(q: Quantity) -> dict:
    return {"start": q.start, "end": q.end, "text": q.text, "value": q.value, "unit": q.unit, "counted": q.counted,
            "approximate": q.approximate, "conversions": [_quantity_record(c) for c in q.conversions],
            "bounds": list(q.bounds) if q.bounds is not None else None}


def _quantity(item: dict) -> Quantity:
    return Quantity(item["start"], item["end"], item["text"], item["value"], item["unit"], item["counted"],
                    item["approximate"], [_quantity(c) for c in item["conversions"]],
                    tuple(item["bounds"]) if item["bounds"] is not None else None)
