"""The unit of work of the resumable ingest, and how inputs are cut into units (no cluster needed)."""
from __future__ import annotations

from storylens.claims.findings import stories_findings
from storylens.claims.stored_findings import findings_from_record
from storylens.commands.resumable import IngestProgress, input_units
from storylens.engine.units import InputUnit, fingerprint, ingest_unit, record_keys
from storylens.model import Article
from tests.conftest import news_page


def article(source: str) -> Article:
    return Article(id=source, source=source, url=None, outlet=None, title=None, author=None, published=None,
                   language="en", text=f"Text of {source}.")


def test_two_articles_of_one_source_get_numbered_record_keys():
    assert record_keys([article("f.xml#1"), article("f.xml#2"), article("f.xml#1")]) == [
        "f.xml#1", "f.xml#2", "f.xml#1@2"]


def test_small_pages_share_a_unit_and_a_big_file_or_an_archive_goes_alone():
    inputs = [("a.html", "10:1"), ("b.html", "10:1"), ("big.html", f"{5 << 20}:1"), ("c.html", "10:1"),
              ("small.warc.gz", "900:1"), ("https://news.example/x", "url"), ("d.txt", "10:1"), ("e.txt", "10:1")]
    units = list(input_units(inputs, InputUnit(()).limits, batch_files=3))
    assert [[key for key, _ in unit.inputs] for unit in units] == [
        ["big.html"], ["a.html", "b.html", "c.html"], ["small.warc.gz"], ["https://news.example/x", "d.txt", "e.txt"]]
    assert units[0].key == "big.html" and units[1].key == "a.html (+2 more)"


def test_a_unit_gives_articles_with_findings_and_its_problems(tmp_path):
    page = tmp_path / "lease.html"
    page.write_text(news_page(paragraphs=[
        "The harbour authority of Port Wendell signed a $40 million lease with a shipping group, two officials said.",
        "The authority's spokesperson, Mara Ellison, denied that any lease had been signed, calling the report "
        "pure fiction.", "Council members asked for the minutes of every board meeting since January."]),
        encoding="utf-8")
    (tmp_path / "blank.html").write_text("<html><body></body></html>", encoding="utf-8")
    names = [str(tmp_path / name) for name in ("lease.html", "blank.html")]
    output = ingest_unit(InputUnit(tuple((name, fingerprint(name)) for name in names)))
    assert [item.input for item in output.finished] == names
    assert [item.articles for item in output.finished] == [1, 0]
    (record,) = output.finished[0].records
    assert record.record == str(page) and record.article.source == str(page)
    found = findings_from_record(record.article, record.findings)
    assert "two officials" in {a.source.text for a in found.attributions if a.source}
    assert (40e6, "USD") in [(q.value, q.unit) for q in found.quantities]
    assert [d.kind for d in found.denials] == ["denial"]
    # who denies is named by the story part, from the stored findings, without parsing again
    [story] = stories_findings([[found]])
    assert [(d.kind, d.by) for d in story[0].denials] == [("denial", "Mara Ellison")]
    assert [problem.source for problem in output.problems] == [names[1]]


def test_the_progress_gives_the_rate_and_an_eta_from_the_files_read():
    state = IngestProgress(files_total=10, files_done=4, files_skipped=2, articles=120)
    state.started -= 10.0  # ten seconds in: 12 articles/s; two files read in 10 s, six left: 30 s
    assert round(state.rate, 1) == 12.0 and round(state.eta) == 30
    assert IngestProgress(files_total=None, files_done=4).eta is None  # the walk has not ended
