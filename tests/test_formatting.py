import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from isaf.formatting import format_date, format_number, format_percent, format_riel


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (1234567, "km", "១.២៣៤.៥៦៧"),
        (1234567, "en", "1,234,567"),
        (0, "km", "០"),
        (999, "km", "៩៩៩"),
        (Decimal("250000000"), "km", "២៥០.០០០.០០០"),
    ],
)
def test_it_groups_numbers_in_the_page_language_digits(value, lang, expected):
    assert format_number(value, lang=lang) == expected


def test_it_keeps_decimals_only_when_asked():
    assert format_number(Decimal("12.345"), lang="en", decimals=1) == "12.3"
    assert format_number(Decimal("12.345"), lang="km", decimals=2) == "១២,៣៥"


def test_riel_amounts_are_whole_with_the_riel_sign_on_khmer_pages():
    assert format_riel(350_000_000, lang="km") == "៣៥០.០០០.០០០៛"
    assert format_riel(Decimal("1500.4"), lang="km") == "១.៥០០៛"


def test_riel_amounts_on_english_pages_use_latin_digits_and_no_decimals():
    assert format_riel(350_000_000, lang="en") == "350,000,000 riel"
    assert "." not in format_riel(Decimal("1500.00"), lang="en")


def test_percent_and_dates_follow_the_language():
    assert format_percent(Decimal("0.456"), lang="km") == "៤៦%"
    assert format_percent(Decimal("0.456"), lang="en", decimals=1) == "45.6%"
    day = datetime.date(2026, 3, 5)
    assert format_date(day, lang="km") == "៥ មីនា ២០២៦"
    assert format_date(day, lang="en") == "5 March 2026"


def test_empty_values_format_as_empty_text():
    assert format_number(None) == ""
    assert format_riel(None) == ""
    assert format_date(None) == ""


def test_template_filters_use_the_active_language():
    template = Template("{{ amount|riel }} / {{ count|number }}")
    context = Context({"amount": 1234567, "count": 12000})
    with translation.override("km"):
        assert template.render(context) == "១.២៣៤.៥៦៧៛ / ១២.០០០"
    with translation.override("en"):
        assert template.render(context) == "1,234,567 riel / 12,000"


def test_a_moment_shows_as_its_date_in_phnom_penh():
    # 20:00 UTC on 4 March is 03:00 on 5 March in Phnom Penh (UTC+7).
    moment = datetime.datetime(2026, 3, 4, 20, 0, tzinfo=datetime.UTC)
    assert format_date(moment, lang="en") == "5 March 2026"
