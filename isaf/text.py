"""One rule for the length of text people type: enforced, and shown beforehand.

Django does not enforce ``max_length`` on a model's TextField, so a remark or a
reason could grow to any size and bloat public pages. ``text_field`` declares a
model field whose length ``full_clean()`` enforces (services call it), and
``BoundedTextField`` is the form field that carries the same limit to the
browser (``maxlength``) and says it next to the field, in the page's language
and digits, before anyone saves.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .formatting import format_number

# A remark, an action, a note or a reason: a paragraph, never a document.
TEXT_MAX = 2_000


@deconstructible
class TextLengthValidator(MaxLengthValidator):
    """Like Django's, but the numbers in its message follow the page's digits."""

    message = _("At most %(limit)s characters: this text has %(count)s.")

    def __call__(self, value):
        count = len(value or "")
        if count > self.limit_value:
            raise ValidationError(
                self.message,
                code="max_length",
                params={
                    "limit": format_number(self.limit_value),
                    "count": format_number(count),
                    "limit_value": self.limit_value,
                    "show_value": count,
                },
            )


def text_field(verbose_name, *, max_length: int = TEXT_MAX, **kwargs):
    """A model TextField whose length is enforced by full_clean()."""
    return models.TextField(
        verbose_name,
        max_length=max_length,
        validators=[TextLengthValidator(max_length)],
        **kwargs,
    )


def _length_hint(limit: int, before) -> str:
    hint = gettext("At most %(limit)s characters.") % {"limit": format_number(limit)}
    return f"{before} {hint}" if before else hint


length_hint = lazy(_length_hint, str)


class BoundedTextField(forms.CharField):
    """A text box with a length limit the browser applies and the page shows."""

    def __init__(self, *, max_length: int = TEXT_MAX, rows: int | None = 3, **kwargs):
        kwargs.setdefault("required", False)
        if rows and "widget" not in kwargs:
            kwargs["widget"] = forms.Textarea(attrs={"rows": rows})
        kwargs["help_text"] = length_hint(max_length, kwargs.get("help_text", ""))
        super().__init__(max_length=max_length, **kwargs)
        self.validators = [
            TextLengthValidator(max_length) if isinstance(v, MaxLengthValidator) else v
            for v in self.validators
        ]

    def to_python(self, value):
        # Browsers count a line break as one character against maxlength but
        # send it as two (CR LF): count it as the person saw it.
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value
