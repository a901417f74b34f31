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
