"""Forms for I4C pages: they validate and convert, nothing else.

Number fields are text inputs with a numeric keyboard rather than <input
type=number>: browsers refuse Khmer digits and grouping separators in number
inputs, and people type both.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from communes.models import CAF, Village
from isaf import concurrency
from isaf.formatting import format_number
from isaf.khmer import to_ascii_digits

from .models import MAX_RIEL, BudgetLine, Project
from .models.dissemination import MAX_ATTENDANCE
from .models.lines import MAX_COUNT

# Digits in groups of three after a first group of one to three, separated by
# commas, dots, spaces or apostrophes: «1,250,000», «១.២៥០.០០០», «1 250 000».
_GROUPED = re.compile(r"\d{1,3}(?:[,.'\s\u00a0\u202f]\d{3})+")
_PLAIN = re.compile(r"\d+")
_DECIMAL = re.compile(r"\d+[.,]\d+")
_SUFFIXES = ("\u17db", "riel", "រៀល")


def parse_whole_number(text: str, *, maximum: int, too_big_message) -> int | None:
    """A whole, non-negative number from what a person typed, or a ValidationError."""
    text = to_ascii_digits(str(text)).strip()
    for suffix in _SUFFIXES:
        if text.lower().endswith(suffix):
            text = text[: -len(suffix)].strip()
    if not text:
        return None
    if text[0] in "-\u2212":
        raise ValidationError(_("This cannot be negative."), code="negative")
    if _PLAIN.fullmatch(text) or _GROUPED.fullmatch(text):
        value = int(re.sub(r"\D", "", text))
    elif _DECIMAL.fullmatch(text):
        raise ValidationError(
            _("Enter a whole number, without decimals."), code="not_whole"
        )
    else:
        raise ValidationError(
            _("Enter a number using digits only, for example 1,250,000."),
            code="invalid",
        )
    if value > maximum:
        raise ValidationError(too_big_message, code="too_big")
    return value


def _grouped(value):
    """Show a stored whole number grouped, in the page's digits, so that people
    read 102.000.000 rather than 102000000; the parser takes it back as typed."""
    if isinstance(value, int) and not isinstance(value, bool):
        return format_number(value)
    return value


class AmountField(forms.CharField):
    """Whole riel: Khmer or Latin digits, grouping separators and ៛ tolerated."""

    def prepare_value(self, value):
        return _grouped(value)

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        return parse_whole_number(
            value or "",
            maximum=MAX_RIEL,
            too_big_message=_(
                "This amount is too large: check the number of zeros "
                "(at most 10,000,000,000,000 riel)."
            ),
        )


class CountField(forms.CharField):
    """A count of people or rooms: whole, non-negative, Khmer digits accepted."""

    def __init__(self, *, maximum: int = MAX_COUNT, group: bool = True, **kwargs):
        self.maximum = maximum
        self.group = group
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        return parse_whole_number(
            value or "",
            maximum=self.maximum,
            too_big_message=_("This number is too large."),
        )

    def prepare_value(self, value):
        return _grouped(value) if self.group else value


def _decimal_text(text: str) -> str:
    """Read «72,5», «72.5», «1,234.5» and «១.២៣៤,៥» alike: the last separator is
    the decimal one when both kinds appear or when it appears once; a separator
    that repeats only groups thousands."""
    text = re.sub(r"[\s\u00a0\u202f']", "", text)
    last = max(text.rfind(","), text.rfind("."))
    if last < 0:
        return text
    if ("," in text and "." in text) or text.count(text[last]) == 1:
        return re.sub(r"[,.]", "", text[:last]) + "." + text[last + 1 :]
    return re.sub(r"[,.]", "", text)


class FigureField(forms.CharField):
    """A result, target or rate: may have decimals; Khmer digits accepted."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            whole = value == value.to_integral_value()
            return format_number(value, decimals=0 if whole else 2)
        return value

    def to_python(self, value):
        text = to_ascii_digits(str(value or "")).strip().rstrip("%").strip()
        if not text:
            return None
        if text[0] in "-\u2212":
            raise ValidationError(_("This cannot be negative."), code="negative")
        text = _decimal_text(text)
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValidationError(
                _("Enter a number, for example 85 or 0.75."), code="invalid"
            ) from None
        if not number.is_finite() or number >= Decimal("1e9"):
            raise ValidationError(_("This number is too large."), code="too_big")
        return number.quantize(Decimal("0.01"))


class VersionForm(concurrency.VersionForm):
    """The package version the page was read at, and the stamp of what it showed
    (isaf.concurrency), for optimistic concurrency with a merge view."""


class BudgetRowForm(forms.Form):
    side = forms.ChoiceField(choices=BudgetLine.Side.choices, widget=forms.HiddenInput)
    category = forms.ChoiceField(
        choices=BudgetLine.Category.choices, widget=forms.HiddenInput
    )
    planned = AmountField(label=_("Planned (riel)"))
    actual = AmountField(label=_("Actual (riel)"))


class ProjectRowForm(forms.Form):
    name = forms.CharField(label=_("Project"), max_length=200, required=False)
    sector = forms.ChoiceField(label=_("Sector"), choices=Project.Sector.choices)
    village = forms.ModelChoiceField(
        label=_("Village"), queryset=Village.objects.none(), required=False
    )
    cost = AmountField(label=_("Cost (riel)"))
    funding = forms.ChoiceField(
        label=_("Funding source"), choices=Project.Funding.choices
    )
    status = forms.ChoiceField(label=_("Status"), choices=Project.Status.choices)

    def __init__(self, *args, villages=None, **kwargs):
        super().__init__(*args, **kwargs)
        if villages is not None:
            self.fields["village"].queryset = villages

    def clean(self):
        data = super().clean()
        name, cost = data.get("name"), data.get("cost")
        if name and cost is None and "cost" not in self.errors:
            self.add_error("cost", _("Enter the project's cost in riel."))
        if cost is not None and not name:
            self.add_error("name", _("Enter the project's name."))
        return data


class FeeRowForm(forms.Form):
    service = forms.CharField(label=_("Service"), max_length=200, required=False)
    fee = AmountField(label=_("Official fee (riel)"))
    processing_time = forms.CharField(
        label=_("Processing time"), max_length=100, required=False
    )
    exemptions = forms.CharField(label=_("Exemptions"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        service, fee = data.get("service"), data.get("fee")
        if service and fee is None and "fee" not in self.errors:
            self.add_error(
                "fee", _("Enter the official fee (0 if the service is free).")
            )
        if fee is not None and not service:
            self.add_error("service", _("Enter the name of the service."))
        return data


class HoursRowForm(forms.Form):
    service = forms.CharField(
        label=_("Office or service"), max_length=200, required=False
    )
    hours = forms.CharField(label=_("Opening hours"), max_length=100, required=False)
    is_24_hour = forms.BooleanField(label=_("24-hour duty"), required=False)

    def clean(self):
        data = super().clean()
        if (data.get("hours") or data.get("is_24_hour")) and not data.get("service"):
            self.add_error("service", _("Enter the office or service."))
        return data


class PeopleRowForm(forms.Form):
    """Staff by category or pupils by grade, women and men (girls and boys)."""

    key = forms.CharField(widget=forms.HiddenInput)
    female = CountField(label=_("Women"))
    male = CountField(label=_("Men"))


class EnrolmentRowForm(PeopleRowForm):
    female = CountField(label=_("Girls"))
    male = CountField(label=_("Boys"))


class PerformanceRowForm(forms.Form):
    code = forms.SlugField(widget=forms.HiddenInput)
    value = FigureField(label=_("Result"))
    target = FigureField(label=_("Target"))


class FactsForm(forms.Form):
    classrooms = CountField(label=_("Classrooms"), maximum=500)
    no_informal_fees = forms.NullBooleanField(
        label=_("The no-informal-fees rule is posted and applied"),
        required=False,
        widget=forms.NullBooleanSelect,
    )


ROW_FORMS = {
    "budget": BudgetRowForm,
    "projects": ProjectRowForm,
    "fees": FeeRowForm,
    "hours": HoursRowForm,
    "staff": PeopleRowForm,
    "enrolment": EnrolmentRowForm,
    "performance": PerformanceRowForm,
}


class PackageCreateForm(forms.Form):
    provider = forms.ModelChoiceField(label=_("Service provider"), queryset=None)
    year = CountField(label=_("Fiscal year"), maximum=2100, required=True, group=False)
    copy_previous = forms.BooleanField(
        label=_("Start from last year's package"), required=False, initial=True
    )

    def __init__(self, *args, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year is None or year < 2000:
            raise ValidationError(_("Enter a fiscal year such as 2025."))
        return year


class SubmitForm(VersionForm):
    pass


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should the author correct?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


class PublishForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the correction (shown to citizens)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )


class DisseminationForm(forms.Form):
    village = forms.ModelChoiceField(label=_("Village"), queryset=None)
    held_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    caf = forms.ModelChoiceField(
        label=_("CAF"), queryset=CAF.objects.none(), required=False
    )
    female = CountField(label=_("Women"), maximum=MAX_ATTENDANCE, required=True)
    male = CountField(label=_("Men"), maximum=MAX_ATTENDANCE, required=True)
    youth = CountField(label=_("Youth"), maximum=MAX_ATTENDANCE)
    disability = CountField(
        label=_("Persons with disabilities"), maximum=MAX_ATTENDANCE
    )
    ethnic_minority = CountField(label=_("Ethnic minorities"), maximum=MAX_ATTENDANCE)
    id_poor = CountField(label=_("ID-Poor card holders"), maximum=MAX_ATTENDANCE)

    def __init__(self, *args, villages, cafs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
        self.fields["caf"].queryset = cafs

    def clean_held_on(self):
        from django.utils import timezone

        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise ValidationError(_("A meeting cannot be recorded before it is held."))
        return held_on
