"""Learn the attribution cue model from PolNeAR train; writes src/storylens/claims/cue_model.json.

    python train/attribution_model.py [--data ../shared/data/polnear]

0. Writes the candidate verbs, claims/cue_verbs.txt (train/cue_verbs.py), which `is_candidate` reads.
1. Splits and parses every train sentence as the claims stage does (storylens.enrich.sentences, spaCy
   without NER and lemmatizer) and marks the key word of each gold cue (its verb, or
   "according").
2. Counts, per word form and per crude stem, how often it is a cue: the lexicon of priors
   (words seen as a cue at least twice).
3. Fits a logistic regression over the parse features of `storylens.claims.cues.cue_features`
   on every candidate word. The priors a word's features read come from a lexicon counted on
   the other four fifths of the articles (cross-fitting), so a word's own label never leaks
   into its prior; leave-one-out priors did leak (a cue lowers its own word's prior by a step).
   The threshold is the one with the best cross-validated F1 over the same five folds.
Only the train split is read; dev is for bench/attribution.py.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attribution_polnear import load_split, parsed_sentences  # noqa: E402
from cue_verbs import write_cue_verbs  # noqa: E402

from storylens.claims.cues import MODEL_FILE, cue_features, is_candidate, stem  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
MIN_CUE_COUNT = 2
MIN_FEATURE_COUNT = 8
FOLDS = 5


def key_token(tokens):
    """The word that carries a gold cue: its main verb, else 'according', else its first word."""
    for token in tokens:
        if token.tag_.startswith("VB") and token.dep_ not in ("aux", "auxpass"):
            return token
    for token in tokens:
        if token.lower_ in ("according", "reportedly"):
            return token
    words = [t for t in tokens if t.text[:1].isalpha()]
    return words[0] if words else None


def label_tokens(articles, sentences):
    """{(sentence number, token index): 1 for a cue's key word, 0 for other words inside cues}."""
    by_article = defaultdict(list)
    for number, (owner, start, doc) in enumerate(sentences):
        by_article[owner].append((number, start, doc))
    labels = {}
    for owner, article in enumerate(articles):
        for gold in article.attributions:
            inside = [(n, t) for n, start, doc in by_article[owner] for t in doc
                      if any(a <= start + t.idx < b for a, b in gold.cue)]
            for n, t in inside:
                labels.setdefault((n, t.i), 0)
            key = key_token([t for _, t in inside])
            if key is not None:
                labels[(next(n for n, t in inside if t is key), key.i)] = 1
    return labels


def lexicon(sentences, labels, articles_kept=None):
    """(form counts, form cue counts, stem counts, stem cue counts) over the kept articles (all by default)."""
    form_counts, form_cues, stem_counts, stem_cues = Counter(), Counter(), Counter(), Counter()
    for number, (owner, _, doc) in enumerate(sentences):
        if articles_kept is not None and not articles_kept(owner):
            continue
        for token in doc:
            if not token.text[:1].isalpha():
                continue
            is_cue = labels.get((number, token.i)) == 1
            form_counts[token.lower_] += 1
            stem_counts[stem(token.lower_)] += 1
            form_cues[token.lower_] += is_cue
            stem_cues[stem(token.lower_)] += is_cue
    return form_counts, form_cues, stem_counts, stem_cues


def prior(cues: int, count: int) -> float | None:
    return round(cues / (count + 2), 4) if cues >= MIN_CUE_COUNT else None


def priors_model(counts) -> dict:
    """The lexicon part of cue_model.json: priors of the words seen as a cue at least twice."""
    form_counts, form_cues, stem_counts, stem_cues = counts
    forms = {f: p for f in form_cues if (p := prior(form_cues[f], form_counts[f])) is not None}
    stems = {s: p for s in stem_cues if (p := prior(stem_cues[s], stem_counts[s])) is not None}
    return {"forms": forms, "stems": stems, "weights": {}, "bias": 0.0, "threshold": 0.5}


def fold_of(owner: int) -> int:
    return owner % FOLDS


def examples(sentences, labels, model, fold_models):
    """Feature rows of every candidate word (candidates by the full lexicon `model`), each read
    with the lexicon of the folds its article is not in."""
    rows, ys, groups = [], [], []
    for number, (owner, _, doc) in enumerate(sentences):
        for token in doc:
            if labels.get((number, token.i)) == 0:
                continue  # a word inside a cue that is not its key word: neither a cue nor not
            if not is_candidate(token, model):
                continue
            rows.append(cue_features(token, fold_models[fold_of(owner)]))
            ys.append(labels.get((number, token.i), 0))
            groups.append(owner)
    return rows, np.array(ys), np.array(groups)


def best_threshold(x, y, groups, c: float) -> tuple[float, float]:
    scores = np.zeros(len(y))
    folds = np.array([fold_of(owner) for owner in groups])
    for fold in range(FOLDS):
        fitted = LogisticRegression(C=c, max_iter=2000).fit(x[folds != fold], y[folds != fold])
        scores[folds == fold] = fitted.predict_proba(x[folds == fold])[:, 1]
    best = (0.0, 0.5)
    for threshold in np.arange(0.2, 0.8, 0.02):
        predicted = scores >= threshold
        tp = int((predicted & (y == 1)).sum())
        f1 = 2 * tp / max(1, predicted.sum() + (y == 1).sum())
        best = max(best, (f1, round(float(threshold), 2)))
    return best


def fitted_weights(rows, x, y, vectorizer, c: float) -> tuple[dict[str, float], float]:
    """The logistic weights of the features seen at least MIN_FEATURE_COUNT times, and the bias."""
    fitted = LogisticRegression(C=c, max_iter=2000).fit(x, y)
    seen = Counter(name for row in rows for name in row)
    weights = {name: round(float(w), 3) for name, w in zip(vectorizer.get_feature_names_out(), fitted.coef_[0])
               if abs(w) >= 0.02 and seen[name] >= MIN_FEATURE_COUNT}
    return weights, round(float(fitted.intercept_[0]), 4)


def labelled_train(data: Path, doing: str):
    """PolNeAR train's articles, their parsed candidate sentences and the gold cue tokens (cached
    parses); None, said on stdout, when the split is not there."""
    if not (data / "train").is_dir():
        print(f"PolNeAR train not found under {data}; nothing to {doing}.")
        return None
    articles = load_split(data / "train")
    sentences = parsed_sentences(articles, "polnear_train")
    return articles, sentences, label_tokens(articles, sentences)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "polnear")
    parser.add_argument("--c", type=float, default=0.5)
    parser.add_argument("--lexicons", type=Path, default=REPO.parent / "shared" / "data" / "lexicons")
    args = parser.parse_args()
    train = labelled_train(args.data, "train")
    if train is None:
        return 0
    articles, sentences, labels = train
    write_cue_verbs(sentences, labels, args.lexicons)  # before the candidates are picked: they read it
    model = priors_model(lexicon(sentences, labels))
    fold_models = [priors_model(lexicon(sentences, labels, lambda owner, fold=fold: fold_of(owner) != fold))
                   for fold in range(FOLDS)]
    rows, y, groups = examples(sentences, labels, model, fold_models)
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(rows)
    cv_f1, threshold = best_threshold(x, y, groups, args.c)
    print(f"{len(articles)} articles, {int(y.sum())} cue words among {len(y)} candidates; "
          f"cross-validated F1 {cv_f1:.3f} at threshold {threshold}")
    weights, bias = fitted_weights(rows, x, y, vectorizer, args.c)
    model.update(weights=weights, bias=bias, threshold=threshold,
                 source="learned from PolNeAR v1.0.0 train (networkdynamics/PolNeAR, c3eee83) by "
                        "train/attribution_model.py: word priors and logistic weights only, no text")
    MODEL_FILE.write_text(json.dumps(model, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_FILE} ({MODEL_FILE.stat().st_size // 1024} KB, {len(model['forms'])} forms, "
          f"{len(weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
