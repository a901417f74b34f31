"""Stance quality and speed on the FNC-1 dev split (20 % of Body IDs, never trained or tuned on).

    python bench/stance.py [--data ../shared/data/fnc1] [--speed-pairs N]

Quality: fits the model on the other 80 % of bodies exactly as train/stance_model.py does
(tuning by body-grouped CV inside that 80 %) and reports the official FNC-1 relative score,
macro-F1, per-class F1 and the confusion matrix on dev. Speed: `stance_of_pairs` end to end
(features, embeddings, both stages) with the shipped model on dev pairs, nothing cached.
Floors: FNC score >= 82 %, disagree F1 >= 0.30, >= 100 pairs/s; exit 1 when one is missed.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "train"))

FLOORS = {"fnc_score": 0.82, "disagree_f1": 0.30, "pairs_per_second": 100.0}


def measure_speed(dev_rows, limit: int) -> float:
    from storylens.judge.stance import load_model, stance_of_pairs
    from storylens.enrich.embed import english_embedder

    load_model(), english_embedder()  # loading is a one-off, not a per-pair cost
    pairs = [(headline, body) for headline, body, _, _ in dev_rows[:limit]]
    started = time.perf_counter()
    stance_of_pairs(pairs)
    return len(pairs) / (time.perf_counter() - started)


def main() -> int:
    import stance_model as training

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=training.DEFAULT_DATA)
    parser.add_argument("--speed-pairs", type=int, default=100_000, help="dev pairs to time (default: all)")
    args = parser.parse_args()
    if not (args.data / "train_stances.csv").exists():
        print(f"FNC-1 data not found at {args.data}: nothing to measure")
        return 0
    started = time.time()
    model, dev_rows, dev_features = training.dev_model(args.data)
    report = training.dev_report(model, dev_rows, dev_features)
    training.print_report(report)
    print(f"(fitted and tuned in {time.time() - started:.0f} s)", flush=True)
    pairs_per_second = measure_speed(dev_rows, args.speed_pairs)
    print(f"speed: {pairs_per_second:.0f} pairs/s end to end ({min(len(dev_rows), args.speed_pairs)} dev pairs)")
    figures = {"fnc_score": report["fnc_score"], "disagree_f1": report["f1"]["disagree"], "pairs_per_second": pairs_per_second}
    missed = [f"{name} {figures[name]:.3f} < {floor}" for name, floor in FLOORS.items() if figures[name] < floor]
    for line in missed:
        print(f"BELOW FLOOR: {line}")
    return 1 if missed else 0


if __name__ == "__main__":
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):  # OpenMP threads spinning on a shared 2-core machine run 5x slower
        sys.exit(main())
