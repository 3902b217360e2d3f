"""Readable labels for the codes that snapshots store, in the page's language."""

from decimal import Decimal

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from isaf.formatting import format_digits, format_number

from .models import BudgetLine, NationalStandard, Project, StaffCount
from .sections import budget_row_label

SECTION_LABELS = {
    "budget": _("Budget"),
    "projects": _("Development projects"),
    "fees": _("Service fees"),
    "hours": _("Services and opening hours"),
    "staff": _("Staff"),
    "enrolment": _("Enrolment"),
    "performance": _("Performance"),
    "facts": _("Classrooms and fees rule"),
}
SIDE_LABELS = {
    "revenue": _("Revenue"),
    "expenditure": _("Expenditure"),
}
FIELD_LABELS = {
    "planned": _("planned"),
    "actual": _("actual"),
    "sector": _("sector"),
    "village_code": _("village"),
    "cost": _("cost"),
    "funding": _("funding source"),
    "status": _("status"),
    "fee": _("official fee"),
    "processing_time": _("processing time"),
    "exemptions": _("exemptions"),
    "hours": _("opening hours"),
    "is_24_hour": _("24-hour duty"),
    "female": pgettext_lazy("people", "women"),
    "male": pgettext_lazy("people", "men"),
    "value": _("result"),
    "target": _("target"),
}


def _choice_label(choices):
    """The label of a stored code of `choices`, or the code itself when it is
    not (or no longer) one of them."""

    def label(code: str):
        try:
            return choices(code).label
        except ValueError:
            return code

    return label


category_label = _choice_label(BudgetLine.Category)
staff_label = _choice_label(StaffCount.Category)
sector_label = _choice_label(Project.Sector)
project_status_label = _choice_label(Project.Status)
funding_label = _choice_label(Project.Funding)
unit_label = _choice_label(NationalStandard.Unit)
comparison_label = _choice_label(NationalStandard.Comparison)


def figure_text(value, unit: str = "") -> str:
    """A performance figure or a standard's value: up to two decimals, and «%»
    for a percentage."""
    if value is None or value == "":
        return "—"
    number = Decimal(str(value)).normalize()
    decimals = min(max(-number.as_tuple().exponent, 0), 2)
    text = format_number(number, decimals=decimals)
    return f"{text}%" if unit == NationalStandard.Unit.PERCENT else text


def standard_text(*, comparison: str, value, unit: str) -> str:
    """A national standard in words, with its unit: «at least 75%», «at least
    0.6 per person per year», «at most 5%»."""
    text = f"{comparison_label(comparison)} {figure_text(value, unit)}"
    if unit == NationalStandard.Unit.PER_PERSON:
        text = f"{text} {unit_label(unit)}"
    return text


def _grade(item):
    return _("Grade %(grade)s") % {"grade": format_digits(item)}


_grade_label = lazy(_grade, str)


def item_label(section: str, item: str, *, standards: dict | None = None):
    if section == "budget":
        side, _sep, category = item.partition(":")
        return budget_row_label(side, category)
    if section == "staff":
        return staff_label(item)
    if section == "enrolment":
        # Lazy, like the other labels, so that a cached board shows it in the
        # language of each page that reads it.
        return _grade_label(item)
    if section == "performance" and standards and item in standards:
        return standards[item]
    if section == "facts":
        return {
            "classrooms": _("Classrooms"),
            "no_informal_fees": _("The no-informal-fees rule is posted and applied"),
        }.get(item, item)
    return item
