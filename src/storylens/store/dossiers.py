"""Dossiers in the store, for `storylens serve`: written by `analyze --db`, one transaction per
call, and read back page by page. A story stored again replaces its earlier dossier."""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence

from sqlalchemy import Connection, Engine, delete, func, select, text

from storylens.dossier.summary import story_summary, summary_columns
from storylens.render.listing import SORTS, StoryQuery
from storylens.store.documents import fts5_query
from storylens.store.schema import dossier_articles, dossier_claims, dossier_outlets, dossiers
from storylens.store.upsert import upsert

SEARCH_PAGE = 20
# Undated stories last, as render.listing.SORTS puts them; said explicitly, because PostgreSQL
# sorts NULL as the largest value and SQLite as the smallest.
ORDER = {
    "newest": (dossiers.c.sort_time.desc().nulls_last(), dossiers.c.id),
    "oldest": (dossiers.c.first_published.asc().nulls_last(), dossiers.c.id),
    "largest": (dossiers.c.article_count.desc(), dossiers.c.id),
    "title": (func.lower(dossiers.c.title), dossiers.c.id),
}
assert set(ORDER) == set(SORTS), "the store sorts the story list every way the pages offer"


def store_dossiers(engine: Engine, stories: Sequence[dict], texts: Mapping[str, str]) -> int:
    """Store each dossier with its articles' texts, under the ids the dossiers use. Returns how many."""
    now = dt.datetime.now(dt.timezone.utc)
    with engine.begin() as conn:
        for dossier in stories:
            forget_story(conn, dossier["id"])
            write_story(conn, dossier, texts, now)
    return len(stories)


def forget_story(conn: Connection, story_id: str) -> None:
    if conn.engine.dialect.name == "sqlite":  # the search rows first: they are found by their rows' rowids
        for table in (dossier_articles, dossier_claims):
            conn.execute(text(f"DELETE FROM {table.name}_fts WHERE rowid IN "
                              f"(SELECT rowid FROM {table.name} WHERE story = :story)"), {"story": story_id})
    for table in (dossiers, dossier_outlets, dossier_articles, dossier_claims):
        column = table.c.id if table is dossiers else table.c.story
        conn.execute(delete(table).where(column == story_id))


def write_story(conn: Connection, dossier: dict, texts: Mapping[str, str], now: dt.datetime) -> None:
    row = story_summary(dossier)
    upsert(conn, dossiers, [dict(
        id=dossier["id"], title=dossier["title"], **summary_columns(row),
        body=json.dumps(dossier, ensure_ascii=False, separators=(",", ":")), stored_at=now)])
    upsert(conn, dossier_outlets, [{"story": dossier["id"], "outlet": o} for o in row["outlets"]], replace=False)
    articles = [{key: article[key] for key in ("id", "source", "url", "outlet", "title", "author", "published", "language")}
                | {"story": dossier["id"], "text": texts.get(article["id"], "")} for article in dossier["articles"]]
    ids = [article["id"] for article in articles]
    upsert(conn, dossier_articles, articles)  # an article a later story names again moves to it
    claims = [{"id": c["id"], "story": dossier["id"], "text": c["text"], "status": c["status"]} for c in dossier["claims"]]
    upsert(conn, dossier_claims, claims)  # as with articles: the latest story to name a claim id holds it
    if conn.engine.dialect.name == "sqlite":
        indexed(conn, "dossier_articles", ids, "title, text", "coalesce(title, ''), text")
        indexed(conn, "dossier_claims", [c["id"] for c in claims], "text", "text")


def indexed(conn: Connection, table: str, ids: Sequence[str], columns: str, values: str) -> None:
    """SQLite: the FTS5 rows of these rows of `table`, (re)made under the rows' own rowids.

    Found by rowid, not by the FTS table's unindexed `id`: a match on `id` scans the whole FTS
    table, once per story stored, so storing a run's dossiers cost in proportion to the store's
    size times the stories (at 10k generated articles, 18 ms a scan, 4 scans a story)."""
    if not ids:
        return
    params = {"ids": json.dumps(list(ids))}
    rows = f"SELECT rowid FROM {table} WHERE id IN (SELECT value FROM json_each(:ids))"
    conn.execute(text(f"DELETE FROM {table}_fts WHERE rowid IN ({rows})"), params)
    conn.execute(text(f"INSERT INTO {table}_fts (rowid, id, {columns}) SELECT rowid, id, {values} FROM {table} "
                      f"WHERE id IN (SELECT value FROM json_each(:ids))"), params)


def story_rows(engine: Engine, query: StoryQuery, page_size: int) -> tuple[list[dict], int, list[str]]:
    """One page of the story list's rows, how many match in all, and every outlet (for the filter)."""
    chosen = select(dossiers.c.summary_row)
    if query.status:
        chosen = chosen.where(dossiers.c.status == query.status)
    if query.outlet:
        chosen = chosen.where(dossiers.c.id.in_(select(dossier_outlets.c.story).where(dossier_outlets.c.outlet == query.outlet)))
    for word in (query.q or "").casefold().split()[:10]:  # the same matching as render.listing.matches
        chosen = chosen.where(dossiers.c.list_text.contains(word, autoescape=True))
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(chosen.subquery())).scalar_one()
        page = chosen.order_by(*ORDER[query.sort]).limit(page_size).offset((query.page - 1) * page_size)
        rows = [json.loads(row.summary_row) for row in conn.execute(page)]
        outlets = list(conn.execute(select(dossier_outlets.c.outlet).distinct().order_by(dossier_outlets.c.outlet)).scalars())
    return rows, total, outlets


def get_dossier(engine: Engine, story_id: str) -> dict | None:
    body = get_dossier_json(engine, story_id)
    return json.loads(body) if body else None


def get_dossier_json(engine: Engine, story_id: str) -> str | None:
    """The dossier as stored: the API sends it as it is, unparsed (a 200-article dossier is ~1 MB)."""
    with engine.connect() as conn:
        return conn.execute(select(dossiers.c.body).where(dossiers.c.id == story_id)).scalar()


def dossier_stamp(engine: Engine, story_id: str) -> str | None:
    """When the story's dossier was stored (None: no such story): a cache key that changes on every store."""
    with engine.connect() as conn:
        stamp = conn.execute(select(dossiers.c.stored_at).where(dossiers.c.id == story_id)).scalar()
    return stamp.isoformat() if stamp else None


def claim_story(engine: Engine, claim_id: str) -> str | None:
    """The id of the story that holds the claim."""
    with engine.connect() as conn:
        return conn.execute(select(dossier_claims.c.story).where(dossier_claims.c.id == claim_id)).scalar()


def get_article(engine: Engine, article_id: str) -> dict | None:
    """The article's entry and `text`, with `story` naming the dossier it belongs to."""
    with engine.connect() as conn:
        row = conn.execute(select(dossier_articles).where(dossier_articles.c.id == article_id)).mappings().first()
    return dict(row) if row else None


def article_texts(engine: Engine, article_ids: Sequence[str]) -> dict[str, str]:
    with engine.connect() as conn:
        rows = conn.execute(select(dossier_articles.c.id, dossier_articles.c.text)
                            .where(dossier_articles.c.id.in_(list(article_ids))))
        return {row.id: row.text for row in rows}


def search(engine: Engine, words: str, page: int = 1) -> dict:
    """Full text over articles and claims, best first: `{"articles", "claims", "next"}` (next: a page number or None)."""
    offset = (max(1, page) - 1) * SEARCH_PAGE
    params = {"q": fts5_query(words) if engine.dialect.name == "sqlite" else words, "n": SEARCH_PAGE + 1, "skip": offset}
    if engine.dialect.name == "sqlite":
        article_sql = ("SELECT a.id, a.title, a.outlet, a.published, a.story FROM dossier_articles_fts f "
                       "JOIN dossier_articles a ON a.id = f.id WHERE dossier_articles_fts MATCH :q "
                       "ORDER BY rank, a.id LIMIT :n OFFSET :skip")
        claim_sql = ("SELECT c.id, c.text, c.status, c.story FROM dossier_claims_fts f JOIN dossier_claims c "
                     "ON c.id = f.id WHERE dossier_claims_fts MATCH :q ORDER BY rank, c.id LIMIT :n OFFSET :skip")
    else:  # schema.POSTGRES_FTS's columns, under GIN indexes
        article_sql = ("SELECT id, title, outlet, published, story FROM dossier_articles, plainto_tsquery('simple', :q) q "
                       "WHERE search_vector @@ q ORDER BY ts_rank(search_vector, q) DESC, id LIMIT :n OFFSET :skip")
        claim_sql = ("SELECT id, text, status, story FROM dossier_claims, plainto_tsquery('simple', :q) q "
                     "WHERE search_vector @@ q ORDER BY ts_rank(search_vector, q) DESC, id LIMIT :n OFFSET :skip")
    with engine.connect() as conn:
        found_articles = [dict(row) for row in conn.execute(text(article_sql), params).mappings()]
        found_claims = [dict(row) for row in conn.execute(text(claim_sql), params).mappings()]
    more = len(found_articles) > SEARCH_PAGE or len(found_claims) > SEARCH_PAGE
    return {"articles": found_articles[:SEARCH_PAGE], "claims": found_claims[:SEARCH_PAGE],
            "next": page + 1 if more else None}
