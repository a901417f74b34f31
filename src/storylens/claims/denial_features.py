"""What the parse says around a denial-like word: the features of the denial reader.

The triggers, the words whose place in the tree is read, are `denial_triggers`'. Whether "denied"
disputes a claim or refuses a visa is decided by the model from these features. Every feature name belongs to the closed set
`FEATURE_NAMES`, so a weights file whose names the code no longer produces is refused.

Only fine-grained tags (`tag_`) and the tree are read: the shared pipeline runs without the
lemmatizer and attribute ruler, so word forms are folded here with small tables.
"""
from __future__ import annotations

import re
from itertools import product

from storylens.claims.denial_copula import COPULA_FAMILIES, COPULA_SENSES, copula_sense
from storylens.claims.denial_triggers import FAMILIES, NO_WORD_FAMILIES

CLAIM_NOUNS = frozenset("""report reports claim claims allegation allegations accusation accusations story stories
    rumor rumors rumour rumours charge charges suggestion suggestions idea notion account accounts assertion
    assertions speculation narrative criticism criticisms critique critiques statement statements remarks comments
    theory theories findings video videos photo photos picture pictures image images footage news article articles
    tweet tweets post posts reporting contention characterization depiction version premise insinuations
    insinuation assessment assessments concerns concern impression perception view information quote quotes
    propaganda alarm advertisement advert adverts ad ads creation message messages email emails letter document
    documents headline headlines hashtag photograph photographs clip clips broadcast quotation quotations
    announcement rumours reportage coverage figures data stats statistics numbers graphic chart poll polls
    explanation explanations version versions""".split())
# Claim nouns that as often name a proposal: a claim only with a "that" clause ("the notion that ...").
# Without one, 3 of the 8 false denials on 60 fully read PolNeAR articles ("rejected the idea").
OPEN_NOUNS = frozenset({"idea", "notion"})
SOURCE_NOUNS = frozenset("""site sites website websites outlet outlets page pages account accounts source sources
    publication publications newspaper paper blog blogs channel news tabloid author writer""".split())
SAYING_VERBS = frozenset("""comment confirm say discuss elaborate respond answer name identify disclose divulge
    release provide specify speculate address detail reveal explain be interviewed go talk deny verify
    acknowledge reply share give""".split())
# Nouns that name a proposition without stating it: what someone is charged with or said to have
# done ("denied any wrongdoing", "denied involvement", "denied the charges"). The judge reads the
# same list (`judge.answers.names_things`): a denied noun phrase headed by one is a proposition.
FACT_NOUNS = frozenset("""role wrongdoing involvement knowledge responsibility link links ties connection contact
    existence guilt affair relationship plans plan intention wrong wrongdoings participation presence
    charge charges complaint complaints conversation conversations talks""".split())
# "appeal" is refused, not a policy: court refusals of an appeal ("the Supreme Court denied an appeal", "will
# not take up the appeal") were 2 of the 13 false denies on AllSides val triplets; the first read 0.79, now 0.10.
REFUSED_THINGS = frozenset("""service services entry access bail permit permits permission visa visas parole asylum
    request requests application applications benefit benefits nomination hearing chance status right rights
    opportunity approval coverage treatment license licence admission boarding loan loans funding credit
    voice vote votes victory seat seats majority win appeal appeals""".split())
POLICY_NOUNS = frozenset("""bill bills proposal proposals deal deals resolution measure measures legislation
    amendment amendments offer offers law laws petition petitions motion motions ban policy
    policies initiative initiatives candidate candidates establishment politics agenda nominee""".split())
OBJECT_PRONOUNS = frozenset({"him", "her", "them", "me", "us", "you"})
DEMONSTRATIVES = frozenset({"it", "this", "that", "these", "those"})
# Pronouns, and determiners the parser leaves alone as a head ("Some have denied it", "His was false").
THIRD_PRONOUNS = frozenset({"he", "she", "they", "it", "who", "some", "such", "many", "most", "all", "none", "both",
                            "his", "her", "their", "its", "someone", "everyone", "anyone", "one", "others"})
FIRST_PRONOUNS = frozenset({"i", "we", "you"})
PERSON_NOUNS = frozenset("""spokesman spokeswoman spokesperson official officials police campaign office ministry
    government company representative representatives lawyer lawyer attorney attorneys aide aides department
    agency authorities administration spokespeople source sources minister president leader leaders secretary
    senator governor chairman chair director party committee firm group foundation embassy kremlin palace""".split())
TIME_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    morning afternoon evening night week month year day earlier later weekend statement""".split())
CALLING_VERBS = frozenset("""call calls called calling label labels labeled labelled labeling brand branded describe
    described describing dismiss dismissed dismissing deem deemed term termed""".split())
COPULAS = frozenset({"is", "was", "are", "were", "be", "been", "being", "'s", "’s", "seems", "seemed", "appears"})
IRREALIS_HEADS = frozenset("""want wants wanted try tries tried trying seek seeks sought aim aims hope hopes plan
    plans planned urge urged urges call calls called push pushes pushed pleaded able effort attempt""".split())
MODALS = frozenset({"could", "may", "might", "would", "should", "can", "will", "must"})
VOTE_WORDS = frozenset("""vote votes voted voters electorate legislature senate lawmakers court judge judges ruling
    jury appeals referendum""".split())
DEPS = ["ROOT", "ccomp", "conj", "amod", "acomp", "attr", "dobj", "pobj", "nsubj", "nsubjpass", "advcl", "xcomp",
        "relcl", "compound", "advmod", "oprd", "npadvmod", "appos", "acl", "pcomp", "other"]
OBJECT_CLASSES = ["claim", "source", "fact", "refused", "policy", "person", "pronoun", "clause", "other", "none"]
COMPLEMENT_CLASSES = ["saying", "other", "none"]
SUBJECT_KINDS = ["proper", "third", "first", "person_noun", "claim", "time", "other", "none"]
TAG_CLASSES = ["verb", "noun", "adj", "adv", "other"]
HEAD_CLASSES = ["calling", "copula", "speech", "irrealis", "other", "none"]
FLAGS = ["passive", "agent", "ccomp", "as_complement", "dative", "negated", "modal", "irrealis", "predicative",
         "attributive", "of_object", "conditional", "in_quote", "is_cue", "in_content", "relcl_of_claim", "first_word",
         "reported", "perfect", "existential", "answering", "defending", "intent", "past", "copular"]
# Read for the no-word families only, so the sentences holding a denial word are read as before.
NO_WORD_FLAGS = frozenset({"reported", "perfect", "existential", "answering", "defending", "intent", "past", "copular"})
# A negation denies when it answers something said of the story ("said no money was paid, after reports
# that ..."; "insisted he is not a racist amid criticism"): the words that name what is answered.
ANSWERED_WORDS = frozenset("""report reports allegation allegations alleged alleging accusation
    accusations accused accusing claim claims claimed claiming criticism criticisms charge charges suggestion
    suggestions speculation rumor rumors rumour rumours assertion assertions contrary""".split())
# Verbs that report a statement made in one's defence or to set a record straight.
DEFENDING_VERBS = frozenset("""insist insists insisted maintain maintains maintained clarify clarifies clarified
    stress stresses stressed assert asserts asserted argue argues argued contend contends contended counter
    counters countered conclude concludes concluded correct corrects corrected reiterate reiterates reiterated
    emphasize emphasized emphasise emphasised swear swore sworn protest protested""".split())
# What a negated opinion, wish or plan says is not so is a state of mind, not a reported fact: "does not
# believe a nomination should come up", "has no plans to return", "not in a rush".
INTENT_WORDS = frozenset("""believe believes believed think thinks thought want wants wanted plan plans planned
    intend intends intended expect expects expected need needs needed wish wishes hope hopes like likes care
    rush intention intentions change changes time choice way reason""".split())
SENTENCE_FLAGS = ["attributed", "question", "vote_words", "quoted", "several_triggers", "refusal_and_denial",
                  "dispelling"]
# Words that, beside a trigger such as "rumour" or "satire", say the thing is not so.
DISPELLING = re.compile(r"\b(?:rebuff(?:s|ed)?|quash(?:es|ed)?|dispel(?:s|led)?|disprov(?:e|es|ed|en)|rubbish|"
                        r"absurd|ridiculous|preposterous|turned\s+out|not\s+real|no\s+sign|in\s+fact|actually|"
                        r"fell\s+for|fooled|duped|retract(?:ed|ion)?|corrected|correction)\b", re.IGNORECASE)


def _feature_names() -> list[str]:
    names = [f"sentence:{flag}" for flag in SENTENCE_FLAGS]
    for family in FAMILIES:
        names.append(f"trig={family}")
        names += [f"{family}&dep={d}" for d in DEPS] + [f"{family}&tag={t}" for t in TAG_CLASSES]
        names += [f"{family}&obj={o}" for o in OBJECT_CLASSES] + [f"{family}&subj={s}" for s in SUBJECT_KINDS]
        names += [f"{family}&head={h}" for h in HEAD_CLASSES] + [f"{family}&{flag}" for flag in FLAGS]
        names += [f"{family}&target={o}" for o in OBJECT_CLASSES] + [f"{family}&comp={c}" for c in COMPLEMENT_CLASSES]
    names += [f"dep={d}" for d in DEPS] + [f"obj={o}" for o in OBJECT_CLASSES] + [f"subj={s}" for s in SUBJECT_KINDS]
    names += [f"head={h}" for h in HEAD_CLASSES] + [f"target={o}" for o in OBJECT_CLASSES] + FLAGS
    names += [f"passive&subj={s}" for s in SUBJECT_KINDS] + [f"obj={o}&{f}" for o, f in product(OBJECT_CLASSES, FLAGS)]
    names += [f"{family}&copula={sense}" for family, sense in product(sorted(COPULA_FAMILIES), COPULA_SENSES)]
    return names + [f"copula={sense}" for sense in COPULA_SENSES]


FEATURE_NAMES = _feature_names()
KNOWN_FEATURES = frozenset(FEATURE_NAMES)


def tag_class(token) -> str:
    tag = token.tag_
    if tag.startswith("VB") or tag == "MD":
        return "verb"
    if tag.startswith("NN"):
        return "noun"
    return "adj" if tag.startswith("JJ") else "adv" if tag.startswith("RB") else "other"


def noun_class(token) -> str:
    """What a noun phrase's head is: a claim, a fact, a thing one is refused, a policy, a person ..."""
    if token is None:
        return "none"
    word = token.lower_
    if token.dep_ in ("ccomp", "acl") or token.tag_.startswith("VB"):
        return "clause"
    if word in OPEN_NOUNS and not _has_content_clause(token):
        return "policy"  # "rejected the idea of a wage hike", "rejected that idea": a proposal, not a claim
    if word in CLAIM_NOUNS:
        return "claim"
    if word in SOURCE_NOUNS:
        return "source"
    if word in FACT_NOUNS:
        return "fact"
    if word in REFUSED_THINGS:
        return "refused"
    if word in POLICY_NOUNS:
        return "policy"
    if word in OBJECT_PRONOUNS or (token.tag_ == "NNP" and token.ent_type_ in ("", "PERSON")):
        return "person"
    return "pronoun" if word in DEMONSTRATIVES else "other"


def _has_content_clause(token) -> bool:
    """'the idea that the lease was signed': a clause opened by "that" says what the noun holds."""
    return any(child.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" for g in child.children)
               for child in token.children)


def subject_kind(token) -> str:
    if token is None:
        return "none"
    word = token.lower_
    if word in TIME_WORDS:
        return "time"
    if word in THIRD_PRONOUNS:
        return "third"
    if word in FIRST_PRONOUNS:
        return "first"
    if token.tag_ in ("NNP", "NNPS"):
        return "proper"
    if word in PERSON_NOUNS:
        return "person_noun"
    return "claim" if word in CLAIM_NOUNS or word in DEMONSTRATIVES else "other"


def dep_name(token) -> str:
    return token.dep_ if token.dep_ in DEPS else "other"


def head_class(token) -> str:
    from storylens.claims.cues import SPEECH_VERBS  # the attribution cues: "said", "told" ...

    head = token.head
    if head is token:
        return "none"
    word = head.lower_
    if word in CALLING_VERBS:
        return "calling"
    if word in COPULAS:
        return "copula"
    if word in SPEECH_VERBS:
        return "speech"
    return "irrealis" if word in IRREALIS_HEADS else "other"


# --- the tree around a trigger -------------------------------------------------------------------


def _child(token, *deps):
    return next((child for child in token.children if child.dep_ in deps), None)


def _prep_object(token, *words):
    """The object of a preposition hanging from `token` ("dismissed X as ...", "denial of X")."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in words:
            return _child(child, "pobj", "pcomp") or child
    return None


def clause_of(token):
    """The verb whose clause the trigger belongs to: itself, or the copula/verb it complements."""
    if token.dep_ in ("acomp", "attr", "oprd") or (token.dep_ in ("advmod", "npadvmod") and tag_class(token) == "adv"):
        return token.head
    return token


def subject_of(token):
    """The subject of the trigger's clause, through conjunctions and "declined to comment"."""
    clause = clause_of(token)
    for _ in range(4):
        found = _child(clause, "nsubj", "nsubjpass", "csubj")
        if found is not None:
            return found
        if clause.dep_ in ("conj", "xcomp", "advcl") and clause.head is not clause:
            clause = clause.head
        elif clause.dep_ == "relcl":
            return clause.head if _child(clause, "nsubj") is None else None
        else:
            return None
    return None


def object_of(token):
    """What the trigger acts on: a clause, a direct object, "X as ...", an "of" object, a "to" object."""
    if token.dep_ == "amod" or (token.dep_ == "compound" and tag_class(token) != "verb"):
        return token.head
    found = _child(token, "ccomp", "dobj", "acl")
    if found is None and token.dep_ == "relcl":
        return token.head
    if found is None:
        found = _prep_object(token, "of", "about", "on", "that")
    if found is None:
        comment = _child(token, "xcomp")  # "declined to comment on the deal"
        if comment is not None:
            found = _child(comment, "dobj", "ccomp") or _prep_object(comment, "on", "about", "whether")
    if found is None and token.dep_ in ("acomp", "attr", "oprd"):
        found = _child(token.head, "nsubj", "nsubjpass")
    if found is None and token.dep_ in ("dobj", "pobj", "nsubj") and token.head.lower_ in CALLING_VERBS:
        found = _child(token.head, "dobj", "nsubjpass")  # "called the report a hoax"
    return found if found is not token else None


def agent_of(token):
    agent = _child(token, "agent")
    return _child(agent, "pobj") if agent is not None else None


def _is_passive(token) -> bool:
    return any(child.dep_ in ("auxpass", "nsubjpass") for child in token.children)


def _is_negated(token) -> bool:
    for candidate in (token, clause_of(token)):
        if any(child.dep_ == "neg" for child in candidate.children):
            return True
    before = token.doc[max(0, token.i - 2) : token.i]
    return any(t.lower_ in ("not", "never", "no", "n't") for t in before)


def _has_modal(token) -> bool:
    return any(child.tag_ == "MD" for candidate in (token, clause_of(token)) for child in candidate.children)


def _has_dative(token) -> bool:
    if _child(token, "dative") is not None:
        return True
    to_object = _prep_object(token, "to")
    objects = [child for child in token.children if child.dep_ == "dobj"]
    return (to_object is not None and noun_class(to_object) == "person") or (
        bool(objects) and noun_class(objects[0]) == "person" and tag_class(token) == "verb")


def _is_conditional(token) -> bool:
    """'If it's fake, ...', 'whether the report is false': the trigger's clause is only supposed."""
    clause = clause_of(token)
    for _ in range(3):
        if any(child.dep_ == "mark" and child.lower_ in ("if", "whether", "unless") for child in clause.children):
            return True
        if clause.head is clause:
            return False
        clause = clause.head
    return False


def complement_class(token) -> str:
    """What "declined to" / "refused to" goes on to: saying something ("comment") or doing it ("help")."""
    complement = _child(token, "xcomp")
    if complement is None:
        return "none"
    return "saying" if complement.lower_ in SAYING_VERBS else "other"


def tree_flags(token) -> dict[str, bool]:
    head = token.head
    return {
        "passive": _is_passive(token),
        "agent": agent_of(token) is not None,
        "ccomp": _child(token, "ccomp") is not None,
        "as_complement": _prep_object(token, "as") is not None or _prep_object(head, "as") is not None,
        "dative": _has_dative(token),
        "negated": _is_negated(token),
        "modal": _has_modal(token),
        "irrealis": (token.dep_ == "xcomp" and head.lower_ in IRREALIS_HEADS)
        or any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children),
        "predicative": token.dep_ in ("acomp", "attr", "oprd") or head.lower_ in COPULAS,
        "attributive": token.dep_ in ("amod", "compound"),
        "of_object": _prep_object(token, "of") is not None,
        "relcl_of_claim": token.dep_ == "relcl" and head.lower_ in CLAIM_NOUNS,
        "conditional": _is_conditional(token),
        "first_word": token.i == 0 or all(t.is_punct for t in token.doc[: token.i]),
        "reported": _is_reported(token),
        "perfect": any(c.lower_ in ("had", "has", "have") and c.dep_ == "aux" for c in clause_of(token).children),
        "existential": _is_existential(token),
        "answering": any(t.lower_ in ANSWERED_WORDS for t in token.doc),
        "defending": _reporting_verb(token, DEFENDING_VERBS) is not None,
        "intent": token.lower_ in INTENT_WORDS or any(c.lower_ in INTENT_WORDS for c in token.children
                                                      if c.dep_ in ("dobj", "attr", "prep", "pobj")),
        "past": (token.tag_ in ("VBD", "VBN") or any(c.dep_ == "aux" and c.lower_ in ("did", "had", "has", "have")
                                                   for c in token.children)) and not _has_modal(token),
        "copular": token.lower_ in COPULAS and any(c.dep_ in ("attr", "acomp") for c in token.children),
    }


def _is_reported(token) -> bool:
    """The trigger's clause is what a speech verb reports: "X said (that) no money was paid"."""
    from storylens.claims.cues import SPEECH_VERBS

    return _reporting_verb(token, SPEECH_VERBS) is not None


def _reporting_verb(token, verbs: frozenset[str]):
    """The verb of `verbs` whose clause holds the trigger's ("X insisted (that) he is not ..."), if any."""
    clause = clause_of(token.head if token.dep_ in ("neg", "det", "advmod") else token)
    for _ in range(3):
        if clause.dep_ not in ("ccomp", "conj", "xcomp", "advcl", "parataxis") or clause.head is clause:
            return clause if clause.lower_ in verbs and clause is not token else None
        clause = clause.head
        if clause.lower_ in verbs:
            return clause
    return None


def _is_existential(token) -> bool:
    """'No money was paid', 'there was no blurring', 'none of the students': a thing said not to be."""
    for child in token.children:
        if child.dep_ == "expl" or child.lower_ in ("none", "nothing", "nobody"):
            return True
        if any(g.dep_ == "det" and g.lower_ == "no" for g in child.children):
            return True
    return False


def negated_word(token):
    """The word a negation negates, whose place in the tree is read: the verb of "did not
    happen", "no money was paid", "had never discussed", "none of them were found"."""
    word = token
    for _ in range(3):
        if tag_class(word) == "verb" and word is not token:
            return word
        if word.head is word:
            return word
        word = word.head
    return word if tag_class(word) == "verb" else token


def trigger_features(family: str, token, context: dict[str, bool]) -> dict[str, float]:
    """The features of one trigger: its family, its place in the tree, and `context` flags."""
    obj = object_of(token)
    subject = subject_of(token)
    target = obj if token.dep_ in ("amod", "acomp", "attr", "oprd") else None
    classes = {
        "dep": dep_name(token), "tag": tag_class(token), "obj": noun_class(obj), "subj": subject_kind(subject),
        "head": head_class(token), "target": noun_class(target), "comp": complement_class(token),
    }
    flags = [name for name, on in (tree_flags(token) | context).items()
             if on and (family in NO_WORD_FAMILIES or name not in NO_WORD_FLAGS)]
    features = {f"trig={family}": 1.0}
    for name, value in classes.items():
        if value == "none" and name in ("target", "comp"):
            continue  # always "none" for most families: a copy of the family's own weight, blurring it
        if name not in ("tag", "comp"):
            features[f"{name}={value}"] = 1.0
        if name != "tag":
            features[f"{family}&{name}={value}"] = 1.0
    for flag in flags:
        features[flag] = 1.0
        features[f"{family}&{flag}"] = 1.0
        features[f"obj={classes['obj']}&{flag}"] = 1.0
    if "passive" in flags:
        features[f"passive&subj={classes['subj']}"] = 1.0
    if family in COPULA_FAMILIES:
        sense = copula_sense(token)
        features[f"copula={sense}"] = features[f"{family}&copula={sense}"] = 1.0
    return {name: value for name, value in features.items() if name in KNOWN_FEATURES}
