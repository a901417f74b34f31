"""Learn the attribution reranker from PolNeAR train; writes src/storylens/claims/attribution_rerank.json.

    python train/attribution_rerank.py [--data ../shared/data/polnear] [--floors 0.3 0.35] [--c 0.3]

1. For each of the five folds of train articles, fits the cue model without them (as
   train/cue_threshold.py does) and runs the extractor over their sentences (the parse cache of
   train/attribution_polnear.py, the sentences holding a trigger word), keeping every cue the
   held-out cue model scores at least the lowest floor. Each attribution it reads is a row: the
   reranker's features (claims/attribution_rerank.py) and whether, once finished as
   bench/attribution.py scores it, it matches a gold attribution (its content and its source overlap).
   So the reranker learns from the cue model's real mistakes on articles it did not see.
2. Cross-validates a logistic regression over the rows by the same folds, and scores the whole
   extractor on train at each pair (cue floor, reranker threshold) as bench/attribution.py does,
   dropping the attributions the pair rejects. The pair with the best sum of attribution F1 and
   source F1 is shipped, with the weights fitted on every row (train/attribution_model.fitted_weights).
Only the train split is read; dev is for bench/attribution.py.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from attribution import attribution_edge, merged_siblings, prf, score, without_told_outlets  # noqa: E402
from attribution_model import FOLDS, fitted_weights, fold_of, labelled_train  # noqa: E402
from cue_threshold import held_out_model, install  # noqa: E402

from storylens.claims import attribution as extractor  # noqa: E402
from storylens.claims.attribution_rerank import RERANK_FILE, checked, rerank_features, reranker  # noqa: E402
from storylens.claims.cues import cue_model, trigger_offsets  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def fold_rows(articles, sentences, held: int, floor: float):
    """(rows, finished) for the articles of fold `held`: rows are (article, cue start, features,
    cue probability, label); finished is {article: its attributions as the bench scores them}."""
    reranker()["cue_threshold"] = floor
    rows, found = {}, {}

    def record(owner):
        def keep(cue, attribution, offset, probability):
            rows[(owner, offset + cue.idx)] = (rerank_features(cue, attribution, offset, probability), probability)
            return True
        return keep

    offsets = {owner: trigger_offsets(a.text) for owner, a in enumerate(articles) if fold_of(owner) == held}
    for owner, start, doc in sentences:
        if owner not in offsets:
            continue
        end = start + len(doc.text)
        if not any(start <= o < end for o in offsets[owner]):
            continue  # the extractor would not parse it
        found.setdefault(owner, []).extend(extractor.attributions_in_sentence(doc, start, articles[owner].text,
                                                                              keep=record(owner)))
    finished = {}
    for owner in offsets:
        text = articles[owner].text
        attributions = found.get(owner, []) + extractor.colon_attributions(text) + extractor.dash_attributions(text)
        finished[owner] = without_told_outlets(merged_siblings(extractor.finish(text, attributions)))
    labelled = []
    for (owner, cue_start), (features, probability) in rows.items():
        mine = [a for a in finished[owner] if a.cue.start == cue_start]
        gold = articles[owner].attributions
        edge = attribution_edge(mine, gold)
        label = any(edge(p, g) for p in range(len(mine)) for g in range(len(gold)))
        labelled.append((owner, cue_start, features, probability, int(label)))
    return labelled, finished


def fitted(rows, c: float):
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([r[2] for r in rows])
    return vectorizer, LogisticRegression(C=c, max_iter=3000).fit(x, [r[4] for r in rows])


def kept(finished, probabilities, floor: float, threshold: float):
    """The finished attributions a (floor, threshold) pair keeps; unscored ones (forced cues, lines) stay."""
    out = {}
    for owner, attributions in finished.items():
        out[owner] = [a for a in attributions if (owner, a.cue.start) not in probabilities
                      or (probabilities[(owner, a.cue.start)][0] >= floor
                          and probabilities[(owner, a.cue.start)][1] >= threshold)]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "polnear")
    parser.add_argument("--floors", type=float, nargs="+", default=[0.2, 0.25, 0.3, 0.35, 0.42])
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5])
    parser.add_argument("--c", type=float, default=0.3)
    parser.add_argument("--cue-c", type=float, default=0.5, help="C of the held-out cue models")
    args = parser.parse_args()
    train = labelled_train(args.data, "train")
    if train is None:
        return 0
    articles, sentences, labels = train
    shipped_cues = dict(cue_model())
    rows, finished = [], {}
    for held in range(FOLDS):
        install(held_out_model(sentences, labels, held, args.cue_c))
        fold, done = fold_rows(articles, sentences, held, min(args.floors))
        rows += fold
        finished |= done
        print(f"fold {held}: {len(fold)} scored attributions, {sum(r[4] for r in fold)} match gold", flush=True)
    install(shipped_cues)
    probabilities = {}
    for held in range(FOLDS):
        train_rows = [r for r in rows if fold_of(r[0]) != held]
        test_rows = [r for r in rows if fold_of(r[0]) == held]
        vectorizer, model = fitted(train_rows, args.c)
        predicted = model.predict_proba(vectorizer.transform([r[2] for r in test_rows]))[:, 1]
        probabilities |= {(r[0], r[1]): (r[3], float(p)) for r, p in zip(test_rows, predicted)}
    owners = sorted(finished)
    best = None
    for floor in args.floors:
        for threshold in args.thresholds:
            chosen = kept(finished, probabilities, floor, threshold)
            figures = {name: prf(*row)[2] for name, row in
                       score([articles[o] for o in owners], [chosen[o] for o in owners]).items()}
            line = "  ".join(f"{name} {f1:.4f}" for name, f1 in figures.items())
            print(f"cue floor {floor:.2f} reranker {threshold:.2f}: {line}")
            total = figures["attribution"] + figures["source"]
            if best is None or total > best[0]:
                best = (total, floor, threshold, line)
    _, floor, threshold, line = best
    print(f"best by train CV: cue floor {floor} reranker threshold {threshold}: {line}")
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([r[2] for r in rows])
    weights, bias = fitted_weights([r[2] for r in rows], x, np.array([r[4] for r in rows]), vectorizer, args.c)
    checked({"weights": weights}, RERANK_FILE.name)
    model = {"weights": weights, "bias": bias, "threshold": threshold, "cue_threshold": floor,
             "source": "learned from PolNeAR v1.0.0 train (networkdynamics/PolNeAR, c3eee83) by "
                       "train/attribution_rerank.py: logistic weights only, no text"}
    RERANK_FILE.write_text(json.dumps(model, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {RERANK_FILE} ({len(weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
