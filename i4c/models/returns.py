"""What a reviewer saw when returning a submission (`isaf.records`)."""

from django.utils.translation import gettext_lazy as _

from isaf.records import ReturnedContent

from .packages import package_field


class ReturnedSubmission(ReturnedContent):
    """A package's content when a reviewer returned it."""

    subject_field = "package"

    package = package_field("returns")

    class Meta:
        ordering = ["package", "-returned_at"]
        verbose_name = _("returned submission")
        verbose_name_plural = _("returned submissions")
