"""Model fields and abstract model shapes that several apps declare alike.

Floor 0: imports Django and `isaf` only, no app. A concrete model keeps its own
`Meta` (ordering, names, constraints); these only give one home to a field's
options or to a group of fields that mean the same thing wherever they appear.
"""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .records import person_field


def count_field(verbose_name, *, maximum: int):
    """A count of people or votes: whole, from zero, at most `maximum` (a larger
    figure is a typing mistake)."""
    return models.PositiveIntegerField(
        verbose_name, default=0, validators=[MaxValueValidator(maximum)]
    )


class EditVersioned(models.Model):
    """A record edited through forms that may be open in two tabs at once.

    Every save through a service adds one to `version`; a form carries the
    number it read, and a save from an older number is refused (optimistic
    concurrency).
    """

    version = models.PositiveIntegerField(_("edit version"), default=1)

    class Meta:
        abstract = True


class CreatedRecord(models.Model):
    """Who created a record and when, and when it last changed."""

    created_by = person_field(_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True
