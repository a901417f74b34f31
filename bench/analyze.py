"""Speed and reading of `storylens analyze`, end to end, on generated stories.

    python bench/analyze.py [--articles 1000] [--seed 7]

Writes the generated articles as JSON Lines (a third), plain-text page dumps (a third) and
HTML pages (a third) into a temporary folder, runs the same function as `storylens
analyze` on it, and prints articles/s overall and per stage. The generator knows the
truth of each story's main claim (status, independent origins), so it also prints how
often the dossier's main claim reads the same: a check of the reading, not a quality target.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_stories import stories  # noqa: E402

from storylens import commands  # noqa: E402


def write_inputs(folder: Path, generated: list[dict]) -> None:
    records = [article for story in generated for article in story["articles"]]
    with open(folder / "records.jsonl", "w", encoding="utf-8") as jsonl:
        for number, record in enumerate(records):
            kind = number % 3
            if kind == 0:
                jsonl.write(json.dumps(record) + "\n")
            elif kind == 1:
                dump = f"{record['outlet']}\n\nHome | World | Business\n\n{record['title']}\n\n{record['published'][:10]}\n\n{record['text']}\n\nShare this article\n"
                (folder / f"{record['id']}.txt").write_text(dump, encoding="utf-8")
            else:
                paragraphs = "".join(f"<p>{escape(p)}</p>" for p in record["text"].split("\n\n"))
                page = (f"<html><head><title>{escape(record['title'])}</title>"
                        f"<meta property='og:site_name' content='{escape(record['outlet'])}'>"
                        f"<meta property='article:published_time' content='{record['published']}'></head>"
                        f"<body><nav><a href='/'>Home</a></nav><article><h1>{escape(record['title'])}</h1>"
                        f"{paragraphs}</article><footer>Contact us</footer></body></html>")
                (folder / f"{record['id']}.html").write_text(page, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generated = stories(args.articles, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "in", Path(tmp) / "out"
        folder.mkdir()
        write_inputs(folder, generated)
        timings: dict[str, float] = {}
        start = time.perf_counter()
        report, _ = commands.analyze([str(folder)], out, timings=timings)
        elapsed = time.perf_counter() - start
        dossiers = json.loads((out / "stories.json").read_text(encoding="utf-8"))
    print(f"storylens analyze: {report.read} articles in {elapsed:.1f} s = {report.read / elapsed:.1f} articles/s "
          f"on {os.cpu_count()} cores ({report.skipped} skipped)")
    for stage, seconds in timings.items():
        print(f"  {stage:<10} {seconds:6.1f} s")
    reading(generated, dossiers)


def reading(generated: list[dict], dossiers: list[dict]) -> None:
    """How many stories came out whole, and how often their main claim reads as generated."""
    story_of = {a["id"]: n for n, story in enumerate(generated) for a in story["articles"]}
    whole = status_right = origins_right = 0
    for dossier in dossiers:
        # JSON Lines records keep their id; pages and dumps are named after it
        members = {story_of.get(a["id"], story_of.get(Path(a["source"]).stem)) for a in dossier["articles"]}
        if len(members) != 1:
            continue
        truth = generated[members.pop()]
        if len(dossier["articles"]) != len(truth["articles"]) or not dossier["claims"]:
            continue
        whole += 1
        main = dossier["claims"][0]
        status_right += main["status"] == truth["truth"]["status"]
        origins_right += main["independent_origins"] == len(truth["truth"]["origins"])
    sizes = sorted((len(d["articles"]) for d in dossiers), reverse=True)
    print(f"stories found {len(dossiers)} (largest {sizes[:5]}); generated {len(generated)}, found whole {whole}; of those, main claim status as generated "
          f"{status_right}, independent origins as generated {origins_right}")


if __name__ == "__main__":
    main()
