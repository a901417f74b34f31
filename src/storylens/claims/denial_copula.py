"""What "wrong", "false", "untrue" and "not true" say from their place in the tree.

"X is wrong", "those statements were wrong", "the report is false", "it would be wrong to call the raid
a success" reject a claim; "wrong to punish a cheerleader", "did nothing wrong", "the wrong man",
"going in the wrong direction" do not. On 60 fully read PolNeAR train articles 4 of the 9 denials the
reader read as not_denial were of this kind ("Trump is wrong.", "those statements were wrong"), and the
family alone could not tell them from the moral and attributive senses. Read from the parse only:
the kind of the copula's subject, what an infinitive after the word does, the noun the word modifies.
"""
from __future__ import annotations

# The families whose key word can be said of a claim with a copula.
COPULA_FAMILIES = frozenset({"wrong", "false", "untrue"})
COPULA_SENSES = ["of_claim", "of_person", "to_saying", "to_act", "nothing", "attributive", "adverb", "other"]
# An infinitive after "wrong" that says something makes the word reject what is said ("wrong to
# argue that ...", "wrong to call it a success"); any other infinitive is the moral sense.
_SAYING = frozenset("""say said claim argue suggest call describe insist assert state tell label portray
    characterize characterise dismiss deny assume think believe conclude report""".split())
_CLAIM_HEADS = frozenset("""report reports claim claims statement statements story stories allegation allegations
    account accounts assertion assertions accusation accusations remarks comments figures numbers data premise
    idea notion theory suggestion characterization narrative information reporting article tweet tweets""".split())
# Not "what" or "which": "doing what they know is wrong" is the moral sense.
_THINGS = frozenset({"that", "this", "it", "these", "those"})
_NOTHING = frozenset({"nothing", "anything", "something", "everything"})
_COPULAS = frozenset({"is", "was", "are", "were", "be", "been", "being", "'s", "’s", "seems", "seemed", "appears",
                      "remains", "proved", "proves"})


def copula_sense(token) -> str:
    """The sense of a "wrong"/"false"/"true" key word: said of a claim or a person, the moral or
    attributive senses, or "other"."""
    if token.dep_ in ("advmod", "npadvmod", "advcl", "oprd") and any(c.lower_ in _NOTHING for c in token.head.children):
        return "nothing"  # "did nothing wrong": the parser hangs "wrong" on the verb
    if token.tag_.startswith("RB"):
        return "adverb"  # "falsely claimed", "wrongly said": the outlet's own rejection, read apart
    if token.dep_ in ("amod", "compound"):
        return "nothing" if token.head.lower_ in _NOTHING else "attributive"
    if token.dep_ not in ("acomp", "attr", "oprd") and token.head.lower_ not in _COPULAS:
        return "other"
    clause = token.head if token.dep_ in ("acomp", "attr", "oprd") else token
    infinitive = _infinitive_after(token) or _infinitive_after(clause)
    if infinitive is not None:
        return "to_saying" if infinitive.lower_ in _SAYING else "to_act"
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
    if subject is None:
        return "other"
    if subject.lower_ in _NOTHING:
        return "nothing"
    if subject.dep_ == "csubj":  # "what he said was false", not "what he did was wrong"
        return "of_claim" if subject.lower_ in _SAYING or subject.lower_ in ("said", "says", "wrote", "told") else "other"
    if subject.lower_ in _THINGS or subject.lower_ in _CLAIM_HEADS:
        return "of_claim"
    # The reader's parse has no entities, and "Trump" alone is often tagged NN: a capital tells.
    if subject.tag_ in ("NNP", "NNPS", "PRP") or subject.is_title:
        return "of_person"
    return "other"


def _infinitive_after(token):
    """The verb of a "to" infinitive or an "in ...ing" gerund hanging from `token`, if any."""
    for child in token.children:
        if child.dep_ in ("xcomp", "advcl", "ccomp") and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children):
            return child
        if child.dep_ == "prep" and child.lower_ == "in":
            gerund = next((g for g in child.children if g.dep_ == "pcomp" and g.tag_ == "VBG"), None)
            if gerund is not None:
                return gerund
    return None
