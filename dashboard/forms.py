"""The dashboard's filters: validated and converted here, checked for scope in
`dashboard.selectors.filters_resolve`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from isaf.khmer import to_ascii_digits


class CodeField(forms.CharField):
    """An official code; Khmer digits are accepted and turned into ASCII."""

    def __init__(self, *, length: int, **kwargs):
        self.length = length
        super().__init__(required=False, max_length=length, **kwargs)

    def clean(self, value):
        value = to_ascii_digits((value or "").strip())
        value = super().clean(value)
        if value and (len(value) != self.length or not value.isdigit()):
            raise forms.ValidationError(_("Enter a valid code."))
        return value or None


class DashboardFilterForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=2000, max_value=2100
    )
    province = CodeField(label=_("Province"), length=2)
    district = CodeField(label=_("District"), length=4)
    organisation = forms.IntegerField(
        label=_("Partner organisation"), required=False, min_value=1
    )
    format = forms.ChoiceField(
        choices=[("", ""), ("csv", "CSV"), ("xlsx", "XLSX")], required=False
    )
    table = forms.SlugField(required=False, max_length=40)
