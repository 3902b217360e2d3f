from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .places import Commune


def _commune_pk(commune) -> str:
    return commune.pk if isinstance(commune, Commune) else commune


class ServiceProviderQuerySet(models.QuerySet):
    """The one home of the rule "a provider serves a commune".

    A provider serves the commune it is located in and each commune it is marked
    as serving (`communes_served`: a health centre serves several). Every list of
    a commune's providers, every check that a village or a meeting belongs to a
    provider, and every figure that counts a commune's providers goes through
    `serving` (providers of one commune) or `communes` (the other way round).
    Both use subqueries rather than joins, so no row comes back twice and the
    result composes with any filter, ordering or `values()`.
    """

    def serving(self, commune) -> "ServiceProviderQuerySet":
        """Providers located in `commune` (a Commune or its code) or serving it."""
        pk = _commune_pk(commune)
        served = ServiceProvider.communes_served.through.objects.filter(
            commune_id=pk
        ).values("serviceprovider_id")
        return self.filter(Q(commune_id=pk) | Q(pk__in=served))

    def communes(self) -> models.QuerySet:
        """The communes these providers are located in or serve."""
        served = ServiceProvider.communes_served.through.objects.filter(
            serviceprovider_id__in=self.values("pk")
        ).values("commune_id")
        return Commune.objects.filter(
            Q(pk__in=self.values("commune_id")) | Q(pk__in=served)
        )


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

    objects = ServiceProviderQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("service provider")
        verbose_name_plural = _("service providers")

    def __str__(self):
        return self.name

    def commune_codes(self) -> set[str]:
        """The communes whose boards show this provider: those it serves."""
        communes = ServiceProvider.objects.filter(pk=self.pk).communes()
        return set(communes.values_list("code", flat=True))

    def serves(self, commune) -> bool:
        """Whether this provider serves `commune` (a Commune or its code)."""
        return ServiceProvider.objects.serving(commune).filter(pk=self.pk).exists()


def provider_field(related_name):
    """The service provider a record is about (a provider with records cannot be
    deleted)."""
    return models.ForeignKey(
        ServiceProvider,
        on_delete=models.PROTECT,
        related_name=related_name,
        verbose_name=_("service provider"),
    )
