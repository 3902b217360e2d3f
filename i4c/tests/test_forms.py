from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from i4c.forms import AmountField, FigureField


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("1250000", 1_250_000),
        ("1,250,000", 1_250_000),
        ("1.250.000", 1_250_000),
        ("១.២៥០.០០០", 1_250_000),
        ("១២៥០០០០", 1_250_000),
        ("1 250 000", 1_250_000),
        ("1250000៛", 1_250_000),
        ("1,250,000 riel", 1_250_000),
        ("0", 0),
        ("", None),
        ("10000000000000", 10**13),
    ],
)
def test_an_amount_is_read_from_what_people_type(typed, expected):
    assert AmountField().clean(typed) == expected


@pytest.mark.parametrize(
    "typed, code",
    [
        ("-1", "negative"),
        ("−250", "negative"),
        ("10000000000001", "too_big"),
        ("12.5", "not_whole"),
        ("១២,៥", "not_whole"),
        ("twelve", "invalid"),
        ("12,34,567", "invalid"),
        ("1e6", "exponent"),
    ],
)
def test_a_bad_amount_is_refused_with_a_reason(typed, code):
    with pytest.raises(ValidationError) as refused:
        AmountField().clean(typed)
    assert refused.value.code == code


def test_an_amount_is_shown_grouped_in_the_page_language():
    with translation.override("km"):
        assert AmountField().prepare_value(102_000_000) == "១០២.០០០.០០០"
    with translation.override("en"):
        assert AmountField().prepare_value(102_000_000) == "102,000,000"
    # What is shown can be saved back unchanged.
    with translation.override("km"):
        assert AmountField().clean("១០២.០០០.០០០") == 102_000_000


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("72.5", Decimal("72.50")),
        ("៧២,៥", Decimal("72.50")),
        ("85%", Decimal("85.00")),
        ("0.72", Decimal("0.72")),
        ("1,234.5", Decimal("1234.50")),
    ],
)
def test_a_figure_accepts_decimals_in_either_notation(typed, expected):
    assert FigureField().clean(typed) == expected


def test_a_figure_cannot_be_negative():
    with pytest.raises(ValidationError):
        FigureField().clean("-3")


@pytest.mark.parametrize(
    "form_class, data, name_field",
    [
        (
            "ProjectRowForm",
            {"sector": "roads", "cost": "5", "funding": "own_source"},
            "name",
        ),
        ("FeeRowForm", {"fee": "0"}, "service"),
        ("HoursRowForm", {"hours": "7-17"}, "service"),
    ],
)
def test_a_name_too_long_is_reported_once_and_not_as_missing(
    form_class, data, name_field
):
    from i4c import forms

    form = getattr(forms, form_class)(
        data={**data, "status": "planned", name_field: "x" * 100_000}
    )
    assert not form.is_valid()
    assert [e.code for e in form.errors.as_data()[name_field]] == ["max_length"]
