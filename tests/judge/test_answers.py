"""Which claim a denial, refusal or doubt answers (words only: the embedder is stubbed out)."""
import numpy as np

from storylens.judge.answers import answered_claims, is_pronoun_reference, is_rejection, is_vague, names_things
from storylens.model import Mention, Span, Stance


def mention(article: str, text: str, stance: str = Stance.ASSERTS, start: int = 0, by: str | None = None) -> Mention:
    return Mention(article=article, sentence=Span(start, start + len(text), text), stance=stance, by=by)


def no_embedding(texts):
    return np.zeros((len(texts), 4), dtype=np.float32)


def answered(claims, answers, main=None, denied=None):
    denied = denied or [None] * len(answers)
    return answered_claims(claims, answers, denied, main, no_embedding, [None] * len(claims))


FERRY = ["The Marrowby ferry ran aground near the northern pier.", "The Marrowby ferry ran aground by the northern pier."]
BUDGET = "The harbour budget was cut by a third in March."


def test_a_denial_joins_the_claim_it_states():
    ferry = [mention("a", FERRY[0]), mention("b", FERRY[1])]
    budget = [mention("a", BUDGET, start=100)]
    denial = mention("c", "The harbour authority denied that the ferry ran aground.", Stance.DENIES)
    claims = answered([ferry, budget], [denial])
    assert denial in claims[0] and denial not in claims[1]


def test_a_vague_denial_of_the_report_answers_the_main_claim():
    ferry = [mention("a", FERRY[0]), mention("b", FERRY[1])]
    budget = [mention("a", BUDGET, start=100)]
    vague = mention("c", "A spokesman dismissed the report as pure fiction.", Stance.DENIES)
    claims = answered([budget, ferry], [vague], main=1)
    assert vague in claims[1] and len(claims) == 2


def test_the_kremlin_denied_the_report_attaches_to_the_main_claim_from_the_reader_span():
    call = [mention("a", "Trump spoke to Putin by phone on Thursday, the Post reported."),
            mention("b", "Trump and Putin held a phone call on Thursday, according to the Post.")]
    sanctions = [mention("b", "Brussels extended its sanctions on Moscow for six months.", start=200)]
    text = "The Kremlin denied the report on Friday."
    denial = mention("c", text, Stance.DENIES, by="The Kremlin")
    claims = answered([sanctions, call], [denial], main=1, denied=["the report"])
    assert denial in claims[1]


def test_a_pronoun_points_back_to_the_sentence_before():
    ferry = [mention("a", FERRY[0]), mention("b", FERRY[1])]
    parking = [mention("c", "The mayor said parking fees downtown would double in May.", start=0)]
    denial = mention("c", "The harbour authority denied it.", Stance.DENIES, start=80)
    claims = answered([ferry, parking], [denial], main=0)
    assert denial in claims[1] and denial not in claims[0]


def test_a_denial_of_another_matter_is_a_claim_of_its_own():
    ferry = [mention("a", FERRY[0]), mention("b", FERRY[1])]
    other = mention("b", "Union leaders rejected claims that they had met the mayor in secret.", Stance.DENIES, start=300)
    claims = answered([ferry], [other], main=0)
    assert claims == [ferry, [other]]


def test_the_same_denial_in_two_outlets_is_one_claim_of_its_own():
    ferry = [mention("a", FERRY[0]), mention("b", FERRY[1])]
    one = mention("a", "Councillor Ines Brandt denied taking money from the Osk shipping firm.", Stance.DENIES, start=90)
    two = mention("b", "Ines Brandt denied she took money from the Osk shipping firm.", Stance.DENIES, start=90)
    claims = answered([ferry], [one, two], main=0)
    assert claims == [ferry, [one, two]]


def test_a_denial_that_agrees_with_a_rejection_does_not_dispute_it():
    debunk = [mention("a", "The video of a shark on the flooded Marrowby motorway is a hoax."),
              mention("b", "Marrowby police said the flooded motorway shark video was a fake.")]
    denial = mention("c", "The shark video is fake, the coastguard said.", Stance.DENIES)
    claims = answered([debunk], [denial], main=0)
    assert is_rejection(debunk) and denial not in claims[0]


def test_a_telling_that_names_a_prankster_is_no_rejection():
    stunt = [mention("a", "YouTube prankster Ilse Varga gave a stranger fifty pounds in Marrowby."),
             mention("b", "Ilse Varga, a prankster with a big following, handed a stranger fifty pounds.")]
    denial = mention("c", "An eyewitness believes the entire thing is a hoax.", Stance.DENIES)
    claims = answered([stunt], [denial], main=0, denied=["the entire thing"])
    assert not is_rejection(stunt) and denial in claims[0]


def test_answers_without_any_claim_become_claims():
    denial = mention("c", "The harbour authority denied everything.", Stance.DENIES)
    assert answered([], [denial]) == [[denial]]


def test_vague_references():
    assert is_vague("the report", True) and is_vague("it", True) and is_vague("the allegations", True)
    assert not is_vague("that Trump and Putin spoke by phone", True)
    assert is_vague("the entire thing", True) and not is_vague("the entire ferry timetable", True)
    assert is_vague("The Kremlin denied the report on Friday.", False)
    assert is_vague("Here is why it's definitely a hoax.", False)
    assert is_vague("Halvard Line declined to comment.", False, by="Halvard Line")
    assert not is_vague("The authority denied that the ferry ran aground.", False)
    assert is_pronoun_reference("Pence denied it.", False) and not is_pronoun_reference("Pence denied the report.", False)


def test_a_report_noun_points_back_to_the_telling_that_names_that_report():
    run = [mention("a", "Councillor Ines Brandt will stand for mayor of Marrowby again."),
           mention("b", "Ines Brandt is standing for mayor of Marrowby once more.")]
    earlier = [mention("a", "In 2024 she faced allegations that she took money from the Osk shipping firm.", start=60)]
    denial = mention("a", "Brandt has denied the allegations.", Stance.DENIES, start=140, by="Ines Brandt")
    claims = answered([run, earlier], [denial], main=0, denied=["the allegations"])
    assert denial in claims[1] and denial not in claims[0]


def test_a_report_noun_with_nothing_before_it_naming_that_report_answers_the_main_claim():
    run = [mention("a", "Councillor Ines Brandt will stand for mayor of Marrowby again."),
           mention("b", "Ines Brandt is standing for mayor of Marrowby once more.")]
    earlier = [mention("a", "In 2024 she was fined for parking on the quay.", start=60)]
    denial = mention("a", "Her office denied the report.", Stance.DENIES, start=140, by="Her office")
    claims = answered([run, earlier], [denial], main=0, denied=["the report"])
    assert denial in claims[0]


def test_a_denied_clause_that_states_what_the_headlines_state_answers_the_main_claim():
    ceremony = [mention("a", "A seabird soiled the hat of the town mayor at a ferry ceremony."),
                mention("b", "The town mayor had his hat soiled by a seabird during the ceremony.")]
    aside = [mention("c", "A gull defecated on him in the clip.", start=50)]
    denial = mention("d", "The clip was doctored to show a gull defecating on the Marrowby mayor at the launch.",
                     Stance.DENIES, by="the outlet")
    headlines = ["Gull defecates on Marrowby mayor at ferry launch", "Mayor hat soiled at ferry ceremony"]
    without = answered_claims([list(ceremony), list(aside)], [denial], [None], 0, no_embedding, [None, None])
    assert denial in without[1]  # by the tellings' words alone, the aside is closer
    linked = answered_claims([list(ceremony), list(aside)], [denial], [None], 0, no_embedding, [None, None],
                             headlines)
    assert denial in linked[0] and denial not in linked[1]


def test_it_after_a_sentence_repeating_a_headline_points_to_the_main_claim():
    launch = [mention("a", "A gull soiled the hat of the Marrowby mayor at the ferry launch on Sunday."),
              mention("b", "The Marrowby mayor had his hat soiled by a gull at Sunday's ferry launch.")]
    echo = [mention("c", "It is quite a headline: 'Gull defecates on Marrowby mayor at ferry launch.'")]
    denial = mention("c", "But it is almost certainly not true.", Stance.DENIES, start=90, by="the outlet")
    headlines = ["Gull defecates on Marrowby mayor at ferry launch", "Mayor's hat soiled at Marrowby ferry launch"]
    claims = answered_claims([launch, echo], [denial], ["it"], 0, no_embedding, [None, None], headlines)
    assert denial in claims[0]
    assert denial in answered([launch, echo], [denial], main=0, denied=["it"])[1]  # no headlines: the sentence before


def test_it_after_a_sentence_that_itself_rejects_the_report_points_to_the_main_claim():
    launch = [mention("a", "A gull soiled the hat of the Marrowby mayor at the ferry launch on Sunday."),
              mention("b", "The Marrowby mayor had his hat soiled by a gull at Sunday's ferry launch.")]
    scorn = [mention("c", "That story has been everywhere today, and it is fake from start to finish.")]
    denial = mention("c", "It is a hoax designed to draw clicks.", Stance.DENIES, start=90, by="the outlet")
    claims = answered([launch, scorn], [denial], main=0, denied=["It"])
    assert is_rejection(scorn) and denial in claims[0]


def test_a_report_named_by_its_outlet_and_a_story_called_bogus_only_point_back():
    assert is_vague("the Esquire report/column/rant", True)
    assert not is_vague("the fake report of a coup in the capital", True)
    assert is_vague("the fake report of a coup in the capital", True,
                    sentence="It seems this story is another bogus tale, like the fake report of a coup in the capital.")
    assert is_vague("Harbour officials disputed the Gazette report on Monday.", False)


def test_a_report_noun_with_two_words_before_it_only_points_back():
    assert is_vague("that fake pooping video", True) and not is_vague("that fake pooping pigeon", True)


def test_the_remembered_rejection_test_of_a_sentence_is_the_cue_count():
    from storylens.judge.answers import _DOUBTING, _calls_false
    from storylens.judge.stance_features import cue_counts
    for text in ("The photo of the flooded quay is a hoax.", "Harbourline bought the quay for $40 million."):
        assert _calls_false(text) == (cue_counts(text)[_DOUBTING].sum() > 0) == _calls_false(text)
    assert _calls_false("The photo of the flooded quay is a hoax.") is True
    assert _calls_false("Harbourline bought the quay for $40 million.") is False


def test_a_denied_thing_is_no_proposition_and_answers_no_claim():
    assert names_things(["an appeal from the harbour board", "statements", "Ilse Varga", None]) == [True, True, True, False]
    assert names_things(["the report", "any wrongdoing", "that the ferry ran aground", "the notion that the ferry sank",
                         "it"]) == [False] * 5
    ferry = [mention("a", FERRY[0]), mention("b", FERRY[1])]
    court = mention("c", "The court denied an appeal from the Marrowby ferry operator.", Stance.DENIES)
    spokesman = mention("c", "A spokesman denied the report.", Stance.DENIES, start=80)
    claims = answered([ferry], [court, spokesman], main=0, denied=["an appeal from the Marrowby ferry operator", "the report"])
    assert spokesman in claims[0] and court not in claims[0] and [court] in claims[1:]


def test_it_is_a_hoax_points_to_the_main_claim_and_a_span_naming_the_denier_is_not_what_is_denied():
    ferry = [mention("a", FERRY[0]), mention("b", FERRY[1])]
    detail = [mention("c", "The skipper says he swam to the northern pier in an hour.", start=0)]
    hoax = mention("c", "It is a hoax, a story made up for clicks.", Stance.DENIES, start=80)
    claims = answered([ferry, detail], [hoax], main=0, denied=["It"])
    assert hoax in claims[0] and hoax not in claims[1]
    slip = mention("c", "The harbour board called the ferry story false.", Stance.DENIES, start=200, by="The harbour board")
    claims = answered([[mention("a", BUDGET)], ferry], [slip], main=1, denied=["The harbour board"])
    assert slip in claims[1]


def test_a_span_stopping_at_a_report_noun_takes_what_the_report_is_said_to_claim():
    from storylens.judge.answers import with_told_content

    text = "The harbour board refuted reports in recent weeks claiming the harbour budget was cut by a third."
    assert with_told_content(text, "reports") == "reports in recent weeks claiming the harbour budget was cut by a third."
    assert with_told_content("The harbour board refuted the reports.", "the reports") == "the reports"
    ferry = [mention("a", FERRY[0]), mention("b", FERRY[1])]
    budget = [mention("a", BUDGET, start=100)]
    denial = mention("c", text, Stance.DENIES, by="The harbour board")
    claims = answered([ferry, budget], [denial], main=0, denied=["reports"])
    assert denial in claims[1] and denial not in claims[0]

