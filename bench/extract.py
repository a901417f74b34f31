"""Speed of `storylens extract` beside trafilatura alone, and extraction quality, on generated pages.

    python bench/extract.py [--pages 2000] [--rounds 2]

Generates N HTML pages and N text dumps with bench/synthetic_pages.py (cached under
bench/out/pages), then in one run, alternating chunk by chunk (CHUNK pages) so that the
machine's noise falls on all three alike:
  - trafilatura alone: bare_extraction(favor_precision=True, with_metadata=True) on the same HTML,
    once on the files' bytes and once on text decoded beforehand (the strict baseline);
  - storylens.extract on the same HTML files (reading, decoding, cleaning, language, dedup, JSON);
then storylens.extract on the text-dump folder. Prints pages/s, our overhead over trafilatura
(target ≤ 15 %) in wall time and in this process's CPU time (on a shared machine the wall
clock mostly measures the neighbours; CPU time much less so), and bag-of-words F1 of the
extracted body against the generated gold (HTML and text dumps). Needs no ../shared data.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import trafilatura

import storylens
from storylens.clean.html import trafilatura_config
from storylens.model import Article

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import synthetic_pages  # noqa: E402  (a sibling script, not a package)

WORD = re.compile(r"\w+", re.UNICODE)
CHUNK = 25


class Clock:
    """Wall and CPU seconds summed over the chunks one contender ran."""

    def __init__(self) -> None:
        self.wall = self.cpu = 0.0

    def __enter__(self) -> "Clock":
        self.started = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_) -> None:
        self.wall += time.perf_counter() - self.started[0]
        self.cpu += time.process_time() - self.started[1]


def generate(out: Path, count: int, seed: int = 1) -> tuple[Path, Path]:
    """The pages, written once and reused while the count matches (generation is not what we time)."""
    html_dir, text_dir = out / "html", out / "text"
    for kind, folder, pattern in (("html", html_dir, "*.html"), ("text", text_dir, "*.txt")):
        if len(list(folder.glob(pattern))) != count:
            for old in folder.glob("*"):
                old.unlink()
            synthetic_pages.write_pages(out, kind, count, seed)
    return html_dir, text_dir


def trafilatura_alone(pages: list[bytes | str]) -> None:
    """trafilatura on the file's bytes (it detects the charset itself), or on text we decoded
    as UTF-8 outside the clock (extraction only: the strictest baseline)."""
    for page in pages:
        trafilatura.bare_extraction(page, favor_precision=True, with_metadata=True,
                                    include_comments=False, config=trafilatura_config())


def storylens_extract(paths: list[Path]) -> list[Article]:
    articles = []
    for item in storylens.extract([str(path) for path in paths]):
        if isinstance(item, Article):
            json.dumps(item.to_record(), ensure_ascii=False)  # the CLI's output step
            articles.append(item)
    return articles


def html_round(paths: list[Path]) -> tuple[Clock, Clock, Clock, list[Article]]:
    """One pass over the HTML pages, the three contenders taking turns chunk by chunk."""
    raw, text, ours, articles = Clock(), Clock(), Clock(), []
    for start in range(0, len(paths), CHUNK):
        chunk = paths[start:start + CHUNK]
        pages = [path.read_bytes() for path in chunk]
        decoded = [page.decode("utf-8") for page in pages]
        with raw:
            trafilatura_alone(pages)
        with text:
            trafilatura_alone(decoded)
        with ours:
            articles += storylens_extract(chunk)
    return raw, text, ours, articles


def time_text_dumps(folder: Path) -> tuple[Clock, list[Article]]:
    clock = Clock()
    with clock:
        articles = storylens_extract([folder])
    return clock, articles


def bag_f1(predicted: str, gold: str) -> float:
    ours, theirs = Counter(WORD.findall(predicted.lower())), Counter(WORD.findall(gold.lower()))
    overlap = sum((ours & theirs).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(ours.values()), overlap / sum(theirs.values())
    return 2 * precision * recall / (precision + recall)


def mean_f1(articles: list[Article]) -> float:
    scores = []
    for article in articles:
        gold = json.loads(Path(article.source).with_suffix(".gold.json").read_text())
        scores.append(bag_f1(article.text, "\n".join(gold["body"])))
    return sum(scores) / len(scores) if scores else 0.0


def overheads(rounds: list[tuple[Clock, Clock, Clock]], attribute: str) -> list[float]:
    """Per round, our time over trafilatura's on decoded text, minus one."""
    return [getattr(ours, attribute) / getattr(text, attribute) - 1 for _, text, ours in rounds]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=2, help="alternating timing rounds; the best of each is kept")
    args = parser.parse_args()
    html_dir, text_dir = generate(HERE / "out" / "pages", args.pages)
    paths = sorted(html_dir.glob("*.html"))
    rounds, dumps = [], []
    for _ in range(args.rounds):
        raw, text, ours, html_articles = html_round(paths)
        rounds.append((raw, text, ours))
        clock, text_articles = time_text_dumps(text_dir)
        dumps.append(clock)
    n = args.pages

    def best(index: int, attribute: str = "wall") -> float:
        return min(getattr(contenders[index], attribute) for contenders in rounds)

    print(f"pages: {n} HTML, {n} text dumps (bench/synthetic_pages.py, seed 1); best of {args.rounds} rounds, "
          f"the three HTML contenders alternating every {CHUNK} pages")
    print(f"trafilatura alone, bytes:   {n / best(0):7.1f} pages/s  (reads and decodes files itself)")
    print(f"trafilatura alone, text:    {n / best(1):7.1f} pages/s  (pages decoded and in memory beforehand)")
    print(f"storylens extract (HTML):   {n / best(2):7.1f} pages/s  ({len(html_articles)} articles; "
          "reading, decoding, language, duplicates, JSON included)")
    print(f"overhead vs bytes baseline: {100 * (best(2) / best(0) - 1):+6.1f} %")
    print(f"overhead vs text baseline:  {100 * (best(2) / best(1) - 1):+6.1f} %  (target ≤ 15 %)")
    cpu = overheads(rounds, "cpu")
    print(f"CPU time per page: trafilatura {1000 * best(1, 'cpu') / n:.2f} ms, storylens {1000 * best(2, 'cpu') / n:.2f} ms;"
          f" overhead vs text baseline {100 * (best(2, 'cpu') / best(1, 'cpu') - 1):+.1f} % "
          f"(rounds: {', '.join(f'{100 * value:+.1f} %' for value in cpu)})")
    print(f"storylens extract (text):   {n / min(clock.wall for clock in dumps):7.1f} pages/s  "
          f"({len(text_articles)} articles)")
    print(f"body bag-of-words F1, HTML: {mean_f1(html_articles):.3f}")
    print(f"body bag-of-words F1, text: {mean_f1(text_articles):.3f}")


if __name__ == "__main__":
    main()
