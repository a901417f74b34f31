"""The time term of story clustering, learned on PolNeAR dated (`train/story_model.py --time-only`).

Its shape, scale, grace and weight (similarity.time_penalty) on the fit side of PolNeAR dated
(bench/cluster_sets.py: hand-labelled event stories of PolNeAR's train months), the mean
BCubed F1 over title + lead, full text and title only, through linkage.cluster_pool at the
rest of the shipped model; the best point that keeps the five seeds one story wins. The term
weighs nothing between undated items, so the undated fit sets (AllSides, FNC-1) score the same
at every point of the search.
"""
from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from cluster_sets import polnear_sets  # noqa: E402

from storylens.cluster import linkage as story_linkage  # noqa: E402
from storylens.cluster import similarity  # noqa: E402
from storylens.cluster.evaluation import bcubed  # noqa: E402
from storylens.model import NewsItem  # noqa: E402

TIME_SCALES = (0.5, 1.0, 2.0, 4.0, 7.0, 14.0)
TIME_WEIGHTS = np.round(np.arange(0.0, 0.41, 0.05), 2)
# Days apart that cost nothing (similarity.time_penalty). PolNeAR's dates are days, so a grace
# of one day frees same-day and next-day pairs: 0-2 days hold 351 of the 409 same-story pairs
# of its train months.
TIME_GRACES = (0.0, 1.0, 2.0)


def dated_pools(data: Path, model: similarity.LinkageModel, embedder) -> list[tuple[object, object, list[str]]]:
    """(pool, word frequencies, gold) per PolNeAR dated variant's fit side, in time order."""
    prepared_sets = []
    for dated in polnear_sets(data):
        order = story_linkage.time_order(dated.fit_items)
        pool = story_linkage.LinkageClusterer(model, embedder=embedder).pool_of([dated.fit_items[k] for k in order])
        frequencies = similarity.DocumentFrequencies()
        frequencies.add(pool.counts)
        prepared_sets.append((pool, frequencies, [dated.fit_gold[k] for k in order]))
    return prepared_sets


def search_time_term(pools, model: similarity.LinkageModel, shapes=similarity.TIME_SHAPES, scales=TIME_SCALES,
                     graces=(0.0,)) -> list[tuple[float, str, float, float, float]]:
    """(F1, shape, scale in days, weight, grace in days) for every point of the grid, best
    mean BCubed F1 over the dated fit sets first (a weight of 0 once: shape, scale and grace
    do not matter then)."""
    scored = []
    for shape in shapes:
        for scale in scales:
            for grace in graces:
                for weight in TIME_WEIGHTS:
                    if weight == 0 and scored:
                        continue
                    trial = dataclasses.replace(model, time_shape=shape, time_scale_days=scale,
                                                time_weight=float(weight), time_grace_days=grace)
                    scores = [bcubed(story_linkage.cluster_pool(pool, frequencies, trial, trial.threshold)
                                     .astype(str).tolist(), gold) for pool, frequencies, gold in pools]
                    f1 = float(np.mean([score[2] for score in scores]))
                    print(f"  time {shape} scale {scale:g} d grace {grace:g} d weight {weight:.2f}: F1 {f1:.4f} "
                          f"(P {np.mean([s[0] for s in scores]):.3f} R {np.mean([s[1] for s in scores]):.3f})",
                          flush=True)
                    scored.append((f1, shape, scale, float(weight), grace))
    return sorted(scored, reverse=True)


def searched_time_terms(pools, model: similarity.LinkageModel) -> list[tuple[float, str, float, float, float]]:
    """Shape, scale and weight without a grace, then grace and weight at the best shape and
    scale: every point scored, best first (the full product would cost three times as much)."""
    without_grace = search_time_term(pools, model)
    _, shape, scale, _, _ = without_grace[0]
    with_grace = search_time_term(pools, model, (shape,), (scale,), TIME_GRACES[1:])
    return sorted(without_grace + with_grace, reverse=True)


def seed_items(data: Path) -> list[NewsItem]:
    """The seeds as the clusterer sees them (read and cleaned as `analyze` reads them)."""
    from storylens.cluster.records import items_from_articles
    from storylens.commands.extract import extract

    return [item for item in items_from_articles(extract([str(data / "seeds")])) if isinstance(item, NewsItem)]


def seeds_one_story(items: list[NewsItem], model: similarity.LinkageModel, embedder, multilingual: bool = False
                    ) -> bool:
    from storylens.cluster.api import assign

    clusterer = story_linkage.LinkageClusterer(model, embedder=embedder, multilingual=multilingual)
    return len({assignment.story for assignment in assign(items, clusterer=clusterer)}) == 1


def retrain_time_term(data: Path, out: Path, old: dict, kinds: list[tuple[str, object]]) -> int:
    """The best point of the grid on PolNeAR's fit side that keeps the seeds one story: the
    seeds hold the one case PolNeAR's event stories lack, a re-post three weeks after its
    story (seed 004), and what the fit side alone likes best walls it off (log, 4 days, 0.35:
    the seeds split 3 + 2). For both models (the multilingual one with its own embedding)
    unless --skip-multilingual (`kinds`: model name and its embedder)."""
    if not (data / "polnear" / "metadata.tsv").exists():
        print(f"PolNeAR not found at {data / 'polnear'}; nothing to learn the time term on", file=sys.stderr)
        return 1
    seeds = seed_items(data)
    for kind, kind_embedder in kinds:
        model = similarity.model_from_json(old[kind])
        for f1, shape, scale, weight, grace in searched_time_terms(dated_pools(data, model, kind_embedder), model):
            trial = dataclasses.replace(model, time_shape=shape, time_scale_days=scale, time_weight=weight,
                                        time_grace_days=grace)
            if seeds_one_story(seeds, trial, kind_embedder, multilingual=kind == "multilingual"):
                break
            print(f"  time {shape} scale {scale:g} d grace {grace:g} d weight {weight:.2f} (F1 {f1:.4f}) "
                  "splits the seeds", flush=True)
        print(f"{kind}: time term {shape}, scale {scale:g} days, grace {grace:g} days, weight {weight:.2f}: "
              f"PolNeAR fit F1 {f1:.4f}")
        old[kind] = old[kind] | {"time_shape": shape, "time_scale_days": scale, "time_weight": weight,
                                 "time_grace_days": grace, "dated_train_bcubed_f1": round(f1, 4)}
    old["trained_on"] = "AllSides train; FNC-1 train rumour stories, fit half; time term: PolNeAR train months"
    out.write_text(json.dumps(old, indent=2) + "\n", encoding="utf-8")
    return 0
