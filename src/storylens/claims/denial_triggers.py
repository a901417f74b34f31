"""Which sentences the denial reader parses, and the words in them whose place in the tree it reads.

A sentence is a candidate when it holds a trigger (`TRIGGERS`: deny, reject, refute, dismiss,
false, hoax, rumour, "no evidence", "declined to", "confirm or deny", "pushed back", "contradicted",
"wrong", "a lie", ...). The list is recall-first on purpose: whether "denied" disputes a claim or
refuses a visa, whether "wrong" rejects a claim or a policy, is decided by the model from the parse
(`denial_features`), not by the list. Split from denial_features.py (over 450 lines).
"""
from __future__ import annotations

import re
from collections.abc import Callable

# (family, pattern); the named group `k` is the word whose place in the tree is read.
_TRIGGER_PATTERNS = [
    ("deny", r"(?P<k>den(?:y|ies|ied|ying))"),
    ("denial", r"(?P<k>denials?)"),
    ("reject", r"(?P<k>reject(?:s|ed|ing)?)"),
    ("rejection", r"(?P<k>rejections?)"),
    ("refute", r"(?P<k>refut(?:e|es|ed|ing|ations?)|rebut(?:s|ted|ting|tals?)?|discredit(?:s|ed|ing)?)"),
    ("dismiss", r"(?P<k>dismiss(?:es|ed|ing|ive|ively)?)"),
    ("dismissal", r"(?P<k>dismissals?)"),
    ("dispute", r"(?P<k>disput(?:e|es|ed|ing))"),
    ("debunk", r"(?P<k>debunk(?:s|ed|ing)?)"),
    ("false", r"(?P<k>false|falsely|falsehoods?)"),
    ("untrue", r"(?P<k>untrue)|(?:not|n['’]t)\s+(?:\w+\s+)?(?P<k2>true|accurate|correct|the\s+case)"),
    ("fake", r"(?P<k>fake[sd]?|phony|bogus)"),
    ("hoax", r"(?P<k>hoax(?:es)?)"),
    ("fiction", r"(?P<k>fiction(?:al)?|fantasy)"),
    ("fabricate", r"(?P<k>fabricat(?:e|es|ed|ing|ions?))|(?P<k2>made|makes|make|making)\s+(?:it|this|that|things|stuff|"
                  r"everything|the\s+\w+)\s+up"),
    ("baseless", r"(?P<k>baseless|unfounded|groundless|unsubstantiated|uncorroborated|unproven)"),
    ("rumor", r"(?P<k>rumou?r(?:s|ed)?)"),
    ("myth", r"(?P<k>myths?)"),
    ("satire", r"(?P<k>satir(?:e|ical|ist)|parody)"),
    ("misleading", r"(?P<k>misleading|mislead(?:s)?|misled|inaccurate|incorrect|erroneous(?:ly)?|misinformation|"
                   r"disinformation)"),
    # The cue kinds the denial definitions name beside "deny" (bench/labels/denials_cues.jsonl, 153 PolNeAR
    # train sentences): on 42 fully read PolNeAR articles, 24 of 29 denials held none of the words above.
    ("misrepresent", r"(?P<k>misrepresent(?:s|ed|ing|ations?)?|mischaracteri[sz](?:e|es|ed|ing|ations?)|"
                     r"distort(?:s|ed|ing|ions?)?|exaggerat(?:e|es|ed|ing|ions?)|overstat(?:e|es|ed|ing)|deceptive)|"
                     r"(?P<k2>stretch(?:es|ed|ing)?|twist(?:s|ed|ing)?)\s+the\s+(?:truth|facts)"),
    # Not "wrong for the US to deliver arms", "nothing wrong with", "coins lying on the mattress", "what
    # lies ahead": on bench/rumours.py dev they made two false disputes (0.226 -> 0.258) with these words.
    ("wrong", r"(?P<k>wrong(?:ly)?)(?!\s+(?:for|with)\b)|(?P<k2>erred|erring)"),
    ("lie", r"(?P<k>lie[sd]?|lying)(?!\s+(?:on|in|at|ahead|down|around|about\s+the\s+(?:house|floor)|next|beside|"
            r"beneath|behind|between|under|face|dead|low|there|here)\b)|(?P<k2>liars?)"),
    # "does not match established accounts", "doesn't square with the record"
    ("contradict", r"(?P<k>contradict(?:s|ed|ing|ions?)?|disprov(?:e|es|ed|en|ing)|"
                   r"(?:(?<=not\s)|(?<=n['’]t\s))(?:match|square)(?:es|ed)?)|(?P<k2>contrary)\s+to"),
    ("push_back", r"(?P<k>push(?:es|ed|ing)?)\s+back|(?P<k2>fired|fires|firing|shot|shoots|hit|hits|jabbed|struck|"
                  r"strikes|fought|snapped|lashed)\s+back\s+(?:at|on|against)"),
    # "contested by", "contested the claim"; not the election sense ("the contests in Ohio", "a contested convention")
    ("contest", r"(?<!\bthe\s)(?<!\ba\s)(?P<k>contest(?:s|ed|ing)?)\s+(?:by|the|that|his|her|their|those|these|this|"
                r"its|claims?|reports?|allegations?|accounts?)"),
    ("nonsense", r"(?P<k>nonsense|garbage|hogwash|malarkey|baloney)"),
    ("conspiracy", r"(?P<k>conspiracy)\s+theor(?:y|ies|ists?)"),
    # "no evidence", "none found any evidence", "did not provide specific evidence", "without offering proof"
    # ... "zero evidence", "insufficient evidence", "fails to provide conclusive proof", "did not find that"
    ("no_evidence", r"(?:no|none|not|\w*n['’]t|never|without|zero|insufficient|scant|little|lack(?:s|ed|ing)?(?:\s+of)?|"
                    r"fail(?:s|ed|ing)?\s+to)\s+(?:\w+\s+){0,3}?(?P<k>evidence|proof|indication)|"
                    r"(?:not|n['’]t)\s+(?P<k2>find|found)\s+that"),
    ("no_truth", r"no\s+(?P<k>truth)"),
    ("not_happen", r"(?:did\s+not|didn['’]t|never)\s+(?P<k>happen(?:ed)?|occur(?:red)?|take\s+place|took\s+place)"),
    ("no_such", r"(?P<k>no)\s+such"),
    ("decline", r"(?P<k>declin(?:ed|es|ing))\s+(?:immediately\s+)?to"),
    ("refuse", r"(?P<k>refus(?:ed|es|ing))\s+(?:immediately\s+)?to"),
    ("confirm_or_deny", r"(?P<k>confirm(?:s|ed|ing)?)\s+(?:or|nor)\s+den(?:y|ied|ies|ying)|(?P<k2>neither)\s+confirm"),
    ("not_comment", r"(?:would|could|did|does|do|will|can)(?:\s+not|n['’]t)\s+(?:immediately\s+)?"
                    r"(?P<k>comment|confirm|discuss|elaborate|say)"),
    ("not_respond", r"(?:did|has|have|had|does)(?:\s+not|n['’]t)\s+(?:yet\s+|immediately\s+)?"
                    r"(?P<k>respond(?:ed)?|return(?:ed)?|repl(?:y|ied))"),
    ("not_reached", r"not\s+(?:immediately\s+)?(?:be\s+)?(?P<k>reached|available)\s+for\s+comment"),
    ("no_comment", r"no\s+(?P<k>comment)"),
    ("request_comment", r"(?P<k>requests?)\s+(?:for|seeking)\s+comment"),
]
# A negation is a trigger only in a reported clause ("X said no money was paid", "had never
# discussed it"): the denials without a denial word, most of the triplets' missed denials (71 of 126).
# Only candidates that also hold an attribution are read (`is_candidate`), so plain negation is not parsed.
# They are read by a model of their own (`NO_WORD_FAMILIES`), so the sentences holding a denial word
# are read exactly as before (CV on the 480 FNC-1 sentences kept).
NEGATED = "negated"
_NEGATION = r"(?P<k>not|never|no|none|nothing|nobody|neither)|\w+?(?P<k2>n['’]t)"
_NO_WORD_PATTERNS = [
    # "called the account wrong", "a lie", "that is not the case": rejecting words that are not "deny"
    # ("wrong", "a lie", "not the case" are denial words now, read by the main model)
    ("rejecting", r"(?P<k>mistaken|rubbish|ludicrous|absurd|ridiculous)"),
    (NEGATED, _NEGATION),
]
TRIGGERS = [(family, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE))
            for family, pattern in _TRIGGER_PATTERNS + _NO_WORD_PATTERNS]
FAMILIES = [family for family, _ in _TRIGGER_PATTERNS + _NO_WORD_PATTERNS]
NO_WORD_FAMILIES = frozenset(family for family, _ in _NO_WORD_PATTERNS)
_REJECTING = re.compile(rf"\b(?:{_NO_WORD_PATTERNS[0][1]})\b".replace("?P<k2>", "").replace("?P<k>", ""), re.IGNORECASE)
ANY_TRIGGER = re.compile("|".join(rf"(?:\b(?:{p})\b)" for _, p in _TRIGGER_PATTERNS).replace("?P<k2>", "")
                         .replace("?P<k>", ""), re.IGNORECASE)  # a denial-like word (negation aside)
ANY_NEGATION = re.compile(rf"\b(?:{_NEGATION})\b".replace("?P<k2>", "").replace("?P<k>", ""), re.IGNORECASE)
REFUSAL_FAMILIES = frozenset({"decline", "refuse", "confirm_or_deny", "not_comment", "not_respond", "not_reached",
                              "no_comment", "request_comment"})


def is_candidate(text: str, reported: Callable[[int], bool] = lambda at: False) -> bool:
    """Whether the reader parses a sentence: a denial-like word, a rejecting word ("wrong", "a lie"),
    or a negation that `reported(offset in text)` says lies in what a named source says."""
    if ANY_TRIGGER.search(text) is not None or _REJECTING.search(text) is not None:
        return True
    return any(reported(found.start()) for found in ANY_NEGATION.finditer(text))


def has_denial_word(text: str) -> bool:
    """Whether a sentence holds a denial-like word; a denial read from negation alone does not."""
    return ANY_TRIGGER.search(text) is not None


def triggers_in(text: str) -> list[tuple[str, int, int]]:
    """(family, start, end) of the key word of each trigger in `text`, in text order: the denial
    words' triggers, or when there is none, the rejecting words' and negations' (`NO_WORD_FAMILIES`)."""
    word = has_denial_word(text)
    found = {}
    for family, pattern in TRIGGERS:
        if (family in NO_WORD_FAMILIES) == word:
            continue
        for match in pattern.finditer(text):
            group = "k" if match.group("k") is not None else "k2"
            found.setdefault(match.start(group), (family, match.start(group), match.end(group)))
    return [found[start] for start in sorted(found)]
