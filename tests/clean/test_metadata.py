import pytest

from storylens.clean.metadata import normalise_date, outlet_from_url


@pytest.mark.parametrize(
    "value, iso",
    [
        ("2024-11-11", "2024-11-11"),
        ("2024-11-11T19:49:00+02:00", "2024-11-11T19:49:00+02:00"),
        ("2024-11-11T19:49:00Z", "2024-11-11T19:49:00+00:00"),
        ("Mon, 11 Nov 2024 19:49:00 GMT", "2024-11-11T19:49:00+00:00"),  # RSS pubDate
        ("November 11, 2024", "2024-11-11"),
        ("", None),
        (None, None),
        ("not a date at all", None),
        ("0001-01-01", None),  # a template placeholder, not a publication date
        ("2999-01-01", None),
    ],
)
def test_dates_are_normalised_to_iso_8601(value, iso):
    assert normalise_date(value) == iso


@pytest.mark.parametrize(
    "url, outlet",
    [
        ("https://www.bbc.co.uk/news/world-123", "bbc.co.uk"),
        ("https://edition.cnn.com/2024/11/11/politics", "cnn.com"),
        ("http://www.harbourgazette.example/story", "harbourgazette.example"),
        ("http://127.0.0.1:8000/page.html", "127.0.0.1"),
        (None, None),
        ("not a url", None),
    ],
)
def test_outlet_is_the_registered_domain(url, outlet):
    assert outlet_from_url(url) == outlet
