import pytest

from storylens.enrich.language import detect_language, normalise_language_tag


@pytest.mark.parametrize(
    "text, code",
    [
        ("The harbour authority denied that any agreement had been signed last week.", "en"),
        ("Die Hafenbehörde bestritt, dass in der vergangenen Woche ein Abkommen unterzeichnet wurde.", "de"),
        ("Портова адміністрація заперечила, що минулого тижня було підписано будь-яку угоду.", "uk"),
    ],
)
def test_detects_the_language_of_a_sentence(text, code):
    assert detect_language(text) == code


def test_too_short_to_tell_is_none():
    assert detect_language("OK 12") is None


@pytest.mark.parametrize("tag, code", [("en-US", "en"), ("EN_gb", "en"), ("de", "de"), ("", None), ("12", None)])
def test_normalises_container_language_tags(tag, code):
    assert normalise_language_tag(tag) == code
