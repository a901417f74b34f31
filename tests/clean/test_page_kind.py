"""Which pages are not articles, judged from invented paragraphs and page signals."""
from __future__ import annotations

from storylens.clean.page_kind import not_article_reason
from storylens.clean.page_signals import PageSignals

PROSE = [
    "The harbour board in Wendell voted on Tuesday to lease the old ferry pier to a boat-building cooperative "
    "for twenty years, ending a dispute that has run since the last ferry left in 2019, and the cooperative said "
    "it would open the pier to walkers at weekends once the timber deck has been restored by its apprentices "
    "on Saturday and Sunday mornings.",
    "Two board members voted against the lease, saying the pier should be kept for a ferry service that the "
    "regional council has promised to study again next year.",
]


def signals(title: str, url: str | None = None, link_share: float = 0.0, headline_links: int = 0) -> PageSignals:
    found = PageSignals(url=url, title=title, text_chars=10_000, link_chars=int(link_share * 10_000),
                        headline_links=headline_links, links_counted=True)
    return found


def test_a_long_page_of_list_items_and_table_rows_without_prose_is_a_listing():
    rows = [f"- Worker {index}: 12 requests, {index}.4 kB served, idle since 07:{index:02d}" for index in range(40)]
    rows += [f"| Mirror {index} | http://mirror{index}.wendell.example/ |" for index in range(20)]
    reason = not_article_reason(rows, None, signals("Server status"))
    assert reason and "list or table" in reason
    assert not_article_reason(PROSE + rows[:5], None, signals("Server status")) is None


def test_a_front_of_many_teasers_in_links_is_skipped_wherever_it_sits():
    teasers = [f"Cordless drill number {index} tested in the workshop this week" for index in range(30)]
    front = signals("Drills - Tests - Wendell Reviews", None, link_share=0.85, headline_links=66)
    reason = not_article_reason(teasers, None, front)
    assert reason and "mostly links" in reason
    assert not_article_reason(PROSE + teasers, None, front) is None


def test_a_blog_index_titled_by_its_section_at_that_address_is_skipped():
    reason = not_article_reason(PROSE, None, signals("Blog | Wendell Harbour Friends", "https://wendell.example/blog/"))
    assert reason and "section's index" in reason
    post = signals("Blog | Wendell Harbour Friends", "https://wendell.example/blog/pier-lease")
    assert not_article_reason(PROSE, None, post) is None
    declared = signals("Blog | Wendell Harbour Friends", "https://wendell.example/blog/")
    declared.declared_types.add("blogposting")
    assert not_article_reason(PROSE, None, declared) is None
