"""The reading of the motivating case: `storylens analyze` on ../shared/data/seeds.

    python bench/seeds.py [SEEDS_DIR]

Prints each story's summary line and its main claim with every mention (stance, chain,
origin), so a reader can check it against DESIGN.md's right answer: disputed, reported by
two independent origins (The Washington Post and Reuters), echoed by five outlets, denied
by the Kremlin (Peskov). Then every quote with its speaker, the claims whose origins hold a
wire agency, and three checks of issue 9: is Reuters an origin (of the main claim, or of
any claim), who speaks "pure fiction" and who speaks "Crimea is gone". Not a score: five
pages are a smoke test, not a benchmark.
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from storylens import commands

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "seeds"


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not folder.is_dir():
        print(f"seeds not found at {folder}; nothing to read (they live in ../shared/data/seeds)")
        return
    with tempfile.TemporaryDirectory() as out:
        commands.analyze([str(folder)], out)
        stories = json.loads((Path(out) / "stories.json").read_text(encoding="utf-8"))
    for story in stories:
        print_story(story)
    print_checks(stories)


def print_story(story: dict) -> None:
    print(f"# {story['title']}\n  {story['summary']}")
    outlet = {a["id"]: a["outlet"] or Path(a["source"]).name for a in story["articles"]}
    main_claim = story["claims"][0] if story["claims"] else None
    if not main_claim:
        return
    print(f"  main claim: {main_claim['text']}")
    for mention in main_claim["mentions"]:
        chain = " -> ".join(mention["attributed_to"]) or "-"
        print(f"    {mention['stance']:<10} {outlet[mention['article']][:28]:<28} via {chain}: {mention['sentence'][:90]}")
    print("  quotes:")
    for quote in story["quotes"]:
        print(f"    {str(quote['speaker'])[:28]:<28} “{quote['text'][:80]}”")


def print_checks(stories: list[dict]) -> None:
    """The three seed readings issue 9 names, found (or not) anywhere in the stories."""
    claims = [claim for story in stories for claim in story["claims"]]
    main_claims = [story["claims"][0] for story in stories if story["claims"]]
    quotes = [quote for story in stories for quote in story["quotes"]]
    print("checks:")
    print(f"  Reuters an origin of a main claim: {any('Reuters' in c['origins'] for c in main_claims)}; "
          f"of any claim: {[c['text'][:60] for c in claims if 'Reuters' in c['origins']]}")
    for words in ("pure fiction", "Crimea is gone"):
        speakers = [q["speaker"] for q in quotes if words.casefold() in q["text"].casefold()]
        print(f"  “{words}” spoken by: {speakers or 'no quote found'}")


if __name__ == "__main__":
    main()
