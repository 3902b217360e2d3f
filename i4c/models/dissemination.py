from django.db import models
from django.utils.translation import gettext_lazy as _

from communes.models import village_field
from isaf.attendance import Attendance
from isaf.dates import validate_not_in_future
from isaf.records import person_field

from .packages import package_field


class DisseminationEvent(Attendance):
    """A meeting at which a CAF presented a published package to villagers."""

    package = package_field("dissemination_events", on_delete=models.PROTECT)
    village = village_field()
    held_on = models.DateField(_("date"), validators=[validate_not_in_future])
    caf = models.ForeignKey(
        "communes.CAF",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("CAF"),
    )
    recorded_by = person_field(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("dissemination meeting")
        verbose_name_plural = _("dissemination meetings")

    def __str__(self):
        return f"{self.village} · {self.held_on}"
