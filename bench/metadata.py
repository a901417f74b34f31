"""Outlet, title and author accuracy, and non-article precision/recall, on labelled real pages.

    .venv/bin/python bench/metadata.py --pages DIR [--split dev|heldout|all] [--per-page]
    .venv/bin/python bench/metadata.py --pages DIR --kinds [--per-page]

The pages are real ones from public libraries' test data (newspaper, trafilatura), labelled by
hand in bench/labels/real_pages.json (references and expected values only; no page text is in
the repository). Export them first, one folder per repository, e.g.

    git --git-dir=<mirror of codelucas/newspaper> archive <commit> tests/data | tar -x -C DIR/codelucas+newspaper

(the commits are in the labels file). Each page goes through `storylens.extract` as a file, as
a user would run it. Scoring:
  outlet  right when it is one of the accepted names, or the page's registered domain
          (casefold, punctuation ignored);
  title   right when equal to the labelled headline (casefold, spacing and quotes ignored);
  author  right when the set of names equals the labelled byline ([] = no person named);
  non-article: a page skipped (any Problem) counts as "not an article"; precision and recall of
          that against the labels, and how many real articles were skipped.

With --kinds, the page-kind labels of bench/labels/page_kinds.json instead (692 real pages of six
libraries' test data, split by repository into a fit half, adbar/htmldate, tuned on, and a check
half, the other five): per half, non-article recall (error pages, walls, home pages, section
fronts skipped), article recall (articles kept; each lost article is named), and how many pages
of neither kind were skipped. Export those repositories too, at the commits in that file.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import storylens
from storylens.clean.metadata import outlet_from_url
from storylens.model import Article

REPO = Path(__file__).resolve().parents[1]
LABELS = REPO / "bench" / "labels" / "real_pages.json"
KIND_LABELS = REPO / "bench" / "labels" / "page_kinds.json"


def squeeze(value: str | None) -> str:
    text = unicodedata.normalize("NFKD", (value or "").casefold())
    return "".join(ch for ch in text if ch.isalnum())


def names(value: str | None) -> set[str]:
    return {squeeze(name) for name in re.split(r";|,| and ", value or "") if squeeze(name)}


def run_page(path: Path) -> Article | str:
    items = list(storylens.extract([str(path)]))
    article = next((item for item in items if isinstance(item, Article)), None)
    return article if article else "; ".join(str(item).rsplit(": ", 1)[-1] for item in items)[:120]


def score(pages: list[dict], root: Path, per_page: bool) -> Counter:
    counts: Counter = Counter()
    for label in pages:
        path = root / label["repo"].replace("/", "+") / label["path"]
        if not path.exists():
            counts["missing"] += 1
            continue
        found = run_page(path)
        skipped = not isinstance(found, Article)
        counts["tp" if skipped and not label["article"] else "fp" if skipped else
               "fn" if not label["article"] else "tn"] += 1
        wrong = []
        if label["article"] and not skipped:
            wrong = score_fields(label, found, counts)
        if per_page and (wrong or skipped != (not label["article"])):
            shown = found if skipped else {key: getattr(found, key) for key in wrong}
            print(f"  {label['path'].rsplit('/', 1)[-1]:32s} wrong {wrong or 'kind'}: {shown}")
    return counts


def score_fields(label: dict, article: Article, counts: Counter) -> list[str]:
    wrong = []
    if "outlet" in label:
        accepted = {squeeze(name) for name in label["outlet"]} | {squeeze(outlet_from_url(article.url))}
        counts["outlet_n"] += 1
        right = squeeze(article.outlet) in accepted - {""}
        counts["outlet_ok"] += right
        wrong += [] if right else ["outlet"]
    if "title" in label:
        counts["title_n"] += 1
        right = squeeze(article.title) == squeeze(label["title"])
        counts["title_ok"] += right
        wrong += [] if right else ["title"]
    if "author" in label:
        counts["author_n"] += 1
        right = names(article.author) == {squeeze(name) for name in label["author"]}
        counts["author_ok"] += right
        wrong += [] if right else ["author"]
    return wrong


def report(name: str, counts: Counter) -> None:
    def share(ok: str, total: str) -> str:
        return f"{counts[ok]}/{counts[total]} = {counts[ok] / counts[total]:.3f}" if counts[total] else "-"

    precision = counts["tp"] / (counts["tp"] + counts["fp"]) if counts["tp"] + counts["fp"] else 0.0
    recall = counts["tp"] / (counts["tp"] + counts["fn"]) if counts["tp"] + counts["fn"] else 0.0
    print(f"== {name}: outlet {share('outlet_ok', 'outlet_n')}  title {share('title_ok', 'title_n')}  "
          f"author {share('author_ok', 'author_n')}")
    print(f"   non-article: precision {precision:.3f} recall {recall:.3f} ({counts['tp']} of "
          f"{counts['tp'] + counts['fn']} non-articles skipped; {counts['fp']} of {counts['fp'] + counts['tn']} "
          f"articles skipped)" + (f"; {counts['missing']} pages missing from --pages" if counts["missing"] else ""))


def score_kinds(pages: list[dict], root: Path, per_page: bool) -> None:
    """Non-article and article recall on the page-kind labels, one line per half."""
    for half in ("fit", "check"):
        counts: Counter = Counter()
        lost: list[str] = []
        for label in (page for page in pages if page["half"] == half):
            path = root / label["repo"].replace("/", "+") / label["path"]
            if not path.exists():
                counts["missing"] += 1
                continue
            found = run_page(path)
            skipped = not isinstance(found, Article)
            kind = {True: "article", False: "not", None: "other"}[label["article"]]
            counts[kind] += 1
            counts[kind + "_skipped"] += skipped
            if kind == "article" and skipped:
                lost.append(f"{label['repo']}:{label['path']} ({found})")
            if per_page and kind == "not" and not skipped:
                print(f"  kept, not an article: {label['repo']}:{label['path']} ({label['kind']}): {found.title!r}")
        print(f"== {half} half: non-article recall {counts['not_skipped']}/{counts['not']}"
              f" = {counts['not_skipped'] / max(counts['not'], 1):.3f}; article recall "
              f"{counts['article'] - counts['article_skipped']}/{counts['article']}"
              f" = {1 - counts['article_skipped'] / max(counts['article'], 1):.3f}; pages of neither kind skipped "
              f"{counts['other_skipped']}/{counts['other']}"
              + (f"; {counts['missing']} pages missing from --pages" if counts["missing"] else ""))
        for page in lost:
            print(f"   article lost: {page}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, required=True, help="folder with the exported repositories")
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="all")
    parser.add_argument("--per-page", action="store_true")
    parser.add_argument("--kinds", action="store_true", help="page kinds (bench/labels/page_kinds.json) instead")
    args = parser.parse_args()
    if not args.pages.is_dir():
        print(f"{args.pages} not found: export the pages first (see this script's docstring)")
        return 1
    if args.kinds:
        score_kinds(json.loads(KIND_LABELS.read_text(encoding="utf-8"))["pages"], args.pages, args.per_page)
        return 0
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["pages"]
    for split in ("dev", "heldout") if args.split == "all" else (args.split,):
        report(split, score([page for page in labels if page["split"] == split], args.pages, args.per_page))
    return 0


if __name__ == "__main__":
    sys.exit(main())
