"""Does the main claim of a rumour read `disputed` when its own coverage refutes it? (FNC-1 train)

    python bench/rumours.py [--part dev|final] [--limit N] [--data ../shared/data]

Rumours: the headline-body rows of FNC-1 train whose stance is not `unrelated` link headlines
and bodies; each connected component with at least 3 bodies is a rumour. A body's label is
its majority stance over the rumour's headlines (ties broken toward agree, then disagree). A
rumour is *disputed* when at least 2 of its bodies, or at least 20 % of them, disagree; *not
disputed* when none disagrees and at least one agrees; otherwise it is left out.

Split rule (written once, never tuned): a rumour's key is its smallest body id; the rumour is
in `final` when sha256("rumour:<key>") read as an integer is 7, 8 or 9 modulo 10, else `dev`.
Tune on dev only; run `--part final` once, at the end.

Each rumour's bodies (text only, no titles, no outlet) go through `pipeline.story_dossiers` on
their own; the story holding most of them is read, and its main claim (the first) counts as
disputed when its status is `disputed` or `denied`. Printed: recall on disputed rumours
(target >= 0.80), false-dispute rate on the others (target <= 0.10), a few misread
rumours, and the claim-linking accuracy of true denials: of the sentences labelled `denial`
in ../shared/data/denials that lie in bodies disagreeing with their rumour, the share that
appear as `denies` mentions of the main claim (or, when the main claim is a rejection, of
the report it `rejects`).
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
MIN_BODIES = 3
TIE_ORDER = ("agree", "disagree", "discuss")  # a body's majority label, ties broken in this order


@dataclass
class Rumour:
    key: int  # the smallest body id
    headlines: list[str]
    labels: dict[int, str]  # body id -> its majority label over the rumour's headlines

    @property
    def disagreeing(self) -> int:
        return sum(1 for label in self.labels.values() if label == "disagree")

    @property
    def disputed(self) -> bool | None:
        """True, False, or None for a rumour neither clearly disputed nor clearly not."""
        if self.disagreeing >= 2 or self.disagreeing >= 0.2 * len(self.labels):
            return True
        if self.disagreeing == 0 and "agree" in self.labels.values():
            return False
        return None

    @property
    def part(self) -> str:
        digest = int(hashlib.sha256(f"rumour:{self.key}".encode()).hexdigest(), 16)
        return "final" if digest % 10 >= 7 else "dev"


def read_fnc1(folder: Path) -> tuple[list[dict], dict[int, str]]:
    with (folder / "train_stances.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    with (folder / "train_bodies.csv").open(encoding="utf-8", newline="") as f:
        bodies = {int(r["Body ID"]): r["articleBody"] for r in csv.DictReader(f)}
    return rows, bodies


def rumours_of(rows: list[dict]) -> list[Rumour]:
    """Connected components of related headline-body rows with at least MIN_BODIES bodies."""
    parent: dict[tuple, tuple] = {}

    def root(node: tuple) -> tuple:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    related = [r for r in rows if r["Stance"] != "unrelated"]
    for row in related:
        parent[root(("h", row["Headline"]))] = root(("b", int(row["Body ID"])))
    votes: dict[tuple, dict[int, Counter]] = defaultdict(lambda: defaultdict(Counter))
    headlines: dict[tuple, set[str]] = defaultdict(set)
    for row in related:
        component = root(("b", int(row["Body ID"])))
        votes[component][int(row["Body ID"])][row["Stance"]] += 1
        headlines[component].add(row["Headline"])
    rumours = []
    for component, by_body in votes.items():
        if len(by_body) < MIN_BODIES:
            continue
        labels = {body: min(counts, key=lambda label: (-counts[label], TIE_ORDER.index(label)))
                  for body, counts in by_body.items()}
        rumours.append(Rumour(min(by_body), sorted(headlines[component]), labels))
    return sorted(rumours, key=lambda r: r.key)


def main_claim_of(rumour: Rumour, bodies: dict[int, str]) -> tuple[dict | None, dict]:
    """The main claim of the story holding most of the rumour's bodies, and that story."""
    from storylens import pipeline
    from storylens.model import Article

    articles = [Article(id=f"body-{body}", source=f"fnc1/train_bodies.csv#{body}", url=None, outlet=None,
                        title=None, author=None, published=None, language="en", text=bodies[body])
                for body in sorted(rumour.labels)]
    dossiers = pipeline.story_dossiers(articles, workers=1)
    story = max(dossiers, key=lambda d: len(d["articles"]))
    return (story["claims"][0] if story["claims"] else None), story


def denial_labels(folder: Path) -> dict[int, list[dict]]:
    path = folder / "denials" / "fnc1-train-denials.jsonl"
    if not path.exists():
        return {}
    found: dict[int, list[dict]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["label"] == "denial":
            found[row["body_id"]].append(row)
    return found


def linked_denials(rumour: Rumour, story: dict, labelled: dict[int, list[dict]]) -> Counter:
    """Where the true denials of the rumour's disagreeing bodies went: `main` (a `denies`
    mention of the main claim, overlapping the labelled sentence), `other` (a `denies`
    mention of another claim), `missed` (no denial there), `outside` (the body is in another story)."""
    wanted = [row for body, label in rumour.labels.items() if label == "disagree" for row in labelled.get(body, [])]
    members = {a["id"] for a in story["articles"]}
    found = Counter()
    for row in wanted:
        article = f"body-{row['body_id']}"
        if article not in members:
            found["outside"] += 1
            continue
        def overlaps(m: dict) -> bool:
            return m["stance"] == "denies" and m["article"] == article and m["start"] < row["end"] and row["start"] < m["end"]
        where = [claim["id"] for claim in story["claims"] if any(overlaps(m) for m in claim["mentions"])]
        found["main" if set(where) & main_event_ids(story) else "other" if where else "missed"] += 1
    return found


def main_event_ids(story: dict) -> set[str]:
    """The main claim, and when it is a rejection ("the report is a hoax"), the report it rejects:
    a denial of that report is a denial of the story's main event."""
    if not story["claims"]:
        return set()
    main = story["claims"][0]
    return {main["id"]} | ({main["rejects"]} if main.get("rejects") else set())


def read_rumours(rumours: list[Rumour], bodies: dict[int, str], labelled: dict[int, list[dict]],
                 explain: bool = False) -> dict:
    tally = Counter()
    misread = []
    for number, rumour in enumerate(rumours, start=1):
        main, story = main_claim_of(rumour, bodies)
        reads_disputed = bool(main) and main["status"] in ("disputed", "denied")
        kind = "disputed" if rumour.disputed else "other"
        tally[kind] += 1
        tally[f"{kind}_read_disputed"] += reads_disputed
        for where, count in linked_denials(rumour, story, labelled).items():
            tally[f"denials_{where}"] += count
        if reads_disputed != rumour.disputed:
            misread.append((rumour, main, story))
        if main and not states_a_headline(main, rumour.headlines):
            tally["main_off_headlines"] += 1
            if explain:
                print(f"\n== MAIN CLAIM NOT A HEADLINE'S rumour {rumour.key}: {main['text'][:140]!r}\n"
                      f"   headline: {rumour.headlines[0][:120]}")
        if explain:
            explain_rumour(rumour, main, story, labelled, reads_disputed)
        if number % 20 == 0:
            print(f"  ... {number} rumours read", flush=True)
    return {"tally": tally, "misread": misread}


# Share of a headline's content words the main claim's best telling must hold to state it.
HEADLINE_SHARE = 1 / 3


def states_a_headline(main: dict, headlines: list[str]) -> bool:
    """Whether one of the main claim's tellings holds HEADLINE_SHARE of some headline's content
    words: the bodies are read without their headlines, so this asks whether the judge found
    the event the rumour's headlines state."""
    from storylens.judge.align import content_terms

    wanted = [set(content_terms(h)) for h in headlines]
    told = [set(content_terms(m["sentence"])) for m in main["mentions"] if m["stance"] in ("asserts", "reports")]
    return any(len(w & t) >= HEADLINE_SHARE * len(w) for w in wanted if w for t in told)


def explain_rumour(rumour: Rumour, main: dict | None, story: dict, labelled: dict[int, list[dict]],
                   reads_disputed: bool) -> None:
    """For reading one by one: a false dispute with its headlines, main claim and denials, and
    each true denial of the rumour that did not reach the main claim, with where it went."""
    members = {a["id"] for a in story["articles"]}
    if reads_disputed and not rumour.disputed:
        _print_heading("FALSE DISPUTE", rumour, main, len(members))
        for m in main["mentions"]:
            if m["stance"] == "denies":
                label = rumour.labels.get(int(m["article"].split("-")[1]), "?")
                print(f"   denies ({label} {m['article']}) by {_denier(main, m)!r}: {m['sentence'][:160]}")
    astray = []
    for body, label in rumour.labels.items():
        if label != "disagree":
            continue
        for row in labelled.get(body, []):
            article = f"body-{body}"
            where = _where_denial_went(story, article, row) if article in members else "another story"
            if where != "main":
                astray.append(f"   -- true denial of rumour {rumour.key} (body {body}) went to {where}: {row['sentence'][:140]}")
    if astray and not (reads_disputed and not rumour.disputed):
        _print_heading("DENIALS ASTRAY", rumour, main, len(members))
    for line in astray:
        print(line)


def _print_heading(kind: str, rumour: Rumour, main: dict | None, members: int) -> None:
    print(f"\n== {kind} rumour {rumour.key} ({len(rumour.labels)} bodies, story of {members})")
    for headline in rumour.headlines[:3]:
        print(f"   headline: {headline[:120]}")
    if main:
        print(f"   main claim [{main['status']}]: {main['text'][:160]}")


def _denier(claim: dict, mention: dict) -> str | None:
    return next((d["by"] for d in claim["denials"]
                 if d["article"] == mention["article"] and d["sentence"] == mention["sentence"]), None)


def _where_denial_went(story: dict, article: str, row: dict) -> str:
    """`main`, the claim the sentence denies, or its stance where it is no denial."""
    placed = [(number, claim, m) for number, claim in enumerate(story["claims"]) for m in claim["mentions"]
              if m["article"] == article and m["start"] < row["end"] and row["start"] < m["end"]]
    denying = [(number, claim) for number, claim, m in placed if m["stance"] == "denies"]
    if any(claim["id"] in main_event_ids(story) for _, claim in denying):
        return "main"
    if denying:
        number, claim = denying[0]
        return f"claim {number} ({claim['status']}): {claim['text'][:90]!r}"
    if placed:
        return f"stance {placed[0][2]['stance']} in claim {placed[0][0]}"
    return "nothing (not a mention)"


def print_leads(rumour: Rumour, story: dict, per_article: int = 2) -> None:
    """Each article of the story with its label and its first mentions (claim number, stance,
    sentence): whether an article leads with the main event, a rejection of it or something else."""
    for article in story["articles"]:
        placed = sorted(((m["start"], number, m) for number, claim in enumerate(story["claims"])
                         for m in claim["mentions"] if m["article"] == article["id"]), key=lambda found: found[0])
        label = rumour.labels.get(int(article["id"].split("-")[1]), "?")
        leads = " | ".join(f"[claim {number} {m['stance']}] {m['sentence'][:80]!r}" for _, number, m in placed[:per_article])
        print(f"      {article['id']:<10} {label:<8} {leads}")


def print_misread(misread: list, shown: int, leads: bool = False) -> None:
    for rumour, main, story in misread[:shown]:
        truth = "disputed" if rumour.disputed else "not disputed"
        print(f"- rumour {rumour.key} ({truth}; {rumour.disagreeing} of {len(rumour.labels)} bodies disagree; "
              f"story of {len(story['articles'])}): {rumour.headlines[0][:80]}")
        if main:
            print(f"    main claim [{main['status']}]: {main['text'][:110]}")
            for denial in main["denials"][:2]:
                print(f"    denial by {denial['by']}: {denial['sentence'][:100]}")
        if leads:
            print_leads(rumour, story)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--part", choices=("dev", "final"), default="dev")
    parser.add_argument("--limit", type=int, default=0, help="read only the first N rumours of the part")
    parser.add_argument("--keys", type=int, nargs="*", help="read only the rumours with these keys (of the part)")
    parser.add_argument("--show", type=int, default=6, help="misread rumours to print")
    parser.add_argument("--explain", action="store_true",
                        help="print every false dispute and every true denial not linked to the main claim")
    parser.add_argument("--leads", action="store_true",
                        help="with each misread rumour, each article's first mentions and the claims they go to")
    parser.add_argument("--refutes", type=float, help="try this stance-score threshold (judge.refutations.REFUTES)")
    args = parser.parse_args()
    if args.refutes is not None:
        from storylens.judge import refutations

        refutations.REFUTES = args.refutes
    if not (args.data / "fnc1" / "train_stances.csv").exists():
        print(f"FNC-1 data not found at {args.data / 'fnc1'}: nothing to measure")
        return 0
    rows, bodies = read_fnc1(args.data / "fnc1")
    everything = rumours_of(rows)
    chosen = [r for r in everything if r.part == args.part and r.disputed is not None]
    chosen = chosen[: args.limit] if args.limit else chosen
    chosen = [r for r in chosen if r.key in set(args.keys)] if args.keys else chosen
    print(f"{len(everything)} rumours of >= {MIN_BODIES} bodies; part {args.part}: {len(chosen)} read "
          f"({sum(1 for r in chosen if r.disputed)} disputed, {sum(1 for r in chosen if not r.disputed)} not)")
    started = time.perf_counter()
    result = read_rumours(chosen, bodies, denial_labels(args.data), args.explain)
    tally = result["tally"]
    recall = tally["disputed_read_disputed"] / (tally["disputed"] or 1)
    false_rate = tally["other_read_disputed"] / (tally["other"] or 1)
    print(f"\n[{args.part}] dispute recall {recall:.3f} ({tally['disputed_read_disputed']}/{tally['disputed']}), "
          f"false-dispute rate {false_rate:.3f} ({tally['other_read_disputed']}/{tally['other']})")
    denials = sum(tally[f"denials_{where}"] for where in ("main", "other", "missed", "outside"))
    print(f"[{args.part}] true denials linked to the main claim as `denies`: "
          f"{tally['denials_main'] / (denials or 1):.3f} ({tally['denials_main']}/{denials}; of another claim "
          f"{tally['denials_other']}, not a denial {tally['denials_missed']}, in another story {tally['denials_outside']})")
    print(f"[{args.part}] main claims stating none of the rumour's headlines (under "
          f"{HEADLINE_SHARE:.0%} of its words): {tally['main_off_headlines']} of {len(chosen)}")
    articles = sum(len(r.labels) for r in chosen)
    print(f"({articles} bodies in {time.perf_counter() - started:.0f} s)\n\nmisread:")
    print_misread(result["misread"], args.show, args.leads)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
