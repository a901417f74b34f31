"""Do the denials of full articles reach the dossier as `denies` mentions? Where are they lost?

    python bench/denial_recall.py [--set fnc1|triplets|both|polnear-full] [--limit N] [--show N] [--check]
                                  [--data ../shared/data]

- `fnc1`: the FNC-1 train bodies of every rumour (connected component of related headline-body
  rows, built by bench/rumours.py, here of any size) that holds a sentence of
  `denials/fnc1-train-denials.jsonl`; each component's bodies (text only) go through
  `pipeline.story_dossiers` together, as one run of `analyze` would read them.
- `triplets`: the AllSides val triplets (title + lead) with our hand labels,
  `bench/labels/triplets_disputed.jsonl`.
- `polnear-full` (`bench/polnear_full.py`): 60 PolNeAR train articles of which EVERY sentence was
  read and each denial and refusal labelled (`bench/labels/denials_polnear_full.jsonl`), each
  article its own story. Precision here is over all `denies` mentions (an unlabelled sentence of a
  fully read article is not a denial), and the reader alone is scored too. `--check` only checks
  that the labels still fit the texts.

For each labelled `denial` sentence: is it a `denies` mention (of any claim) in the run's
dossiers, matched by article and overlapping offsets? A miss is put in the first stage that
lost it:
- `no trigger`: the reader never looked at it (no denial-like word);
- `reader: not_denial` / `reader: refusal`: the reader read it, and not as a denial;
- `no mention`: the reader found the denial but the article's mentions hold no `denies` there;
- `other stance`: a mention of it reached the dossier with another stance;
- `dropped later`: the article's mentions hold it as `denies`, the dossiers do not.
Precision: of the `denies` mentions on labelled sentences, the share labelled `denial`
(a refusal or not_denial shown as denies is wrong).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
import rumours  # noqa: E402  (the component building of bench/rumours.py, reused, not copied)

from storylens import pipeline  # noqa: E402
from storylens.claims import findings as findings_module  # noqa: E402
from storylens.claims.denial_triggers import ANY_TRIGGER  # noqa: E402
from storylens.judge.mentions import article_mentions  # noqa: E402
from storylens.model import Article, DenialKind  # noqa: E402

DATA = REPO.parent / "shared" / "data"
TRIPLET_LABELS = REPO / "bench" / "labels" / "triplets_disputed.jsonl"
STAGES = ("found", "no denial word", "reader: not_denial", "reader: refusal", "no mention", "other stance",
          "dropped later")


class Capture:
    """Keeps the claims stage's findings of a run (the reader's denials, per article)."""

    def __init__(self):
        self.findings: dict[str, object] = {}
        self.original = findings_module.find_in_stories

    def __enter__(self):
        def capturing(*args, **kwargs):
            found = self.original(*args, **kwargs)
            for story in found:
                for article_findings in story:
                    self.findings[article_findings.article.id] = article_findings
            return found
        findings_module.find_in_stories = capturing
        return self

    def __exit__(self, *exc):
        findings_module.find_in_stories = self.original



def print_stages(stages: Counter, total: int) -> None:
    """How many labelled denials each stage lost (or, for "found", kept), and their share."""
    for stage in STAGES:
        print(f"  {stage:<20} {stages[stage]:>4}  {stages[stage] / max(total, 1):.3f}")


def print_examples(shown: dict) -> None:
    for stage, examples in shown.items():
        for example in examples:
            print(f"    [{stage}] {example}")

def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return min(a_end, b_end) > max(a_start, b_start)


def run(articles: list[Article]) -> tuple[list[dict], dict]:
    with Capture() as capture:
        dossiers = pipeline.story_dossiers(articles, workers=1)
    return dossiers, capture.findings


def dossier_mentions(dossiers: list[dict]) -> dict[str, list[dict]]:
    by_article: dict[str, list[dict]] = defaultdict(list)
    for dossier in dossiers:
        for claim in dossier["claims"]:
            for mention in claim["mentions"]:
                by_article[mention["article"]].append(mention)
    return by_article


def stage_of(gold: dict, text: str, placed: list[dict], findings) -> str:
    """The first stage at which a labelled denial is lost ("found" when it is not)."""
    start, end = gold["start"], gold["end"]
    here = [m for m in placed if overlaps(m["start"], m["end"], start, end)]
    if any(m["stance"] == "denies" for m in here):
        return "found"
    read = [d for d in (findings.denials if findings else []) if overlaps(d.sentence.start, d.sentence.end, start, end)]
    if not any(d.kind == DenialKind.DENIAL for d in read):
        if any(d.kind == DenialKind.REFUSAL for d in read):
            return "reader: refusal"
        return "reader: not_denial" if ANY_TRIGGER.search(text[start:end]) else "no denial word"
    mentioned = [m for m in article_mentions(findings) if overlaps(m.sentence.start, m.sentence.end, start, end)]
    if not any(m.stance == "denies" for m in mentioned):
        return "no mention"
    return "other stance" if here else "dropped later"


def measure(groups: list[list[Article]], gold: dict[str, list[dict]], show: int) -> dict:
    """Stages of the labelled denials and precision of `denies` on labelled sentences, over runs."""
    stages, shown, precision = Counter(), defaultdict(list), Counter()
    started = time.perf_counter()
    for number, articles in enumerate(groups, start=1):
        dossiers, findings = run(articles)
        placed = dossier_mentions(dossiers)
        texts = {a.id: a.text for a in articles}
        for article in articles:
            labelled = gold.get(article.id, [])
            for row in labelled:
                if row["label"] != "denial":
                    continue
                stage = stage_of(row, article.text, placed[article.id], findings.get(article.id))
                stages[stage] += 1
                if stage != "found" and len(shown[stage]) < show:
                    shown[stage].append(texts[article.id][row["start"]:row["end"]][:150])
            for mention in placed[article.id]:
                if mention["stance"] != "denies":
                    continue
                hit = [r for r in labelled if overlaps(r["start"], r["end"], mention["start"], mention["end"])]
                precision["denies"] += 1
                if hit:
                    precision["on labelled"] += 1
                    precision["right"] += any(r["label"] == "denial" for r in hit)
        if number % 20 == 0:
            print(f"  ... {number} of {len(groups)} runs ({time.perf_counter() - started:.0f} s)", flush=True)
    return {"stages": stages, "shown": shown, "precision": precision}


def report(title: str, result: dict) -> None:
    stages, precision = result["stages"], result["precision"]
    total = sum(stages.values())
    print(f"\n== {title}: {total} labelled denial sentences")
    print_stages(stages, total)
    recall = stages["found"] / max(total, 1)
    p = precision["right"] / max(precision["on labelled"], 1)
    print(f"  recall in dossiers (denies, any claim): {recall:.3f} ({stages['found']}/{total})")
    print(f"  precision of denies on labelled sentences: {p:.3f} ({precision['right']}/{precision['on labelled']}; "
          f"{precision['denies']} denies mentions in all)")
    print_examples(result["shown"])


def fnc1_groups(data: Path, limit: int) -> tuple[list[list[Article]], dict[str, list[dict]]]:
    rows, bodies = rumours.read_fnc1(data / "fnc1")
    gold: dict[str, list[dict]] = defaultdict(list)
    for line in open(data / "denials" / "fnc1-train-denials.jsonl", encoding="utf-8"):
        row = json.loads(line)
        gold[f"body-{row['body_id']}"].append(row)
    saved, rumours.MIN_BODIES = rumours.MIN_BODIES, 1  # every component, not only rumours of 3+
    try:
        components = rumours.rumours_of(rows)
    finally:
        rumours.MIN_BODIES = saved
    groups = []
    for component in components:
        if not any(f"body-{body}" in gold for body in component.labels):
            continue
        groups.append([Article(id=f"body-{body}", source=f"fnc1/train_bodies.csv#{body}", url=None, outlet=None,
                               title=None, author=None, published=None, language="en", text=bodies[body])
                       for body in sorted(component.labels)])
    return (groups[:limit] if limit else groups), gold


def triplet_groups(data: Path, limit: int) -> tuple[list[list[Article]], dict[str, list[dict]]]:
    import triplets

    labels = [json.loads(line) for line in TRIPLET_LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold: dict[str, list[dict]] = defaultdict(list)
    for row in labels:
        for denial in row["denials"]:
            gold[denial["article"]].append(denial)
    stories = dict(triplets.triplets(data / "allsides" / "val.jsonl", 10_000))
    groups = [stories[row["story"]] for row in labels if row["story"] in stories]
    return (groups[:limit] if limit else groups), gold


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--set", choices=("fnc1", "triplets", "both", "polnear-full"), default="both")
    parser.add_argument("--check", action="store_true", help="polnear-full: only check the labels against the texts")
    parser.add_argument("--limit", type=int, default=0, help="read only the first N runs of each set")
    parser.add_argument("--show", type=int, default=4, help="misses to print per stage")
    args = parser.parse_args()
    if args.set == "polnear-full":
        import polnear_full

        return polnear_full.main(args.data, args.limit, args.show, args.check)
    if args.set in ("fnc1", "both"):
        if not (args.data / "denials" / "fnc1-train-denials.jsonl").exists():
            print(f"FNC-1 denial labels not found under {args.data}: nothing to measure")
            return 2
        groups, gold = fnc1_groups(args.data, args.limit)
        print(f"fnc1: {len(groups)} components, {sum(map(len, groups))} bodies")
        report("FNC-1 train bodies (full text)", measure(groups, gold, args.show))
    if args.set in ("triplets", "both"):
        if not (args.data / "allsides" / "val.jsonl").exists():
            print(f"AllSides data not found under {args.data}: nothing to measure")
            return 2
        groups, gold = triplet_groups(args.data, args.limit)
        report("AllSides val triplets (title + lead)", measure(groups, gold, args.show))
    return 0


if __name__ == "__main__":
    sys.exit(main())
