from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from communes.models import ServiceProvider


class LibraryIndicator(models.Model):
    """A typical indicator that the secretariat offers for one kind of provider.

    Groups propose their own issues; facilitators pick the matching library
    indicator when there is one, so that results compare across communes.
    `name` is translated (name_km, name_en) by modeltranslation.
    """

    provider_kind = models.CharField(
        _("kind of provider"), max_length=20, choices=ServiceProvider.Kind.choices
    )
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(pgettext_lazy("scorecard", "indicator"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["provider_kind", "position", "id"]
        verbose_name = _("library indicator")
        verbose_name_plural = _("indicator library")

    def __str__(self):
        return self.name
