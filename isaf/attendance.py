"""Who came to a meeting: one declaration, one limit and one rule for every
meeting the programme records (dissemination meetings, scorecard meetings,
interface meetings).

Women and men make the total. Youth, persons with disabilities, ethnic
minorities and ID-Poor card holders are among them, so none of these counts
can exceed the total.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .numbers import CountField

# No village meeting gathers more people than this: a larger figure is a typing
# mistake (a zero too many).
MAX_ATTENDANCE = 10_000

TOTAL_FIELDS = ("attendance_female", "attendance_male")
SUBGROUP_FIELDS = (
    "attendance_youth",
    "attendance_disability",
    "attendance_minority",
    "attendance_id_poor",
)
ATTENDANCE_FIELDS = TOTAL_FIELDS + SUBGROUP_FIELDS


def _count(label):
    return models.PositiveIntegerField(
        label, default=0, validators=[MaxValueValidator(MAX_ATTENDANCE)]
    )


class Attendance(models.Model):
    attendance_female = _count(_("women"))
    attendance_male = _count(_("men"))
    attendance_youth = _count(_("youth"))
    attendance_disability = _count(_("persons with disabilities"))
    attendance_minority = _count(_("ethnic minorities"))
    attendance_id_poor = _count(_("ID-Poor card holders"))

    class Meta:
        abstract = True

    @property
    def attendance_total(self) -> int:
        return (self.attendance_female or 0) + (self.attendance_male or 0)

    def clean(self):
        super().clean()
        errors = attendance_errors(
            {name: getattr(self, name) for name in ATTENDANCE_FIELDS}
        )
        if errors:
            raise ValidationError(errors)


def attendance_errors(counts: dict) -> dict:
    """The subgroup counts that exceed women + men, with the reason; forms
    call it too, so that the error shows beside the field before saving."""
    female, male = counts.get("attendance_female"), counts.get("attendance_male")
    if female is None or male is None:
        return {}
    errors = {}
    for name in SUBGROUP_FIELDS:
        value = counts.get(name)
        if value is not None and value > female + male:
            errors[name] = _("This cannot be more than the total attendance.")
    return errors


def attendance_form_fields(
    *, required_total: bool, blank_value=None, widget=None
) -> dict:
    """The six count fields for a form, named as the model's, with one limit."""
    labels = {
        "attendance_female": _("Women"),
        "attendance_male": _("Men"),
        "attendance_youth": _("Youth (15-30)"),
        "attendance_disability": _("Persons with disabilities"),
        "attendance_minority": _("Ethnic minorities"),
        "attendance_id_poor": _("ID-Poor card holders"),
    }
    return {
        name: CountField(
            label=label,
            maximum=MAX_ATTENDANCE,
            required=required_total and name in TOTAL_FIELDS,
            blank_value=blank_value,
            **({"widget": widget} if widget else {}),
        )
        for name, label in labels.items()
    }


class AttendanceFormMixin:
    """A form's six attendance counts, named as the model's, with the model's
    limit, and the subgroup rule shown beside the field before saving."""

    attendance_required_total = False
    attendance_blank_value = None
    attendance_widget = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(
            attendance_form_fields(
                required_total=self.attendance_required_total,
                blank_value=self.attendance_blank_value,
                widget=self.attendance_widget,
            )
        )

    def clean(self):
        data = super().clean()
        for name, message in attendance_errors(data).items():
            if name not in self.errors:
                self.add_error(name, message)
        return data
