"""The dossier of one big generated story: time and peak memory of each stage, by story size.

    python bench/big_story.py --sizes 100,300,1000 [--seed 7] [--profile] [--block-mentions N] [--write DIR]

Each size is one story of `bench/synthetic_stories.py` with that many articles (one breaking
report, a wire confirmation in some, the rest citing it; the first n articles of the biggest).
Their per-article findings are parsed first (as the per-input stage of `ingest` does, and cached
in the system's temporary folder by size and seed, since parsing is linear and not what is measured), then the dossier stage runs
as a worker runs it: the story part of the claims stage (`pipeline.task_findings` over stored
findings), the judge (mentions, embeddings, alignment, answers) and the dossier. It prints the
seconds the peak resident memory of the dossier stage and its growth over the memory before it, and
the claims found (`--write DIR`: each dossier as DIR/story-N.json); `--block-mentions` sets
`judge.align.BLOCK_MENTIONS`, to compare the blockwise reading of a huge story with the all-pairs
one (--block-mentions 100000) on the same story; then the entries and memory of the worker caches keyed by text; `--profile` prints the top functions by cumulative time for the largest size.
Needs no development data.
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import json
import pickle
import pstats
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_stories import one_story  # noqa: E402

from storylens.model import Article  # noqa: E402
from storylens.pipeline import StoryTask, dossiers_of, warm_up_worker  # noqa: E402


def story_articles(size: int, seed: int) -> list[Article]:
    story = one_story(random.Random(seed), 0, size)
    return [Article(id=r["id"], source=f"{r['id']}.json", url=None, outlet=r["outlet"], title=r["title"], author=None,
                    published=r["published"], language=r["language"], text=r["text"]) for r in story["articles"]]


def stored_findings(articles: list[Article], size: int, seed: int) -> dict:
    """Article id → its per-article findings record, as the per-input stage stores it."""
    from storylens.claims.findings import parse_articles
    from storylens.claims.stored_findings import findings_record

    cache = Path(tempfile.gettempdir()) / f"storylens-big-story-{size}-{seed}.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    records = {a.id: findings_record(found) for a, found in zip(articles, parse_articles(articles))}
    cache.write_bytes(pickle.dumps(records))
    return records


def text_caches() -> dict:
    """The worker caches keyed by sentence text, by name (functions wrapped by `lru_cache`)."""
    from storylens.claims import denials, speakers
    from storylens.judge import align, answers, figures, stance_features

    caches = {"align.content_terms": align.content_terms, "figures._subject_key": figures._subject_key,
              "answers._calls_false": answers._calls_false, "speakers.gender_in_text": speakers.gender_in_text,
              "stance_features._strip_suffix": stance_features._strip_suffix, "align.stem": align.stem}
    for name in ("_DENIAL_RE", "_NO_COMMENT_RE", "_QUESTION_RE", "_NEGATION_RE"):
        caches[f"denials.{name}._found"] = getattr(denials, name)._found
    return caches


def cache_memory(cached) -> tuple[int, int, float]:
    """Entries, maximum entries and megabytes held (keys and answers, each object counted once)
    of an `lru_cache`: its dictionary is among the wrapper's referents, and asking again for a
    key returns the answer held."""
    table = next(r for r in gc.get_referents(cached) if isinstance(r, dict) and len(r) == cached.cache_info().currsize)
    seen: set[int] = set()
    total = sum(_deep_size(key, seen) + _deep_size(cached(*key) if isinstance(key, tuple) else cached(key), seen)
                for key in list(table))
    return cached.cache_info().currsize, cached.cache_info().maxsize, total / 1e6


def _deep_size(value, seen: set[int]) -> int:
    if id(value) in seen:
        return 0
    seen.add(id(value))
    size = sys.getsizeof(value)
    if isinstance(value, (tuple, list, frozenset, set)):
        size += sum(_deep_size(item, seen) for item in value)
    elif hasattr(value, "__slots__") or hasattr(value, "__dict__"):
        fields = getattr(value, "__slots__", ()) or vars(value)
        size += sum(_deep_size(getattr(value, field), seen) for field in fields if hasattr(value, field))
    return size


def _reset_peak_memory() -> None:
    # Linux: writing 5 resets the process's peak resident size (VmHWM) to its current size.
    Path("/proc/self/clear_refs").write_text("5")


def _memory_mb(field: str) -> float:
    status = Path("/proc/self/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith(field + ":"))) / 1024


def measure(articles: list[Article], findings: dict, profile: bool, write: Path | None = None) -> dict:
    size = len(articles)
    findings = {a.id: findings[a.id] for a in articles}
    task = StoryTask([("big", articles)], {}, {}, findings)
    timings: dict[str, float] = {}
    profiler = cProfile.Profile() if profile else None
    _reset_peak_memory()
    before = _memory_mb("VmRSS")
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    dossier = dossiers_of(task, timings=timings)[0]
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - start
    peak = _memory_mb("VmHWM")
    if write:
        write.mkdir(parents=True, exist_ok=True)
        (write / f"story-{size}.json").write_text(json.dumps(dossier, indent=1), encoding="utf-8")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
    return {"articles": size, "seconds": seconds, "claims_s": timings.get("claims", 0.0),
            "judge_s": timings.get("judge", 0.0), "peak_mb": peak, "growth_mb": peak - before, "claims": len(dossier["claims"]),
            "mentions": sum(len(claim["mentions"]) for claim in dossier["claims"]),
            "main": dossier["claims"][0]["status"] if dossier["claims"] else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,300,1000")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--block-mentions", type=int)
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    if args.block_mentions:
        from storylens.judge import align

        align.BLOCK_MENTIONS = args.block_mentions
    warm_up_worker()
    sizes = [int(size) for size in args.sizes.split(",")]
    print("| articles | dossier s | ms/article | claims stage s | judge s | peak RSS MB | growth MB | mentions | claims | main claim |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    # A story's first n articles do not depend on its size: the biggest is generated and parsed once.
    articles = story_articles(max(sizes), args.seed)
    findings = stored_findings(articles, max(sizes), args.seed)
    for size in sizes:
        row = measure(articles[:size], findings, args.profile and size == max(sizes), args.write)
        print(f"| {size} | {row['seconds']:.1f} | {1000 * row['seconds'] / size:.1f} | {row['claims_s']:.1f} | "
              f"{row['judge_s']:.1f} | {row['peak_mb']:.0f} | {row['growth_mb']:.0f} | {row['mentions']} | {row['claims']} | {row['main']} |", flush=True)
    print("\nWorker caches keyed by text after these dossiers (entries / maximum, MB held):")
    for name, cached in text_caches().items():
        entries, most, megabytes = cache_memory(cached)
        print(f"  {name}: {entries} / {most}, {megabytes:.1f} MB")


if __name__ == "__main__":
    main()
