"""A claim's standing from its mentions, as DESIGN.md defines the statuses."""
from __future__ import annotations

from storylens.model import Mention, Stance

CORROBORATED = "corroborated"  # at least two independent origins and two outlets, nobody denies it
SINGLE_ORIGIN = "single_origin"  # several outlets, all going back to one origin
SINGLE_SOURCE = "single_source"  # one outlet
DISPUTED = "disputed"  # told and denied
DENIED = "denied"  # only denials

SUPPORTING = (Stance.ASSERTS, Stance.REPORTS)


def claim_status(mentions: list[Mention], origins: list[str], outlets: list[str]) -> str:
    """A claim's status. One denial of it, by a party, in one article of a big story, makes it
    `disputed`: DESIGN.md defines `disputed` as asserted and denied, and counts no deniers.
    FNC-1 calls such rumours not disputed (fewer than 2, or 20 %, of the bodies disagree);
    that is the data set's label, not ours, so no count or share of denying articles is
    asked here. What keeps a denial off the wrong claim is linking (`answers.py`)."""
    denied = any(m.stance == Stance.DENIES for m in mentions)
    supported = any(m.stance in SUPPORTING for m in mentions)
    if denied:
        return DISPUTED if supported else DENIED
    # One outlet's two sentences, or one outlet citing two people, is still one outlet's word.
    if len(origins) >= 2 and len(outlets) >= 2:
        return CORROBORATED
    return SINGLE_ORIGIN if len(outlets) >= 2 else SINGLE_SOURCE
