"""The workbook pages' forms: they validate and convert, nothing else."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communes.models import District, ServiceProvider
from isaf.formatting import format_digits
from isaf.spreadsheets import spreadsheet_check

from ..models import Package
from .reader import WORKBOOK_BOUNDS
from .selection import NO_PACKAGE


def _years():
    this_year = timezone.localdate().year
    return [(y, format_digits(y)) for y in range(this_year + 1, this_year - 5, -1)]


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int, choices=_years)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Filled workbook (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        # Bounded before anything parses it: size, zip, sheet dimensions.
        spreadsheet_check(file, WORKBOOK_BOUNDS)
        return file


class ConfirmForm(forms.Form):
    submit = forms.BooleanField(
        label=_("Also submit the changed packages for review"), required=False
    )


class ExportForm(YearForm):
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=None, required=False
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=None, required=False
    )
    kind = forms.ChoiceField(
        label=_("Provider kind"),
        choices=[("", _("All")), *ServiceProvider.Kind.choices],
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("", _("All")),
            (NO_PACKAGE, _("no package yet")),
            *Package.Status.choices,
        ],
        required=False,
    )

    def __init__(self, *args, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces.order_by("code")
        self.fields["district"].queryset = District.objects.filter(
            province__in=provinces
        ).order_by("code")

    def clean(self):
        data = super().clean()
        province, district = data.get("province"), data.get("district")
        if province and district and district.province_id != province.pk:
            raise ValidationError(
                {"district": _("This district is not in that province.")}
            )
        return data
