"""The stored documents of stories, read back as the pipeline's Articles, for `ingest` to build
the dossiers of the stories a run changed."""
from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Engine, func, select

from storylens.model import Article
from storylens.store.schema import documents

# Story ids per query: SQLite allows a few thousand bound parameters per statement.
IDS_PER_QUERY = 500


def story_members(engine: Engine, story_ids: Collection[str]) -> tuple[list[tuple[str, list[Article]]], dict[str, str]]:
    """(story id, its documents oldest first) for each of `story_ids` that holds any, in the
    order given; and copy id → original id among those documents."""
    wanted = list(dict.fromkeys(story_ids))
    members: dict[str, list[Article]] = {story: [] for story in wanted}
    copies: dict[str, str] = {}
    with engine.connect() as conn:
        for begin in range(0, len(wanted), IDS_PER_QUERY):
            query = (select(documents).where(documents.c.story.in_(wanted[begin : begin + IDS_PER_QUERY]))
                     .order_by(documents.c.published.is_(None), documents.c.published, documents.c.id))
            for row in conn.execute(query):
                members[row.story].append(Article(row.id, row.source, row.url, row.outlet, row.title, row.author,
                                                  row.published, row.language, row.text, row.content_hash))
                if row.copy_of:
                    copies[row.id] = row.copy_of
    return [(story, articles) for story, articles in members.items() if articles], copies


def stories_without_dossier(engine: Engine) -> set[str]:
    """Stories of stored documents that have no dossier (a store filled before ingest built
    dossiers, or a run stopped between assigning stories and storing their dossiers)."""
    from storylens.store.schema import dossiers

    query = (select(documents.c.story).distinct().where(documents.c.story.is_not(None))
             .where(documents.c.story.not_in(select(dossiers.c.id))))
    with engine.connect() as conn:
        return set(conn.execute(query).scalars())


def member_ids(engine: Engine, story_ids: Collection[str]) -> dict[str, set[str]]:
    """story id → the ids of its stored documents, for those of `story_ids` that hold any."""
    wanted, found = list(dict.fromkeys(story_ids)), {}
    with engine.connect() as conn:
        for begin in range(0, len(wanted), IDS_PER_QUERY):
            query = select(documents.c.id, documents.c.story).where(
                documents.c.story.in_(wanted[begin : begin + IDS_PER_QUERY]))
            for row in conn.execute(query):
                found.setdefault(row.story, set()).add(row.id)
    return found


def story_sizes(engine: Engine, story_ids: Collection[str]) -> dict[str, int]:
    """story id → how many stored documents it holds, for those of `story_ids` that hold any."""
    wanted, sizes = list(dict.fromkeys(story_ids)), {}
    with engine.connect() as conn:
        for begin in range(0, len(wanted), IDS_PER_QUERY):
            query = (select(documents.c.story, func.count()).where(
                documents.c.story.in_(wanted[begin : begin + IDS_PER_QUERY])).group_by(documents.c.story))
            sizes.update((story, count) for story, count in conn.execute(query))
    return sizes
