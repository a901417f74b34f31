"""Story assignments and the clusterer's state, written in the same transaction.

`ingest` runs the same clusterer as `cluster` and `analyze` (cluster/linkage.py), continued
between runs: the store keeps the word counts (document frequencies) in `cluster_state`, and
the clusterer's carried items (its CARRY most recently continued stories, each by its
STORY_MEMBERS latest items) in `cluster_carried`, with their headline vectors, so a new run
resumes the clusterer's own state: nothing is embedded again, and runs of 1,000 group as one
run of 10,000 does up to what one block's IDF and singleton placement differ in. A store
written before `cluster_carried` (schema 5) resumes once from its latest assigned documents,
grouped by stored story and embedded again, as it did then. (The former online clusterer's
`stories` table is gone: schema migration 3 drops it.)
"""
from __future__ import annotations

import zlib
from collections.abc import Collection, Sequence

import numpy as np
from sqlalchemy import Connection, Engine, delete, insert, select, update

from storylens.cluster.linkage import BLOCK, CARRY, LinkageClusterer
from storylens.cluster.records import aware_moment
from storylens.cluster.similarity import HASH_FEATURES
from storylens.model import Assignment, NewsItem
from storylens.store.schema import cluster_carried, cluster_state, documents
from storylens.store.upsert import upsert

# Documents clustered per transaction: one clusterer block, so an ingest of up to BLOCK
# documents groups them exactly as one `storylens cluster` run does.
BATCH = BLOCK
COLUMNS = (documents.c.id, documents.c.title, documents.c.text, documents.c.published, documents.c.outlet,
           documents.c.language)


def _item(row) -> NewsItem:
    return NewsItem(row.id, row.text, row.title, aware_moment(row.published) if row.published else None,
                    row.outlet, row.language)


def unassigned_items(engine: Engine, *, limit: int = BATCH, among: Collection[str] | None = None) -> list[NewsItem]:
    """Stored documents no story was assigned to yet, oldest first (undated last); with
    `among`, only those of these ids (one round of an ingest, a few thousand)."""
    query = select(*COLUMNS).where(documents.c.story.is_(None))
    if among is not None:
        query = query.where(documents.c.id.in_(list(among)))
    query = query.order_by(documents.c.published.is_(None), documents.c.published, documents.c.id).limit(limit)
    with engine.connect() as conn:
        return [_item(row) for row in conn.execute(query)]


def load_clusterer(engine: Engine, clusterer: LinkageClusterer, embedding: str) -> None:
    """Fill a fresh clusterer with what earlier runs left (same embedding model only): the
    document frequencies, and the items it carried, with their vectors (or, from a store
    written before they were kept, the most recent assigned documents, embedded again)."""
    with engine.connect() as conn:
        state = conn.execute(select(cluster_state)).first()
        if state is None:
            return
        if state.embedding != embedding:
            raise ValueError(f"stories in this store were built with the {state.embedding} embedding; "
                             f"use the same (--multilingual {'on' if state.embedding == 'multilingual' else 'off'})")
        carried = list(conn.execute(
            select(*COLUMNS, cluster_carried.c.story, cluster_carried.c.vector)
            .join(documents, documents.c.id == cluster_carried.c.document).order_by(cluster_carried.c.position)))
        rows = carried or latest_documents(conn)
    clusterer.frequencies.counts = frequencies_from_bytes(state.frequencies)
    clusterer.frequencies.documents = state.documents
    if not rows:
        return
    vectors = None
    if carried:
        vectors = np.stack([np.frombuffer(row.vector, dtype="<f4") for row in rows]).astype(np.float32)
        if vectors.shape[1] != clusterer.embedder.dimension:  # another model of the same name: embed again
            vectors = None
    clusterer.carried = clusterer.pool_of([_item(row) for row in rows], vectors=vectors)
    clusterer.story_of = {row.id: row.story for row in rows}


def latest_documents(conn: Connection) -> list:
    """The CARRY most recent assigned documents, oldest first (a store from before cluster_carried)."""
    latest = (select(*COLUMNS, documents.c.story).where(documents.c.story.is_not(None))
              .order_by(documents.c.published.is_(None).desc(), documents.c.published.desc(),
                        documents.c.id.desc()).limit(CARRY))
    return list(conn.execute(latest))[::-1]


def frequencies_to_bytes(counts: np.ndarray) -> bytes:
    # Most of the 2^20 hashed words are unseen: compressed, the 4 MB array is a few hundred KB.
    return zlib.compress(counts.astype("<i4").tobytes(), 1)


def frequencies_from_bytes(data: bytes) -> np.ndarray:
    raw = data if len(data) == 4 * HASH_FEATURES else zlib.decompress(data)
    return np.frombuffer(raw, dtype="<i4").astype(np.int32)


def save_assignments(engine: Engine, clusterer: LinkageClusterer, assignments: Sequence[Assignment],
                     embedding: str) -> None:
    """Record where each document went and the clusterer's new state, atomically."""
    with engine.begin() as conn:
        for assignment in assignments:
            conn.execute(update(documents).where(documents.c.id == assignment.id)
                         .values(story=clusterer.resolve(assignment.story), copy_of=assignment.copy_of))
        save_state(conn, clusterer, embedding)


def save_state(conn: Connection, clusterer: LinkageClusterer, embedding: str) -> None:
    for old in list(clusterer.parent):  # documents of stories absorbed by a merge follow their new story
        conn.execute(update(documents).where(documents.c.story == old).values(story=clusterer.resolve(old)))
    clusterer.story_of = {item: clusterer.resolve(story) for item, story in clusterer.story_of.items()}
    clusterer.parent.clear()  # merged ids are resolved in the store now; the map need not grow
    save_carried(conn, clusterer)
    upsert(conn, cluster_state, [dict(id=1, embedding=embedding, documents=clusterer.frequencies.documents,
                                      frequencies=frequencies_to_bytes(clusterer.frequencies.counts))])


def save_carried(conn: Connection, clusterer: LinkageClusterer) -> None:
    """The clusterer's carried items, replacing the last batch's (a few thousand rows)."""
    conn.execute(delete(cluster_carried))
    vectors = np.ascontiguousarray(clusterer.carried.vectors, dtype="<f4")
    rows = [dict(position=k, document=doc_id, story=clusterer.story_of[doc_id], vector=vectors[k].tobytes())
            for k, doc_id in enumerate(clusterer.carried.ids)]
    if rows:
        conn.execute(insert(cluster_carried), rows)


def story_of(engine: Engine, doc_id: str) -> str | None:
    with engine.connect() as conn:
        return conn.execute(select(documents.c.story).where(documents.c.id == doc_id)).scalar()
