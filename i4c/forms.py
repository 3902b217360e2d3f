"""Forms for I4C pages: they validate and convert, nothing else.

Number fields are text inputs with a numeric keyboard rather than <input
type=number>: browsers refuse Khmer digits and grouping separators in number
inputs, and people type both.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from communes.models import CAF, Village
from isaf import concurrency
from isaf.attendance import AttendanceFormMixin
from isaf.dates import validate_not_in_future
from isaf.formatting import format_digits
from isaf.numbers import AmountField, CountField, FigureField, PercentageField
from isaf.text import BoundedTextField

from .models import BudgetLine, NationalStandard, Project
from .models.lines import MAX_COUNT


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
    name = BoundedTextField(label=_("Project"), max_length=200, rows=None)
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
        if cost is not None and not name and "name" not in self.errors:
            self.add_error("name", _("Enter the project's name."))
        return data


class FeeRowForm(forms.Form):
    service = BoundedTextField(label=_("Service"), max_length=200, rows=None)
    fee = AmountField(label=_("Official fee (riel)"))
    processing_time = BoundedTextField(
        label=_("Processing time"), max_length=100, rows=None
    )
    exemptions = BoundedTextField(label=_("Exemptions"), max_length=200, rows=None)

    def clean(self):
        data = super().clean()
        service, fee = data.get("service"), data.get("fee")
        if service and fee is None and "fee" not in self.errors:
            self.add_error(
                "fee", _("Enter the official fee (0 if the service is free).")
            )
        if fee is not None and not service and "service" not in self.errors:
            self.add_error("service", _("Enter the name of the service."))
        return data


class HoursRowForm(forms.Form):
    service = BoundedTextField(label=_("Office or service"), max_length=200, rows=None)
    hours = BoundedTextField(label=_("Opening hours"), max_length=100, rows=None)
    is_24_hour = forms.BooleanField(label=_("24-hour duty"), required=False)

    def clean(self):
        data = super().clean()
        filled = data.get("hours") or data.get("is_24_hour")
        # A name refused for its length was typed: it is not missing.
        if filled and not data.get("service") and "service" not in self.errors:
            self.add_error("service", _("Enter the office or service."))
        return data


class PeopleRowForm(forms.Form):
    """Staff by category or pupils by grade, women and men (girls and boys)."""

    key = forms.CharField(widget=forms.HiddenInput)
    female = CountField(label=_("Women"), maximum=MAX_COUNT)
    male = CountField(label=_("Men"), maximum=MAX_COUNT)


class EnrolmentRowForm(PeopleRowForm):
    female = CountField(label=_("Girls"), maximum=MAX_COUNT)
    male = CountField(label=_("Boys"), maximum=MAX_COUNT)


class PerformanceRowForm(forms.Form):
    code = forms.SlugField(widget=forms.HiddenInput)
    value = FigureField(label=_("Result"))
    target = FigureField(label=_("Target"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A rate is refused above 100 % beside the field, before the service's
        # own check (PerformanceFigure.clean) would refuse the whole section.
        standard = self.initial.get("standard")
        if standard is not None and standard.unit == NationalStandard.Unit.PERCENT:
            for name in ("value", "target"):
                self.fields[name] = PercentageField(label=self.fields[name].label)


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

    def __init__(self, *args, providers, years=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers
        if years:
            # The years that make sense are offered; the field still reads any
            # year typed in Khmer or Latin digits, and the service decides.
            self.fields["year"].widget = forms.Select(
                choices=[(y, format_digits(y)) for y in years]
            )

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year is None or year < 2000:
            raise ValidationError(_("Enter a fiscal year such as 2025."))
        return year


class SubmitForm(VersionForm):
    pass


class ReturnForm(forms.Form):
    comment = BoundedTextField(
        label=_("What should the author correct?"), rows=4, required=True
    )


class PublishForm(forms.Form):
    reason = BoundedTextField(
        label=_("Reason for the correction (shown to citizens)"), rows=3
    )


class DisseminationForm(AttendanceFormMixin, forms.Form):
    attendance_required_total = True
    attendance_blank_value = 0

    village = forms.ModelChoiceField(label=_("Village"), queryset=None)
    held_on = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_not_in_future],
    )
    caf = forms.ModelChoiceField(
        label=_("CAF"), queryset=CAF.objects.none(), required=False
    )

    def __init__(self, *args, villages, cafs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
        self.fields["caf"].queryset = cafs
