import pytest

from storylens.enrich.language import declared_language_holds, detect_language, language_of, normalise_language_tag


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


ENGLISH_PROSE = (
    "The harbour authority said on Tuesday that it had not signed any agreement with the ferry company, "
    "and that the talks which began in the spring would go on until the end of the year. A spokesman for "
    "the company said it was surprised by the statement and would wait for the council to decide."
)
GERMAN_PROSE = (
    "Die Hafenbehörde sagte am Dienstag, dass sie mit der Fährgesellschaft kein Abkommen unterzeichnet habe "
    "und dass die Gespräche, die im Frühjahr begonnen hatten, bis zum Ende des Jahres weitergehen würden. "
    "Ein Sprecher der Gesellschaft sagte, er sei von der Erklärung überrascht und werde auf den Rat warten."
)


def test_a_declared_language_the_text_confirms_is_taken():
    assert language_of(ENGLISH_PROSE, "en-GB") == "en"
    assert language_of(GERMAN_PROSE, "de") == "de"


def test_a_template_default_declaration_is_overruled_by_the_text():
    # a CMS's lang="en" over German prose: the stop words say German, so py3langid decides
    assert not declared_language_holds(GERMAN_PROSE, "en")
    assert language_of(GERMAN_PROSE, "en") == "de"


def test_a_declared_language_without_a_stop_word_list_goes_to_py3langid():
    assert not declared_language_holds(ENGLISH_PROSE, "nl")
    assert language_of(ENGLISH_PROSE, "nl") == "en"


def test_too_little_text_to_check_a_declaration_goes_to_py3langid():
    assert not declared_language_holds("Ferry talks go on", "en")
    assert language_of("OK 12", "en") is None
