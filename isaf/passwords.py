"""Password rules whose messages give their numbers in the page's digits.

Django's own minimum-length validator formats its number with `%d`, which
always writes Latin digits; this one says the same through isaf.formatting.
"""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext

from .formatting import format_number


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "This password is too short. It must contain at least "
            "%(min_length)s character.",
            "This password is too short. It must contain at least "
            "%(min_length)s characters.",
            self.min_length,
        ) % {"min_length": format_number(self.min_length)}

    def get_help_text(self):
        return ngettext(
            "Your password must contain at least %(min_length)s character.",
            "Your password must contain at least %(min_length)s characters.",
            self.min_length,
        ) % {"min_length": format_number(self.min_length)}
