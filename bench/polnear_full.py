"""`bench/denial_recall.py --set polnear-full`: denials on fully read PolNeAR train articles.

`bench/labels/denials_polnear_full.jsonl` holds one row per article that was read sentence by
sentence (`"read": "every sentence"`, its sentence count, how it was chosen: 50 holding a
denial-like word, 10 at random; 1,500-5,000 characters, none of them in another label file) and
one row per denial or refusal sentence found in it (offsets, label, who denies, sha1 of the span):
44 denials and 9 refusals in 1,451 sentences. Every other sentence of those articles is
`not_denial`: the definitions are those of `../shared/data/denials/README.md`. References only,
never the text. Never train on these articles: they are the dev measure of full political text.

Before this set was used for any change (shipped reader of 69c93a1): dossier denies R .182 (8/44),
P .500 (8/16), F1 .267, the reader alone the same. Of the 36 misses, 34 held no denial-like word:
"wrong" (5: "Trump is wrong", "said those statements were wrong"), negations of the claim itself
(14: "is not among the most dangerous", "isn't due to", "was not asked to speak", "I'm not stupid"),
"contradict", "contrary to", "disprove", "contested", "overstated", "deceptive", "discrediting",
"jabbed back at", "none found any evidence", "makes everything up"; 2 were read as not_denial.
The 8 false `denies`: "reject the idea of a minimum wage hike" (a policy), "false perception",
"false statements" named in a statute, "rejected the notion that it should be ...", "didn't happen
again", "dismissed the story" (as unimportant), "rejected the idea" of a debate date, "Priebus
rejected that idea".
After the new cue kinds (bench/labels/denials_cues.jsonl) and "idea" read as a proposal without a
that-clause: R .364 (16/44), P .727 (16/22), F1 .485; sentences parsed 55 -> 95 of 1,451.

Each article goes alone through `pipeline.story_dossiers` (one story each). Figures:
- dossier: recall of labelled denials as `denies` mentions (any claim), with the stage that lost
  each miss (`denial_recall.stage_of`); precision over every `denies` sentence of the dossiers;
- reader alone (the run's `denials_of_texts` findings): denial P/R and refusal P/R.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from pathlib import Path

import denial_recall

from storylens.claims.denial_triggers import has_denial_word
from storylens.model import Article, DenialKind

LABELS = denial_recall.REPO / "bench" / "labels" / "denials_polnear_full.jsonl"


def sha1_10(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def read_labels(data: Path) -> tuple[dict[str, str], dict[str, list[dict]], list[str]]:
    """(file -> text of each fully read article, file -> its label rows, problems found)."""
    texts, gold, problems = {}, defaultdict(list), []
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        path = data / "polnear" / "train" / "text" / row["file"]
        if row["file"] not in texts:
            texts[row["file"]] = path.read_text(encoding="utf-8") if path.exists() else ""
        text = texts[row["file"]]
        if "read" in row:
            if sha1_10(text) != row["sha1"]:
                problems.append(f"{row['file']}: text differs from the one read")
        elif sha1_10(text[row["start"]:row["end"]]) != row["sha1"]:
            problems.append(f"{row['file']} {row['start']}-{row['end']}: span does not fit")
        else:
            gold[row["file"]].append(row)
    return texts, gold, problems


def check(texts: dict, gold: dict, problems: list[str]) -> int:
    for problem in problems:
        print("label does not fit the data:", problem)
    kinds = Counter(row["label"] for rows in gold.values() for row in rows)
    print(f"{len(texts)} articles read in full, {dict(kinds)}; {len(problems)} problems")
    return 1 if problems else 0


def article_of(name: str, text: str) -> Article:
    return Article(id=name, source=f"polnear/train/text/{name}", url=None, outlet=name.split("_")[0], title=None,
                   author=None, published=None, language="en", text=text)


def overlapping(rows: list[dict], start: int, end: int, label: str) -> bool:
    return any(r["label"] == label and denial_recall.overlaps(r["start"], r["end"], start, end) for r in rows)


def measure(texts: dict, gold: dict, show: int) -> dict:
    stages, shown, counts = Counter(), defaultdict(list), Counter()
    for name, text in texts.items():
        article, rows = article_of(name, text), gold.get(name, [])
        dossiers, findings = denial_recall.run([article])
        placed = denial_recall.dossier_mentions(dossiers)[name]
        for row in rows:
            if row["label"] == "denial":
                stage = denial_recall.stage_of(row, text, placed, findings.get(name))
                stages[stage] += 1
                if stage != "found" and len(shown[stage]) < show:
                    shown[stage].append(text[row["start"]:row["end"]][:150])
        if name in findings:  # the sentences the reader parses (READ_WITHOUT_DENIAL_WORD off): the cost
            counts["sentences"] += len(findings[name].sentences)
            counts["parsed"] += sum(has_denial_word(s.text) for s in findings[name].sentences)
        denies = {(m["start"], m["end"]) for m in placed if m["stance"] == "denies"}
        counts["denies"] += len(denies)
        counts["denies right"] += sum(overlapping(rows, s, e, "denial") for s, e in denies)
        for s, e in denies - {d for d in denies if overlapping(rows, *d, "denial")}:
            if len(shown["false denies"]) < show:
                shown["false denies"].append(text[s:e][:150])
        for denial in (findings[name].denials if name in findings else []):
            kind = "read denial" if denial.kind == DenialKind.DENIAL else "read refusal"
            counts[kind] += 1
            counts[f"{kind} right"] += overlapping(rows, denial.sentence.start, denial.sentence.end, kind.split()[1])
        for label in ("denial", "refusal"):
            counts[f"gold {label}"] += sum(r["label"] == label for r in rows)
            counts[f"gold {label} read"] += sum(r["label"] == label and any(
                d.kind == label and denial_recall.overlaps(d.sentence.start, d.sentence.end, r["start"], r["end"])
                for d in (findings[name].denials if name in findings else [])) for r in rows)
    return {"stages": stages, "shown": shown, "counts": counts}


def prf(right: int, said: int, true: int, found: int) -> str:
    p, r = right / max(said, 1), found / max(true, 1)
    return f"P {p:.3f} ({right}/{said}) R {r:.3f} ({found}/{true}) F1 {2 * p * r / max(p + r, 1e-9):.3f}"


def report(result: dict) -> None:
    stages, counts = result["stages"], result["counts"]
    total = sum(stages.values())
    print(f"\n== PolNeAR train, fully read articles: {total} labelled denial sentences")
    denial_recall.print_stages(stages, total)
    print(f"  dossier denies:      {prf(counts['denies right'], counts['denies'], total, stages['found'])}")
    print(f"  reader alone denial: {prf(counts['read denial right'], counts['read denial'], counts['gold denial'], counts['gold denial read'])}")
    print(f"  reader alone refusal: {prf(counts['read refusal right'], counts['read refusal'], counts['gold refusal'], counts['gold refusal read'])}")
    print(f"  sentences parsed by the reader: {counts['parsed']} of {counts['sentences']} "
          f"({counts['parsed'] / max(counts['sentences'], 1):.1%})")
    denial_recall.print_examples(result["shown"])


def main(data: Path, limit: int, show: int, only_check: bool) -> int:
    if not (data / "polnear" / "train" / "text").exists():
        print(f"PolNeAR train texts not found under {data}: nothing to measure")
        return 2
    texts, gold, problems = read_labels(data)
    if only_check:
        return check(texts, gold, problems)
    if problems:
        return check(texts, gold, problems)
    if limit:
        texts = dict(list(texts.items())[:limit])
    report(measure(texts, gold, show))
    return 0
