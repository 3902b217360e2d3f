"""Template helpers for scorecard pages: faces, scores and plain digits."""

from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy, pgettext_lazy

from isaf.formatting import format_number

register = template.Library()

# Drawn inline so that every phone shows the same faces, emoji font or not.
FACE_COLOURS = {1: "#c0392b", 2: "#e67e22", 3: "#e8c21c", 4: "#7dbb42", 5: "#2e8b57"}
FACE_MOUTHS = {
    1: "M7 17.5 Q12 11.5 17 17.5",
    2: "M8 16.5 Q12 13.5 16 16.5",
    3: "M8 15.5 L16 15.5",
    4: "M8 14 Q12 17.5 16 14",
    5: "M7 13 Q12 20 17 13",
}


@register.simple_tag
def face(level):
    """A face for a scale point (1 to 5). It is decoration: the scale's word is
    always written beside it, so screen readers skip the drawing."""
    if level not in FACE_COLOURS:
        return ""
    return format_html(
        '<svg class="face" viewBox="0 0 24 24" width="28" height="28" '
        'aria-hidden="true" focusable="false">'
        '<circle cx="12" cy="12" r="11" fill="{}" stroke="#1b1f23" '
        'stroke-width="1"/>'
        '<circle cx="8.5" cy="9.5" r="1.4" fill="#1b1f23"/>'
        '<circle cx="15.5" cy="9.5" r="1.4" fill="#1b1f23"/>'
        '<path d="{}" fill="none" stroke="#1b1f23" stroke-width="1.6" '
        'stroke-linecap="round"/></svg>',
        FACE_COLOURS[level],
        FACE_MOUTHS[level],
    )


@register.filter
def score(value):
    """A median: whole numbers without decimals, half points with one."""
    if value is None:
        return ""
    value = Decimal(value)
    return format_number(value, decimals=0 if value == value.to_integral() else 1)


# The entry steps by their URL names, as the step list and each step's title call them.
STEP_LABELS = {
    "edit": gettext_lazy("Setup and participants"),
    "indicators": pgettext_lazy("scorecard", "Indicators"),
    "votes": gettext_lazy("Votes"),
    "remarks": gettext_lazy("Remarks"),
    "import": gettext_lazy("Import a spreadsheet"),
    "voice": gettext_lazy("Voice clips"),
}


@register.simple_tag
def step_label(step):
    """The title of a scorecard entry step (see scorecards/step_base.html)."""
    return STEP_LABELS[step]
