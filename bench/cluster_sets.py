"""Story-clustering dev sets, built from ../shared/data on the fly (nothing is copied).

Each set is a `ClusterSet`: items, their gold stories, and a `fit` side (for tuning a
threshold) and a `check` side (for the figures). AllSides: fit is train, check is val. FNC-1
has only its train split here, so its big stories are split in two by a stable hash of the
story: fit and check never share a story.

- AllSides title + lead, and its variants: lower-cased, stop-word-free, title only, lead only.
- FNC-1 headlines by rumour: headline-body rows whose stance is not `unrelated` are linked, and
  each connected component of 3-40 headlines is one story (a headline-only set of big stories).
- FNC-1 bodies by rumour: the same components' bodies, without titles (full text, no title).
- Mixed headline stream: FNC-1's rumour headlines (big headline-only stories) pooled in one
  batch with AllSides titles (each triplet a small story), shaped like a day of real headlines
  from many outlets: fit is FNC-1's fit half + AllSides train, check FNC-1's check half +
  AllSides val. Also lower-cased, with AllSides' leads (title + lead, like title + snippet).
- Long headline stream: FNC-1's check-half rumour headlines spread over LONG_STREAM_SMALL_ITEMS
  AllSides titles (val, then train stories in a seeded order), so that each big story spans
  four clusterer blocks (linkage.BLOCK), as a day and a half of real headlines does. Check
  side only: it measures whether blocks split stories, not a threshold to tune.
- PolNeAR dated: 924 political articles of 7 outlets, Nov 2015 - Oct 2016, each with its
  publication date, grouped into event stories by hand (bench/labels/polnear_stories.json: the
  same debate, primary night or announcement, not the same topic; 74 stories of 2-17
  articles, 687 articles alone). The only dev set here with dates and several stories, so the
  one the time term is learned on: fit is PolNeAR's train compartment (first 10 months), check
  its dev compartment (the 11th), as title + lead, full text and title only, in time order.
Used by bench/cluster.py and train/story_model.py.
"""
from __future__ import annotations

import csv
import hashlib
import json
import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storylens.model import NewsItem

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
POLNEAR_LABELS = Path(__file__).resolve().parent / "labels" / "polnear_stories.json"
SMALLEST_STORY, BIGGEST_STORY = 3, 40
WORD = re.compile(r"\w+|\W+")


@dataclass
class ClusterSet:
    name: str
    fit_items: list[NewsItem]
    fit_gold: list[str]
    check_items: list[NewsItem]
    check_gold: list[str]
    # Fit items in the batches a threshold is tuned on (None: chunks of whole random stories).
    fit_chunks: list[list[int]] | None = None


def allsides_rows(split: str, data: Path = DATA) -> list[dict]:
    with (data / "allsides" / f"{split}.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def without_stop_words(text: str) -> str:
    kept = [piece for piece in WORD.findall(text) if piece.casefold() not in ENGLISH_STOP_WORDS]
    return re.sub(r"\s+", " ", "".join(kept)).strip()


VARIANTS: dict[str, Callable[[dict], NewsItem]] = {
    "AllSides title + lead": lambda r: NewsItem(r["id"], r["text"] or r["title"], r["title"]),
    "AllSides lower-cased": lambda r: NewsItem(r["id"], (r["text"] or r["title"]).lower(), r["title"].lower()),
    "AllSides stop-word-free": lambda r: NewsItem(r["id"], without_stop_words(r["text"] or r["title"]) or r["title"],
                                                  without_stop_words(r["title"]) or None),
    "AllSides title only": lambda r: NewsItem(r["id"], r["title"]),
    "AllSides lead only": lambda r: NewsItem(r["id"], r["text"] or r["title"]),
}


def allsides_sets(data: Path = DATA) -> list[ClusterSet]:
    train, val = allsides_rows("train", data), allsides_rows("val", data)
    return [ClusterSet(name, [make(r) for r in train], [r["story"] for r in train],
                       [make(r) for r in val], [r["story"] for r in val]) for name, make in VARIANTS.items()]


def fnc_components(data: Path = DATA) -> tuple[list[list[str]], list[list[str]], dict[str, str]]:
    """Per story of 3-40 headlines: its headlines, its body ids; and the bodies by id."""
    with (data / "fnc1" / "train_bodies.csv").open(encoding="utf-8", newline="") as rows:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(rows)}
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    with (data / "fnc1" / "train_stances.csv").open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            if row["Stance"] != "unrelated":
                parent[root("h" + row["Headline"])] = root("b" + row["Body ID"])
    members: dict[str, list[str]] = defaultdict(list)
    for node in sorted(parent):
        members[root(node)].append(node)
    headlines = [[n[1:] for n in group if n[0] == "h"] for group in members.values()]
    body_ids = [[n[1:] for n in group if n[0] == "b"] for group in members.values()]
    return headlines, body_ids, bodies


def fit_side(story_key: str) -> bool:
    return hashlib.sha1(story_key.encode("utf-8")).digest()[0] % 2 == 0


def fnc_sets(data: Path = DATA) -> list[ClusterSet]:
    headlines, body_ids, bodies = fnc_components(data)
    made = []
    for name, groups, item_of in (
        ("FNC-1 headlines by rumour", headlines, lambda k, text: NewsItem(f"h{k}", text)),
        ("FNC-1 bodies by rumour", body_ids, lambda k, body_id: NewsItem(f"b{body_id}", bodies[body_id])),
    ):
        sides = ([], [], [], [])
        for number, group in enumerate(groups):
            if not SMALLEST_STORY <= len(group) <= BIGGEST_STORY:
                continue
            key = min(group)
            items_list, gold = (sides[0], sides[1]) if fit_side(key) else (sides[2], sides[3])
            for member in group:
                items_list.append(item_of(len(items_list) + (0 if fit_side(key) else 100000), member))
                gold.append(f"fnc{number}")
        made.append(ClusterSet(name, *shuffled(sides[0], sides[1]), *shuffled(sides[2], sides[3])))
    return made


def mixed_sets(data: Path = DATA) -> list[ClusterSet]:
    """Big headline-only stories and small ones in one stream (see the module doc)."""
    train, val = allsides_rows("train", data), allsides_rows("val", data)
    headlines = fnc_sets(data)[0]
    made = []
    for name, make, fold in (
        ("Mixed headline stream", lambda r: NewsItem(r["id"], r["title"]), lambda item: item),
        ("Mixed stream, lower-cased + lead",
         lambda r: NewsItem(r["id"], (r["text"] or r["title"]).lower(), r["title"].lower()),
         lambda item: NewsItem(item.id, item.text.lower())),
    ):
        sides = []
        for rumours, rumour_gold, rows in ((headlines.fit_items, headlines.fit_gold, train),
                                           (headlines.check_items, headlines.check_gold, val)):
            items = [fold(item) for item in rumours] + [make(r) for r in rows]
            sides += shuffled(items, list(rumour_gold) + [r["story"] for r in rows])
        made.append(ClusterSet(name, *sides, fit_chunks=stream_chunks(sides[1], set(headlines.fit_gold),
                                                                      len(set(val_row["story"] for val_row in val)))))
    return made


LONG_STREAM_SMALL_ITEMS = 5100


def long_stream_set(data: Path = DATA) -> ClusterSet:
    """The long headline stream (see the module doc); its fit side is empty."""
    train, val = allsides_rows("train", data), allsides_rows("val", data)
    stories = sorted({r["story"] for r in train})
    random.Random(13).shuffle(stories)
    members: dict[str, list[dict]] = defaultdict(list)
    for row in train:
        members[row["story"]].append(row)
    rows = list(val)
    for story in stories:
        if len(rows) >= LONG_STREAM_SMALL_ITEMS:
            break
        rows += members[story]
    headlines = fnc_sets(data)[0]
    items = list(headlines.check_items) + [NewsItem(r["id"], r["title"]) for r in rows]
    gold = list(headlines.check_gold) + [r["story"] for r in rows]
    return ClusterSet("Long headline stream", [], [], *shuffled(items, gold))


def stream_chunks(fit_gold: list[str], big: set[str], small_per_chunk: int) -> list[list[int]]:
    """Fit batches shaped like the check stream: every big story, with as many small stories
    as the check side has, a different set of them in each batch."""
    small = sorted(set(fit_gold) - big)
    random.Random(3).shuffle(small)
    chunks = []
    for start in range(0, len(small) - small_per_chunk + 1, small_per_chunk):
        chosen = big | set(small[start : start + small_per_chunk])
        chunks.append([k for k, story in enumerate(fit_gold) if story in chosen])
    return chunks


def shuffled(items: list[NewsItem], gold: list[str]) -> tuple[list[NewsItem], list[str]]:
    """Stories interleaved (seeded), as a feed brings them, not one after the other."""
    order = list(range(len(items)))
    random.Random(5).shuffle(order)
    return [items[k] for k in order], [gold[k] for k in order]


def polnear_rows(data: Path = DATA) -> list[dict]:
    """PolNeAR's metadata rows (train and dev compartments), each with its title, lead and
    text read from its file (title on the first line, paragraphs split by blank lines)."""
    with (data / "polnear" / "metadata.tsv").open(encoding="utf-8", newline="") as lines:
        rows = list(csv.DictReader(lines, delimiter="\t"))
    for row in rows:
        path = data / "polnear" / row["compartment"] / "text" / f"{row['filename']}.txt"
        paragraphs = [part.strip() for part in path.read_text(encoding="utf-8").split("\n\n") if part.strip()]
        row["body"] = "\n\n".join(paragraphs[1:]) or paragraphs[0]
        row["lead"] = paragraphs[1] if len(paragraphs) > 1 else paragraphs[0]
    return rows


def polnear_label_problems(rows: list[dict], labels: dict[str, str]) -> list[str]:
    """What is wrong with the hand labels: articles without a label, labels for articles the
    set lacks, and stories of one article that are not marked 'alone'."""
    names = {row["filename"] for row in rows}
    sizes = Counter(labels.values())
    problems = [f"no label: {name}" for name in sorted(names - labels.keys())]
    problems += [f"label for an unknown article: {name}" for name in sorted(labels.keys() - names)]
    problems += [f"story of one article not marked 'alone': {story}" for story, size in sorted(sizes.items())
                 if size == 1 and story != "alone"]
    return problems


POLNEAR_VARIANTS: dict[str, Callable[[dict], tuple[str, str | None]]] = {
    "PolNeAR dated, title + lead": lambda r: (r["lead"], r["title"]),
    "PolNeAR dated, full text": lambda r: (r["body"], r["title"]),
    "PolNeAR dated, title only": lambda r: (r["title"], None),
}


def polnear_sets(data: Path = DATA, labels_file: Path = POLNEAR_LABELS) -> list[ClusterSet]:
    """The PolNeAR dated sets (see the module doc), each side in time order; [] when the data
    is missing. Raises ValueError when the labels do not match the articles."""
    if not (data / "polnear" / "metadata.tsv").exists():
        return []
    rows = sorted(polnear_rows(data), key=lambda r: (r["publication_date"], r["filename"]))
    labels = json.loads(labels_file.read_text(encoding="utf-8"))["stories"]
    if problems := polnear_label_problems(rows, labels):
        raise ValueError(f"{labels_file.name}: " + "; ".join(problems[:5]))
    gold = [labels[r["filename"]] if labels[r["filename"]] != "alone" else "alone:" + r["filename"] for r in rows]
    made = []
    for name, make in POLNEAR_VARIANTS.items():
        sides: list[list] = [[], [], [], []]
        for row, story in zip(rows, gold):
            text, title = make(row)
            published = datetime.fromisoformat(row["publication_date"]).replace(tzinfo=timezone.utc)
            side = 0 if row["compartment"] == "train" else 2
            sides[side].append(NewsItem(row["filename"], text, title, published=published))
            sides[side + 1].append(story)
        made.append(ClusterSet(name, *sides))
    return made


def every_set(data: Path = DATA) -> list[ClusterSet]:
    return allsides_sets(data) + fnc_sets(data) + mixed_sets(data)
