"""Denial sentences on the labelled dev set: the trained reader against the cue-word reading.

    python bench/denials.py [--data ../shared/data] [--check] [--more-cues]

The dev set is the 480 FNC-1 train sentences of `denials/fnc1-train-denials.jsonl` plus our
PolNeAR train labels (`bench/labels/denials_polnear.jsonl`) and our labels of sentences without a
denial word (`bench/labels/denials_noword.jsonl`) and of the cue kinds added for full political
text (`bench/labels/denials_cues.jsonl`), all offsets and hashes only.
`--check` only verifies that every label's offsets and hash still fit the data (all label files);
`--more-cues` adds `bench/labels/denials_cues_more.jsonl` to the dev set (for a model trained with it).

Figures, cross-validated grouped by document (5 folds, C and denial threshold as shipped):
denial precision/recall/F1 and refusal precision/recall, beside the cue-word reading that
came before (`denial_cues` -> denial, `no_comment_cues` -> refusal); on the true denials the
reader also finds, who denies (loose name match) and what is denied (character overlap with
our PolNeAR spans; share of the paraphrase's words found for FNC-1). Then the shipped model
(trained on everything, so in-sample) and the reading time per candidate sentence.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "train"))
from denial_model import DATA, cross_validated, denial_scores, dev_items, read_items  # noqa: E402

from storylens.claims.denial_reader import (  # noqa: E402
    CLASSES, MODEL_FILE, reading_of, shipped_model,
)
from storylens.claims.denials import denial_cues, no_comment_cues  # noqa: E402
from storylens.model import Span  # noqa: E402

NAME_NOISE = frozenset("""the a an of for mr mrs ms dr sen rep gov his her their its s spokesman spokeswoman
    spokesperson official officials said""".split())


def check(items: list[dict]) -> int:
    bad = [item for item in items if not item["ok"]]
    for item in bad:
        print(f"label does not fit the data: {item['group']} {item['start']}-{item['end']}")
    by_source = {}
    for item in items:
        by_source.setdefault(label_set(item), []).append(item)
    for source, rows in by_source.items():
        labels = {label: sum(r["label"] == label for r in rows) for label in CLASSES}
        print(f"{source}: {len(rows)} labels from {len({r['group'] for r in rows})} documents {labels}")
    print(f"{len(items) - len(bad)} of {len(items)} labels fit the data")
    return 1 if bad else 0


def label_set(item: dict) -> str:
    """Which label file an item comes from: fnc1 (the 480), polnear, noword (ours, without a denial word)
    or cues and cues_more (ours, the cue kinds added for full political text)."""
    return item.get("set") or item["group"].split(":")[0]


def name_words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", name.lower().replace("’s", "").replace("'s", "")) if w not in NAME_NOISE}


def same_denier(found: str | None, gold: str | None) -> bool:
    if not found or not gold:
        return False
    if gold.lower() == "the outlet" or found == "the outlet":
        return gold.lower() == found
    return bool(name_words(found) & name_words(gold))


def overlap_f1(found: Span | None, gold: Span) -> float:
    if found is None:
        return 0.0
    shared = found.overlap(gold)
    if not shared:
        return 0.0
    precision, recall = shared / (found.end - found.start), shared / (gold.end - gold.start)
    return 2 * precision * recall / (precision + recall)


def words_found(found: Span | None, paraphrase: str) -> float:
    words = {w for w in re.findall(r"[a-z0-9]+", paraphrase.lower()) if len(w) > 3}
    if not words:
        return 0.0
    seen = set(re.findall(r"[a-z0-9]+", found.text.lower())) if found else set()
    return len(words & seen) / len(words)


def print_scores(title: str, items: list[dict], predicted: list[str]) -> None:
    scores = denial_scores(items, predicted)
    (dp, dr, df), (rp, rr, _) = scores[CLASSES[1]], scores[CLASSES[2]]
    print(f"{title:<34} denial P {dp:.3f} R {dr:.3f} F1 {df:.3f} | refusal P {rp:.3f} R {rr:.3f}")


def cue_reading(item: dict) -> str:
    sentence = item["text"][item["start"] : item["end"]]
    if denial_cues(sentence):
        return CLASSES[1]
    return CLASSES[2] if no_comment_cues(sentence) else CLASSES[0]


def roles(items: list[dict], readings: list) -> None:
    """Who denies and what is denied on the true denials that the reader also reads as denials."""
    by_hits = by_total = 0
    overlaps, paraphrases = [], []
    for item, denial in zip(items, readings):
        if item["label"] != CLASSES[1] or denial is None or denial.kind != CLASSES[1]:
            continue
        if item["by"]:
            by_total += 1
            by_hits += same_denier(denial.by, item["by"])
        if item["denied"] is not None:
            overlaps.append(overlap_f1(denial.denied, item["denied"]))
        elif item["denied_words"]:
            paraphrases.append(words_found(denial.denied, item["denied_words"]))
    print(f"  by: {by_hits}/{by_total} = {by_hits / max(by_total, 1):.3f} (loose name match)")
    if overlaps:
        hit = sum(o > 0 for o in overlaps) / len(overlaps)
        print(f"  denied (PolNeAR spans, {len(overlaps)}): overlap F1 {sum(overlaps) / len(overlaps):.3f}, "
              f"any overlap {hit:.3f}")
    if paraphrases:
        print(f"  denied (FNC-1 paraphrases, {len(paraphrases)}): share of their words in the span "
              f"{sum(paraphrases) / len(paraphrases):.3f}")


def reading(model, item: dict):
    if not item["triggers"] or model is None:
        return None
    sentence = Span(item["start"], item["end"], item["text"][item["start"] : item["end"]])
    return reading_of(model, item["text"], sentence, item["triggers"], item["attributions"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--check", action="store_true", help="only check the labels against the data")
    parser.add_argument("--more-cues", action="store_true", help="score on denials_cues_more.jsonl too")
    args = parser.parse_args()
    if not (args.data / "denials").exists() or not (args.data / "polnear").exists():
        print(f"dev data missing: {args.data} (needs denials/, fnc1/ and polnear/)")
        return 2
    items = dev_items(args.data, more_cues=args.more_cues or args.check)
    if args.check:
        return check(items)
    items = [item for item in items if item["ok"]]
    started = time.perf_counter()
    read_items(items)
    shipped = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    candidates = sum(bool(item["triggers"]) for item in items)
    print(f"dev set: {len(items)} sentences, {candidates} candidates; read (attributions + parse) in "
          f"{time.perf_counter() - started:.1f} s")
    print_scores("cue words (before)", items, [cue_reading(item) for item in items])
    folds = cross_validated(items, shipped)
    for source in ("fnc1", "polnear", "noword", "cues", "cues_more", "allsides", None):
        chosen = [i for i, item in enumerate(items) if source is None or label_set(item) == source]
        title = f"reader, 5-fold CV ({source or 'all'}, {len(chosen)})"
        print_scores(title, [items[i] for i in chosen], [folds[i][0] for i in chosen])
    roles(items, [reading(model, item) for item, (_, model) in zip(items, folds)])
    model = shipped_model()
    shipped_readings = [reading(model, item) for item in items]
    print_scores("shipped model (in-sample)", items, [d.kind if d else CLASSES[0] for d in shipped_readings])
    roles(items, shipped_readings)
    time_reading(items)
    return 0


def time_reading(items: list[dict]) -> None:
    from storylens.claims.denial_reader import read_candidates

    texts = [item["text"] for item in items if item["triggers"]]
    sentences = [[Span(item["start"], item["end"], item["text"][item["start"] : item["end"]])]
                 for item in items if item["triggers"]]
    attributions = [item["attributions"] for item in items if item["triggers"]]
    started = time.perf_counter()
    count = sum(1 for _ in read_candidates(texts, sentences, attributions))
    seconds = time.perf_counter() - started
    print(f"reading time: {1000 * seconds / max(count, 1):.2f} ms per candidate sentence "
          f"({count} parsed with features; machine shared, indicative only)")


if __name__ == "__main__":
    sys.exit(main())
