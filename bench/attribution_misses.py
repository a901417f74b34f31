"""Why gold attribution cues are missed, by class, on a PolNeAR split (train by default).

    python bench/attribution_misses.py [--split train|dev] [--rows 30] [--data ../shared/data/polnear]

Every gold cue falls in one class: first, a cue that a rule needing no parse finds (a "Name:"
line or a dash-signed quotation, claims/attribution_lines.py: its dash has no key word a model
could score) is "read without a parse"; else its key word (its main verb, else "according", as
train/attribution_model.py marks it) is classed in the order the extractor meets it:
- "no key word": the cue holds no word in any parsed sentence;
- "sentence not parsed": its sentence holds no trigger word nor quotation mark (cues.trigger_offsets);
- "not a candidate word": parsed, but `cues.is_candidate` never asks the model about it;
- "below threshold": asked, and the model's probability is under the shipped cue floor
  (claims/attribution_rerank.json; on train the model has seen these words: the count is a
  floor of what CV would give);
- "scored a cue": the model takes it (the reranker may still drop it, or it may lose its
  content or source later).
For the first three classes the key words are printed by crude stem with counts, so the
candidate vocabulary can be widened from the data. Reads the parse cache of train/attribution_polnear.py.
Reads ../shared/data; says so and exits 0 when it is missing.
"""
from __future__ import annotations

import argparse
import bisect
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "train"))
from attribution_model import key_token  # noqa: E402
from attribution_polnear import load_split, parsed_sentences  # noqa: E402

from storylens.claims.attribution_lines import colon_attributions, dash_attributions  # noqa: E402
from storylens.claims.attribution_rerank import reranker  # noqa: E402
from storylens.claims.attribution_sources import cited_source, no_source_frame  # noqa: E402
from storylens.claims.cues import cue_features, cue_probability, is_candidate, stem, trigger_offsets  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CLASSES = ("read without a parse", "no key word", "sentence not parsed", "not a candidate word", "below threshold", "scored a cue")


def key_of(gold, sentences_of_article):
    """(sentence start, key token) of a gold cue, or None."""
    inside = [(start, token) for start, doc in sentences_of_article for token in doc
              if any(a <= start + token.idx < b for a, b in gold.cue)]
    key = key_token([token for _, token in inside])
    return next(((start, token) for start, token in inside if token is key), None) if key is not None else None


def miss_class(article_text: str, offsets: list[int], start: int, token) -> str:
    end = start + len(token.doc.text)
    at = bisect.bisect_left(offsets, start)
    if not (at < len(offsets) and offsets[at] < end):
        return "sentence not parsed"
    if not is_candidate(token):
        return "not a candidate word"
    forced = no_source_frame(token) or cited_source(token) is not None
    if not forced and cue_probability(cue_features(token)) < reranker()["cue_threshold"]:
        return "below threshold"
    return "scored a cue"


def classify(articles, sentences) -> tuple[Counter, dict[str, Counter]]:
    by_article = defaultdict(list)
    for owner, start, doc in sentences:
        by_article[owner].append((start, doc))
    counts, words = Counter(), defaultdict(Counter)
    for owner, article in enumerate(articles):
        offsets = trigger_offsets(article.text)
        line_cues = [a.cue for a in colon_attributions(article.text) + dash_attributions(article.text)]
        for gold in article.attributions:
            if any(a < cue.end and cue.start < b for cue in line_cues for a, b in gold.cue):
                counts["read without a parse"] += 1
                continue
            found = key_of(gold, by_article[owner])
            name = "no key word" if found is None else miss_class(article.text, offsets, *found)
            counts[name] += 1
            if found is not None:
                words[name][stem(found[1].lower_)] += 1
    return counts, words


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "polnear")
    parser.add_argument("--split", default="train", choices=("train", "dev"))
    parser.add_argument("--rows", type=int, default=30)
    args = parser.parse_args()
    if not (args.data / args.split / "text").is_dir():
        print(f"PolNeAR {args.split} not found under {args.data}; nothing to measure.")
        return 0
    articles = load_split(args.data / args.split)
    counts, words = classify(articles, parsed_sentences(articles, f"polnear_{args.split}"))
    print(f"PolNeAR {args.split}: {len(articles)} articles, {sum(counts.values())} gold cues by class")
    for name in CLASSES:
        print(f"  {counts[name]:5d}  {name}")
    for name in ("sentence not parsed", "not a candidate word", "below threshold"):
        print(f"== {name}: key words by stem")
        print("   " + ", ".join(f"{word} {n}" for word, n in words[name].most_common(args.rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
