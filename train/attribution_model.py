"""Learn the attribution cue model from PolNeAR train; writes src/storylens/claims/cue_model.json.

    python train/attribution_model.py [--data ../shared/data/polnear]

1. Splits and parses every train sentence as the claims stage does (storylens.claims.sentences, spaCy
   without NER and lemmatizer) and marks the key word of each gold cue (its verb, or
   "according").
2. Counts, per word form and per crude stem, how often it is a cue: the lexicon of priors
   (words seen as a cue at least twice).
3. Fits a logistic regression over the parse features of `storylens.claims.cues.cue_features`
   on every candidate word, with leave-one-out priors so a rare word's own label does not
   leak into its prior; the threshold is the one with the best cross-validated F1.
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
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attribution_polnear import load_split, parsed_sentences  # noqa: E402

from storylens.claims.cues import MODEL_FILE, cue_features, is_candidate, stem  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
MIN_CUE_COUNT = 2
MIN_FEATURE_COUNT = 8


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


def lexicon(sentences, labels):
    form_counts, form_cues, stem_counts, stem_cues = Counter(), Counter(), Counter(), Counter()
    for number, (_, _, doc) in enumerate(sentences):
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


def examples(sentences, labels, model, counts):
    form_counts, form_cues, stem_counts, stem_cues = counts
    rows, ys, groups = [], [], []
    for number, (owner, _, doc) in enumerate(sentences):
        for token in doc:
            if labels.get((number, token.i)) == 0:
                continue  # a word inside a cue that is not its key word: neither a cue nor not
            label = labels.get((number, token.i), 0)
            if not is_candidate(token, model):
                continue
            form, word_stem = token.lower_, stem(token.lower_)
            form_prior = prior(form_cues[form] - label, form_counts[form] - 1)
            stem_prior = prior(stem_cues[word_stem] - label, stem_counts[word_stem] - 1) or 0.0
            rows.append(cue_features(token, model, (form_prior, stem_prior)))
            ys.append(label)
            groups.append(owner)
    return rows, np.array(ys), np.array(groups)


def best_threshold(x, y, groups, c: float) -> tuple[float, float]:
    scores = np.zeros(len(y))
    for train_rows, test_rows in GroupKFold(n_splits=5).split(x, y, groups):
        fold = LogisticRegression(C=c, max_iter=2000).fit(x[train_rows], y[train_rows])
        scores[test_rows] = fold.predict_proba(x[test_rows])[:, 1]
    best = (0.0, 0.5)
    for threshold in np.arange(0.2, 0.8, 0.02):
        predicted = scores >= threshold
        tp = int((predicted & (y == 1)).sum())
        f1 = 2 * tp / max(1, predicted.sum() + (y == 1).sum())
        best = max(best, (f1, round(float(threshold), 2)))
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "polnear")
    parser.add_argument("--c", type=float, default=0.5)
    args = parser.parse_args()
    if not (args.data / "train").is_dir():
        print(f"PolNeAR train not found under {args.data}; nothing to train.")
        return 0
    articles = load_split(args.data / "train")
    sentences = parsed_sentences(articles, "polnear_train")
    labels = label_tokens(articles, sentences)
    counts = lexicon(sentences, labels)
    form_counts, form_cues, stem_counts, stem_cues = counts
    forms = {f: p for f in form_cues if (p := prior(form_cues[f], form_counts[f])) is not None}
    stems = {s: p for s in stem_cues if (p := prior(stem_cues[s], stem_counts[s])) is not None}
    model = {"forms": forms, "stems": stems, "weights": {}, "bias": 0.0, "threshold": 0.5}
    rows, y, groups = examples(sentences, labels, model, counts)
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(rows)
    cv_f1, threshold = best_threshold(x, y, groups, args.c)
    print(f"{len(articles)} articles, {int(y.sum())} cue words among {len(y)} candidates; "
          f"cross-validated F1 {cv_f1:.3f} at threshold {threshold}")
    fitted = LogisticRegression(C=args.c, max_iter=2000).fit(x, y)
    seen = Counter(name for row in rows for name in row)
    weights = {name: round(float(w), 3) for name, w in zip(vectorizer.get_feature_names_out(), fitted.coef_[0])
               if abs(w) >= 0.02 and seen[name] >= MIN_FEATURE_COUNT}
    model.update(weights=weights, bias=round(float(fitted.intercept_[0]), 4), threshold=threshold,
                 source="learned from PolNeAR v1.0.0 train (networkdynamics/PolNeAR, c3eee83) by "
                        "train/attribution_model.py: word priors and logistic weights only, no text")
    MODEL_FILE.write_text(json.dumps(model, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_FILE} ({MODEL_FILE.stat().st_size // 1024} KB, {len(forms)} forms, {len(weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
