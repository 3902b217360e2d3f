"""The one number parser: what people type, and what each kind of field makes of it.

NUMBER_INPUTS is shared with tests/test_number_fields_agree.py, which feeds the
same inputs to every number field of every form and to the spreadsheet import.
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from isaf.numbers import AmountField, CountField, PercentageField, parse_number

NOT_WHOLE, NEGATIVE, INVALID, TOO_BIG = "not_whole", "negative", "invalid", "too_big"
EXPONENT = "exponent"
EMPTY = None

# (typed, as a whole number, as a decimal number with two decimals)
NUMBER_INPUTS = [
    ("0", 0, Decimal("0")),
    ("7", 7, Decimal("7")),
    ("007", 7, Decimal("7")),
    ("12", 12, Decimal("12")),
    (" 12 ", 12, Decimal("12")),
    ("\u00a012\u00a0", 12, Decimal("12")),
    ("១២", 12, Decimal("12")),
    ("１２", 12, Decimal("12")),
    ("1500", 1500, Decimal("1500")),
    ("1,500", 1500, Decimal("1500")),
    ("1.500", 1500, Decimal("1500")),
    ("1 500", 1500, Decimal("1500")),
    ("1\u00a0500", 1500, Decimal("1500")),
    ("1\u202f500", 1500, Decimal("1500")),
    ("1'500", 1500, Decimal("1500")),
    ("១.៥០០", 1500, Decimal("1500")),
    ("១,៥០០", 1500, Decimal("1500")),
    ("1,234,567", 1234567, Decimal("1234567")),
    ("១.២៣៤.៥៦៧", 1234567, Decimal("1234567")),
    ("1.5", NOT_WHOLE, Decimal("1.5")),
    ("1,5", NOT_WHOLE, Decimal("1.5")),
    ("១.៥", NOT_WHOLE, Decimal("1.5")),
    ("១,៥", NOT_WHOLE, Decimal("1.5")),
    ("12.50", NOT_WHOLE, Decimal("12.5")),
    ("12,5", NOT_WHOLE, Decimal("12.5")),
    ("0.5", NOT_WHOLE, Decimal("0.5")),
    ("1,234.5", NOT_WHOLE, Decimal("1234.5")),
    ("១.២៣៤,៥", NOT_WHOLE, Decimal("1234.5")),
    ("0.125", NOT_WHOLE, "decimals"),
    ("1,50", NOT_WHOLE, Decimal("1.5")),
    ("1.5.5", INVALID, INVALID),
    ("1,2345", NOT_WHOLE, "decimals"),
    ("12,34,567", INVALID, INVALID),
    ("1,500.000.0", INVALID, INVALID),
    ("1  500", INVALID, INVALID),
    ("-3", NEGATIVE, NEGATIVE),
    ("\u22123", NEGATIVE, NEGATIVE),
    ("-", INVALID, INVALID),
    ("+3", INVALID, INVALID),
    ("1e5", EXPONENT, EXPONENT),
    ("1e-5", EXPONENT, EXPONENT),
    ("1.5E3", EXPONENT, EXPONENT),
    ("១e៥", EXPONENT, EXPONENT),
    ("-0", INVALID, INVALID),
    ("Infinity", INVALID, INVALID),
    ("NaN", INVALID, INVALID),
    ("inf", INVALID, INVALID),
    ("∞", INVALID, INVALID),
    ("²", INVALID, INVALID),
    ("1²", INVALID, INVALID),
    ("①", INVALID, INVALID),
    ("٣", INVALID, INVALID),
    ("twelve", INVALID, INVALID),
    ("0x10", INVALID, INVALID),
    ("1" * 4301, TOO_BIG, TOO_BIG),
    ("", EMPTY, EMPTY),
    ("   ", EMPTY, EMPTY),
]
ERROR_CODES = {NOT_WHOLE, NEGATIVE, INVALID, TOO_BIG, EXPONENT, "decimals"}


def outcome(parse, typed):
    """The value parsed, or the error's code."""
    try:
        return parse(typed)
    except ValidationError as error:
        return error.code


@pytest.mark.parametrize(("typed", "whole", "decimal"), NUMBER_INPUTS)
def test_it_reads_a_whole_number_as_people_type_it(typed, whole, decimal):
    assert outcome(lambda t: parse_number(t, maximum=10**15), typed) == whole


@pytest.mark.parametrize(("typed", "whole", "decimal"), NUMBER_INPUTS)
def test_it_reads_a_decimal_number_as_people_type_it(typed, whole, decimal):
    parsed = outcome(lambda t: parse_number(t, decimals=2, maximum=10**15), typed)
    assert parsed == decimal
    if isinstance(parsed, Decimal):
        assert parsed.as_tuple().exponent == -2


def test_it_never_turns_a_decimal_into_a_whole_number():
    with pytest.raises(ValidationError) as error:
        CountField().clean("1.5")
    assert error.value.code == "not_whole"


def test_it_refuses_a_4301_digit_number_without_raising_anything_else():
    with pytest.raises(ValidationError) as error:
        CountField(maximum=10_000).clean("9" * 4301)
    assert error.value.code == "too_big"


def test_it_refuses_a_number_above_the_fields_bound_naming_the_bound():
    with translation.override("en"), pytest.raises(ValidationError) as error:
        CountField(maximum=10_000).clean("10001")
    assert "10,000" in error.value.messages[0]


def test_the_bound_is_named_in_khmer_digits_on_khmer_pages():
    with translation.override("km"), pytest.raises(ValidationError) as error:
        CountField(maximum=10_000).clean("10001")
    assert "១០.០០០" in error.value.messages[0]


def test_the_whole_number_message_is_translated_into_khmer():
    with translation.override("km"), pytest.raises(ValidationError) as error:
        CountField().clean("1.5")
    assert "whole" not in error.value.messages[0]


def test_an_amount_takes_the_riel_sign_and_refuses_more_than_ten_trillion():
    assert AmountField().clean("១.២៥០.០០០៛") == 1_250_000
    assert AmountField().clean("1,250,000 riel") == 1_250_000
    with pytest.raises(ValidationError):
        AmountField().clean("10,000,000,000,001")


def test_a_percentage_is_between_0_and_100():
    assert PercentageField().clean("72,5%") == Decimal("72.50")
    assert PercentageField().clean("100") == Decimal("100.00")
    with pytest.raises(ValidationError):
        PercentageField().clean("150")


def test_a_percentage_typed_as_1_500_is_refused_rather_than_read_as_1_5():
    with pytest.raises(ValidationError) as error:
        PercentageField().clean("1.500")
    assert error.value.code == "too_big"


def test_a_count_left_empty_can_mean_zero():
    assert CountField(blank_value=0).clean("") == 0
    assert CountField().clean("") is None


def test_a_required_count_left_empty_is_refused():
    with pytest.raises(ValidationError) as error:
        CountField(required=True).clean("")
    assert error.value.code == "required"


def test_a_stored_number_is_shown_grouped_in_the_pages_digits():
    with translation.override("km"):
        assert CountField().prepare_value(1234567) == "១.២៣៤.៥៦៧"
        assert CountField().clean("១.២៣៤.៥៦៧") == 1234567


def test_every_number_in_a_khmer_message_is_in_khmer_digits():
    with translation.override("km"), pytest.raises(ValidationError) as error:
        PercentageField().clean("12,345")
    message = error.value.messages[0]
    assert "១០០" in message
    assert not any(ch.isascii() and ch.isdigit() for ch in message)
