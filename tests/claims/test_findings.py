from storylens.claims.findings import find_in_story
from storylens.model import Article


def _article(article_id: str, text: str) -> Article:
    return Article(id=article_id, source=f"{article_id}.txt", url=None, outlet=None, title=None, author=None,
                   published=None, language="en", text=text)


def test_a_denier_named_by_description_is_the_story_name_it_stands_for():
    story = [
        _article("a", "Calderwick Port Authority said on Monday that the quay would reopen in May."),
        _article("b", "The Ledger reported that the quay had been leased. The authority has denied the report."),
    ]
    findings = find_in_story(story)
    assert [d.by for d in findings[1].denials] == ["Calderwick Port Authority"]


def test_a_quote_only_in_a_title_is_found_and_points_at_the_title():
    titled = _article("a", "Calderwick Port Authority said on Monday that the quay was not for sale.")
    titled.title = "“Pure invention”: Port authority denies sale of the quay"
    story = [_article("b", "The Ledger reported that the quay had been sold."), titled]
    [quote] = find_in_story(story)[1].quotes
    assert (quote.text, quote.field) == ("Pure invention", "title")
    assert titled.title[quote.start:quote.end] == quote.text
    assert quote.speaker == "Port authority"


def test_text_quotes_point_at_the_text_and_a_title_without_marks_adds_none():
    titled = _article("a", 'Ilse Varga said: "The quay stays open all winter."')
    titled.title = "Quay stays open, harbour master says"
    [quote] = find_in_story([titled])[0].quotes
    assert quote.field == "text" and titled.text[quote.start:quote.end] == quote.text


# --- the per-article part, stored and read back, and the story part -----------------------------
import json  # noqa: E402

from storylens.claims import findings as findings_module  # noqa: E402
from storylens.claims.findings import find_in_stories, parse_articles, stories_findings  # noqa: E402
from storylens.claims.stored_findings import findings_from_record, findings_record  # noqa: E402


def _outlets_story() -> list[Article]:
    """Three outlets, one speaker named three ways, a denial by a description, quotes (one in a title)."""
    first = _article("first", "Kremlin spokesman Dmitry Peskov said on Monday that no call had taken place. "
                              "The Ledger reported that the two leaders spoke for an hour about a "
                              "loan of $6 billion (about €5.6 billion), citing two officials familiar with the call.")
    first.outlet = "The Ledger"
    second = _article("second", '"There was no such conversation," Peskov told reporters. The Kremlin has denied '
                                "the report. More than 100 journalists attended the briefing.")
    second.outlet, second.title = "Morrow Post", "“Pure fiction”: Kremlin denies phone call"
    third = _article("third", "The Kremlin spokesman said the report was false. He added that the leaders "
                              '"have not spoken since March."')
    third.outlet = "Coldwell Gazette"
    return [first, second, third]


def test_stored_findings_read_back_are_the_findings_stored():
    story = _outlets_story()
    for found in parse_articles(story) + find_in_story(story, {"third": "first"}):
        record = json.loads(json.dumps(findings_record(found)))  # as the store keeps it
        assert findings_from_record(found.article, record) == found
    named = find_in_story(story)
    assert any(q.field == "title" for q in named[1].quotes)  # the fixture holds what the record must keep
    assert any(q.conversions for q in named[0].quantities) and any(q.bounds for q in named[1].quantities)
    assert any(d.by_span for f in named for d in f.denials)


def test_a_record_of_another_text_or_format_is_not_read():
    [found] = parse_articles(_outlets_story()[:1])
    record = findings_record(found)
    changed = _article("first", found.article.text.replace("Monday", "Sunday"))
    assert findings_from_record(changed, record) is None  # offsets into another text mean nothing
    assert findings_from_record(found.article, record | {"format": 1}) is None
    assert findings_from_record(found.article, None) is None


def test_the_story_part_over_stored_findings_equals_parsing_the_story(monkeypatch):
    story = _outlets_story()
    fresh = find_in_stories([story], {"third": "first"})
    records = [json.loads(json.dumps(findings_record(found))) for found in parse_articles(story)]
    stored = [findings_from_record(article, record) for article, record in zip(story, records)]
    parsed_texts: list[str] = []
    real = findings_module.attributions_of_texts
    monkeypatch.setattr(findings_module, "attributions_of_texts",
                        lambda texts: real(parsed_texts.extend(texts := list(texts)) or texts))
    assert stories_findings([stored], {"third": "first"}) == fresh
    assert parsed_texts == [story[1].title]  # the articles' texts are not parsed again, only a quoted title
    speakers = {a.speaker for f in fresh[0] for a in f.attributions}
    assert "Dmitry Peskov" in speakers and "Peskov" not in speakers  # one name across the outlets
    assert {d.by for f in fresh[0] for d in f.denials} >= {"The Kremlin"}
    assert fresh[0][2].copy_of == "first"
