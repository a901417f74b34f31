"""Speed and memory of `storylens.cluster.cluster` at 1k, 10k and 100k generated records, embeddings included.

    python bench/cluster_scale.py [--sizes 1000,10000,100000] [--chunk 1000] [--curve-size N] [--seed 1]

Records are generated from templates with a seeded RNG: about one story per 8 records, each
story a handful of items from different outlets over a few days (a title and a 2-3 sentence
lead built from word lists, with the story's people, places and figures), about 30 new
stories a day, and one item in ten a wire copy of an earlier item of its story. Needs no
../shared data. Each size runs in its own process, so its peak memory is its own. Reports:
  - records/s of `storylens.cluster.cluster(records)` per size (validation, copies, stories; generation
    not timed), and the time spent finding copies alone;
  - the curve: time per new record, chunk by chunk, against the number of stories known so
    far, fed through `LinkageClusterer.add` (what `cluster` runs) in time order (the per-record cost
    must not grow with the stories known);
  - peak memory (ru_maxrss of the size's process, taken before the curve's second pass;
    tracemalloc is left out, as it slows Python code two- to threefold and would skew the rates);
  - BCubed F1 against the generated stories, and copies found against copies planted.
The curve embeds every record a second time: at 100k it doubles the run; --curve-size 10000
draws it on a smaller size, 0 not at all.
With --ingest-size N (default 10000; 0 skips it): the same N records stored and clustered by
`ingest`'s path (`pipeline.assign_stored_stories` over a fresh SQLite store) in 10 runs of N/10,
each with a fresh clusterer as a new process would have, against one `storylens.cluster.cluster` run;
prints the BCubed agreement between the two (one taken as gold), the time of each, and the time
of each ingest run's clustering (resuming the store's state, clustering, saving).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

from storylens.cluster.api import cluster
from storylens.cluster.evaluation import bcubed
from storylens.cluster.neardup import MIN_WORDS, find_copies, words_of
from storylens.cluster.records import items_from_records

ITEMS_PER_STORY = (3, 13)  # uniform: 8 on average
STORIES_PER_DAY = 30
COPY_SHARE = 0.1
START = datetime(2024, 1, 1, tzinfo=timezone.utc)

FIRST = ("Amara Boris Celia Dmitri Elena Farid Greta Hugo Ines Jonas Katya Luis Mei Nadia Oskar Priya "
         "Rafael Sofia Tomas Uma Viktor Wen Yusuf Zora Anton Beatriz Carlos Dalia Emil Fatima").split()
LAST = ("Abbott Brandt Castillo Duarte Eriksen Fontaine Garber Haddad Ivanova Jansen Kowalski Lindqvist "
        "Moreau Nakamura Okafor Petrov Quinn Rossi Santos Tanaka Ulrich Varga Weber Xu Yilmaz Zeller "
        "Achebe Bauer Costa Dahl Engel Fischer Gallo Horvat").split()
PLACE_HEADS = ("Alder Brack Calder Dun East Fenn Gall Harrow Ils Kest Low Marl Nor Ost Pell Ravens Salt "
               "Thorn Ulver Val West Yarr Ash Birch Cold Dray Elm Fox Grey Holl").split()
PLACE_TAILS = "moor water mere holm wick way gate by ton field stead ley stone bridge haven ridge brook hill".split()
PLACE_PREFIXES = ("", "North ", "South ", "Upper ", "Lower ", "New ", "Old ", "Great ")
ORG_KINDS = ("City Council", "General Hospital", "University", "Port Authority", "Water Board",
             "Football Club", "Police", "Chamber of Commerce", "Rail Company", "Science Museum")

# Per topic: title templates and lead sentences. Slots take the story's own cast; "[a|b]" is
# a choice of wording made per item, so that outlets write the same facts in their own words.
TOPICS = {
    "fire": (["Fire destroys {thing} in {place}", "{place} {thing} gutted by overnight blaze",
              "Blaze at {place} {thing}: {number} people evacuated"],
             ["A [fire|blaze] [broke out|started] at the {thing} in {place} [late on|early on|during] {day}, "
              "and {number} people [were evacuated|had to leave their homes|were moved to safety].",
              "[Firefighters|Crews] from {org} [needed|took|fought for] {hours} hours to [bring the blaze under "
              "control|put out the flames|contain the fire].",
              "{person}, who lives [nearby|next door|across the street], said [the smoke|the glow|the flames] "
              "could be seen [across the whole of|all over|from every corner of] {place}.",
              "[Investigators|Fire officers|Police] in {place} have not [yet said|determined|explained] what "
              "[caused|started] the fire at the {thing}.",
              "The {org} said [no one was seriously hurt|there were no serious injuries] and that the [building|site] "
              "would [be closed|stay shut|remain closed] for [weeks|a month|some time]."]),
    "strike": (["{org} workers strike over pay", "Walkout at {org} enters its {ordinal} day",
                "{place} hit by {org} strike"],
               ["[Staff|Workers|Employees] at the {org} [walked out|went on strike|stopped work] on {day} "
                "after [pay talks|negotiations over wages|talks on pay] [broke down|collapsed|failed].",
                "The union said {number} [members|workers] had [joined the strike|walked out] and that "
                "[picket lines|protests] would [stay|continue|go on].",
                "{person}, a union [organiser|representative|official], said the offer [did not cover|fell "
                "short of] the rise in [rents|living costs|prices] in {place}.",
                "[Management|Bosses|Directors] at the {org} [called|described] the strike [premature|"
                "unnecessary|regrettable] and said talks could [resume|restart|continue].",
                "Services in {place} were [expected|likely|set] to be disrupted for at least {hours} days."]),
    "discovery": (["Researchers in {place} find {thing}", "{org} team reports {thing} discovery",
                   "{person} leads discovery of {thing} near {place}"],
                  ["A team from the {org} [announced|said|revealed] on {day} that it had [found|uncovered|"
                   "unearthed] the {thing} near {place}.",
                   "The find was made by {person} during a [survey|dig|study] that [began|started] {number} "
                   "days [ago|earlier].",
                   "[Experts|Historians|Specialists] said the {thing} could [change|rewrite|transform] what is "
                   "known about the past of {place}, {person} [said|added].",
                   "The {org} [plans|intends|hopes] to put the {thing} on [public display|show] next year.",
                   "Samples have been sent to [laboratories|labs] abroad for [dating|analysis], {person} said."]),
    "election": (["{person} wins {place} mayoral race", "{place} elects {person} as mayor",
                  "Upset in {place}: {person} takes the mayor's office"],
                 ["{person} [won|took|carried] the mayoral [election|race|vote] in {place} on {day} with "
                  "{number} votes.",
                  "Turnout was the [highest|largest|strongest] the {org} has [recorded|seen] in [two decades|"
                  "twenty years|a generation].",
                  "In a [speech|victory speech|address] to supporters, {person} [promised|pledged|vowed] to "
                  "[rebuild|restore|reopen] the {thing}.",
                  "The [defeated|outgoing] incumbent conceded [late in the evening|shortly before midnight|"
                  "on the night] and congratulated {person}.",
                  "Counting at the {org} took {hours} hours because of a [dispute|row|disagreement] over postal "
                  "ballots."]),
    "court": (["{person} goes on trial in {place}", "Trial of {person} opens over {thing} deal",
               "{place} court hears {thing} fraud case"],
              ["The trial of {person}, [accused|charged|suspected] of fraud over the {thing} contract, [opened|"
               "began|started] in {place} on {day}.",
               "Prosecutors [say|allege|claim] {number} euros [went missing|disappeared|vanished] from accounts "
               "[held|run|managed] by the {org}.",
               "{person} [denies|rejects|disputes] all [charges|allegations|accusations], the defence told the "
               "[court|jury|judge].",
               "The judge in {place} said the [hearing|trial|case] against {person} would [last|run for|take] about "
               "{hours} weeks.",
               "Former [staff|employees|officials] of the {org} are expected to give evidence [next week|later "
               "this month|in the coming days]."]),
    "storm": (["Storm leaves {place} without power", "{number} homes flooded as storm hits {place}",
               "Storm damages {thing} in {place}"],
              ["A storm [swept through|hit|battered] {place} on {day}, [cutting power to|leaving without "
               "electricity] {number} homes.",
               "[Winds|Gusts|Gales] tore part of the roof off the {thing}, the {org} said.",
               "{person}, a [resident|local shopkeeper|teacher], said the water rose in [less than an hour|"
               "minutes|no time].",
               "Engineers in {place} [expect|hope|aim] to restore [electricity|power|supplies] within {hours} hours.",
               "Schools across {place} will [stay|remain] closed while the damage is [assessed|surveyed|"
               "checked]."]),
    "transport": (["{place} {thing} closes for repairs", "Commuters face delays as {thing} shuts",
                   "{org} shuts {thing} after inspection"],
                  ["The {thing} in {place} will [close|shut] on {day} after [inspectors|engineers|surveyors] "
                   "found [cracks|damage|corrosion], the {org} said.",
                   "About {number} people [use|cross|rely on] the {thing} in {place} every day.",
                   "{person} of the {org} said [repairs|the work|the works] would take at least {hours} weeks.",
                   "[Buses|Replacement buses|Shuttles] from the {org} will [replace the service|run instead] while "
                   "the {thing} is closed.",
                   "Local [shops|traders|businesses] fear a [loss|drop|fall] of trade during the closure, "
                   "{person} said."]),
    "sport": (["{place} {org} reach the final", "{person} scores twice as {place} win",
               "Cup run continues for {place}"],
              ["{place} [beat|defeated|overcame] their rivals {number} to one on {day} to reach the final.",
               "{person} scored twice in the second half, the {org} said after the [match|game].",
               "The final will be played at the {thing} [next month|in May|in three weeks], {person} said.",
               "[Supporters|Fans] celebrated in the streets of {place} until [late at night|the early hours|"
               "midnight].",
               "The [coach|manager] praised {person} and said the squad had worked for {hours} months for "
               "[this|this moment|this day]."]),
}
THINGS = ("old mill", "central library", "harbour bridge", "ferry terminal", "bronze age hoard", "town hall",
          "stadium", "railway viaduct", "water treatment plant", "market hall", "Roman mosaic", "cathedral tower",
          "concert hall", "fish market", "lighthouse", "tram depot", "botanical garden", "airport terminal")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
OUTLETS = ("Courier", "Herald", "Gazette", "Observer", "Tribune", "Post", "Chronicle", "Wire Service")
CHOICE = re.compile(r"\[([^\]]*)\]")


def generate(count: int, seed: int) -> tuple[list[dict], dict[str, str], dict[str, str]]:
    """Records in time order, the gold story of each record id, and the planted copy → source."""
    rng = random.Random(seed)
    span_days = max(1.0, count / 8 / STORIES_PER_DAY)
    records, gold, planted = [], {}, {}
    story = 0
    used: set[tuple[str, str]] = set()
    while len(records) < count:
        cast = story_cast(rng, used)
        start = START + timedelta(days=rng.uniform(0, span_days))
        written: list[dict] = []
        for number in range(rng.randint(*ITEMS_PER_STORY)):
            published = start + timedelta(hours=rng.expovariate(1 / 18))
            record = {"id": f"r{story}-{number}", "outlet": rng.choice(OUTLETS),
                      "published": published.isoformat().replace("+00:00", "Z")}
            if written and rng.random() < COPY_SHARE:
                source = rng.choice(written)
                record |= {"title": source["title"], "text": "(Wire) " + source["text"]}
                record["published"] = max(record["published"], source["published"])
                planted[record["id"]] = source["id"]
            else:
                record |= {"title": fill(rng.choice(cast["titles"]), cast, rng), "text": lead(cast, rng)}
            written.append(record)
            gold[record["id"]] = f"story{story}"
        records.extend(written)
        story += 1
    records = sorted(records[:count], key=lambda r: r["published"])
    kept = {r["id"] for r in records}
    return records, {k: v for k, v in gold.items() if k in kept}, {k: v for k, v in planted.items() if k in kept}


def story_cast(rng: random.Random, used: set[tuple[str, str]]) -> dict:
    """A new story's cast. No two stories share topic and place: their leads would differ only
    in a name or a figure, and the gold would call copies of one text two stories."""
    while True:
        topic = rng.choice(sorted(TOPICS))
        place = rng.choice(PLACE_PREFIXES) + rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS)
        if (topic, place) not in used:
            used.add((topic, place))
            break
    titles, sentences = TOPICS[topic]
    return {"titles": titles, "sentences": sentences, "place": place,
            "person": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "org": f"{place} {rng.choice(ORG_KINDS)}",
            "thing": rng.choice(THINGS), "number": rng.randint(12, 4000), "day": rng.choice(DAYS)}


def fill(template: str, cast: dict, rng: random.Random) -> str:
    # Figures drift between versions of a story, as they do in real coverage.
    number = cast["number"] + rng.choice((0, 0, 0, rng.randint(-10, 10)))
    worded = CHOICE.sub(lambda choice: rng.choice(choice.group(1).split("|")), template)
    return worded.format(place=cast["place"], person=cast["person"], org=cast["org"], thing=cast["thing"],
                         number=number, day=cast["day"], hours=rng.randint(2, 9),
                         ordinal=rng.choice(("second", "third", "fourth")))


def lead(cast: dict, rng: random.Random) -> str:
    chosen = rng.sample(cast["sentences"], rng.randint(2, 3))
    return " ".join(fill(sentence, cast, rng) for sentence in chosen)


def run_one(size: int, seed: int, chunk: int, curve: bool) -> dict:
    records, gold, planted = generate(size, seed)
    start = time.perf_counter()
    items = list(items_from_records((record["id"], record) for record in records))
    find_copies(items)
    copy_seconds = time.perf_counter() - start
    start = time.perf_counter()
    assignments = cluster(records)
    seconds = time.perf_counter() - start
    precision, recall, f1 = bcubed([a.story for a in assignments], [gold[a.id] for a in assignments])
    found = {a.id: a.copy_of for a in assignments if a.copy_of}
    text_of = {record["id"]: record["text"] for record in records}
    # A planted copy can only be found when it and its source are long enough to be compared.
    comparable = [copy for copy, source in planted.items()
                  if min(len(words_of(text_of[copy])), len(words_of(text_of[source]))) >= MIN_WORDS]
    result = {"size": size, "seconds": seconds, "copy_seconds": copy_seconds, "copies_found": len(found),
              "copies_planted": len(comparable), "copies_planted_found": sum(k in found for k in comparable),
              "copies_outside_story": sum(gold[k] != gold[v] for k, v in found.items()),
              "stories_gold": len(set(gold.values())), "stories_found": len({a.story for a in assignments}),
              "bcubed": [precision, recall, f1]}
    result["max_rss_mb"] = peak_rss_mb()  # before the curve's second pass, which has its own clusterer
    result["curve"] = per_chunk(items, chunk) if curve else None
    return result


def ingest_agreement(size: int, seed: int, runs: int = 10) -> dict:
    """One `storylens.cluster.cluster` run against `runs` ingest runs over one store, on the same records."""
    import tempfile

    from storylens.pipeline import assign_stored_stories
    from storylens.model import Article
    from storylens.store import insert_articles, open_store
    from storylens.store.stories import story_of

    records, gold, _planted = generate(size, seed)
    start = time.perf_counter()
    once = {a.id: a.story for a in cluster(records)}
    cluster_seconds = time.perf_counter() - start
    articles = [Article(id=r["id"], source=r["id"], url=None, outlet=r["outlet"], title=r["title"], author=None,
                        published=r["published"], language="en", text=r["text"]) for r in records]
    step = -(-size // runs)
    with tempfile.TemporaryDirectory() as folder:
        engine = open_store(f"sqlite:///{folder}/news.db")
        start, run_seconds = time.perf_counter(), []
        for begin in range(0, size, step):
            insert_articles(engine, articles[begin : begin + step])
            run_start = time.perf_counter()
            assign_stored_stories(engine)
            run_seconds.append(time.perf_counter() - run_start)
        ingest_seconds = time.perf_counter() - start
        stored = {a.id: story_of(engine, a.id) for a in articles}
        engine.dispose()
    ids = [a.id for a in articles if stored[a.id] is not None]
    agreement = bcubed([stored[i] for i in ids], [once[i] for i in ids])
    return {"size": size, "runs": runs, "agreement": agreement, "cluster_seconds": cluster_seconds,
            "ingest_seconds": ingest_seconds, "run_seconds": run_seconds,
            "ingest_bcubed": bcubed([stored[i] for i in ids], [gold[i] for i in ids]),
            "cluster_bcubed": bcubed([once[i] for i in ids], [gold[i] for i in ids])}


def report_ingest(result: dict) -> None:
    p, r, f = result["agreement"]
    print(f"\n== ingest in {result['runs']} runs of {result['size'] // result['runs']:,} vs one cluster run of "
          f"{result['size']:,}: BCubed agreement P {p:.3f} R {r:.3f} F1 {f:.3f}")
    print(f"   against the generated stories: ingest F1 {result['ingest_bcubed'][2]:.3f}, "
          f"cluster F1 {result['cluster_bcubed'][2]:.3f}; time: ingest {result['ingest_seconds']:.1f} s "
          f"(storing included), cluster {result['cluster_seconds']:.1f} s")
    runs = result["run_seconds"]
    print(f"   clustering per ingest run (resume, cluster, save): mean {sum(runs) / len(runs):.2f} s, "
          f"first {runs[0]:.2f} s, last {runs[-1]:.2f} s")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def per_chunk(items: list, chunk: int) -> list[dict]:
    """Seconds per record for each chunk of new items against the stories known before it,
    through the clusterer `cluster` uses (LinkageClusterer.add, embeddings included)."""
    from storylens.cluster.linkage import LinkageClusterer

    clusterer = LinkageClusterer()
    ordered = sorted(items, key=lambda item: item.published)
    rows = []
    for begin in range(0, len(ordered), chunk):
        known, carried = clusterer.stories_known, len(clusterer.carried)
        start = time.perf_counter()
        clusterer.add(ordered[begin : begin + chunk])
        elapsed = time.perf_counter() - start
        rows.append({"records": begin, "stories_known": known, "stories_active": carried,
                     "ms_per_record": 1000 * elapsed / len(ordered[begin : begin + chunk])})
    return rows


def report(result: dict) -> None:
    size, seconds = result["size"], result["seconds"]
    p, r, f = result["bcubed"]
    print(f"\n== {size:,} records: {size / seconds:,.0f} records/s ({seconds:.1f} s), "
          f"peak memory {result['max_rss_mb']:,.0f} MB")
    copy_rate = size / result["copy_seconds"]
    print(f"   validation + copies alone: {result['copy_seconds']:.1f} s ({copy_rate:,.0f} records/s); "
          f"found {result['copies_found']}; of {result['copies_planted']} planted (long enough to compare) "
          f"{result['copies_planted_found']} found; linking two different stories: {result['copies_outside_story']}")
    print(f"   stories: {result['stories_found']:,} found, {result['stories_gold']:,} generated; "
          f"BCubed P {p:.3f} R {r:.3f} F1 {f:.3f}")
    curve = result["curve"]
    if curve:
        print("   curve (LinkageClusterer.add, chunk by chunk in time order, embeddings included):")
        print(f"   {'records so far':>15} {'stories known':>14} {'carried':>7} {'ms/record':>10}")
        step = max(1, len(curve) // 20)  # at most ~20 rows
        for row in curve[::step] + ([curve[-1]] if (len(curve) - 1) % step else []):
            print(f"   {row['records']:>15,} {row['stories_known']:>14,} {row['stories_active']:>7,} "
                  f"{row['ms_per_record']:>10.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--chunk", type=int, default=1000, help="records per step of the curve")
    parser.add_argument("--curve-size", type=int, default=None,
                        help="size at which to draw the curve (default: the largest); 0: none")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ingest-size", type=int, default=10000, help="records for ingest-vs-cluster; 0: skip")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: run one size, print JSON
    parser.add_argument("--ingest", type=int, help=argparse.SUPPRESS)  # internal: the ingest comparison
    args = parser.parse_args()
    if args.ingest:
        print(json.dumps(ingest_agreement(args.ingest, args.seed)))
        return
    if args.one:
        print(json.dumps(run_one(args.one, args.seed, args.chunk, curve=args.curve_size == args.one)))
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    curve_size = max(sizes) if args.curve_size is None else args.curve_size
    print(f"storylens.cluster.cluster on generated records; seed {args.seed}; one process per size")
    for size in sizes:
        done = subprocess.run([sys.executable, __file__, "--one", str(size), "--seed", str(args.seed),
                               "--chunk", str(args.chunk), "--curve-size", str(curve_size)],
                              capture_output=True, text=True, check=False)
        if done.returncode:
            print(f"\n== {size:,} records: failed\n{done.stderr[-2000:]}")
            continue
        report(json.loads(done.stdout.strip().splitlines()[-1]))
    if args.ingest_size:
        done = subprocess.run([sys.executable, __file__, "--ingest", str(args.ingest_size), "--seed", str(args.seed)],
                              capture_output=True, text=True, check=False)
        if done.returncode:
            print(f"\n== ingest comparison failed\n{done.stderr[-2000:]}")
        else:
            report_ingest(json.loads(done.stdout.strip().splitlines()[-1]))


if __name__ == "__main__":
    main()
