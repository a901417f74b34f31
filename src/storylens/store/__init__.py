"""Stage `store`: one database (SQLite by default, PostgreSQL by URL) that every view reads."""
from storylens.store.connection import open_store
from storylens.store.documents import (
    IngestCounts,
    count_documents,
    get_document,
    insert_articles,
    search_documents,
)
from storylens.store.errors import NewerSchema, StoreError, StoreUnavailable
from storylens.store.schema import create_schema

DEFAULT_URL = "sqlite:///storylens.db"

__all__ = [
    "DEFAULT_URL",
    "IngestCounts",
    "NewerSchema",
    "StoreError",
    "StoreUnavailable",
    "count_documents",
    "create_schema",
    "get_document",
    "insert_articles",
    "open_store",
    "search_documents",
]
