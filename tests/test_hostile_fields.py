"""Every field of every form of the portal, fed hostile input.

The forms are found, not listed: every ``*forms.py`` module of the apps is
imported and each form class's declared fields are tried, so a form added later
is tried too. Text boxes must keep markup, SQL and Khmer as typed (pages escape
it) and refuse controls, broken characters, bidi controls and 100,000
characters; number fields must read Khmer digits and refuse exponents, NaN, signs
and 4,301 digits. Every refusal is a translated ValidationError, never anything
else (which a page would answer with a 500).
"""

from __future__ import annotations

import importlib
from decimal import Decimal
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

from isaf.numbers import NumberField
from isaf.text import BoundedTextField
from tests import quality
from tests.hostile import (
    KHMER,
    NUMBERS,
    SQL,
    TEXT_REFUSED,
    TOO_LONG,
    XSS,
    outcome_matches,
)

_SKIP = {".venv", "node_modules", "tests", "migrations", "static", "templates"}


def _form_modules() -> list[str]:
    root = Path(settings.BASE_DIR)
    names = []
    for path in sorted(root.glob("*/**/*forms.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if not _SKIP & set(parts):
            names.append(".".join(parts))
    return names


def _form_fields() -> list[tuple[str, forms.Field]]:
    """(form.field, field) for every declared field of every form class."""
    found = []
    for name in _form_modules():
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == name
            ):
                for field_name, field in value.base_fields.items():
                    found.append((f"{name}.{value.__name__}.{field_name}", field))
    return found


FIELDS = _form_fields()
TEXT_FIELDS = [(n, f) for n, f in FIELDS if isinstance(f, BoundedTextField)]
NUMBER_FIELDS = [(n, f) for n, f in FIELDS if isinstance(f, NumberField)]


def _clean(field, value):
    """(value, error codes, Khmer messages, English messages)."""
    try:
        return field.clean(value), [], [], []
    except ValidationError as error:
        codes = [e.code for e in error.error_list]
        with translation.override("km"):
            km = [str(m) for m in error.messages]
        with translation.override("en"):
            en = [str(m) for m in error.messages]
        return None, codes, km, en


def _translated(km: list[str], en: list[str]) -> bool:
    return bool(km) and all(k != e for k, e in zip(km, en, strict=True))


def test_the_forms_are_found_with_their_text_and_number_fields():
    # A text box or a number field in each app that has forms: the search works.
    assert len(TEXT_FIELDS) >= 15
    assert len(NUMBER_FIELDS) >= 10
    modules = {name.rsplit(".", 2)[0] for name, _field in FIELDS}
    assert {"i4c.forms", "scorecards.forms", "dashboard.forms"} <= modules


def test_every_text_box_keeps_markup_sql_and_khmer_and_refuses_the_rest():
    tried, wrong, crashed, untranslated = 0, [], [], []
    for name, field in TEXT_FIELDS:
        for typed in [*XSS, *SQL, *KHMER]:
            tried += 1
            try:
                value, codes, _km, _en = _clean(field, typed)
            except Exception as error:  # noqa: BLE001 - a page would answer 500
                crashed.append((name, typed, error))
                continue
            if codes or value != typed.strip():
                wrong.append((name, typed, codes))
        refused = {**TEXT_REFUSED, TOO_LONG: "max_length"}
        for typed, code in refused.items():
            tried += 1
            try:
                value, codes, km, en = _clean(field, typed)
            except Exception as error:  # noqa: BLE001
                crashed.append((name, typed[:20], error))
                continue
            if code not in codes:
                wrong.append((name, typed[:20], codes or value))
            elif not _translated(km, en):
                untranslated.append((name, typed[:20], km))
    quality.record("hostile.tried", tried)
    quality.record("hostile.accepted_wrongly", len(wrong))
    quality.record("hostile.server_errors", len(crashed))
    assert crashed == []
    assert wrong == []
    assert untranslated == []


def test_every_number_field_reads_khmer_digits_and_refuses_the_rest():
    tried, wrong, crashed, untranslated = 0, [], [], []
    for name, field in NUMBER_FIELDS:
        decimal = field.decimals > 0
        for typed, as_whole, as_decimal in NUMBERS:
            expected = as_decimal if decimal else as_whole
            if not isinstance(expected, str):
                expected = Decimal(str(expected)) if decimal else expected
            tried += 1
            try:
                value, codes, km, en = _clean(field, typed)
            except Exception as error:  # noqa: BLE001
                crashed.append((name, typed[:20], error))
                continue
            if not outcome_matches(expected, value, codes):
                wrong.append((name, typed[:20], codes or value))
            elif codes and not _translated(km, en):
                untranslated.append((name, typed[:20], km))
    quality.record("hostile.tried", tried)
    quality.record("hostile.accepted_wrongly", len(wrong))
    quality.record("hostile.server_errors", len(crashed))
    assert crashed == []
    assert wrong == []
    assert untranslated == []


@pytest.mark.parametrize(
    ("typed", "code"),
    [("1e-5", "exponent"), ("NaN", "invalid"), ("9" * 4301, "too_big")],
)
def test_an_amount_says_in_khmer_why_it_refuses(typed, code):
    from isaf.numbers import AmountField

    _value, codes, km, en = _clean(AmountField(), typed)
    assert codes == [code]
    assert km != en
    # Not «too large» for what is not a number at all.
    if code != "too_big":
        assert "too large" not in en[0]


def test_a_name_with_an_rtl_override_is_refused_in_khmer_beside_nothing_else():
    field = BoundedTextField(max_length=200, rows=None)
    with translation.override("km"), pytest.raises(ValidationError) as error:
        field.clean("invoice\u202etxt.exe")
    assert error.value.messages == [
        "អត្ថបទនេះមានសញ្ញាមើលមិនឃើញដែលប្ដូរទិសដៅអក្សរ "
        "ធ្វើឱ្យវាបង្ហាញខុសពីអ្វីដែលវាសរសេរ៖ សូមវាយអត្ថបទនេះម្ដងទៀត។"
    ]


def test_a_nul_is_refused_once_not_twice():
    _value, codes, _km, _en = _clean(BoundedTextField(), "a\x00b")
    assert codes == ["control"]
