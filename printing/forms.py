from django import forms
from django.utils.translation import gettext_lazy as _

from isaf.formatting import format_number
from isaf.khmer import to_ascii_digits

from . import registry
from .models import PrintBatch

LANGUAGE_CHOICES = [("km", _("Khmer")), ("en", _("English"))]


class PrintRequestForm(forms.Form):
    document = forms.CharField(max_length=60)
    target = forms.CharField(max_length=40)
    lang = forms.ChoiceField(choices=LANGUAGE_CHOICES, initial="km")


def _batch_documents():
    return [(d.key, d.label) for d in registry.documents_for_batches()]


class PrintBatchForm(forms.Form):
    document = forms.ChoiceField(label=_("Document"), choices=_batch_documents)
    scope = forms.ChoiceField(
        label=_("Where"), choices=PrintBatch.Scope.choices, initial="district"
    )
    # No max_length: Django's message for it gives its numbers in Latin digits;
    # clean() says how many digits the chosen scope's code has, in the page's.
    code = forms.CharField(
        label=_("Code"),
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "maxlength": 8,
                "aria-describedby": "id_code-help",
            }
        ),
        help_text=_(
            "The official code: 2 digits for a province, 4 for a district, "
            "6 for a commune."
        ),
    )
    lang = forms.ChoiceField(
        label=_("Language"), choices=LANGUAGE_CHOICES, initial="km"
    )

    def clean_code(self) -> str:
        code = to_ascii_digits(self.cleaned_data["code"].strip())
        if not code.isdigit():
            raise forms.ValidationError(_("A code is made of digits only."))
        return code

    def clean(self):
        cleaned = super().clean()
        lengths = {"province": 2, "district": 4, "commune": 6}
        scope, code = cleaned.get("scope"), cleaned.get("code")
        if scope and code and len(code) != lengths[scope]:
            self.add_error(
                "code",
                _("A %(scope)s code has %(digits)s digits.")
                % {
                    "scope": PrintBatch.Scope(scope).label,
                    "digits": format_number(lengths[scope]),
                },
            )
        return cleaned
