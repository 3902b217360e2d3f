"""What a reviewer saw when returning a scorecard (`isaf.records`)."""

from django.utils.translation import gettext_lazy as _

from isaf.records import ReturnedContent

from .scorecards import scorecard_field


class ScorecardReturn(ReturnedContent):
    """A submitted scorecard's content when a reviewer returned it."""

    subject_field = "scorecard"

    scorecard = scorecard_field("returns")

    class Meta:
        ordering = ["scorecard", "-returned_at"]
        verbose_name = _("returned scorecard")
        verbose_name_plural = _("returned scorecards")
