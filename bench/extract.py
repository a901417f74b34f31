"""Speed of `storylens extract` beside trafilatura alone, and extraction quality, on generated pages.

    python bench/extract.py [--pages 2000] [--rounds 2]

Generates N HTML pages and N text dumps with bench/synthetic_pages.py (cached under
bench/out/pages), then in one run, alternating to share the machine's noise fairly:
  - trafilatura alone: bare_extraction(favor_precision=True, with_metadata=True) on the same HTML,
    once on the files' bytes and once on text decoded beforehand (the strict baseline);
  - storylens.extract on the HTML folder (reading, decoding, cleaning, language, dedup, JSON);
  - storylens.extract on the text-dump folder.
Prints pages/s, our overhead over trafilatura (target ≤ 15 %), and bag-of-words F1 of the
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


def generate(out: Path, count: int, seed: int = 1) -> tuple[Path, Path]:
    """The pages, written once and reused while the count matches (generation is not what we time)."""
    html_dir, text_dir = out / "html", out / "text"
    for kind, folder, pattern in (("html", html_dir, "*.html"), ("text", text_dir, "*.txt")):
        if len(list(folder.glob(pattern))) != count:
            for old in folder.glob("*"):
                old.unlink()
            synthetic_pages.write_pages(out, kind, count, seed)
    return html_dir, text_dir


def time_trafilatura(html_dir: Path, *, decoded: bool) -> float:
    """trafilatura on the file's bytes (it detects the charset itself), or on text we decoded
    as UTF-8 outside the clock (extraction only: the strictest baseline)."""
    pages = [path.read_bytes() for path in sorted(html_dir.glob("*.html"))]
    if decoded:
        pages = [page.decode("utf-8") for page in pages]
    start = time.perf_counter()
    for page in pages:
        trafilatura.bare_extraction(page, favor_precision=True, with_metadata=True,
                                    include_comments=False, config=trafilatura_config())
    return time.perf_counter() - start


def time_storylens(folder: Path) -> tuple[float, list[Article]]:
    start = time.perf_counter()
    articles = []
    for item in storylens.extract([str(folder)]):
        if isinstance(item, Article):
            json.dumps(item.to_record(), ensure_ascii=False)  # the CLI's output step
            articles.append(item)
    return time.perf_counter() - start, articles


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=2, help="alternating timing rounds; the best of each is kept")
    args = parser.parse_args()
    html_dir, text_dir = generate(HERE / "out" / "pages", args.pages)
    traf, traf_text, ours, dumps = [], [], [], []
    for _ in range(args.rounds):
        traf.append(time_trafilatura(html_dir, decoded=False))
        traf_text.append(time_trafilatura(html_dir, decoded=True))
        seconds, html_articles = time_storylens(html_dir)
        ours.append(seconds)
        seconds, text_articles = time_storylens(text_dir)
        dumps.append(seconds)
    n = args.pages
    print(f"pages: {n} HTML, {n} text dumps (bench/synthetic_pages.py, seed 1); best of {args.rounds} rounds")
    print(f"trafilatura alone, bytes:   {n / min(traf):7.1f} pages/s  (reads and decodes files itself)")
    print(f"trafilatura alone, text:    {n / min(traf_text):7.1f} pages/s  (pages decoded and in memory beforehand)")
    print(f"storylens extract (HTML):   {n / min(ours):7.1f} pages/s  ({len(html_articles)} articles; "
          "reading, decoding, language, duplicates, JSON included)")
    print(f"overhead vs bytes baseline: {100 * (min(ours) / min(traf) - 1):+6.1f} %")
    print(f"overhead vs text baseline:  {100 * (min(ours) / min(traf_text) - 1):+6.1f} %  (target ≤ 15 %)")
    print(f"storylens extract (text):   {n / min(dumps):7.1f} pages/s  ({len(text_articles)} articles)")
    print(f"body bag-of-words F1, HTML: {mean_f1(html_articles):.3f}")
    print(f"body bag-of-words F1, text: {mean_f1(text_articles):.3f}")


if __name__ == "__main__":
    main()
