"""Story assignments and the clusterer's state, written in the same transaction."""
from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import Connection, Engine, delete, insert, select, update

from storylens.cluster.records import aware_moment
from storylens.cluster.stories import StoryClusterer, export_state, restore_state
from storylens.model import Assignment, NewsItem
from storylens.store.schema import cluster_state, documents, stories

BATCH = 500


def unassigned_items(engine: Engine, *, limit: int = BATCH) -> list[NewsItem]:
    """Stored documents no story was assigned to yet, oldest first."""
    query = (select(documents.c.id, documents.c.title, documents.c.text, documents.c.published,
                    documents.c.outlet, documents.c.language)
             .where(documents.c.story.is_(None)).order_by(documents.c.published, documents.c.id).limit(limit))
    with engine.connect() as conn:
        return [NewsItem(row.id, row.text, row.title, aware_moment(row.published) if row.published else None,
                         row.outlet, row.language)
                for row in conn.execute(query)]


def load_clusterer(engine: Engine, clusterer: StoryClusterer, embedding: str) -> None:
    """Fill a fresh clusterer with the stories stored by earlier runs (same embedding model only)."""
    with engine.connect() as conn:
        state = conn.execute(select(cluster_state)).first()
        if state is None:
            return
        if state.embedding != embedding:
            raise ValueError(f"stories in this store were built with the {state.embedding} embedding; "
                             f"use the same (--multilingual {'on' if state.embedding == 'multilingual' else 'off'})")
        rows = [dict(row._mapping) | {"first": row.first_time, "last": row.last_time, "names": json.loads(row.names)}
                for row in conn.execute(select(stories).where(stories.c.active == 1))]
    restore_state(clusterer, state.frequencies, state.documents, rows)


def save_assignments(engine: Engine, clusterer: StoryClusterer, assignments: Sequence[Assignment],
                     embedding: str) -> None:
    """Record where each document went and the clusterer's new state, atomically."""
    frequencies, active = export_state(clusterer)
    with engine.begin() as conn:
        for assignment in assignments:
            conn.execute(update(documents).where(documents.c.id == assignment.id)
                         .values(story=clusterer.resolve(assignment.story), copy_of=assignment.copy_of))
        save_state(conn, clusterer, frequencies, active, embedding)


def save_state(conn: Connection, clusterer: StoryClusterer, frequencies: bytes, active: list[dict],
               embedding: str) -> None:
    merged = list(clusterer.parent)
    if merged:  # documents of stories absorbed by a merge follow their new story
        for old in merged:
            conn.execute(update(documents).where(documents.c.story == old).values(story=clusterer.resolve(old)))
        conn.execute(delete(stories).where(stories.c.id.in_(merged)))
    conn.execute(update(stories).values(active=0))
    for row in active:
        conn.execute(delete(stories).where(stories.c.id == row["id"]))
        conn.execute(insert(stories).values(
            id=row["id"], size=row["size"], first_time=row["first"], last_time=row["last"],
            vector_sum=row["vector_sum"], recent=row["recent"], terms=row["terms"], counts=row["counts"],
            names=json.dumps(row["names"], ensure_ascii=False), active=1))
    clusterer.parent.clear()  # merged ids are resolved in the store now; the map need not grow
    conn.execute(delete(cluster_state))
    conn.execute(insert(cluster_state).values(id=1, embedding=embedding, documents=clusterer.frequencies.documents,
                                              frequencies=frequencies))


def story_of(engine: Engine, doc_id: str) -> str | None:
    with engine.connect() as conn:
        return conn.execute(select(documents.c.story).where(documents.c.id == doc_id)).scalar()
