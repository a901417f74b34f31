"""Wire agencies: the dateline that names one, and the agency behind an edition's name.

A story that opens "JAKARTA (Reuters) -" or "WASHINGTON, March 3 (AP) —", or that is signed
"— AFP", is the agency's copy: what it asserts itself, the agency stands behind, whichever
outlet prints it. An agency's editions ("ReutersIndia", "Reuters_Co_Uk", "AP News",
"AFP News Agency") are the agency, one origin. Pure regular expressions over the opening and
the end of the text: nothing here is parsed.
"""
from __future__ import annotations

import re

# name: the loose keys (lower case, letters and digits only) of its spellings and editions.
# A key that starts with one of `EDITION_PREFIXES` is an edition too ("reutersindia").
AGENCIES = {
    "Reuters": ("reuters", "thomsonreuters"),
    "The Associated Press": ("ap", "associatedpress", "theassociatedpress", "apnews", "aponline"),
    "AFP": ("afp", "agencefrancepresse", "francepresse"),
    "UPI": ("upi", "unitedpressinternational"),
    "dpa": ("dpa", "deutschepresseagentur"),
    "Xinhua": ("xinhua", "xinhuanews", "xinhuanewsagency"),
    "Interfax": ("interfax",),
    "ANSA": ("ansa",),
    "EFE": ("efe", "agenciaefe"),
    "Kyodo": ("kyodo", "kyodonews"),
    "Yonhap": ("yonhap", "yonhapnews"),
    "PTI": ("pti", "presstrustofindia"),
}
# Editions spell the agency first and a country, a domain or "news" after it; short keys such
# as "ap" or "efe" are left out here, since words start with them ("apple", "efex").
EDITION_PREFIXES = ("reuters", "associatedpress", "apnews", "afp", "agencefrancepresse", "xinhua", "interfax",
                    "kyodo", "yonhap", "deutschepresseagentur")
_BY_KEY = {key: name for name, keys in AGENCIES.items() for key in keys}
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")

_AGENCY_MARK = r"Reuters|AP|AFP|UPI|dpa|DPA|Xinhua|Interfax|ANSA|EFE|Kyodo|Yonhap|PTI"
# "JAKARTA (Reuters) -", "WASHINGTON, March 3 (Reuters) -", "(AP) —", "KYIV, Ukraine (AP) —": at a
# line's start, a place of capitalised words (and a date) at most, then the agency in brackets.
DATELINE = re.compile(
    rf"(?m)^[ \t]*(?:[A-Z][\w.'’-]*(?:[ \t,]+[\w.'’-]+){{0,5}}[ \t]*)?\((?P<agency>{_AGENCY_MARK})\)[ \t]*[-–—]")
# "KABUL — AFP", "— AFP" or "(Reuters)" ending the text: a signature instead of a dateline.
SIGNATURE = re.compile(rf"(?:^|\s)(?:[-–—]+[ \t]*|\()(?P<agency>{_AGENCY_MARK})\)?[ \t.]*$")
# A dateline stands in the opening lines; later "(AP) —" is a quoted or embedded item.
OPENING_CHARS = 400


def agency_name(name: str | None) -> str | None:
    """The agency a name stands for ("ReutersIndia" → "Reuters"), or None when it names none."""
    if not name:
        return None
    key = _NOT_ALNUM.sub("", re.sub(r"\.(com|co\.uk|org|net)$", "", name.casefold().strip()))
    if key in _BY_KEY:
        return _BY_KEY[key]
    prefix = next((p for p in EDITION_PREFIXES if key.startswith(p)), None)
    return _BY_KEY.get(prefix) if prefix else None


def wire_agency(text: str) -> str | None:
    """The agency whose dateline or signature the article carries, or None."""
    found = DATELINE.search(text, 0, min(len(text), OPENING_CHARS))
    if found is None:
        found = SIGNATURE.search(text, max(0, len(text.rstrip()) - 40), len(text.rstrip()))
    return agency_name(found.group("agency")) if found else None
