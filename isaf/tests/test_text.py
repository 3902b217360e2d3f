"""The text-length rule: enforced by the model and the form, shown beforehand."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from isaf.text import BoundedTextField, TextLengthValidator


def test_a_text_over_the_limit_is_refused_with_both_numbers_in_khmer_digits():
    with translation.override("km"), pytest.raises(ValidationError) as error:
        BoundedTextField(max_length=2000).clean("ក" * 2001)
    message = error.value.messages[0]
    assert "២.០០០" in message and "២.០០១" in message


def test_a_line_break_counts_as_one_character_as_the_browser_counts_it():
    assert BoundedTextField(max_length=3).clean("a\r\nb") == "a\nb"


def test_the_model_validator_refuses_what_the_form_would_refuse():
    with pytest.raises(ValidationError):
        TextLengthValidator(10)("x" * 11)
    TextLengthValidator(10)("x" * 10)


def test_the_limit_is_shown_next_to_the_field_after_its_own_help():
    field = BoundedTextField(max_length=300, rows=None, help_text="One per line.")
    with translation.override("en"):
        assert str(field.help_text) == "One per line. At most 300 characters."
    assert field.widget.attrs["maxlength"] == "300"
