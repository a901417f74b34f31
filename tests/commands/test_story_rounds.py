"""An ingest's stories do not change with the engine or with the order its inputs are stored in:
story clustering runs in rounds counted in input order (commands/story_rounds.py)."""
from __future__ import annotations

import json

from sqlalchemy import select

from storylens.commands import ingest
from storylens.commands.resumable import ingest_resumably
from storylens.commands.story_rounds import InputOrder
from storylens.engine.executors import InProcess
from storylens.store import open_store
from storylens.store.schema import documents

# Templated events in invented towns (as a wire writes them up): which of them meet depends on
# the word weights and the batch the clusterer sees, so rounds of "whatever is stored by now"
# group them differently when the inputs arrive in another order.
TOWNS = ["Orlund", "Brantwick", "Tamsford", "Calderwick", "Wendell", "Halvard"]
EVENTS = ["council approved a budget for {n} new buses", "mayor opened a bridge over the river after {n} months",
          "hospital hired {n} nurses for its new wing"]
ANGLES = ["{town} {event}, officials said on {day}.", "Residents of {town} welcomed the news that the {event}.",
          "The {town} {event}, the local paper reported, citing a spokesperson."]


def write_inputs(folder) -> list[str]:
    """One JSON Lines file per article, in file-name order; each story's articles a day apart,
    the stories interleaved in time."""
    folder.mkdir()
    paths = []
    for story, town in enumerate(TOWNS):
        event = EVENTS[story % len(EVENTS)].format(n=10 * (story + 3))
        for index, angle in enumerate(ANGLES):
            day = 1 + story + index
            record = {"id": f"{town.lower()}-{index}", "published": f"2025-05-{day:02d}", "outlet": f"Post {index}",
                      "title": f"{town} {event.split(' ')[0]} news", "text": angle.format(town=town, event=event,
                                                                                          day=f"May {day}")}
            path = folder / f"{story:02d}-{index}.jsonl"
            path.write_text(json.dumps(record) + "\n", encoding="utf-8")
            paths.append(str(path))
    return paths


class LastFirst:
    """Runs every task here and gives the results last first, as a cluster may finish them."""

    def map(self, fn, tasks, *, key):
        return reversed([(key(task), fn(task)) for task in tasks])


def stories(db_url: str) -> set[frozenset[str]]:
    engine = open_store(db_url)
    with engine.connect() as conn:
        rows = conn.execute(select(documents.c.id, documents.c.story)).all()
    engine.dispose()
    groups: dict[str, set[str]] = {}
    for doc_id, story in rows:
        groups.setdefault(story, set()).add(doc_id)
    return {frozenset(group) for group in groups.values()}


def test_the_stories_are_the_same_whatever_order_the_units_finish_in_and_on_the_local_engine(tmp_path):
    folder = tmp_path / "news"
    write_inputs(folder)
    urls = {name: f"sqlite:///{tmp_path / name}.db" for name in ("local", "in_order", "last_first")}
    local = ingest([str(folder)], urls["local"], workers=1, cluster_every=4)
    in_order = ingest_resumably([str(folder)], urls["in_order"], InProcess(), cluster_every=4, batch_files=1)
    last_first = ingest_resumably([str(folder)], urls["last_first"], LastFirst(), cluster_every=4, batch_files=1)
    assert local.assigned == in_order.assigned == last_first.assigned == 18
    found = stories(urls["local"])
    assert stories(urls["in_order"]) == found
    assert stories(urls["last_first"]) == found


def test_input_order_hands_on_each_units_documents_in_the_order_the_units_were_submitted():
    handed: list[list[str]] = []
    order = InputOrder(handed.append)
    order.finished((2,), ["c"])
    order.split(1, 2)  # a batch of two inputs failed: tried again input by input
    order.finished((1, 1), ["b2"])
    assert handed == []  # unit 0 is not done yet
    order.finished((0,), ["a"])
    assert handed == [["a"]]  # unit 1 waits for its first part
    order.finished((1, 0), [])  # that input failed on its own: it stored nothing
    assert handed == [["a"], [], ["b2"], ["c"]]
