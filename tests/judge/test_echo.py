from storylens.judge.echo import anonymous_owner, distinct, is_report, mention_origins, name_key, speaker_names
from storylens.model import Attribution, AttributionKind, Span


def attribution(source: str | None, content=(0, 50), *, anonymous=False, speaker=None, kind=AttributionKind.INDIRECT):
    return Attribution(
        source=Span(60, 60 + len(source), source) if source else None,
        cue=Span(55, 59, "said"),
        content=Span(content[0], content[1], "x" * (content[1] - content[0])),
        kind=kind,
        speaker=speaker,
        anonymous=anonymous,
    )


def test_name_keys_ignore_articles_case_and_domains():
    assert name_key("The Harbour Gazette") == name_key("harbour gazette") == name_key("harbourgazette.com")
    assert name_key("the Gazette's") == name_key("Gazette")
    assert distinct(["The Harbour Gazette", "harbourgazette.com", "Coastal Wire"]) == ["The Harbour Gazette", "Coastal Wire"]


def test_no_attribution_means_the_outlet_itself():
    assert mention_origins([], "Coastal Wire", None) == ["Coastal Wire"]


def test_the_innermost_named_source_is_the_origin():
    chain = [attribution("Nordic Post", (0, 90)), attribution("Coastal Wire", (0, 70)), attribution("Mayor Lind", (0, 50))]
    assert mention_origins(chain, "Daily Harbour", None) == ["Mayor Lind"]


def test_anonymous_sources_belong_to_the_outlet_they_told():
    chain = [attribution("the Nordic Post", speaker="The Nordic Post"),
             attribution("people familiar with the talks", anonymous=True, speaker="anonymous sources")]
    assert mention_origins(chain, "Daily Harbour", None) == ["The Nordic Post"]


def test_bare_anonymous_sources_belong_to_the_article_owner_or_the_outlet():
    chain = [attribution("a person familiar with the call", anonymous=True)]
    assert mention_origins(chain, "Daily Harbour", "The Nordic Post") == ["The Nordic Post"]
    assert mention_origins(chain, "Daily Harbour", None) == ["Daily Harbour"]
    unnamed = [attribution(None, kind=AttributionKind.NO_SOURCE)]
    assert mention_origins(unnamed, "Daily Harbour", None) == ["Daily Harbour"]


def test_the_owner_of_anonymous_sources_is_whoever_they_told():
    told = attribution("the Nordic Post", (100, 200), speaker="The Nordic Post")
    sources = attribution("two officials", (100, 200), anonymous=True)
    later = attribution("a person familiar with the call", (300, 360), anonymous=True)
    assert anonymous_owner([told, sources, later]) == "The Nordic Post"
    assert anonymous_owner([later]) is None


def test_coordinated_sources_are_two_origins_but_company_names_stay_whole():
    both = attribution("The Nordic Post and Coastal Wire")
    assert speaker_names(both) == ["The Nordic Post", "Coastal Wire"]
    assert mention_origins([both], "Daily Harbour", None) == ["The Nordic Post", "Coastal Wire"]
    assert speaker_names(attribution("Smith and partners")) == ["Smith and partners"]


def test_a_directive_is_what_is_reported_not_who_reports_it():
    text = "During the meeting, the mayor reportedly told the harbour master not to sign the lease."
    told = Attribution(source=Span(20, 29, "the mayor"), cue=Span(41, 45, "told"),
                       content=Span(65, len(text) - 1, text[65:-1]), kind=AttributionKind.INDIRECT)
    said = Attribution(source=Span(20, 29, "the mayor"), cue=Span(41, 45, "said"),
                       content=Span(46, len(text) - 1, text[46:-1]), kind=AttributionKind.INDIRECT)
    assert told.content.text == "not to sign the lease"
    assert not is_report(told) and is_report(said)


def test_a_wire_agency_editions_are_one_origin_the_agency():
    assert distinct(["ReutersIndia", "Reuters_Co_Uk", "Reuters UK"]) == ["ReutersIndia"]
    assert name_key("AP News") == name_key("Associated Press") == name_key("The Associated Press")
    assert name_key("AFP News Agency") == name_key("AFP") != name_key("AP")
    # an edition asserting something itself, or citing its own anonymous sources, is the agency
    assert mention_origins([], "ReutersIndia", None) == ["Reuters"]
    assert mention_origins([attribution("sources familiar with the sale", anonymous=True)], "Reuters_Co_Uk", None) \
        == ["Reuters"]


def test_an_organisation_the_text_describes_is_its_own_origin():
    airline = attribution("the airline", speaker="the airline")
    assert mention_origins([airline], "Daily Harbour", None) == ["the airline"]
    city = attribution("figures released by the city", speaker="the city")
    assert mention_origins([city], "Daily Harbour", None) == ["the city"]
    newspaper = attribution("the newspaper", speaker="the newspaper")
    assert mention_origins([newspaper], "Daily Harbour", "The Nordic Post") == ["The Nordic Post"]


def test_an_apposition_is_one_source_and_a_list_closed_by_and_is_several():
    editor = attribution("The Gazette's editor, Niamh Corrigan", speaker="Niamh Corrigan")
    assert speaker_names(editor) == ["Niamh Corrigan"]
    assert mention_origins([editor], "Daily Harbour", None) == ["Niamh Corrigan"]
    named_first = attribution("Niamh Corrigan, the Gazette's editor", speaker="Niamh Corrigan")
    assert speaker_names(named_first) == ["Niamh Corrigan"]
    three = attribution("The Nordic Post, Coastal Wire and the Vellmark Herald")
    assert speaker_names(three) == ["The Nordic Post", "Coastal Wire", "The Vellmark Herald"]


def test_a_wire_dateline_makes_the_agency_the_origin_of_what_the_article_asserts():
    from storylens.claims.findings import find_in_story
    from storylens.judge.mentions import article_mentions
    from storylens.model import Article

    text = "PORT ARVEN, March 3 (Reuters) - The Vellmark harbour board sold the North Quay ferry line for $40 million."
    article = Article(id="a1", source="a1.txt", url=None, outlet="Daily Harbour", title=None, author=None,
                      published=None, language="en", text=text)
    [findings] = find_in_story([article])
    assert findings.wire == "Reuters"
    mentions = article_mentions(findings)
    assert mentions and all(m.origins == ["Reuters"] for m in mentions)

