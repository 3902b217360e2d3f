"""What a reviewer saw when returning a submission (`isaf.records`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from isaf.records import ReturnedContent

from .packages import Package


class ReturnedSubmission(ReturnedContent):
    """A package's content when a reviewer returned it."""

    subject_field = "package"

    package = models.ForeignKey(
        Package,
        on_delete=models.CASCADE,
        related_name="returns",
        verbose_name=_("I4C package"),
    )

    class Meta:
        ordering = ["package", "-returned_at"]
        verbose_name = _("returned submission")
        verbose_name_plural = _("returned submissions")
