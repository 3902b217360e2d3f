"""Hostile inputs that the tests feed to every form, page and API, and what each
must come to. One list, so that the field, page and API tests try the same.
"""

from __future__ import annotations

# Stored as text, shown escaped wherever they appear.
XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "<svg/onload=alert(1)>",
    "{{ 7|add:7 }} {% now 'Y' %}",
]
# Searched for literally: they mean nothing to the finder.
SQL = ["%", "_", "\\", "'", "--", "' OR 1=1 --", "'; DROP TABLE communes_commune; --"]
# Khmer as people write it: zero-width space between words, ZWNJ and ZWJ.
KHMER = [
    "ផ្លូវ\u200bលំ\u200bភូមិ",
    "ស្ថានីយ\u200cសុខភាព",
    "សាលា\u200dរៀន ៣ ថ្នាក់",
]
# Typed text refused, with the code of the message that says why.
TEXT_REFUSED = {
    "a\x00b": "control",
    "a\x07b": "control",
    "\ufeffname": "control",
    "x\u2060y": "control",
    "\ud800": "unreadable",
    "name\udfff": "unreadable",
    "abc\ufffd": "unreadable",
    "\uffff": "unreadable",
    "invoice\u202etxt.exe": "bidi",
    "\u202bname\u202c": "bidi",
    "\u2066ក\u2069": "bidi",
    "\u200fname": "bidi",
    "\u061cname": "bidi",
}
TOO_LONG = "ក" * 100_000

# (typed, in a whole-number field, in a decimal field): a value, or an error code.
NUMBERS = [
    ("១២៣", 123, 123),
    ("1.5", "not_whole", 1.5),
    ("1,500", 1500, 1500),
    ("1e-5", "exponent", "exponent"),
    ("1E5", "exponent", "exponent"),
    ("NaN", "invalid", "invalid"),
    ("Infinity", "invalid", "invalid"),
    ("-Infinity", "invalid", "invalid"),
    ("-0", "invalid", "invalid"),
    ("+5", "invalid", "invalid"),
    ("-5", "negative", "negative"),
    ("²", "invalid", "invalid"),
    ("1\x002", "invalid", "invalid"),
    ("\ud800", "invalid", "invalid"),
    ("12\u202e", "invalid", "invalid"),
    ("9" * 4301, "too_big", "too_big"),
]
# Codes that a value too large for a field may come with.
TOO_LARGE = {"too_big", "too_long"}
# A number outside a field's range (a year of 123) is refused as such.
OUT_OF_RANGE = {*TOO_LARGE, "too_small"}


def outcome_matches(expected, value=None, error_codes=()) -> bool:
    """Whether a field's result is what NUMBERS expects: the value, or a refusal
    with that code (a value outside the field's range may be refused as such)."""
    if isinstance(expected, str):
        if expected in TOO_LARGE:
            return bool(set(error_codes) & TOO_LARGE)
        return expected in error_codes
    if error_codes:
        return bool(set(error_codes) & OUT_OF_RANGE)
    return value == expected
