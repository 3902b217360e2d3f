"""One rule for the length of text people type: enforced, and shown beforehand.

Django does not enforce ``max_length`` on a model's TextField, so a remark or a
reason could grow to any size and bloat public pages. ``text_field`` declares a
model field whose length ``full_clean()`` enforces (services call it), and
``BoundedTextField`` is the form field that carries the same limit to the
browser (``maxlength``) and says it next to the field, in the page's language
and digits, before anyone saves.

``validate_typed_text`` is the one rule for which characters a typed text may
hold: every ``BoundedTextField`` and every text box of the admin
(``TypedTextAdminMixin`` in ``isaf.admin``) applies it, so that a name or a
remark is stored as it reads.
"""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    ProhibitNullCharactersValidator,
)
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


# Bidi controls make a text display differently from what it says (an RTL
# override turns «exe.txt» into «txt.exe»): neither Khmer nor English needs them.
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# Khmer legitimately uses the zero-width space (U+200B) between words and the
# zero-width non-joiner and joiner (U+200C, U+200D): they are not refused.
_INVISIBLE = frozenset("\u2060\u2061\u2062\u2063\u2064\ufeff")
_LINE_BREAKS = frozenset("\t\n\r")

TEXT_MESSAGES = {
    "bidi": _(
        "This text holds an invisible mark that changes its direction, so it "
        "would display differently from what it says: retype it."
    ),
    "control": _("This text holds an invisible control character: retype it."),
    "unreadable": _(
        "Part of this text arrived broken and could not be read: retype it."
    ),
}


def typed_text_problem(value: str) -> str | None:
    """Why a typed text cannot be stored as it is (a TEXT_MESSAGES key), or None."""
    for ch in value:
        if ch in _BIDI_CONTROLS:
            return "bidi"
        category = unicodedata.category(ch)
        if category == "Cs" or ch == "\ufffd" or (ord(ch) & 0xFFFE) == 0xFFFE:
            # A lone surrogate (from JSON "\ud800"), a character the server
            # could not decode, or a noncharacter: the text arrived broken.
            return "unreadable"
        if (category == "Cc" and ch not in _LINE_BREAKS) or ch in _INVISIBLE:
            return "control"
    return None


def text_for_search(value: str) -> str:
    """What was typed into a search (the finder, the Telegram bot), without the
    characters ``typed_text_problem`` refuses in a saved text: a search for them
    means nothing, and PostgreSQL refuses a NUL or a lone surrogate."""
    return "".join(ch for ch in value if typed_text_problem(ch) is None)


@deconstructible
class TypedTextValidator:
    """Refuses what ``typed_text_problem`` finds, with a translated message."""

    def __call__(self, value):
        problem = typed_text_problem(str(value or ""))
        if problem:
            raise ValidationError(TEXT_MESSAGES[problem], code=problem)

    def __eq__(self, other):
        return isinstance(other, TypedTextValidator)


validate_typed_text = TypedTextValidator()


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
        # The typed-text rule says what a NUL is, with the other controls.
        self.validators = [
            TextLengthValidator(max_length) if isinstance(v, MaxLengthValidator) else v
            for v in self.validators
            if not isinstance(v, ProhibitNullCharactersValidator)
        ]
        self.validators.append(validate_typed_text)

    def to_python(self, value):
        # Browsers count a line break as one character against maxlength but
        # send it as two (CR LF): count it as the person saw it.
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value
