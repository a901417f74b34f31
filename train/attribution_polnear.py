"""Reading PolNeAR (brat standoff) for train/attribution_model.py and bench/attribution.py.

One annotation file per article, the first in name order, as the corpus README suggests.
Parses of every sentence are cached under /tmp/attr_cache/ so repeated runs skip spaCy.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

CACHE = Path("/tmp/attr_cache")


@dataclass
class GoldAttribution:
    kind: str  # "Attribution" or "Attribution-no-source"
    cue: list[tuple[int, int]]
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class GoldArticle:
    name: str
    text: str
    attributions: list[GoldAttribution]
    sources: list[list[tuple[int, int]]]  # every Source span, including ones no event uses


def load_split(folder: Path) -> list[GoldArticle]:
    articles = []
    for text_file in sorted((folder / "text").glob("*.txt")):
        pattern = re.compile(re.escape(text_file.stem) + r"_[0-9a-f]{4}\.ann")
        annotations = sorted(p for p in (folder / "attributions").glob(text_file.stem + "_*.ann") if pattern.fullmatch(p.name))
        if annotations:
            articles.append(read_article(text_file, annotations[0]))
    return articles


def read_article(text_file: Path, annotation_file: Path) -> GoldArticle:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events = []
    for line in annotation_file.read_text(encoding="utf-8").split("\n"):
        fields = line.split("\t")
        if re.fullmatch(r"T\d+", fields[0]) and len(fields) >= 2:
            kind, offsets = fields[1].split(" ", 1)
            spans[fields[0]] = (kind, [tuple(map(int, part.split())) for part in offsets.split(";")])
        elif re.fullmatch(r"E\d+", fields[0]) and len(fields) >= 2:
            events.append(dict(role.split(":", 1) for role in fields[1].split()))
    attributions = []
    for roles in events:
        trigger = roles.get("Attribution") or roles.get("Attribution-no-source")
        if trigger is None or "Cue" not in roles or "Content" not in roles:
            continue
        kind = "Attribution" if "Attribution" in roles else "Attribution-no-source"
        source = spans[roles["Source"]][1] if "Source" in roles else []
        attributions.append(GoldAttribution(kind, spans[roles["Cue"]][1], spans[roles["Content"]][1], source))
    sources = [fragments for kind, fragments in spans.values() if kind == "Source"]
    return GoldArticle(text_file.stem, text_file.read_text(encoding="utf-8"), attributions, sources)


def parsed_sentences(articles: list[GoldArticle], cache_name: str):
    """[(article index, sentence start, Doc)] for every sentence of every article, cached."""
    from spacy.tokens import DocBin

    from storylens.claims.attribution import _parse, sentence_spans
    from storylens.enrich.nlp import english

    nlp = english(entities=False)
    docs_file, index_file = CACHE / f"{cache_name}.spacy", CACHE / f"{cache_name}.json"
    if docs_file.exists() and index_file.exists():
        index = json.loads(index_file.read_text())
        docs = list(DocBin().from_disk(docs_file).get_docs(nlp.vocab))
        return [(a, s, d) for (a, s), d in zip(index, docs)]
    texts = [article.text for article in articles]
    candidates = [(number, span) for number, text in enumerate(texts) for span in sentence_spans(text)]
    bin_, index, out = DocBin(), [], []
    for doc, (owner, (start, _)) in _parse(texts, candidates):
        bin_.add(doc)
        index.append((owner, start))
        out.append((owner, start, doc))
    CACHE.mkdir(parents=True, exist_ok=True)
    bin_.to_disk(docs_file)
    index_file.write_text(json.dumps(index))
    return out
