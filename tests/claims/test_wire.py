"""Wire datelines and agency editions, on invented copy."""
from __future__ import annotations

import pytest

from storylens.claims.wire import agency_name, wire_agency


@pytest.mark.parametrize("text, agency", [
    ("VELLMARK (Reuters) - The harbour authority sold the ferry line on Monday.", "Reuters"),
    ("PORT ARVEN, March 3 (Reuters) - The ferry line was sold.", "Reuters"),
    ("(AP) — The ferry line was sold on Monday, the council said.", "The Associated Press"),
    ("KORVIA, Vellmark (AFP) – Ferries stopped running.", "AFP"),
    ("The ferry line was sold on Monday.\n\nThe council approved the deal. — AFP", "AFP"),
])
def test_a_dateline_or_signature_names_the_agency(text, agency):
    assert wire_agency(text) == agency


def test_no_dateline_and_a_late_mention_are_no_wire():
    assert wire_agency("The Vellmark Post reported the sale on Monday.") is None
    late = "The ferry line was sold. " * 30 + "\n\nLONDON (Reuters) - An older item ran here."
    assert wire_agency(late) is None
    assert wire_agency("") is None


@pytest.mark.parametrize("name", ["ReutersIndia", "Reuters_Co_Uk", "Reuters UK", "reuters.com", "Reuters"])
def test_reuters_editions_are_reuters(name):
    assert agency_name(name) == "Reuters"


def test_other_agencies_and_non_agencies():
    assert agency_name("AP News") == agency_name("Associated Press") == agency_name("the Associated Press") \
        == "The Associated Press"
    assert agency_name("AFP News Agency") == "AFP"
    assert agency_name("Apple Daily") is None and agency_name("The Vellmark Post") is None and agency_name(None) is None
