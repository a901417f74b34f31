"""False disputes on ordinary news: AllSides triplets through the judge.

    python bench/triplets.py [--split val] [--limit 300]

Each AllSides story is three outlets' title and lead on one political event (read from
../shared/data/allsides). Most of them are not disputes, so a main claim read `disputed`
or `denied` is usually a false dispute ("a bill that would deny service", "benefits denied
to them"). Each triplet goes through the same function as `storylens analyze` on its own;
the script prints how the main claims read, the share read as disputed, and every denial
the dossiers hold, with who denies, so a reader can judge them one by one. Hand labels,
when `bench/labels/triplets_disputed.jsonl` has them (`{"story", "disputed"}` rows made
here by reading the triplets), turn the share into precision and recall, and give the
denial sentences' precision and recall: a labelled denial sentence is found when a `denies`
mention of the dossier overlaps it in the same article.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from storylens import pipeline
from storylens.model import Article

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "allsides"
LABELS = REPO / "bench" / "labels" / "triplets_disputed.jsonl"
DISPUTED = ("disputed", "denied")


def triplets(path: Path, limit: int) -> list[tuple[str, list[Article]]]:
    stories: dict[str, list[Article]] = defaultdict(list)
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            stories[row["story"]].append(Article(
                id=row["id"], source=row["id"], url=None, outlet=None, title=row["title"], author=None,
                published=None, language="en", text=row["text"]))
    return list(stories.items())[:limit]


def main_reading(articles: list[Article]) -> dict | None:
    """The dossier holding most of the triplet, as `analyze` builds it (one process)."""
    dossiers = pipeline.story_dossiers(articles, workers=1)
    return max(dossiers, key=lambda d: len(d["articles"])) if dossiers else None


def _overlaps(a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
    return a[0] == b[0] and min(a[2], b[2]) > max(a[1], b[1])


def scores(tp: int, fp: int, fn: int, hits: int | None = None) -> str:
    """P over what was read, R over the labels (`hits`: labels found, when it differs from `tp`)."""
    hits = tp if hits is None else hits
    precision, recall = tp / max(tp + fp, 1), hits / max(hits + fn, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    return f"P {precision:.3f} R {recall:.3f} F1 {f1:.3f} (read {tp + fp}, labelled {hits + fn})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="val", choices=["train", "val"])
    parser.add_argument("--limit", type=int, default=10_000)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    path = args.data / f"{args.split}.jsonl"
    if not path.exists():
        print(f"AllSides data not found at {path}; nothing to measure (it lives in ../shared/data/allsides)")
        return
    labels = {}
    if LABELS.exists() and args.split == "val":
        labels = {row["story"]: row for row in map(json.loads, filter(str.strip, LABELS.read_text().splitlines()))}
    statuses, read_disputed, denials, found = Counter(), {}, 0, {}
    for story, articles in triplets(path, args.limit):
        dossier = main_reading(articles)
        claims = dossier["claims"] if dossier else []
        status = claims[0]["status"] if claims else "no claim"
        statuses[status] += 1
        read_disputed[story] = status in DISPUTED
        found[story] = [(m["article"], m["start"], m["end"]) for claim in claims for m in claim["mentions"]
                        if m["stance"] == "denies"]
        for claim in claims:
            for denial in claim["denials"]:
                denials += 1
                marker = "MAIN" if claim is claims[0] else "    "
                print(f"{marker} {story} by {denial['by']!r}: {denial['sentence'][:110]}")
    total = sum(statuses.values())
    print(f"\n{total} triplets ({args.split}); main claims: " + ", ".join(f"{k} {v}" for k, v in statuses.most_common()))
    print(f"main claim read disputed|denied: {sum(read_disputed.values())} ({sum(read_disputed.values()) / max(total, 1):.1%}); "
          f"denials in the dossiers: {denials}")
    judged = [story for story in read_disputed if story in labels]
    if judged:
        print(f"hand-labelled {len(judged)} triplets")
        print("  main claim disputed: " + scores(
            sum(1 for s in judged if read_disputed[s] and labels[s]["disputed"]),
            sum(1 for s in judged if read_disputed[s] and not labels[s]["disputed"]),
            sum(1 for s in judged if not read_disputed[s] and labels[s]["disputed"])))
        gold = {s: [(d["article"], d["start"], d["end"]) for d in labels[s]["denials"] if d["label"] == "denial"]
                for s in judged}
        hit = sum(1 for s in judged for g in gold[s] if any(_overlaps(g, p) for p in found[s]))
        right = sum(1 for s in judged for p in found[s] if any(_overlaps(g, p) for g in gold[s]))
        print("  denial sentences: " + scores(right, sum(len(found[s]) for s in judged) - right,
                                              sum(len(gold[s]) for s in judged) - hit, hits=hit))


if __name__ == "__main__":
    main()
