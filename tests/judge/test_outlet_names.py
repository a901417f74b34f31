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


def _telling(article_id: str, origins: list[str]):
    from storylens.model import Mention, Span

    text = "The ferry line was sold to Osk Shipping for $300 million."
    return Mention(article=article_id, sentence=Span(0, len(text), text), stance="reports", origins=origins)


def test_a_page_without_an_outlet_reporting_itself_adds_no_origin_beside_named_ones():
    from storylens.judge.claims import claim_of

    outlet_of = {"post": "Harbour Post", "page": "unknown outlet (004_9f2c41d07be85a13.txt)"}
    tellings = [_telling("post", ["Harbour Post"]), _telling("page", ["unknown outlet (004_9f2c41d07be85a13.txt)"])]
    claim = claim_of(tellings, outlet_of, {"post": 0, "page": 1})
    assert claim.origins == ["Harbour Post"]
    assert claim.status == "single_origin"


def test_a_claim_told_only_by_pages_without_an_outlet_has_one_unknown_origin_never_a_file_name():
    from storylens.judge.claims import claim_of

    outlet_of = {"a": "unknown outlet (a1.txt)", "b": "unknown outlet (b2.txt)"}
    claim = claim_of([_telling("a", [outlet_of["a"]]), _telling("b", [outlet_of["b"]])], outlet_of, {"a": 0, "b": 1})
    assert claim.origins == ["unknown outlet"]
    assert claim.status == "single_origin"
