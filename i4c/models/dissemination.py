from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from isaf.dates import validate_not_in_future

from .packages import Package

MAX_ATTENDANCE = 100_000


class DisseminationEvent(models.Model):
    """A meeting at which a CAF presented a published package to villagers."""

    package = models.ForeignKey(
        Package,
        on_delete=models.PROTECT,
        related_name="dissemination_events",
        verbose_name=_("I4C package"),
    )
    village = models.ForeignKey(
        "communes.Village",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("village"),
    )
    held_on = models.DateField(_("date"), validators=[validate_not_in_future])
    caf = models.ForeignKey(
        "communes.CAF",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("CAF"),
    )
    female = models.PositiveIntegerField(
        _("women"), validators=[MaxValueValidator(MAX_ATTENDANCE)]
    )
    male = models.PositiveIntegerField(
        _("men"), validators=[MaxValueValidator(MAX_ATTENDANCE)]
    )
    youth = models.PositiveIntegerField(
        _("youth"), default=0, validators=[MaxValueValidator(MAX_ATTENDANCE)]
    )
    disability = models.PositiveIntegerField(
        _("persons with disabilities"),
        default=0,
        validators=[MaxValueValidator(MAX_ATTENDANCE)],
    )
    ethnic_minority = models.PositiveIntegerField(
        _("ethnic minorities"),
        default=0,
        validators=[MaxValueValidator(MAX_ATTENDANCE)],
    )
    id_poor = models.PositiveIntegerField(
        _("ID-Poor card holders"),
        default=0,
        validators=[MaxValueValidator(MAX_ATTENDANCE)],
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("dissemination meeting")
        verbose_name_plural = _("dissemination meetings")

    def __str__(self):
        return f"{self.village} · {self.held_on}"

    @property
    def total(self) -> int:
        return self.female + self.male

    def clean(self):
        from django.core.exceptions import ValidationError

        # Youth, disability, minority and ID-Poor counts are among the attendees,
        # so none of them can exceed the number of people who came.
        errors = {}
        for field in ("youth", "disability", "ethnic_minority", "id_poor"):
            value = getattr(self, field)
            if value is not None and self.female is not None and self.male is not None:
                if value > self.female + self.male:
                    errors[field] = _("This cannot be more than the total attendance.")
        if errors:
            raise ValidationError(errors)
