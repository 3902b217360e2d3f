"""The dashboard's filters: validated and converted here, checked for scope in
`dashboard.selectors.filters_resolve`. Numbers and digits are read by
`isaf.numbers`, as in every other form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from isaf.numbers import WholeNumberField, normalise_number_text


class CodeField(forms.CharField):
    """An official code: Khmer and full-width digits are accepted and turned into
    ASCII; the leading zero of a code («02») is kept."""

    def __init__(self, *, length: int, **kwargs):
        self.length = length
        super().__init__(required=False, max_length=length, **kwargs)

    def clean(self, value):
        value = normalise_number_text(value or "")
        value = super().clean(value)
        if value and (
            len(value) != self.length or not (value.isascii() and value.isdigit())
        ):
            raise forms.ValidationError(_("Enter a valid code."))
        return value or None


class DashboardFilterForm(forms.Form):
    year = WholeNumberField(label=_("Year"), minimum=2000, maximum=2100, group=False)
    province = CodeField(label=_("Province"), length=2)
    district = CodeField(label=_("District"), length=4)
    organisation = WholeNumberField(label=_("Partner organisation"), minimum=1)
    format = forms.ChoiceField(
        choices=[("", ""), ("csv", "CSV"), ("xlsx", "XLSX")], required=False
    )
    table = forms.SlugField(required=False, max_length=40)
