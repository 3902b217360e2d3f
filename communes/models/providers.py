from django.db import models
from django.utils.translation import gettext_lazy as _

from .places import Commune


class ServiceProvider(models.Model):
    """A public service that publishes I4C data and is scored by citizens.

    A commune administration and a primary school belong to one commune; a health
    centre sits in one commune and serves several (`communes_served`).
    """

    class Kind(models.TextChoices):
        COMMUNE = "commune", _("commune administration")
        HEALTH_CENTRE = "health_centre", _("health centre")
        PRIMARY_SCHOOL = "primary_school", _("primary school")

    code = models.CharField(_("code"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        related_name="providers",
        verbose_name=_("commune"),
    )
    communes_served = models.ManyToManyField(
        Commune,
        blank=True,
        related_name="providers_serving",
        verbose_name=_("communes served"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("service provider")
        verbose_name_plural = _("service providers")

    def __str__(self):
        return self.name

    def commune_codes(self) -> set[str]:
        """The communes whose boards show this provider."""
        codes = {self.commune_id}
        codes.update(self.communes_served.values_list("code", flat=True))
        return codes
