"""What a reviewer saw when returning a submission."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .packages import Package


class ReturnedSubmission(models.Model):
    """The content of a submission at the moment a reviewer returned it.

    When the author submits again, the reviewer sees what changed since the
    return (compared with this snapshot), not the whole list again. Rows are only
    ever added, like published versions.
    """

    package = models.ForeignKey(
        Package,
        on_delete=models.CASCADE,
        related_name="returns",
        verbose_name=_("I4C package"),
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
    comment = models.TextField(_("reviewer's comment"), blank=True)
    snapshot = models.JSONField(_("content when returned"))

    class Meta:
        ordering = ["package", "-returned_at"]
        verbose_name = _("returned submission")
        verbose_name_plural = _("returned submissions")

    def __str__(self):
        return f"{self.package} · {self.returned_at:%Y-%m-%d}"
