from storylens.claims.denials import _DENIAL_RE, _Patterns, denial_cues


def test_a_remembered_answer_is_what_a_fresh_pattern_finds_and_a_list_of_its_own():
    text = "The ferry company denied the report and called it pure fiction."
    fresh = _Patterns([r"\bden(?:y|ies|ied)\b", r"\bpure\s+fiction\b"]).spans(text)
    first = _DENIAL_RE.spans(text)
    assert [s.text for s in first] == [s.text for s in fresh] == ["denied", "pure fiction"]
    first.clear()  # a caller changing its list leaves the next caller's answer whole
    assert [s.text for s in _DENIAL_RE.spans(text)] == ["denied", "pure fiction"]
    assert [s.text for s in denial_cues(text)] == ["denied", "pure fiction"]
    assert _DENIAL_RE.spans("") == []
