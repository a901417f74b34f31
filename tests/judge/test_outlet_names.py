"""Issue 9's origin item: an article without an outlet shows as the unknown outlet of its input, never its id."""
from storylens.judge.mentions import outlet_name
from storylens.model import Article

HASH_ID = "9f2c41d07be85a13"


def article(outlet, source) -> Article:
    return Article(id=HASH_ID, source=source, url=None, outlet=outlet, title="Ferry sold", author=None,
                   published=None, language="en", text="The ferry was sold, the council said.")


def test_a_missing_outlet_is_the_unknown_outlet_of_its_input_never_the_id():
    assert outlet_name(article(None, "inbox/harbour-notes.txt")) == "unknown outlet (harbour-notes.txt)"
    assert outlet_name(article("  ", None)) == "unknown outlet"
    assert HASH_ID not in outlet_name(article(None, "inbox/"))
    assert outlet_name(article("Harbour Gazette", "inbox/harbour-notes.txt")) == "Harbour Gazette"
