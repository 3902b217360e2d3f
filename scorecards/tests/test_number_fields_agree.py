"""Every number field of every form, and the scorecard spreadsheet import, read the
same typed inputs alike: the same value, or a refusal, for the same input.

The inputs and what they mean are the table of isaf/tests/test_numbers.py.
"""

import inspect
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django import forms
from django.core.exceptions import ValidationError

import i4c.forms
import scorecards.forms
from communes.models import CAF, Commune, ServiceProvider, Village
from i4c.models import NationalStandard
from isaf.tests.test_numbers import ERROR_CODES, NUMBER_INPUTS
from scorecards.models import LibraryIndicator, ScorecardIndicator

from .test_spreadsheets import do_import, filled
from .test_spreadsheets import scorecard as scorecard  # noqa: F401 (fixture)

INDICATOR = SimpleNamespace(pk=1, name="x", **{f"votes_{i}": 0 for i in range(1, 6)})
# What each form needs to be built; a new form that needs more must be added here.
FORM_KWARGS = {
    "PackageCreateForm": lambda: {"providers": ServiceProvider.objects.none()},
    "DisseminationForm": lambda: {
        "villages": Village.objects.none(),
        "cafs": CAF.objects.none(),
    },
    "ProjectRowForm": lambda: {"villages": Village.objects.none()},
    "ScorecardStartForm": lambda: {"providers": ServiceProvider.objects.none()},
    "IndicatorsForm": lambda: {
        "library": LibraryIndicator.objects.none(),
        "scorecard_indicators": [],
    },
    "VotesForm": lambda: {"indicators": [INDICATOR]},
    "MeetingStartForm": lambda: {"communes": Commune.objects.none()},
    "ActionForm": lambda: {
        "providers": ServiceProvider.objects.none(),
        "indicators": ScorecardIndicator.objects.none(),
    },
    "ActionEditForm": lambda: {
        "providers": ServiceProvider.objects.none(),
        "indicators": ScorecardIndicator.objects.none(),
    },
}


def _is_number_field(field) -> bool:
    if isinstance(field.widget, forms.HiddenInput):
        return False
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return True
    return field.widget.attrs.get("inputmode") in ("numeric", "decimal")


def number_fields():
    """(form name, field name, field) for every visible number field."""
    found = []
    for module in (i4c.forms, scorecards.forms):
        for name, form_class in inspect.getmembers(module, inspect.isclass):
            if not issubclass(form_class, forms.BaseForm):
                continue
            if form_class.__module__ != module.__name__:
                continue
            form = form_class(**FORM_KWARGS.get(name, dict)())
            for field_name, field in form.fields.items():
                if _is_number_field(field):
                    found.append((f"{module.__name__}.{name}", field_name, field))
    # A rate's row swaps in percentage fields.
    rate = NationalStandard.objects.filter(unit="percent").first()
    form = i4c.forms.PerformanceRowForm(initial={"standard": rate})
    for field_name in ("value", "target"):
        found.append(
            ("i4c.forms.PerformanceRowForm[rate]", field_name, form.fields[field_name])
        )
    return found


def _bounds(field):
    low = getattr(field, "minimum", getattr(field, "min_value", None))
    high = getattr(field, "maximum", getattr(field, "max_value", None))
    return low, high


def expected(field, whole, decimal):
    """What this field should make of an input, by the table."""
    is_decimal = field.widget.attrs.get("inputmode") == "decimal"
    value = decimal if is_decimal else whole
    if value is None:
        if field.required:
            return "error"
        return getattr(field, "blank_value", None)
    if value in ERROR_CODES:
        return "error"
    low, high = _bounds(field)
    if (low is not None and value < low) or (high is not None and value > high):
        return "error"
    return value


def outcome(field, typed):
    try:
        return field.clean(typed)
    except ValidationError:
        return "error"


@pytest.mark.django_db
def test_the_forms_have_the_number_fields_this_test_walks():
    names = {(form, field) for form, field, _f in number_fields()}
    assert ("scorecards.forms.VotesForm", "votes_1_1") in names
    assert ("scorecards.forms.ScorecardStartForm", "attendance_female") in names
    assert ("i4c.forms.BudgetRowForm", "planned") in names
    assert ("i4c.forms.PerformanceRowForm", "value") in names
    assert ("i4c.forms.DisseminationForm", "attendance_female") in names
    assert ("i4c.forms.PerformanceRowForm[rate]", "value") in names


@pytest.mark.django_db
def test_every_number_field_of_every_form_reads_the_same_inputs_alike():
    disagreements = []
    for form, name, field in number_fields():
        for typed, whole, decimal in NUMBER_INPUTS:
            want, got = expected(field, whole, decimal), outcome(field, typed)
            if isinstance(want, Decimal) and isinstance(got, Decimal):
                same = want == got
            else:
                same = want == got and type(want) is type(got)
            if not same:
                disagreements.append(f"{form}.{name}: {typed[:12]!r} -> {got!r}")
    assert disagreements == []


def _sheet_outcome(world, scorecard, cell):
    first = scorecard.indicators.filter(is_selected=True).first()
    upload = filled(scorecard, [[first.pk, first.name, cell, 0, 0, 0, 0]])
    try:
        do_import(world, scorecard, upload)
    except ValidationError:
        return "error"
    first.refresh_from_db()
    return first.votes_1


def test_the_spreadsheet_import_reads_the_same_inputs_as_the_forms(world, scorecard):
    from scorecards.models.scorecards import MAX_COUNT

    scorecard.attendance_female = MAX_COUNT
    scorecard.save()
    disagreements = []
    for typed, whole, _decimal in NUMBER_INPUTS:
        if len(typed) > 1000:
            continue  # a spreadsheet cell holds at most 32,767 characters
        want = 0 if whole is None else whole
        if want in ERROR_CODES or (isinstance(want, int) and want > MAX_COUNT):
            want = "error"
        scorecard.refresh_from_db()
        got = _sheet_outcome(world, scorecard, typed)
        if got != want:
            disagreements.append(f"{typed!r} -> {got!r}, expected {want!r}")
    assert disagreements == []


@pytest.mark.parametrize(
    ("cell", "want"), [(12, 12), (12.0, 12), (1.5, "error"), (-3, "error")]
)
def test_the_spreadsheet_import_reads_numeric_cells_by_the_same_rule(
    world, scorecard, cell, want
):
    scorecard.attendance_female = 100
    scorecard.save()
    scorecard.refresh_from_db()
    assert _sheet_outcome(world, scorecard, cell) == want
