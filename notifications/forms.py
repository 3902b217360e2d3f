from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Preference


class PreferenceForm(forms.Form):
    """The user's own settings: language, e-mail address, channels."""

    language = forms.ChoiceField(
        label=_("Language of messages"), choices=Preference.Language.choices
    )
    email = forms.EmailField(label=_("E-mail address"), required=False, max_length=254)
    by_email = forms.BooleanField(label=_("Send me e-mail"), required=False)
    by_telegram = forms.BooleanField(
        label=_("Send me Telegram messages"), required=False
    )
