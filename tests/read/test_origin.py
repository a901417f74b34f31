import pytest

from storylens.read.origin import Origin, is_url, site_key


@pytest.mark.parametrize("url, expected", [
    ("https://www.Washingtonpost.COM/world/story", "washingtonpost.com"),
    ("http://edition.cnn.com:8080/x", "edition.cnn.com"),
    ("https://wwwexample.com/", "wwwexample.com"),  # only the "www." label goes
    ("http://[::1/", "fallback"),  # unbalanced IPv6 bracket
    ("not a url", "fallback"),
    (None, "fallback"),
])
def test_site_key(url, expected):
    assert site_key(url, "fallback") == expected


def test_part_and_is_url():
    assert Origin(source="a.warc", site=None).part("<urn:uuid:1>") == "a.warc#<urn:uuid:1>"
    assert is_url("HTTPS://x") and is_url("http://x") and not is_url("ftp://x") and not is_url("http.html")
