"""One home for number, money and date formatting.

Pages, posters and exports all call these functions, so that a figure reads the same
wherever a citizen meets it. Babel supplies the locale's grouping and month names;
with numbering_system="khmr" it takes the Khmer separators but keeps ASCII digits,
so Khmer digits are substituted afterwards.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.numbers import parse_pattern
from django.utils import timezone
from django.utils.translation import get_language

from .khmer import to_khmer_digits

RIEL_SIGN = "\u17db"  # ៛


def _locale(lang: str | None) -> str:
    lang = (lang or get_language() or "km").split("-")[0]
    return "km" if lang == "km" else "en"


@lru_cache(maxsize=4)
def _babel_locale(name: str) -> Locale:
    return Locale.parse(name)


@lru_cache(maxsize=16)
def _pattern(decimals: int):
    # Parsed once: a board formats a few hundred figures.
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals else ""))


def format_number(value, *, lang: str | None = None, decimals: int = 0) -> str:
    """A whole or decimal number, grouped, in the page language's digits."""
    if value is None or value == "":
        return ""
    locale = _locale(lang)
    # Round half up, as people do by hand; Babel alone would round half to even.
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    pattern = _pattern(decimals)
    if locale == "km":
        # The Khmer numbering system groups with «.» and marks decimals with «,».
        text = pattern.apply(number, _babel_locale("km"), numbering_system="khmr")
        return to_khmer_digits(text)
    return pattern.apply(number, _babel_locale(locale))


def format_digits(value, *, lang: str | None = None) -> str:
    """A year, a code or an id: never grouped, in the page language's digits."""
    if value is None or value == "":
        return ""
    text = str(value)
    return to_khmer_digits(text) if _locale(lang) == "km" else text


def format_riel(value, *, lang: str | None = None) -> str:
    """A riel amount: always whole, grouped, with the riel sign.

    Babel's currency format would add two decimals that riel never shows, so the
    number is formatted as a whole number and the sign appended.
    """
    if value is None or value == "":
        return ""
    whole = Decimal(str(value)).quantize(Decimal(1), ROUND_HALF_UP)
    text = format_number(whole, lang=lang)
    if _locale(lang) == "km":
        return f"{text}{RIEL_SIGN}"
    return f"{text} riel"


def format_percent(value, *, lang: str | None = None, decimals: int = 0) -> str:
    """A share between 0 and 1 as a percentage."""
    if value is None:
        return ""
    return format_number(Decimal(str(value)) * 100, lang=lang, decimals=decimals) + "%"


def label_colon(*, lang: str | None = None) -> str:
    """What follows a label: «៖» in Khmer, «:» in English."""
    return "\u17d6" if _locale(lang) == "km" else ":"


def format_date(value: datetime.date | None, *, lang: str | None = None) -> str:
    """A date with the month in words: «៥ មីនា ២០២៦» or «5 March 2026»."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        # A moment is shown as its date in Phnom Penh, not in UTC.
        value = (
            timezone.localtime(value).date()
            if timezone.is_aware(value)
            else value.date()
        )
    locale = _locale(lang)
    text = babel_format_date(value, format="d MMMM y", locale=_babel_locale(locale))
    return to_khmer_digits(text) if locale == "km" else text
