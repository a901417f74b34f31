"""A store holding one invented story whose every field is hostile markup."""
from __future__ import annotations

import pytest

from storylens.dossier import build_dossier
from storylens.model import Article, ArticleFindings, Claim, Mention, Quote, Span
from storylens.store import open_store
from storylens.store.dossiers import store_dossiers

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
LEAD = "The Fenmarsh ferry will stop running in May, two harbour officials said."
DENIAL = "The harbour board denied the report on Tuesday."


def hostile_articles() -> list[Article]:
    first_text = f"{LEAD}\n\n{HOSTILE} appeared in the comments.\n\n{DENIAL}"
    second_text = f"Fenmarsh Gazette reported that the ferry would stop. {LEAD}"
    return [
        Article(id="fen-1", source="one.html", url="javascript:alert(1)", outlet=f"Fen Post {HOSTILE}",
                title=f"Ferry to stop {HOSTILE}", author=HOSTILE, published="2025-05-02T08:00:00+00:00",
                language="en", text=first_text),
        Article(id="fen-2", source="two.html", url="https://gazette.example/ferry", outlet="Marsh Echo",
                title="Ferry to stop, Gazette says", author=None, published="2025-05-03", language="en", text=second_text),
    ]


def hostile_dossier() -> dict:
    first, second = hostile_articles()
    lead = Span(0, len(LEAD), LEAD)
    denial_start = first.text.index(DENIAL)
    echoed = Span(second.text.index(LEAD), len(second.text), LEAD)
    mentions = [
        Mention("fen-1", lead, "reports", attributed_to=["harbour officials"], origins=["harbour officials"]),
        Mention("fen-2", echoed, "reports", attributed_to=["Fenmarsh Gazette", HOSTILE], origins=[HOSTILE]),
        Mention("fen-1", Span(denial_start, denial_start + len(DENIAL), DENIAL), "denies", by=f"board {HOSTILE}"),
    ]
    claim = Claim("fen-001", f"The ferry stops in May {HOSTILE}", "disputed", mentions,
                  origins=["harbour officials", HOSTILE], outlets=[first.outlet, second.outlet])
    findings = [ArticleFindings(first, [lead], quotes=[Quote(0, 10, HOSTILE, speaker=HOSTILE)]),
                ArticleFindings(second, [echoed])]
    return build_dossier("fen", f"Fenmarsh ferry {HOSTILE}", [first, second], findings=findings, claims=[claim])


@pytest.fixture
def store(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'web.db'}")
    store_dossiers(engine, [hostile_dossier()], {a.id: a.text for a in hostile_articles()})
    yield engine
    engine.dispose()


@pytest.fixture
def store_on_both(store_url):
    """The same store on SQLite, then on PostgreSQL (tests/postgres_server.py)."""
    engine = open_store(store_url)
    store_dossiers(engine, [hostile_dossier()], {a.id: a.text for a in hostile_articles()})
    yield engine
    engine.dispose()
