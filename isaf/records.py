"""Abstract shapes of review records that several apps keep: what a reviewer saw
when returning a submission, and an immutable published version.

An app's concrete model adds the foreign key to what it records (a package, a
scorecard) and its own `Meta` (ordering, names, constraints). Floor 0: imports
Django only, no app.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .text import text_field


def person_field(verbose_name, *, on_delete=models.SET_NULL, blank: bool = True):
    """A reference to the person who did something (created, submitted, returned,
    published): optional, and not followed back from the user."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=on_delete,
        null=True,
        blank=blank,
        related_name="+",
        verbose_name=verbose_name,
    )


class ReturnedContent(models.Model):
    """The content of a submission at the moment a reviewer returned it.

    When the author submits again, the reviewer sees what changed since the
    return (compared with this snapshot), not the whole list again. Rows are only
    ever added, like published versions. `subject_field` names the concrete
    model's foreign key to what was returned.
    """

    subject_field = ""

    returned_at = models.DateTimeField(_("returned at"))
    returned_by = person_field(_("returned by"))
    comment = text_field(_("reviewer's comment"), blank=True)
    snapshot = models.JSONField(_("content when returned"))

    class Meta:
        abstract = True

    def __str__(self):
        return f"{getattr(self, self.subject_field)} · {self.returned_at:%Y-%m-%d}"


class PublishedContent(models.Model):
    """An immutable, complete copy of something as it was published.

    Public pages read only these rows, so published figures never change
    silently: a correction adds a row with the next number and a reason, and the
    earlier rows stay readable. Services only ever create them. The concrete model
    adds the foreign key to what was published and `published_by`.
    """

    number = models.PositiveIntegerField(_("version number"))
    published_at = models.DateTimeField(_("published at"))
    reason = text_field(_("reason for the correction"), blank=True)

    class Meta:
        abstract = True

    @property
    def is_correction(self) -> bool:
        return self.number > 1
