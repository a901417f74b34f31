"""Pick the cue model's threshold by what the extractor makes of it on held-out PolNeAR train articles.

    python train/cue_threshold.py [--folds 0 1] [--thresholds 0.3 0.35 0.4 0.45] [--c 0.5]

train/attribution_model.py picks its threshold by cross-validated F1 of cue words among the
candidates, but what the project is scored on is source and attribution F1 after the extractor
has read sources and contents (bench/attribution.py); here the cue model decides alone (the
reranker, claims/attribution_rerank.py, and its cue floor are train/attribution_rerank.py's). For
each held-out fold this fits the model on the other folds' articles (cross-fitted priors, as the
shipped model), runs the whole extractor
on the fold's articles at each threshold and prints attribution / source / cue F1 as
bench/attribution.py scores them. Only train is read; dev stays the score. The candidate verbs
(cue_verbs.txt) were counted on all of train, so the candidates know the held-out fold's verbs:
the figures are a little optimistic, alike at every threshold.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from attribution import merged_siblings, prf, score, without_told_outlets  # noqa: E402
from attribution_model import FOLDS, examples, fitted_weights, fold_of, labelled_train, lexicon, priors_model  # noqa: E402

from storylens.claims import attribution as extractor  # noqa: E402
from storylens.claims import cues  # noqa: E402
from storylens.claims.attribution_rerank import reranker  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def held_out_model(sentences, labels, held: int, c: float) -> dict:
    """The model fitted without the articles of fold `held`."""
    model = priors_model(lexicon(sentences, labels, lambda owner: fold_of(owner) != held))
    inner = [priors_model(lexicon(sentences, labels, lambda owner, fold=fold: fold_of(owner) not in (held, fold)))
             for fold in range(FOLDS)]
    rows, y, groups = examples(sentences, labels, model, inner)
    kept = np.array([fold_of(owner) != held for owner in groups])
    rows = [row for row, keep in zip(rows, kept) if keep]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(rows)
    weights, bias = fitted_weights(rows, x, y[kept], vectorizer, c)
    model.update(weights=weights, bias=bias, threshold=0.5)
    return model


def install(model: dict) -> None:
    """Make the extractor read `model`: cue_model() hands every caller the same cached dict."""
    shipped = cues.cue_model()
    shipped.clear()
    shipped.update(model)
    cues.trigger_words.cache_clear()


def extract_at(texts, parsed, threshold: float):
    """attributions_of_texts over parses made once, at one threshold, without the reranker."""
    reranker()["cue_threshold"] = threshold
    found = [[] for _ in texts]
    for doc, (number, (start, _)) in parsed:
        found[number].extend(extractor.attributions_in_sentence(doc, start, texts[number], keep=lambda *_: True))
    return [without_told_outlets(merged_siblings(extractor.finish(text, attributions + extractor.colon_attributions(text)
                                                                 + extractor.dash_attributions(text))))
            for text, attributions in zip(texts, found)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "polnear")
    parser.add_argument("--folds", type=int, nargs="+", default=[0])
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.3, 0.35, 0.4, 0.45, 0.5])
    parser.add_argument("--c", type=float, default=0.5)
    args = parser.parse_args()
    train = labelled_train(args.data, "measure")
    if train is None:
        return 0
    articles, sentences, labels = train
    totals = {t: {} for t in args.thresholds}
    for held in args.folds:
        install(held_out_model(sentences, labels, held, args.c))
        gold = [a for owner, a in enumerate(articles) if fold_of(owner) == held]
        texts = [a.text for a in gold]
        candidates = [(n, span) for n, text in enumerate(texts) for span in extractor.candidate_sentences(text)]
        parsed = list(extractor._parse(texts, candidates))
        for threshold in args.thresholds:
            for name, row in score(gold, extract_at(texts, parsed, threshold)).items():
                totals[threshold][name] = [a + b for a, b in zip(totals[threshold].get(name, [0, 0, 0]), row)]
    for threshold, rows in totals.items():
        figures = "  ".join(f"{name} {prf(*row)[2]:.3f}" for name, row in rows.items())
        print(f"threshold {threshold:.2f}: {figures}   (folds {args.folds}, C {args.c})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
