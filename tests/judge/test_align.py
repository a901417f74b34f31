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
