"""The reading of the motivating case: `storylens analyze` on ../shared/data/seeds.

    python bench/seeds.py [SEEDS_DIR]

Prints each story's summary line and its main claim with every mention (stance, chain,
origin), so a reader can check it against DESIGN.md's right answer: disputed, reported by
two independent origins (The Washington Post and Reuters), echoed by five outlets, denied
by the Kremlin (Peskov). Not a score: five pages are a smoke test, not a benchmark.
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from storylens import jobs

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "seeds"


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not folder.is_dir():
        print(f"seeds not found at {folder}; nothing to read (they live in ../shared/data/seeds)")
        return
    with tempfile.TemporaryDirectory() as out:
        jobs.analyze([str(folder)], out)
        stories = json.loads((Path(out) / "stories.json").read_text(encoding="utf-8"))
    for story in stories:
        print(f"# {story['title']}\n  {story['summary']}")
        outlet = {a["id"]: a["outlet"] or Path(a["source"]).name for a in story["articles"]}
        main_claim = story["claims"][0] if story["claims"] else None
        if not main_claim:
            continue
        print(f"  main claim: {main_claim['text']}")
        for mention in main_claim["mentions"]:
            chain = " -> ".join(mention["attributed_to"]) or "-"
            print(f"    {mention['stance']:<10} {outlet[mention['article']][:28]:<28} via {chain}: {mention['sentence'][:90]}")


if __name__ == "__main__":
    main()
