"""Story assignment through the store: a later ingest continues the stories of an earlier one."""
import pytest

from storylens.pipeline import assign_stored_stories
from storylens.model import Article
from storylens.store import insert_articles, open_store
from storylens.store.stories import story_of, unassigned_items

LEASE = [
    "Port authority agreed North Quay lease. The Calderwick Port Authority agreed a 40-year lease of its North Quay terminal to Halvard Line, people familiar with the deal said.",
    "Port denies North Quay lease. A spokesperson for the Calderwick Port Authority called the report of a North Quay lease to Halvard Line pure invention.",
    "Council demands North Quay minutes. Calderwick councillors asked the port authority to publish the board minutes on the reported Halvard Line lease of North Quay.",
]
MARATHON = [
    "Spring marathon returns to the harbour route. The Wendell spring marathon will again start at the ferry pier and pass the lighthouse, organisers said on Friday.",
    "Wendell spring marathon back on the harbour route. Organisers of the Wendell spring marathon said the race "
    "will start at the ferry pier again and pass the lighthouse, with about 3,000 runners expected.",
]


def article(doc_id: str, text: str, day: int) -> Article:
    return Article(id=doc_id, source=f"{doc_id}.html", url=None, outlet="Gazette", title=None, author=None,
                   published=f"2025-03-{day:02d}", language="en", text=text)


def test_a_later_ingest_joins_the_stories_already_stored(store_url):
    engine = open_store(store_url)
    insert_articles(engine, [article("l1", LEASE[0], 10), article("m1", MARATHON[0], 10), article("l2", LEASE[1], 11)])
    assert assign_stored_stories(engine) == 3
    assert story_of(engine, "l1") == story_of(engine, "l2") != story_of(engine, "m1")
    assert unassigned_items(engine) == []

    # a second run, as a new process would: the clusterer state comes from the store
    insert_articles(engine, [article("l3", LEASE[2], 12), article("m2", MARATHON[1], 12)])
    assert assign_stored_stories(engine) == 2
    assert story_of(engine, "l3") == story_of(engine, "l1")
    assert story_of(engine, "m2") == story_of(engine, "m1")
    assert assign_stored_stories(engine) == 0  # nothing left: a re-run assigns nothing twice
    engine.dispose()


LIBRARY = [
    "Calderwick library reopens in the Old Customs House. The Calderwick public library reopened on Saturday in "
    "the restored Old Customs House after an 18-month renovation.",
    "Old Customs House library opens its doors again. Readers queued outside the Old Customs House in Calderwick "
    "as the library reopened with a new children's floor.",
]


def partition(groups: dict[str, str]) -> list[list[str]]:
    found: dict[str, list[str]] = {}
    for doc_id, story in sorted(groups.items()):
        found.setdefault(story, []).append(doc_id)
    return sorted(found.values())


def test_two_ingest_runs_give_the_stories_of_one_cluster_run(store_url):
    from storylens.cluster.api import cluster

    corpus = [article("l1", LEASE[0], 10), article("m1", MARATHON[0], 10), article("b1", LIBRARY[0], 11),
              article("l2", LEASE[1], 11), article("l3", LEASE[2], 12), article("m2", MARATHON[1], 12),
              article("b2", LIBRARY[1], 13)]
    once = partition({a.id: a.story for a in cluster(corpus)})
    engine = open_store(store_url)
    for run in (corpus[:3], corpus[3:]):  # two runs, as two processes would
        insert_articles(engine, run)
        assign_stored_stories(engine)
    stored = partition({a.id: story_of(engine, a.id) for a in corpus})
    engine.dispose()
    assert stored == once == [["b1", "b2"], ["l1", "l2", "l3"], ["m1", "m2"]]


def test_a_store_built_with_the_other_embedding_is_refused(store_url):
    engine = open_store(store_url)
    insert_articles(engine, [article("l1", LEASE[0], 10)])
    assign_stored_stories(engine)
    insert_articles(engine, [article("l2", LEASE[1], 11)])
    with pytest.raises(ValueError, match="built with the english embedding"):
        assign_stored_stories(engine, multilingual=True)
    engine.dispose()


class NoEmbedding:
    """An embedder that counts what it is asked to embed: resuming must not need it."""

    dimension = 384

    def __init__(self):
        self.texts: list[str] = []

    def embed(self, texts):
        import numpy as np

        self.texts += list(texts)
        return np.ones((len(texts), self.dimension), np.float32) / np.sqrt(self.dimension)


def test_a_new_run_resumes_the_clusterers_carried_items_without_embedding_them_again(store_url):
    from storylens.cluster.linkage import LinkageClusterer
    from storylens.store.stories import load_clusterer

    engine = open_store(store_url)
    insert_articles(engine, [article("l1", LEASE[0], 10), article("m1", MARATHON[0], 10), article("l2", LEASE[1], 11)])
    assign_stored_stories(engine)
    fresh = LinkageClusterer(embedder=NoEmbedding())
    load_clusterer(engine, fresh, "english")
    assert fresh.embedder.texts == []
    assert sorted(fresh.carried.ids) == ["l1", "l2", "m1"]
    assert fresh.story_of == {doc: story_of(engine, doc) for doc in ("l1", "l2", "m1")}
    # the stored vectors are the real embedding's (unit length), not the stand-in's
    assert fresh.carried.vectors.shape == (3, 384)
    assert abs(float((fresh.carried.vectors[0] ** 2).sum()) - 1.0) < 1e-4
    assert fresh.carried.vectors[0] @ fresh.carried.vectors[2] > fresh.carried.vectors[0] @ fresh.carried.vectors[1]
    engine.dispose()


def test_a_store_without_carried_items_resumes_from_its_latest_documents(store_url):
    from sqlalchemy import delete

    from storylens.cluster.linkage import LinkageClusterer
    from storylens.store.schema import cluster_carried
    from storylens.store.stories import load_clusterer

    engine = open_store(store_url)
    insert_articles(engine, [article("l1", LEASE[0], 10), article("m1", MARATHON[0], 10)])
    assign_stored_stories(engine)
    with engine.begin() as conn:  # as a schema-5 store left it
        conn.execute(delete(cluster_carried))
    fresh = LinkageClusterer(embedder=NoEmbedding())
    load_clusterer(engine, fresh, "english")
    assert len(fresh.embedder.texts) == 2 and sorted(fresh.carried.ids) == ["l1", "m1"]
    insert_articles(engine, [article("l2", LEASE[1], 11)])
    assign_stored_stories(engine)  # and keeps the clusterer's own state again from then on
    with engine.connect() as conn:
        assert {row.document for row in conn.execute(cluster_carried.select())} == {"l1", "l2", "m1"}
    assert story_of(engine, "l2") == story_of(engine, "l1")
    engine.dispose()
