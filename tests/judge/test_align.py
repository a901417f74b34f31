from storylens.judge.align import content_terms, group_mentions, stem
from storylens.model import Mention, Span, Stance


def mention(article: str, text: str, stance: str = Stance.ASSERTS) -> Mention:
    return Mention(article=article, sentence=Span(0, len(text), text), stance=stance)


def test_stemming_brings_inflections_together():
    assert stem("calls") == stem("called") == stem("calling") == "call"
    assert content_terms("The ferries were delayed, officials said.") == ("ferry", "delay", "official")


def test_the_same_proposition_in_different_outlets_is_one_claim():
    mentions = [
        mention("a", "The Marrowby ferry ran aground near the northern pier on Sunday night."),
        mention("a", "Harbour police closed the coastal road for six hours."),
        mention("b", "On Sunday night the Marrowby ferry ran aground by the northern pier."),
        mention("b", "Fishermen criticised the harbour authority budget cuts."),
        mention("c", "The ferry ran aground near Marrowby's northern pier, the harbour master said."),
    ]
    groups = group_mentions(mentions)
    assert [0, 2, 4] in groups
    assert [1] in groups and [3] in groups


def test_sentences_of_one_article_never_merge_with_each_other():
    mentions = [
        mention("a", "The Marrowby ferry ran aground near the northern pier."),
        mention("a", "The Marrowby ferry ran aground near the northern pier again."),
    ]
    assert group_mentions(mentions) == [[0], [1]]


def test_no_mentions_and_one_mention():
    assert group_mentions([]) == []
    assert group_mentions([mention("a", "The Marrowby ferry ran aground.")]) == [[0]]


def test_numbers_of_different_things_keep_sentences_apart():
    same_words = ["The Marrowby flood on Sunday drove 300 families from homes near the northern harbour.",
                  "The Marrowby flood on Sunday drove 12 ferries from moorings near the northern harbour."]
    assert group_mentions([mention("a", same_words[0]), mention("b", same_words[0])]) == [[0, 1]]
    # Close in words (a TF-IDF cosine above SAME_CLAIM without the numbers), not one proposition.
    assert group_mentions([mention("a", same_words[0]), mention("b", same_words[1])]) == [[0], [1]]


def test_the_same_thing_counted_differently_is_one_claim_with_a_drifting_figure():
    mentions = [
        mention("a", "The Marrowby council sold the ferry line to Osk Shipping for $300 million on Monday."),
        mention("b", "The Marrowby council sold the ferry line to Osk Shipping for $350 million on Monday."),
    ]
    assert group_mentions(mentions) == [[0, 1]]


def test_years_and_days_of_the_month_are_not_figures():
    from storylens.judge.align import numbers_in

    assert numbers_in("On January 4, 2015, 300 Iraqi soldiers were hurt.") == ({"300"}, {"iraqi", "soldier"})


# Three propositions, each told in its own words by every one of 30 outlets, and a remark of each
# outlet's own: the shape of a huge story, small enough to group all pairs at once as well.
TOLD = [
    ["The Marrowby ferry ran aground near the northern pier on Sunday night.",
     "On Sunday night the Marrowby ferry ran aground by the northern pier.",
     "The ferry ran aground near Marrowby's northern pier on Sunday night, the harbour master said."],
    ["Harbour police closed the coastal road to Elmport for six hours.",
     "The coastal road to Elmport was closed by harbour police for six hours.",
     "Police closed the Elmport coastal road for six hours, the harbour office said."],
    ["The Osk Shipping company will pay for the salvage of the stranded vessel.",
     "Osk Shipping said the company will pay for salvaging the stranded vessel.",
     "The salvage of the stranded vessel will be paid for by Osk Shipping, the company said."],
]
REMARKS = ["gulls", "tides", "lanterns", "kelp", "oysters", "buoys", "nets", "rope", "masts", "sails"]


def huge_story_mentions() -> list[Mention]:
    mentions = []
    for outlet in range(30):
        article = f"outlet{outlet}"
        mentions += [mention(article, wordings[outlet % 3]) for wordings in TOLD]
        mentions.append(mention(article, f"Our reporter counted {REMARKS[outlet % 10]} beside "
                                         f"{REMARKS[(outlet // 10 + outlet) % 10]} at dawn in square {outlet}."))
    return mentions


def test_a_huge_story_is_grouped_block_by_block_to_the_same_claims(monkeypatch):
    from storylens.judge import align

    mentions = huge_story_mentions()
    told = [[i for i, m in enumerate(mentions) if m.sentence.text in wordings] for wordings in TOLD]
    assert all(group in group_mentions(mentions) for group in told)
    # Twelve articles a block: each proposition's tellings fall in three blocks and must meet again.
    monkeypatch.setattr(align, "BLOCK_MENTIONS", 48)
    monkeypatch.setattr(align, "ROWS_AT_ONCE", 10)
    groups = group_mentions(mentions)
    assert all(group in groups for group in told)
    assert sorted(i for group in groups for i in group) == list(range(len(mentions)))


def test_a_huge_story_s_core_takes_in_the_blocks_groups_that_tell_it(monkeypatch):
    from storylens.judge import align

    mentions = huge_story_mentions()
    told = [[i for i, m in enumerate(mentions) if m.sentence.text in wordings] for wordings in TOLD]
    core = told[0][:20]
    monkeypatch.setattr(align, "BLOCK_MENTIONS", 48)
    groups = group_mentions(mentions, core=core)
    assert told[0] in groups and told[1] in groups
