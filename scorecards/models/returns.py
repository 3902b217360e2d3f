"""What a reviewer saw when returning a scorecard."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from isaf.text import text_field

from .scorecards import Scorecard


class ScorecardReturn(models.Model):
    """The content of a submitted scorecard at the moment a reviewer returned it.

    When the facilitator submits again, the reviewer sees what changed since the
    return (compared with this snapshot), not the whole scorecard again. Rows are
    only ever added, like published versions.
    """

    scorecard = models.ForeignKey(
        Scorecard,
        on_delete=models.CASCADE,
        related_name="returns",
        verbose_name=_("scorecard"),
    )
    returned_at = models.DateTimeField(_("returned at"))
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("returned by"),
    )
    comment = text_field(_("reviewer's comment"), blank=True)
    snapshot = models.JSONField(_("content when returned"))

    class Meta:
        ordering = ["scorecard", "-returned_at"]
        verbose_name = _("returned scorecard")
        verbose_name_plural = _("returned scorecards")

    def __str__(self):
        return f"{self.scorecard} · {self.returned_at:%Y-%m-%d}"
