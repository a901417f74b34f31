"""Train the denial reader and write src/storylens/claims/denial_model.json.

    python train/denial_model.py [--data ../shared/data] [--more-cues]

The dev set is every labelled denial-like sentence we have: the 480 FNC-1 train sentences of
`denials/fnc1-train-denials.jsonl` (read from the shared folder, never copied) and our own
PolNeAR train labels, `bench/labels/denials_polnear.jsonl` (offsets and hashes only).
1. Each text is read as the claims stage reads it: attributions, speakers normalised, then the
   labelled sentence's triggers and their features from the parse (cached under /tmp).
2. A multinomial logistic regression (class-weighted: refusals are few) over the closed
   feature set of claims/denial_features.py; C and the denial threshold are chosen on
   out-of-fold predictions of document-grouped 5-fold CV (never train and test on one body).
3. Refits on everything and ships the weights as plain JSON arrays, names included.
Sentences without a denial word (read for rejecting words and negations) get a model of their
own, chosen and fitted the same way on those sentences only, shipped under "no_word".
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from storylens.claims.attribution import attributions_of_texts
from storylens.claims.denial_triggers import NO_WORD_FAMILIES, has_denial_word
from storylens.claims.denial_reader import (
    CLASSES, MODEL_FILE, DenialModel, decide, probabilities, read_candidates, sentence_features,
)
from storylens.claims.speakers import normalise_speakers
from storylens.model import Span

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
POLNEAR_LABELS = REPO / "bench" / "labels" / "denials_polnear.jsonl"
NOWORD_LABELS = REPO / "bench" / "labels" / "denials_noword.jsonl"
# Sentences holding the cue kinds added for full political text ("pushed back", "contradicted",
# "wrong", "a lie", "no evidence", "misrepresented", "not the case"), PolNeAR train.
CUES_LABELS = REPO / "bench" / "labels" / "denials_cues.jsonl"
# 144 more of those kinds (62 PolNeAR train sentences outside polnear-full's articles, 82 FNC-1 train
# body sentences; 65 denials), trained on only with --more-cues: with them (C 1.0, threshold 0.50)
# CV rose (FNC-1 .927/.865 -> .933/.886, PolNeAR .819/.800 -> .812/.812) and the triplets' denial F1
# .513 -> .524, but polnear-full fell .485 -> .462 ("misleading criticisms" 0.56 -> 0.47) and the
# triplets' main claim .533 -> .500, so the shipped model is trained without them.
MORE_CUES_LABELS = REPO / "bench" / "labels" / "denials_cues_more.jsonl"
# Political news in the held-out's shape: every denial-like sentence of 508 random AllSides train
# stories (title and lead of 3 outlets) and 62 of their sentences with a negation and no such word.
# Retrained with them and the copula senses (C 1.0, threshold 0.62 held to P .90 on FNC-1 + PolNeAR):
# the triplets' denial F1 rose .513 -> .527 (P .787 -> .817), but polnear-full fell .485 -> .478 (one more
# false denial), rumours dev false disputes rose 0.274 -> 0.290 and PolNeAR CV recall .800 -> .718 (the
# threshold rose 0.53 -> 0.62). Held to P .90 on FNC-1 alone instead (C 0.3, threshold 0.46, out-of-fold
# F1 .793), with the judge's denied-thing and "declined to" rules in place, every end-to-end dev measure
# rose: polnear-full .485 -> .514, the triplets' denial sentences .516 -> .551 and main claim .566 -> .582,
# rumours dev false disputes 0.242 -> 0.226 (recall 1.000, linked .769 both). The price is on the labelled
# sentences alone: FNC-1 CV .927/.865 -> .896/.893, PolNeAR .819/.800 -> .793/.812. That model is shipped.
# (Without the judge's rules the triplets' main claim fell .542 -> .508 with it.)
ALLSIDES_LABELS = REPO / "bench" / "labels" / "denials_allsides.jsonl"
# 100 more AllSides train lead sentences with a negation and a saying verb and no denial word (stories
# of none of the labels above; 6 denials: "said he's not flip-flopping", "'Not at all,' Trump told
# reporters when asked if his tweets were racist"), for the no-word model: the plain negations of
# political news ("has no plans to", "will not seek re-election", "is not a fan of") that it read as denials.
ALLSIDES_NOWORD_LABELS = REPO / "bench" / "labels" / "denials_allsides_noword.jsonl"
FOLDS = 5
C_GRID = (0.1, 0.3, 1.0, 3.0)
MIN_PRECISION = 0.90  # the target: a denial the reader reports is a denial 9 times in 10
# The no-word model reaches 0.90 at no threshold (out of fold, 57 denials of 252): at its best-F1
# threshold (0.48, P .48 R .69) the AllSides val triplets' denies precision fell from .82 to .63,
# nearly all of the new false denials plain negation; held to 0.60 it reads fewer, surer ones.
NO_WORD_MIN_PRECISION = 0.60


def sha1_10(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def fnc1_items(data: Path) -> list[dict]:
    with open(data / "fnc1" / "train_bodies.csv", encoding="utf-8", newline="") as handle:
        bodies = {int(row["Body ID"]): row["articleBody"] for row in csv.DictReader(handle)}
    items = []
    for line in open(data / "denials" / "fnc1-train-denials.jsonl", encoding="utf-8"):
        row = json.loads(line)
        text = bodies[row["body_id"]]
        items.append({"group": f"fnc1:{row['body_id']}", "text": text, "start": row["start"], "end": row["end"],
                      "label": row["label"], "by": row["by"] or None, "by_span": None, "denied": None,
                      "denied_words": row["denied"], "ok": text[row["start"] : row["end"]] == row["sentence"]})
    return items


def polnear_items(data: Path) -> list[dict]:
    items, texts = [], {}
    for line in open(POLNEAR_LABELS, encoding="utf-8"):
        row = json.loads(line)
        path = data / "polnear" / "train" / "text" / row["file"]
        text = texts.setdefault(row["file"], path.read_text(encoding="utf-8") if path.exists() else "")
        by = row["by"]
        by_span = Span(by[0], by[1], text[by[0] : by[1]]) if isinstance(by, list) else None
        denied = Span(row["denied"][0], row["denied"][1], text[row["denied"][0] : row["denied"][1]]) \
            if row["denied"] else None
        items.append({"group": f"polnear:{row['file']}", "text": text, "start": row["start"], "end": row["end"],
                      "label": row["label"], "by": by_span.text if by_span else by, "by_span": by_span,
                      "denied": denied, "denied_words": denied.text if denied else "",
                      "ok": sha1_10(text[row["start"] : row["end"]]) == row["sha1"]
                      and all(0 <= a < b <= len(text) for a, b in [(row["start"], row["end"])]
                              + [tuple(x) for x in (by, row["denied"]) if isinstance(x, list)])})
    return items


def noword_items(data: Path, labels: Path = NOWORD_LABELS, name: str = "noword") -> list[dict]:
    """Our labels of sentences without a denial word (`set` "noword"), or of the new cue kinds
    (`labels` CUES_LABELS, `set` "cues"); grouped by document with the rest."""
    if not labels.exists():
        return []
    with open(data / "fnc1" / "train_bodies.csv", encoding="utf-8", newline="") as handle:
        bodies = {int(row["Body ID"]): row["articleBody"] for row in csv.DictReader(handle)}
    items = []
    for line in open(labels, encoding="utf-8"):
        row = json.loads(line)
        if row["source"] == "fnc1":
            group, text = f"fnc1:{row['body_id']}", bodies.get(row["body_id"], "")
        else:
            path = data / "polnear" / "train" / "text" / row["file"]
            group, text = f"polnear:{row['file']}", path.read_text(encoding="utf-8") if path.exists() else ""
        items.append({"group": group, "set": name, "text": text, "start": row["start"], "end": row["end"],
                      "label": row["label"], "by": row["by"], "by_span": None, "denied": None, "denied_words": "",
                      "ok": sha1_10(text[row["start"] : row["end"]]) == row["sha1"]})
    return items


def allsides_items(data: Path, labels: Path = ALLSIDES_LABELS) -> list[dict]:
    """Our labels of AllSides train titles and leads (`set` "allsides"), grouped by story so that no
    fold trains on one outlet's telling and tests on another's."""
    if not labels.exists():
        return []
    path = data / "allsides" / "train.jsonl"
    fields = {}
    if path.exists():
        for line in open(path, encoding="utf-8"):
            row = json.loads(line)
            fields[(row["id"], "title")], fields[(row["id"], "text")] = row["title"] or "", row["text"] or ""
    items = []
    for line in open(labels, encoding="utf-8"):
        row = json.loads(line)
        text = fields.get((row["item"], row["field"]), "")
        by = row["by"]
        items.append({"group": f"allsides:{row['story']}", "set": "allsides", "text": text, "start": row["start"],
                      "end": row["end"], "label": row["label"], "by": text[by[0]:by[1]] if isinstance(by, list) else by,
                      "by_span": None, "denied": Span(row["denied"][0], row["denied"][1],
                                                      text[row["denied"][0]:row["denied"][1]]) if row["denied"] else None,
                      "denied_words": "", "ok": sha1_10(text[row["start"]:row["end"]]) == row["sha1"]})
    return items


def dev_items(data: Path = DATA, more_cues: bool = False, allsides: bool = True) -> list[dict]:
    items = fnc1_items(data) + polnear_items(data) + noword_items(data) + noword_items(data, CUES_LABELS, "cues")
    items += allsides_items(data) + allsides_items(data, ALLSIDES_NOWORD_LABELS) if allsides else []
    return items + (noword_items(data, MORE_CUES_LABELS, "cues_more") if more_cues else [])


def read_items(items: list[dict]) -> list[dict]:
    """Adds `triggers` (the reader's candidates, [] when the sentence holds none) and `attributions`."""
    texts = sorted({item["text"] for item in items})
    number = {text: i for i, text in enumerate(texts)}
    attributions = list(attributions_of_texts(texts))
    for text, found in zip(texts, attributions):
        normalise_speakers([text], [found])
    sentences: list[list[Span]] = [[] for _ in texts]
    for item in items:
        sentences[number[item["text"]]].append(Span(item["start"], item["end"], item["text"][item["start"]:item["end"]]))
    readings = {(n, s.start): triggers for n, s, triggers in read_candidates(texts, sentences, attributions)}
    for item in items:
        n = number[item["text"]]
        item["triggers"] = readings.get((n, item["start"]), [])
        item["attributions"] = attributions[n]
    return items


def fit(features: list[dict], labels: list[str], c: float) -> DenialModel:
    names = sorted({name for f in features for name in f})
    column = {name: i for i, name in enumerate(names)}
    x = np.zeros((len(features), len(names)))
    for row, f in enumerate(features):
        for name, value in f.items():
            x[row, column[name]] = value
    y = np.array([CLASSES.index(label) for label in labels])
    if len(set(y)) < 2:
        raise ValueError("at least two classes need training examples")
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit(x, y)
    # A class without examples (refusals are 2 of the no-word labels; a fold may hold none) is never read.
    weights, bias = [[0.0] * len(names) for _ in CLASSES], [-30.0] * len(CLASSES)
    rows = model.coef_ if len(model.classes_) > 2 else np.array([-model.coef_[0], model.coef_[0]]) / 2
    intercepts = model.intercept_ if len(model.classes_) > 2 else np.array([-model.intercept_[0], model.intercept_[0]]) / 2
    for row, kind, intercept in zip(rows, model.classes_, intercepts):
        weights[kind], bias[kind] = row.tolist(), float(intercept)
    return DenialModel(column, weights, bias, 0.5)


def reads_without_word(item: dict) -> bool:
    """Whether the item is read by the no-word model (its triggers are rejecting words or negations)."""
    return bool(item["triggers"]) and all(t.family in NO_WORD_FAMILIES for t in item["triggers"])


def subsets(items: list[dict]) -> dict[str, list[int]]:
    """Item indices by the model that reads them: "word" (and the unread), "no_word"."""
    return {"word": [i for i, item in enumerate(items) if not reads_without_word(item)],
            "no_word": [i for i, item in enumerate(items) if reads_without_word(item)]}


def cross_validated(items: list[dict], shipped: dict) -> list[tuple[str, DenialModel | None]]:
    """(predicted label, the fold's model) per item, each subset read by its own model with the
    shipped C and threshold, from folds that never saw the item's document."""
    found: list[tuple] = [(CLASSES[0], None)] * len(items)
    settings = {"word": shipped, "no_word": shipped.get("no_word")}
    for name, indices in subsets(items).items():
        if not settings[name] or not any(items[i]["triggers"] for i in indices):
            continue
        chosen = [items[i] for i in indices]
        for i, (p, model) in zip(indices, out_of_fold_models(chosen, settings[name]["C"])):
            if p is None:
                continue
            model = model._replace(threshold=settings[name]["threshold"])
            found[i] = (decide(model, p), model if name == "word" else DenialModel({}, [], [], 1.0, no_word=model))
    return found


def out_of_fold(items: list[dict], c: float) -> list[list[float] | None]:
    """P(class) for each item from a model that never saw its document (None: no trigger)."""
    return [p for p, _ in out_of_fold_models(items, c)]


def out_of_fold_models(items: list[dict], c: float) -> list[tuple[list[float] | None, DenialModel | None]]:
    """(P(class), the fold's model) for each item, the model trained without the item's document."""
    readable = [i for i, item in enumerate(items) if item["triggers"]]
    groups = [items[i]["group"] for i in readable]
    found: list[tuple] = [(None, None)] * len(items)
    for train, test in GroupKFold(n_splits=FOLDS).split(readable, groups=groups):
        rows = [readable[k] for k in train]
        model = fit([sentence_features(items[i]["triggers"]) for i in rows], [items[i]["label"] for i in rows], c)
        for k in test:
            found[readable[k]] = (probabilities(model, sentence_features(items[readable[k]]["triggers"])), model)
    return found


def denial_scores(items: list[dict], predicted: list[str]) -> dict[str, float]:
    out = {}
    for kind in (CLASSES[1], CLASSES[2]):
        tp = sum(p == kind and item["label"] == kind for p, item in zip(predicted, items))
        said = sum(p == kind for p in predicted)
        true = sum(item["label"] == kind for item in items)
        precision, recall = tp / max(said, 1), tp / max(true, 1)
        out[kind] = (precision, recall, 2 * precision * recall / max(precision + recall, 1e-9))
    return out


def predictions(probs: list[list[float] | None], threshold: float) -> list[str]:
    model = DenialModel({}, [], [], threshold)
    return [decide(model, p) if p is not None else CLASSES[0] for p in probs]


# The threshold is held to MIN_PRECISION on the sentences chosen for their denial words (FNC-1's 480
# and our PolNeAR ones), as before, while the new cue kinds' labels only train: held to it over all of
# them, the threshold rose 0.51 -> 0.64 and PolNeAR's CV recall fell .812 -> .776 (FNC-1 .886 -> .829).
# Held to it on FNC-1 alone since the AllSides labels train too (see ALLSIDES_LABELS for the figures).
PRECISION_SETS = ("fnc1",)


def precision_items(items: list[dict], sets: tuple[str, ...] | None) -> list[int]:
    """Indices of the items the threshold is tuned on: those of `sets` (None: all of them)."""
    if sets is None:
        return list(range(len(items)))
    return [i for i, item in enumerate(items) if (item.get("set") or item["group"].split(":")[0]) in sets]


def best_threshold(items: list[dict], probs: list[list[float] | None], least: float = MIN_PRECISION,
                   sets: tuple[str, ...] | None = PRECISION_SETS) -> float:
    """The lowest denial threshold whose out-of-fold precision on `precision_items` reaches `least`
    (best F1 if none does)."""
    tuned = precision_items(items, sets)
    items, probs = [items[i] for i in tuned], [probs[i] for i in tuned]
    scored = [(t, denial_scores(items, predictions(probs, t))[CLASSES[1]]) for t in np.arange(0.30, 0.96, 0.01)]
    good = [(t, s) for t, s in scored if s[0] >= least]
    return round(float(min(good)[0] if good else max(scored, key=lambda ts: ts[1][2])[0]), 2)


def choose(items: list[dict], least: float = MIN_PRECISION, sets: tuple[str, ...] | None = PRECISION_SETS
           ) -> tuple[float, float, list]:
    """(C, threshold, out-of-fold probabilities) with the best out-of-fold denial F1."""
    best = None
    for c in C_GRID:
        probs = out_of_fold(items, c)
        threshold = best_threshold(items, probs, least, sets)
        f1 = denial_scores(items, predictions(probs, threshold))[CLASSES[1]][2]
        print(f"  C={c}: threshold {threshold:.2f}, out-of-fold denial F1 {f1:.3f}", file=sys.stderr)
        if best is None or f1 > best[0]:
            best = (f1, c, threshold, probs)
    return best[1], best[2], best[3]


def model_data(model: DenialModel, threshold: float, c: float, counts: dict) -> dict:
    names = sorted(model.features, key=model.features.get)
    return {"classes": list(CLASSES), "features": names, "threshold": threshold,
            "weights": [[round(w, 5) for w in row] for row in model.weights],
            "bias": [round(b, 5) for b in model.bias], "trained_on": counts, "C": c}


def trained(items: list[dict], least: float = MIN_PRECISION, sets: tuple[str, ...] | None = PRECISION_SETS) -> dict:
    """C and threshold chosen out of fold, then the weights fitted on every readable item."""
    c, threshold, _ = choose(items, least, sets)
    readable = [item for item in items if item["triggers"]]
    model = fit([sentence_features(i["triggers"]) for i in readable], [i["label"] for i in readable], c)
    counts = defaultdict(int)
    for item in readable:
        counts[item["label"]] += 1
    print(f"  {len(model.features)} features, {len(readable)} sentences ({dict(counts)}): C={c}, threshold {threshold}",
          file=sys.stderr)
    return model_data(model, threshold, c, dict(counts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--more-cues", action="store_true", help="train on bench/labels/denials_cues_more.jsonl too")
    parser.add_argument("--no-allsides", action="store_true", help="leave out bench/labels/denials_allsides.jsonl")
    parser.add_argument("--precision-sets", nargs="+", default=list(PRECISION_SETS),
                        help="the label sets whose out-of-fold precision the threshold is held to")
    parser.add_argument("--out", type=Path, default=MODEL_FILE, help="where to write the weights")
    parser.add_argument("--no-word-only", action="store_true",
                        help="keep the shipped model of sentences with a denial word; refit only the no-word model")
    args = parser.parse_args()
    items = [item for item in dev_items(args.data, args.more_cues, not args.no_allsides) if item["ok"]]
    if args.no_word_only:  # the other sentences, most of the parsing, only train the model kept
        items = [item for item in items if not has_denial_word(item["text"][item["start"]:item["end"]])]
    read_items(items)
    parts = subsets(items)
    if args.no_word_only:
        data = {name: value for name, value in json.loads(MODEL_FILE.read_text(encoding="utf-8")).items()
                if name != "no_word"}
    else:
        print("sentences with a denial word:", file=sys.stderr)
        data = trained([items[i] for i in parts["word"]], sets=tuple(args.precision_sets))
    print("sentences without one (rejecting words, negations in attributed sentences):", file=sys.stderr)
    data["no_word"] = trained([items[i] for i in parts["no_word"]], NO_WORD_MIN_PRECISION, sets=None)
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out.name}: {data['trained_on']} (C={data['C']}, threshold {data['threshold']}); "
          f"no-word model {data['no_word']['trained_on']} (C={data['no_word']['C']}, "
          f"threshold {data['no_word']['threshold']})")


if __name__ == "__main__":
    main()
