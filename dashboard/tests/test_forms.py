"""The dashboard's filter form reads numbers as every other form does
(`isaf.numbers`, the one parser) and codes in any digits people type."""

import pytest
from django.core.exceptions import ValidationError

from dashboard.forms import DashboardFilterForm
from isaf.numbers import parse_number

# Inputs on which Python's int() (what a Django IntegerField calls) and the
# portal's one parser disagree, and inputs on which they agree.
NUMBER_INPUTS = [
    "2025",
    "២០២៥",
    "２０２５",
    " 2025 ",
    "2_025",
    "2025.0",
    "2025.5",
    "٢٠٢٥",
    "२०२५",
    "1e3",
    "-2025",
    "2025²",
    "",
]


def _parsed(text: str):
    try:
        return parse_number(text)
    except ValidationError:
        return "refused"


@pytest.mark.parametrize("text", NUMBER_INPUTS)
@pytest.mark.parametrize("field", ["year", "organisation"])
def test_the_filter_form_reads_a_number_as_the_one_parser_does(field, text):
    form = DashboardFilterForm({field: text})
    expected = _parsed(text)
    if field == "year" and expected not in ("refused", None):
        # A year outside 2000-2100 is refused whatever its digits.
        expected = expected if 2000 <= expected <= 2100 else "refused"

    read = form.cleaned_data[field] if form.is_valid() else "refused"

    assert read == expected


@pytest.mark.parametrize("text", ["2_025", "2025.0", "٢٠٢٥"])
def test_the_filter_form_refuses_a_year_that_int_alone_would_accept(text):
    form = DashboardFilterForm({"year": text})

    assert not form.is_valid()
    assert "year" in form.errors


@pytest.mark.parametrize("text", ["១២", "１２", " 12 "])
def test_the_filter_form_reads_a_province_code_in_khmer_or_full_width_digits(text):
    form = DashboardFilterForm({"province": text})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["province"] == "12"


@pytest.mark.parametrize("text", ["1²", "١٢", "1a"])
def test_the_filter_form_refuses_a_code_with_other_characters(text):
    form = DashboardFilterForm({"province": text})

    assert not form.is_valid()
    assert "province" in form.errors


def test_the_filter_form_keeps_a_codes_leading_zero():
    form = DashboardFilterForm({"province": "០២", "district": "0208"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["province"] == "02"
    assert form.cleaned_data["district"] == "0208"
