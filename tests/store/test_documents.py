import pytest
from sqlalchemy import text

from storylens.model import Article
from storylens.store import count_documents, get_document, insert_articles, open_store, search_documents


def article(n: int, text_: str | None = None, **fields) -> Article:
    values = dict(id=f"a{n}", source=f"page{n}.html", url=None, outlet="Courier", title=f"Title {n}",
                  author=None, published="2025-03-04", language="en", text=text_ or f"Body of article number {n}.")
    return Article(**(values | fields))


@pytest.fixture
def engine(store_url):
    engine = open_store(store_url)
    yield engine
    engine.dispose()


def test_articles_are_stored_once_and_read_back(engine):
    counts = insert_articles(engine, [article(1), article(2)])
    assert counts.stored == 2 and counts.duplicates == []
    assert get_document(engine, "a1")["text"] == "Body of article number 1."
    assert count_documents(engine) == 2


def test_a_rerun_stores_only_what_is_missing(engine):
    insert_articles(engine, [article(1)])  # an earlier run stopped after its first batch
    counts = insert_articles(engine, [article(1), article(2), article(3)])
    assert counts.stored == 2
    assert [a.id for a, _ in counts.duplicates] == ["a1"]
    assert count_documents(engine) == 3


def test_the_same_text_under_another_source_is_a_duplicate(engine):
    insert_articles(engine, [article(1, "Same words here.")])
    counts = insert_articles(engine, [article(2, "  same   WORDS here. ")])  # normalised text is equal
    assert counts.stored == 0
    assert counts.duplicates[0][1] == "a1"


def test_duplicates_inside_one_batch_are_stored_once(engine):
    counts = insert_articles(engine, [article(1, "Twice."), article(2, "Twice.")])
    assert counts.stored == 1 and counts.duplicates[0][1] == "a1"


def test_a_record_id_reused_for_new_text_keeps_both_versions(engine):
    insert_articles(engine, [article(1, "First version.")])
    counts = insert_articles(engine, [article(1, "Edited version.")])
    assert counts.stored == 1
    assert count_documents(engine) == 2
    assert get_document(engine, "a1")["text"] == "First version."


def test_full_text_search_finds_words_and_survives_fts_syntax(engine):
    insert_articles(engine, [article(1, "The harbour lease was denied."), article(2, "A marathon in spring.")])
    assert [row["id"] for row in search_documents(engine, "harbour lease")] == ["a1"]
    assert search_documents(engine, 'lease" OR "marathon') == []  # quotes in user input are not FTS syntax
    assert search_documents(engine, "NEAR(") == []


def test_a_failed_batch_leaves_earlier_batches_intact(engine):
    insert_articles(engine, [article(1)])
    with pytest.raises(Exception):
        insert_articles(engine, [article(2), article(3, text_=None, source=None)])  # NOT NULL violated mid-batch
    assert count_documents(engine) == 1
    assert [row["id"] for row in search_documents(engine, "body article")] == ["a1"]  # the index rolled back too
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM documents_fts")).scalar_one() == 1


def test_long_ids_and_a_nul_in_untrusted_text_are_stored_alike_on_both(engine):
    long_id = "record-" + "x" * 300  # a JSON Lines id of any length; PostgreSQL enforces a VARCHAR's
    counts = insert_articles(engine, [article(1, "Before\x00after the lease.", id=long_id, language="en-GB-oxendict")])
    assert counts.stored == 1
    stored = get_document(engine, long_id)
    assert stored["text"] in ("Before\x00after the lease.", "Before\ufffdafter the lease.")
    assert len(stored["text"]) == len("Before\x00after the lease.")  # one character for one: offsets hold
    assert stored["language"] == "en-GB-oxendict"


def test_a_huge_text_of_distinct_words_is_stored_and_searchable(engine):
    import random

    rng = random.Random(3)  # ~1.6 MB of distinct words: more than PostgreSQL's 1 MB tsvector holds
    words = " ".join("".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=12)) for _ in range(125_000))
    counts = insert_articles(engine, [article(1, "Quayside opening. " + words), article(2)])
    assert counts.stored == 2
    assert [row["id"] for row in search_documents(engine, "quayside")] == ["a1"]
