from storylens.judge.status import claim_status
from storylens.model import Mention, Span, Stance


def mentions(*stances: str) -> list[Mention]:
    return [Mention(article=str(i), sentence=Span(0, 1, "x"), stance=s) for i, s in enumerate(stances)]


def test_statuses():
    assert claim_status(mentions(Stance.ASSERTS, Stance.REPORTS), ["A", "B"], ["x", "y"]) == "corroborated"
    assert claim_status(mentions(Stance.REPORTS, Stance.REPORTS), ["A"], ["x", "y"]) == "single_origin"
    assert claim_status(mentions(Stance.ASSERTS), ["A"], ["x"]) == "single_source"
    assert claim_status(mentions(Stance.REPORTS, Stance.DENIES), ["A", "B"], ["x", "y"]) == "disputed"
    assert claim_status(mentions(Stance.DENIES), [], ["x"]) == "denied"
    assert claim_status(mentions(Stance.ASSERTS, Stance.NO_COMMENT), ["A"], ["x", "y"]) == "single_origin"


def test_a_claim_one_outlet_tells_is_never_corroborated():
    assert claim_status(mentions(Stance.ASSERTS, Stance.REPORTS), ["A", "B"], ["x"]) == "single_source"
