"""One home for reading numbers people type, and the form fields built on it.

Every number field of every form, and the scorecard spreadsheet import, read
numbers through ``parse_number``, so that a figure means the same thing wherever
it is typed. The rules:

- Digits may be Latin (0-9), Khmer (០-៩) or full-width (０-９). Other characters
  that look like digits (superscripts «²», circled «①», other scripts) are refused.
- Thousands may be grouped with «,» «.» «'» or a space (also no-break and narrow
  no-break spaces), in groups of three after a first group of one to three
  digits that does not start with 0, one separator throughout: «1,250,000»,
  «១.២៥០.០០០», «1 250 000».
- A number whose separators all group thousands is a whole number in every
  field: «1.500» and «1,500» are fifteen hundred, also in a decimal field,
  because a count, an amount and a rate must agree on what «1.500» means (a
  rate of 1,500 is then refused as more than 100 rather than read as 1.5).
- Whole-number fields refuse anything with decimals («1.5», «12.50», «1,5»)
  with "Enter a whole number": a decimal is never silently made whole.
- Decimal fields take the last separator as the decimal mark when it is not a
  thousands group: «12,5», «12.5», «1,234.5» and «១.២៣៤,៥» all read as
  expected; more decimals than the field keeps are refused, not rounded.
- Exponents («1e-5», «2E6») are refused with a message asking for the number
  written out, never read as something else (1e-5 is not 0 riel).
- Negative numbers, «NaN», «Infinity», «∞», a leading «+» and anything else are
  refused with a translated message; very long input is refused as too large without
  ever reaching ``int()`` (which refuses more than 4,300 digits).
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .formatting import format_number

# Riel amounts are whole and bounded: ten trillion riel is far above any
# commune's budget, so a larger figure is a typing mistake (zeros too many).
MAX_RIEL = 10**13
PERCENT_MAX = 100
# More digits than this cannot be a figure of the programme.
MAX_DIGITS = 18

_DIGITS = str.maketrans(
    "០១២៣៤៥៦៧៨៩０１２３４５６７８９，．",
    "01234567890123456789,.",
)
_SPACES = "\u00a0\u202f\u2009\u2007"
_SEPARATORS = ",.' " + _SPACES
_GROUPED = re.compile(
    r"[1-9]\d{0,2}(?P<sep>[,.' \u00a0\u202f\u2009\u2007])\d{3}(?:(?P=sep)\d{3})*"
)
_PLAIN = re.compile(r"\d+")
# A decimal: a whole part (plain or grouped) and a fraction after «.» or «,».
_DECIMAL = re.compile(
    r"(?P<whole>\d+|" + _GROUPED.pattern + r")(?P<mark>[.,])(?P<fraction>\d+)"
)
_ASCII_DIGITS = frozenset("0123456789")
# «1e5», «1.5E-3», «១e៥»: a number in scientific notation.
_EXPONENT = re.compile(r"[+-]?[\d.,]*\d[eE][+-]?\d+")

RIEL_SUFFIXES = ("\u17db", "riel", "រៀល")
PERCENT_SUFFIXES = ("%", "\uff05", "\u066a")

MESSAGES = {
    "invalid": _("Enter a number using digits only, for example 1,250,000."),
    "exponent": _(
        "Write the number out in full, with digits only: a form such as 1e5 "
        "is not read."
    ),
    "not_whole": _("Enter a whole number, without decimals."),
    "negative": _("This cannot be negative."),
    "too_big": _("This number is too large: at most %(limit)s."),
    "too_long": _("This number is too large."),
    "too_small": _("This number is too small: at least %(limit)s."),
    "decimals": _("Enter at most %(decimals)s digits after the decimal mark."),
}


def _error(code: str, messages=None, **params) -> ValidationError:
    message = (messages or {}).get(code) or MESSAGES[code]
    # Numbers in a message follow the page's digits, like every other number.
    params = {key: format_number(value) for key, value in params.items()}
    return ValidationError(message, code=code, params=params or None)


def normalise_number_text(text: str, *, suffixes: tuple[str, ...] = ()) -> str:
    """The typed text with Khmer and full-width digits made ASCII, outer spaces
    and an accepted unit suffix removed; nothing else changes."""
    text = str(text).translate(_DIGITS).strip()
    for suffix in suffixes:
        if text.lower().endswith(suffix):
            text = text[: -len(suffix)].strip()
    return text


def parse_number(
    value,
    *,
    decimals: int = 0,
    minimum=0,
    maximum=None,
    suffixes: tuple[str, ...] = (),
    messages: dict | None = None,
) -> int | Decimal | None:
    """What a person typed as a number: an int when ``decimals`` is 0, otherwise a
    Decimal; None when empty; a translated ValidationError when it is not a
    number this field takes. See the module's docstring for the rules."""
    if value is None:
        return None
    text = normalise_number_text(value, suffixes=suffixes)
    if not text:
        return None
    if _EXPONENT.fullmatch(text):
        raise _error("exponent")
    if text[0] in "-\u2212":
        rest = text[1:].strip()
        # «-0» is not a negative number: only the sign is wrong, as in «+5».
        if rest and set(rest) <= _ASCII_DIGITS | set(_SEPARATORS) and rest.strip("0"):
            raise _error("negative")
        raise _error("invalid")
    if not set(text) <= _ASCII_DIGITS | set(_SEPARATORS):
        raise _error("invalid")
    if sum(ch in _ASCII_DIGITS for ch in text) > MAX_DIGITS:
        if maximum is None:
            raise _error("too_long")
        raise _error("too_big", messages, limit=maximum)
    number: int | Decimal
    if _PLAIN.fullmatch(text) or _GROUPED.fullmatch(text):
        number = int(re.sub(r"\D", "", text))
    else:
        match = _DECIMAL.fullmatch(text)
        if match is None or (match["sep"] and match["sep"] == match["mark"]):
            raise _error("invalid")
        if not decimals:
            raise _error("not_whole")
        if len(match["fraction"]) > decimals:
            raise _error("decimals", decimals=decimals)
        whole = re.sub(r"\D", "", match["whole"])
        number = Decimal(f"{whole}.{match['fraction']}")
    if decimals:
        number = Decimal(number).quantize(Decimal(1).scaleb(-decimals))
    if minimum is not None and number < minimum:
        raise _error("too_small", limit=minimum)
    if maximum is not None and number > maximum:
        raise _error("too_big", messages, limit=maximum)
    return number


def validate_percentage(value) -> None:
    """A percentage or a rate is between 0 and 100."""
    if value is not None and not (0 <= value <= PERCENT_MAX):
        raise ValidationError(
            _("A percentage is between 0 and 100."), code="percentage"
        )


class NumberField(forms.CharField):
    """A number typed in a text input with a numeric keyboard.

    Not <input type=number>: browsers refuse Khmer digits and grouping
    separators in number inputs, and people type both. A stored number is shown
    grouped in the page's digits, and the parser takes it back as shown.
    """

    decimals = 0
    suffixes: tuple[str, ...] = ()
    default_maximum = None
    # A field may say "too large" in its own words (an amount names its zeros).
    messages: dict = {}

    def __init__(
        self,
        *,
        minimum=0,
        maximum=None,
        group: bool = True,
        blank_value=None,
        **kwargs,
    ):
        self.minimum = minimum
        self.maximum = self.default_maximum if maximum is None else maximum
        self.group = group
        self.blank_value = blank_value
        kwargs.setdefault("required", False)
        attrs = {
            "inputmode": "decimal" if self.decimals else "numeric",
            "autocomplete": "off",
        }
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            value = str(value)
        return parse_number(
            value or "",
            decimals=self.decimals,
            minimum=self.minimum,
            maximum=self.maximum,
            suffixes=self.suffixes,
            messages=self.messages,
        )

    def clean(self, value):
        value = super().clean(value)
        return self.blank_value if value is None else value

    def prepare_value(self, value):
        if not self.group or isinstance(value, bool):
            return value
        if isinstance(value, int):
            return format_number(value)
        if isinstance(value, Decimal):
            whole = value == value.to_integral_value()
            return format_number(value, decimals=0 if whole else self.decimals)
        return value


class WholeNumberField(NumberField):
    """A whole, non-negative number."""


class CountField(WholeNumberField):
    """A count of people, votes or rooms: whole, non-negative, bounded."""


class AmountField(WholeNumberField):
    """Whole riel, non-negative and bounded; «៛» or «riel» after it is allowed."""

    suffixes = RIEL_SUFFIXES
    default_maximum = MAX_RIEL
    messages = {
        "too_big": _(
            "This amount is too large: check the number of zeros "
            "(at most 10,000,000,000,000 riel)."
        )
    }


class DecimalNumberField(NumberField):
    """A result or a target that may have decimals (two are kept)."""

    decimals = 2
    default_maximum = 999_999_999


class FigureField(DecimalNumberField):
    """A result, a target or a rate; «%» after it allowed."""

    suffixes = PERCENT_SUFFIXES


class PercentageField(FigureField):
    """A percentage or a rate: 0 to 100."""

    default_maximum = PERCENT_MAX
