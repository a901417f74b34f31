"""A story whose outlets themselves call its report false is the story of that rejection."""
from storylens.judge.claims import claim_of
from storylens.judge.rejections import rejection_first
from storylens.model import Article, ArticleFindings, Denial, DenialKind, Mention, Span

REPORT = "A crocodile was photographed sunbathing on the jetty at Lake Ferrowby on Sunday."
HOAX = "The crocodile photo from Lake Ferrowby is a hoax."


def findings(article_id: str, outlet: str | None, text: str, denies: bool) -> ArticleFindings:
    article = Article(id=article_id, source=f"feeds/{article_id}.txt", url=None, outlet=outlet, title=None,
                      author=None, published=None, language="en", text=text)
    sentence = Span(0, len(text), text)
    denials = [Denial(sentence, DenialKind.DENIAL)] if denies else []
    return ArticleFindings(article=article, sentences=[sentence], denials=denials)


def mention(article_id: str, text: str, stance: str, by: str | None = None) -> Mention:
    return Mention(article=article_id, sentence=Span(0, len(text), text), stance=stance,
                   origins=[] if stance == "denies" else [article_id], by=by)


def story(deniers: dict[str, str | None], tellers: list[str]) -> tuple[list, list]:
    """Articles `deniers` (id -> who denies, None: the outlet) call the report false; `tellers` tell it."""
    found = [findings(a, f"{a.title()} News", HOAX, True) for a in deniers]
    found += [findings(a, f"{a.title()} News", REPORT, False) for a in tellers]
    mentions = [mention(a, HOAX, "denies", by) for a, by in deniers.items()] + [mention(a, REPORT, "asserts") for a in tellers]
    outlets = {f.article.id: f.article.outlet for f in found}
    order = {f.article.id: rank for rank, f in enumerate(found)}
    return [claim_of(mentions, outlets, order, "croc-001")], found


def test_outlets_calling_the_report_a_hoax_make_the_rejection_the_main_claim():
    claims, found = story({"north": None, "south": "the outlet", "east": None}, ["west"])
    assert claims[0].status == "disputed"
    rejection, report = rejection_first(claims, found)
    assert rejection.text == HOAX and rejection.rejects == report.id == "croc-002"
    assert rejection.status == "corroborated"  # three outlets say so in their own voice; one telling is no dispute
    assert rejection.to_record()["rejects"] == "croc-002"
    assert [m.stance for m in rejection.mentions] == ["asserts"] * 3
    # The report keeps every denial of it: a reader can still list them.
    assert report.status == "disputed" and len(report.to_record()["denials"]) == 3


def test_a_quoted_party_denying_the_report_is_a_dispute_not_a_rejection():
    claims, found = story({"north": "the Lakes Authority", "south": "the Lakes Authority"}, ["west"])
    assert rejection_first(claims, found) == claims
    assert "rejects" not in claims[0].to_record()


def test_one_outlet_calling_it_a_hoax_is_not_the_story_of_a_rejection():
    claims, found = story({"north": None}, ["west", "east"])
    assert rejection_first(claims, found) == claims


def test_two_outlets_standing_behind_the_report_dispute_its_rejection():
    claims, found = story({"north": None, "south": None, "east": None}, ["west", "centre"])
    rejection = rejection_first(claims, found)[0]
    assert rejection.status == "disputed"
    assert sorted((m.article, m.by) for m in rejection.mentions if m.stance == "denies") == [
        ("centre", "Centre News"), ("west", "West News")]


def test_a_third_of_the_coverage_calling_it_a_hoax_makes_the_rejection_the_main_claim():
    claims, found = story({"north": None, "south": None}, ["west", "east", "centre", "lake"])
    rejection, report = rejection_first(claims, found)
    assert rejection.text == HOAX and rejection.rejects == report.id
    assert rejection.status == "disputed"  # four outlets tell the report first-hand


def test_an_article_the_stance_model_reads_as_disagreeing_does_not_stand_behind_the_report():
    claims, found = story({"north": None, "south": None, "east": None}, ["west", "centre"])
    rejection = rejection_first(claims, found, {"centre": ("disagree", 0.3), "west": ("agree", 0.9)})[0]
    assert rejection.status != "disputed"
    assert not [m for m in rejection.mentions if m.stance == "denies"]


def test_the_opening_of_a_quote_does_not_stand_behind_the_report():
    claims, found = story({"north": None, "south": None, "east": None}, ["west", "centre"])
    quoted = "\u201cPeople are saying that a crocodile was photographed sunbathing on the jetty at Lake Ferrowby."
    for m in claims[0].mentions:
        if m.article == "centre":
            m.sentence = Span(0, len(quoted), quoted)
    assert rejection_first(claims, found)[0].status != "disputed"


def _with_telling(claims, found, article_id: str, text: str):
    found.append(findings(article_id, f"{article_id.title()} News", text, False))
    mentions = claims[0].mentions + [mention(article_id, text, "asserts")]
    outlets = {f.article.id: f.article.outlet for f in found}
    order = {f.article.id: rank for rank, f in enumerate(found)}
    return [claim_of(mentions, outlets, order, "croc-001")], found


def test_an_outlet_saying_in_plain_words_that_it_did_not_happen_rejects_the_report():
    claims, found = _with_telling(*story({"north": None}, ["west"]), "south",
                                  "Sorry, but no, a crocodile was not sunbathing on the jetty at Lake Ferrowby on Sunday.")
    rejection, report = rejection_first(claims, found)
    assert rejection.rejects == report.id
    assert {m.article for m in rejection.mentions} == {"north", "south"}
    assert rejection.status != "disputed"  # one outlet telling the report is no dispute of its rejection


def test_a_figure_of_speech_with_not_rejects_nothing():
    claims, found = _with_telling(*story({"north": None}, ["west"]), "south",
                                  "It's not every day that a crocodile sunbathes on the jetty at Lake Ferrowby.")
    assert rejection_first(claims, found) == claims
