from storylens.judge.mentions import article_mentions, sentence_stance
from storylens.judge.mentions import names_a_denier
from storylens.model import Article, ArticleFindings, Attribution, AttributionKind, Denial, DenialKind, Span
from storylens.enrich.sentences import split_sentences


def span_of(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part), part)


def findings(text: str, attributions=(), copy_of=None) -> ArticleFindings:
    article = Article(id="a1", source="a1.txt", url=None, outlet="Daily Harbour", title=None, author=None,
                      published=None, language="en", text=text)
    return ArticleFindings(article=article, sentences=split_sentences(text), attributions=list(attributions), copy_of=copy_of)


def test_stances_from_the_denial_reader_cues_and_attribution():
    plain = Span(0, 10, "The Marrowby council sold the depot for $4 million.")
    assert sentence_stance(plain, []) == ("asserts", None)
    denial = Span(0, 10, "The council has denied that the depot was sold.")
    assert sentence_stance(denial, [], denial=Denial(denial, DenialKind.DENIAL)) == ("denies", "The council")
    assert sentence_stance(denial, []) == ("asserts", None)  # the reader, not the word, makes a denial
    refusal = Span(0, 10, "The buyer did not confirm or deny the sale of the depot.")
    assert sentence_stance(refusal, [], denial=Denial(refusal, DenialKind.REFUSAL))[0] == "no_comment"
    doubt = Span(0, 10, "The sale could not be independently verified by the Marrowby Herald.")
    assert sentence_stance(doubt, [])[0] == "questions"


def test_a_reported_sentence_carries_its_chain_and_origin():
    text = "The Marrowby council sold the bus depot for $4 million, the Coastal Herald reported on Monday."
    reported = Attribution(source=span_of(text, "the Coastal Herald"), cue=span_of(text, "reported"),
                           content=span_of(text, "The Marrowby council sold the bus depot for $4 million"),
                           kind=AttributionKind.INDIRECT, speaker="The Coastal Herald")
    [mention] = article_mentions(findings(text, [reported]))
    assert mention.stance == "reports"
    assert mention.attributed_to == ["The Coastal Herald"] and mention.origins == ["The Coastal Herald"]


def test_what_sources_report_someone_doing_is_not_a_link_of_the_chain():
    text = "According to sources, Mayor Lind signed the Marrowby depot sale, urging councillors to back it."
    sources = Attribution(source=span_of(text, "sources"), cue=span_of(text, "According to"),
                          content=span_of(text, "Mayor Lind signed the Marrowby depot sale, urging councillors to back it"),
                          kind=AttributionKind.ACCORDING_TO, speaker="anonymous sources", anonymous=True)
    signing = Attribution(source=span_of(text, "Mayor Lind"), cue=span_of(text, "signed"),
                          content=span_of(text, "the Marrowby depot sale, urging councillors to back it"),
                          kind=AttributionKind.INDIRECT, speaker="Mayor Lind")
    [mention] = article_mentions(findings(text, [sources, signing]))
    assert mention.attributed_to == ["anonymous sources"]
    assert mention.origins == ["Daily Harbour"]  # its own anonymous sources: the outlet stands behind them


def test_a_copy_adds_no_origin_and_chatter_is_no_mention():
    text = "The Marrowby council sold the bus depot for $4 million. What a day it was for everyone."
    mentions = article_mentions(findings(text, copy_of="original"))
    assert [m.sentence.text for m in mentions] == ["The Marrowby council sold the bus depot for $4 million."]
    assert mentions[0].origins == []


def test_the_reader_names_the_denier_and_a_day_or_a_fragment_never_is_one():
    sentence = Span(0, 60, "On Friday, the Marrowby council denied that the depot was sold.")
    named = Denial(sentence, DenialKind.DENIAL, by="the Marrowby council")
    assert sentence_stance(sentence, [], denial=named) == ("denies", "the Marrowby council")
    friday = Denial(sentence, DenialKind.DENIAL, by="Friday")
    assert sentence_stance(sentence, [], denial=friday)[1] != "Friday"
    for not_a_denier in ("Friday", "statement", "Sometimes his remarks", "The request", "the remarks were", ""):
        assert not names_a_denier(not_a_denier), not_a_denier
    for denier in ("the Kremlin", "Dmitry Peskov", "the outlet", "Port Authority spokesperson Ilse Varga"):
        assert names_a_denier(denier), denier


def test_every_denial_is_a_mention_however_late_in_the_article():
    filler = " ".join(f"The Marrowby depot opened bay {n} on a Monday." for n in range(90))
    text = filler + " The council denied that the depot was sold."
    found = findings(text)
    last = found.sentences[-1]
    found.denials = [Denial(last, DenialKind.DENIAL, by="The council")]
    denies = [m for m in article_mentions(found) if m.stance == "denies"]
    assert [(m.sentence.text, m.by) for m in denies] == [("The council denied that the depot was sold.", "The council")]


def test_a_denial_without_a_denial_word_denies_only_what_the_article_tells():
    told = ("Reports said the Ostmere ferry company paid the harbour master a bribe. "
            "The company said no bribe was ever paid to the harbour master.")
    found = findings(told)
    negation = found.sentences[-1]
    found.denials = [Denial(negation, DenialKind.DENIAL, by="The company")]
    assert [m.stance for m in article_mentions(found) if m.sentence == negation] == ["denies"]
    untold = ("A storm closed the Ostmere ferry terminal on Tuesday evening. "
              "Officials said no passenger was hurt when the gangway collapsed.")
    found = findings(untold)
    negation = found.sentences[-1]
    found.denials = [Denial(negation, DenialKind.DENIAL, by="Officials")]
    assert "denies" not in [m.stance for m in article_mentions(found) if m.sentence == negation]
    # a denial word needs no such support: "denied" says someone rejects something
    worded = "A storm closed the Ostmere ferry terminal. The Marrowby council denied that the depot was sold."
    found = findings(worded)
    found.denials = [Denial(found.sentences[-1], DenialKind.DENIAL, by="The Marrowby council")]
    assert [m.stance for m in article_mentions(found) if m.sentence == found.sentences[-1]] == ["denies"]


def test_sibling_sources_are_one_link_of_the_chain_and_two_origins():
    text = "The Nordic Post and Coastal Wire reported that the Marrowby council sold the bus depot."
    content = span_of(text, "that the Marrowby council sold the bus depot")
    siblings = [Attribution(source=span_of(text, name), cue=span_of(text, "reported"), content=content,
                            kind=AttributionKind.INDIRECT, speaker=name) for name in ("The Nordic Post", "Coastal Wire")]
    [mention] = article_mentions(findings(text, siblings))
    assert mention.attributed_to == ["The Nordic Post and Coastal Wire"]  # one link, not Post -> Wire
    assert mention.origins == ["The Nordic Post", "Coastal Wire"]
