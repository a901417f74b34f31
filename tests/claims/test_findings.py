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
