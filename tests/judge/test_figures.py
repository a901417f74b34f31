from storylens.claims.numbers import find_quantities
from storylens.judge.figures import claim_figures
from storylens.model import Article, ArticleFindings, Claim, Mention, Span


def told(article_id: str, text: str) -> tuple[ArticleFindings, Mention]:
    article = Article(id=article_id, source=article_id, url=None, outlet=article_id, title=None, author=None,
                      published=None, language="en", text=text)
    sentence = Span(0, len(text), text)
    return (ArticleFindings(article=article, sentences=[sentence], quantities=find_quantities(text)),
            Mention(article=article_id, sentence=sentence, stance="reports"))


def figures(*texts: str) -> list[dict]:
    pairs = [told(f"a{i}", text) for i, text in enumerate(texts)]
    claim = Claim(id="c1", text=texts[0], status="single_origin", mentions=[m for _, m in pairs], origins=["x"],
                  outlets=[f"a{i}" for i in range(len(texts))])
    return claim_figures([claim], [f for f, _ in pairs])


def test_unequal_figures_from_two_outlets_disagree():
    [entry] = figures("The ferry line was sold for $300 million.", "The ferry line was sold for $350 million.")
    assert entry["quantity"] == "USD" and entry["consistent"] is False
    assert [v["article"] for v in entry["values"]] == ["a0", "a1"]


def test_a_conversion_agrees_with_the_converted_figure():
    [entry] = figures("The quay stretches 1.8 miles (about 2.9 km) along the river.",
                      "The 2.9-kilometre quay runs along the river.")
    assert entry["consistent"] is True


def test_two_figures_of_one_article_are_two_slots_not_a_quarrel():
    entries = figures("The works cost $4.6 million, under the $5 million budget.",
                      "The works cost $4.6 million in the end.")
    assert [(e["consistent"], len(e["values"])) for e in entries] == [(True, 2)]


def test_sourcing_counts_are_not_figures():
    assert figures("Two people familiar with the talks said the ferry was sold.",
                   "Three people familiar with the talks said the ferry was sold.") == []


def test_figures_of_different_subjects_are_not_rivals():
    assert figures("Vellmark fired 145 drones at Korvia overnight.", "Korvia sent 34 drones toward Vellmark.") == []


def test_figures_of_one_subject_still_disagree():
    [entry] = figures("The Vellmark council sold 12 buses last year.", "The council sold 14 buses last year.")
    assert entry["consistent"] is False


def test_counts_of_different_things_are_not_compared():
    assert figures("Two black senators backed the ferry bill.", "Forty senators backed the ferry bill.") == []


def test_a_preposition_is_no_counted_thing():
    assert figures("It was the only one between the two harbour boards.",
                   "The vote was the first one between the harbour boards.") == []


def test_who_tells_a_figure_is_not_its_subject():
    [entry] = figures("The Vellmark Harbour Board agreed to sell the pier in a $1.5 billion deal.",
                      "Citing two officials, the Coastal Post said the board sold the pier for $1.2 billion.")
    assert entry["consistent"] is False


def test_the_remembered_subject_key_is_the_name_key_of_the_subject():
    from storylens.judge.echo import name_key
    from storylens.judge.figures import _subject_key, figure_subject
    sentence = "The Gazette said Harbourline paid $40 million, and the council approved it."
    for at in (sentence.index("$40"), sentence.index("approved"), 0):
        subject = figure_subject(sentence, at)
        expected = None if subject is None else name_key(subject)
        assert _subject_key(sentence, at) == expected == _subject_key(sentence, at)
    assert _subject_key(sentence, sentence.index("$40")) == name_key("Harbourline")


def test_the_first_comparable_pair_tries_the_figures_own_units_before_conversions():
    from storylens.claims.numbers_compare import _first_comparable_pair
    [six] = [q for q in find_quantities("They paid $6bn (€5.6bn) for the port.") if q.unit == "USD"]
    [seven] = [q for q in find_quantities("They paid $7bn (€5.6bn) for the port.") if q.unit == "USD"]
    (x, _), (y, _) = _first_comparable_pair(six, seven)
    assert (x.value, y.value) == (6e9, 7e9)
    [euros] = [q for q in find_quantities("The port cost €5.6bn.") if q.value]
    (x, _), (y, _) = _first_comparable_pair(six, euros)
    assert x in six.conversions and y is euros
    [drones] = find_quantities("Ninety drones flew.") or [None]
    if drones is not None:
        assert _first_comparable_pair(six, drones) is None


def _pairwise_slots(told_figures):
    """The slots as the pair loops made them before figures were grouped by dimension: every
    figure tried against every slot, in order (the reference the grouped loops must match)."""
    from collections import Counter

    from storylens.claims.numbers import same_quantity
    from storylens.judge.figures import measures_same
    kinds = {id(item): next(i for i, other in enumerate(told_figures) if measures_same(other, item))
             for item in told_figures}
    slots = []
    for item in told_figures:
        same = next((s for s in slots if measures_same(s[0], item) and same_quantity(s[0][0], item[0])), None)
        same.append(item) if same else slots.append([item])
    per_article = Counter((article, kinds[id(s[0])]) for s in slots for article in {t[1] for t in s})
    lone = [s for s in slots if all(per_article[t[1], kinds[id(t)]] == 1 for t in s)]
    joined = []
    for s in lone:
        rival = next((g for g in joined if measures_same(g[0], s[0]) and not {t[1] for t in g} & {t[1] for t in s}), None)
        rival.extend(s) if rival else joined.append(s)
    return joined + [s for s in slots if s not in lone]


def test_figures_grouped_by_dimension_fill_the_slots_the_pair_loops_filled():
    from storylens.judge.figures import _slots, is_figure
    texts = ["The quay stretches 1.8 miles (about 2.9 km) and cost $6bn (€5.6bn), with 40 cranes.",
             "The 2.9-kilometre quay cost €5.6bn; Vellmark sent 34 drones and 12 cranes in 3 weeks.",
             "The quay runs 3 km, cost $7bn and took 21 days; Korvia fired 145 drones, 40 cranes stood.",
             "The works cost $4.6 million, under the $5 million budget, and took 2 weeks for 40 cranes.",
             "It cost €5.6bn (about $6bn), 2 miles of quay, 34 drones and 14 cranes over 20 days."]
    told_figures = []
    for i, text in enumerate(texts):
        sentence = Span(0, len(text), text)
        told_figures += [(q, f"a{i}", sentence, "c1") for q in find_quantities(text) if is_figure(q)]
    assert len({frozenset(map(str, [q.unit or q.counted, *(c.unit for c in q.conversions)]))
                for q, *_ in told_figures}) >= 4  # several dimensions, conversions across two
    for order in (told_figures, told_figures[::-1], told_figures[1::2] + told_figures[::2]):
        expected = [[(t[1], t[0].start) for t in slot] for slot in _pairwise_slots(order)]
        assert [[(t[1], t[0].start) for t in slot] for slot in _slots(order)] == expected
    assert any(len(slot) > 1 for slot in _slots(told_figures))
