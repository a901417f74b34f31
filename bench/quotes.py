"""Quote speakers on PolNeAR dev: is the speaker we give a direct quote the one the annotators gave?

    python bench/quotes.py [--data ../shared/data/polnear]

A gold direct quote is an attribution with a Source whose content is mostly inside quotation
marks. Its gold speaker is the Source's words; when the Source is a pronoun ("he said"), the
nearest earlier gold Source that names someone stands for it (PolNeAR marks no coreference,
and a reporter's "he" almost always continues the person last cited). Where the annotators
swapped Source and Cue (4 dev quotes: Source "said", Cue "Hester"), the Cue is the speaker. Each gold quote is
matched to our quote that overlaps its content most. Our speaker is right when it shares a
word (case-folded, articles and possessives left out) with the gold speaker. Printed:
accuracy over the gold quotes we found, how many we found, how many we left without a speaker,
and a few misreadings. Reads ../shared/data; says so and exits 0 when it is missing.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "train"))
from attribution_polnear import load_split  # noqa: E402

from storylens.claims.attribution import attributions_of_texts  # noqa: E402
from storylens.claims.cues import SPEECH_VERBS  # noqa: E402
from storylens.claims.quotes import find_quotes, quote_regions  # noqa: E402
from storylens.claims.speakers import normalise_speakers  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
# When written: 0.806 (344 of 427) with the speaker reading of the time, 0.841 (359 of 427) after
# issue 9's round (pronouns and "it", speakers after the quote, split quotes, no common nouns),
# 0.859 (367) after the next (tags after the quote first, colon and party tags, he/she agreement),
# then 0.869 (371) once the 4 swapped Source/Cue annotations are read the right way round, and
# 0.902 (385) after the third round (tagged people, sentence subjects, documents and groups no "she"). The
# target is 0.90. The match is strict: "Barack Obama" for a gold "the president" counts wrong.
PRONOUNS = frozenset("he she i we they him her them it".split())
FUNCTION_WORDS = frozenset("the a an of to and in on at for with from by who that which mr mrs ms dr".split())


def words_of(phrase: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z'’.-]*", phrase.casefold().replace("’s", "").replace("'s", ""))
            if w not in FUNCTION_WORDS}


def gold_quotes(article) -> list[tuple[tuple[int, int], str]]:
    """(content span, gold speaker) of each direct quote with a source, pronouns resolved."""
    regions = quote_regions(article.text)
    named: list[tuple[int, str]] = []
    for gold in article.attributions:
        for start, end in gold.source:
            text = article.text[start:end]
            if words_of(text) - PRONOUNS:
                named.append((start, text))
    named.sort()
    found = []
    for gold in article.attributions:
        if not gold.source or not gold.content:
            continue
        start, end = gold.content[0][0], gold.content[-1][1]
        quoted = sum(max(0, min(b, end) - max(a, start)) for a, b in regions)
        if quoted < 0.6 * (end - start):
            continue
        source_start = gold.source[0][0]
        speaker = " ".join(article.text[a:b] for a, b in gold.source)
        if speaker.strip().lower() in SPEECH_VERBS:  # Source and Cue swapped by the annotator ('said Hester')
            speaker = " ".join(article.text[a:b] for a, b in gold.cue)
        if not words_of(speaker) - PRONOUNS:
            earlier = [text for at, text in named if at < source_start]
            if not earlier:
                continue
            speaker = earlier[-1]
        found.append(((start, end), speaker))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "polnear")
    parser.add_argument("--show", type=int, default=12, help="how many misreadings to print")
    args = parser.parse_args()
    if not (args.data / "dev" / "text").is_dir():
        print(f"PolNeAR dev not found under {args.data}; nothing to measure.")
        return 0
    articles = load_split(args.data / "dev")
    right = found = unspoken = total = 0
    misread = []
    for article, attributions in zip(articles, attributions_of_texts(a.text for a in articles)):
        normalise_speakers([article.text], [attributions])
        quotes = find_quotes(article.text, attributions)
        for (start, end), speaker in gold_quotes(article):
            total += 1
            overlapping = [q for q in quotes if min(end, q.end) - max(start, q.start) > 0]
            if not overlapping:
                continue
            quote = max(overlapping, key=lambda q: min(end, q.end) - max(start, q.start))
            found += 1
            if not quote.speaker:
                unspoken += 1
            elif words_of(quote.speaker) & words_of(speaker):
                right += 1
                continue
            misread.append((speaker, quote.speaker, quote.text[:60]))
    print(f"PolNeAR dev: {total} gold direct quotes with a source, {found} found by us")
    print(f"quote speakers  accuracy {right / max(1, found):.3f}  ({right} right of {found} found; "
          f"{unspoken} without a speaker)")
    for gold, ours, text in misread[:args.show]:
        print(f"  gold {gold[:30]!r:34} ours {str(ours)[:30]!r:34} {text!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
