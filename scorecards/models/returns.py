"""What a reviewer saw when returning a scorecard (`isaf.records`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from isaf.records import ReturnedContent

from .scorecards import Scorecard


class ScorecardReturn(ReturnedContent):
    """A submitted scorecard's content when a reviewer returned it."""

    subject_field = "scorecard"

    scorecard = models.ForeignKey(
        Scorecard,
        on_delete=models.CASCADE,
        related_name="returns",
        verbose_name=_("scorecard"),
    )

    class Meta:
        ordering = ["scorecard", "-returned_at"]
        verbose_name = _("returned scorecard")
        verbose_name_plural = _("returned scorecards")
