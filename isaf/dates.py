"""Dates of things that happened.

A meeting, a scorecard or a follow-up is recorded after it took place, so its
date cannot be later than today in Phnom Penh. Planned dates (a JAAP action's
start and due dates) are free and do not use this rule.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def validate_not_in_future(value: datetime.date | None) -> None:
    if value is not None and value > timezone.localdate():
        raise ValidationError(
            _("This date is in the future: record it once it has happened."),
            code="future_date",
        )
