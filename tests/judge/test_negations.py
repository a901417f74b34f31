"""A claim and its negation are not one claim: the negated telling denies it."""
from storylens.claims.findings import find_in_story
from storylens.judge.claims import judge_story
from storylens.judge.negations import negated_predicates, negations_as_denials
from storylens.model import Article, Mention, Span, Stance


def mention(article: str, text: str, stance: str = Stance.ASSERTS, attributed_to=()) -> Mention:
    return Mention(article=article, sentence=Span(0, len(text), text), stance=stance,
                   attributed_to=list(attributed_to), origins=[article])


def test_the_negated_word_is_the_first_content_word_after_the_negation():
    assert negated_predicates("Harbour master Ilse Varga has not been sacked, the board said.") == {"sack"}
    assert negated_predicates("There was no ferry on the route that night.") == {"ferry"}
    assert negated_predicates("The skipper didn't steer the ferry onto the rocks.") == {"steer"}
    assert "kill" in negated_predicates("The skipper is alive and recovering in hospital.")


def test_doubt_refusal_and_questions_negate_nothing():
    assert negated_predicates("The port authority could not be reached for comment.") == frozenset()
    assert negated_predicates("It is not yet clear how the fire started.") == frozenset()
    assert negated_predicates("Was the skipper not sacked after all?") == frozenset()


def test_a_telling_that_negates_another_articles_telling_denies_it_by_its_teller():
    told = [mention("a", "Harbour master Ilse Varga was sacked by the Marrowby port board on Monday."),
            mention("b", "The Marrowby port board sacked harbour master Ilse Varga on Monday.")]
    negation = mention("c", "Harbour master Ilse Varga has not been sacked by the port board, the union said.",
                       Stance.REPORTS, attributed_to=["the union"])
    result = negations_as_denials(told + [negation])
    assert result[:2] == told
    assert result[2].stance == Stance.DENIES and result[2].by == "the union" and result[2].origins == []
    assert negation.stance == Stance.REPORTS  # the caller's mention is left as it was


def test_an_outlets_own_negation_is_denied_by_the_outlet():
    told = [mention("a", "A shark swam along the flooded Marrowby ring road on Sunday.")]
    own = mention("b", "No shark swam along the flooded Marrowby ring road on Sunday.")
    assert negations_as_denials(told + [own])[1].by == "the outlet"


def test_a_negation_of_something_else_or_in_the_same_article_stays_a_telling():
    told = [mention("a", "The skipper of the Marrowby ferry was sacked on Monday.")]
    aside = mention("b", "The skipper of the Marrowby ferry, who did not hold a licence, was sacked on Monday.")
    same = mention("a", "The skipper of the Marrowby ferry was not sacked on Monday, his union insists.")
    other_people = mention("c", "The skipper of the Pinecrest ferry was not sacked on Monday.")
    assert negations_as_denials(told + [aside]) == told + [aside]
    assert negations_as_denials(told + [same]) == told + [same]
    assert negations_as_denials(told + [other_people]) == told + [other_people]


def article(article_id: str, outlet: str, text: str) -> Article:
    return Article(id=article_id, source=f"{article_id}.txt", url=None, outlet=outlet, title=None, author=None,
                   published="2026-05-04", language="en", text=text)


def test_a_story_told_and_negated_is_disputed_not_corroborated():
    articles = [
        article("echo", "Marrowby Echo", "Harbour master Ilse Varga was sacked by the Marrowby port board on "
                "Monday, two board members said.\n\nThe board met behind closed doors."),
        article("daily", "Pinecrest Daily", "The Marrowby port board sacked harbour master Ilse Varga on Monday, "
                "according to two board members.\n\nShe had led the harbour for nine years."),
        article("wire", "Coast Wire", "Harbour master Ilse Varga has not been sacked by the Marrowby port board, "
                "her lawyer Tomas Brandt said on Tuesday.\n\nThe board meets again in June."),
    ]
    claims = judge_story("varga", find_in_story(articles))
    main = claims[0]
    assert main.status == "disputed"
    assert [(m.article, m.stance) for m in main.mentions if m.stance == Stance.DENIES] == [("wire", Stance.DENIES)]
    assert not any(c.status == "corroborated" and "wire" in {m.article for m in c.mentions} for c in claims)


def test_a_negation_agreeing_with_a_telling_of_refusal_denies_nothing():
    assert "take" in negated_predicates("The Marrowby high court declined to take up the board's appeal.")
    refused = mention("a", "The Marrowby high court declined to take up the harbour board's appeal on the camping ban.")
    took = mention("a", "The Marrowby high court has taken up the harbour board's appeal on the camping ban.")
    negation = mention("c", "The Marrowby high court did not take up the harbour board's appeal on the camping ban.")
    assert negations_as_denials([refused, negation])[1].stance == Stance.ASSERTS
    assert negations_as_denials([took, negation])[1].stance == Stance.DENIES


def test_a_negated_verb_denies_a_telling_only_of_the_same_object():
    found = [mention("a", "The harbour inquiry did find letters that could be read as pressure on the pilots.")]
    other_object = mention("b", "The harbour inquiry did not find evidence that the pilots were pressured.")
    same_object = mention("c", "The harbour inquiry did not find letters that could be read as pressure.")
    result = negations_as_denials(found + [other_object, same_object])
    assert result[1].stance == Stance.ASSERTS
    assert result[2].stance == Stance.DENIES
