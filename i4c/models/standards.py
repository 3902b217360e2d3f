"""National standards that health-centre and school figures are compared against.

They are data the secretariat manages in the admin (seeded by a data migration), not
constants in code: the ministries revise them, and a published package keeps the
value that applied when it was published.
"""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from communes.models import ServiceProvider


class NationalStandard(models.Model):
    class Unit(models.TextChoices):
        PERCENT = "percent", _("percent")
        PER_PERSON = "per_person", _("per person per year")
        COUNT = "count", _("number")

    class Comparison(models.TextChoices):
        AT_LEAST = "at_least", _("at least")
        AT_MOST = "at_most", _("at most")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    provider_kind = models.CharField(
        _("provider kind"), max_length=20, choices=ServiceProvider.Kind.choices
    )
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=12, choices=Unit.choices)
    comparison = models.CharField(
        _("comparison"), max_length=10, choices=Comparison.choices
    )
    value = models.DecimalField(_("national standard"), max_digits=12, decimal_places=2)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["provider_kind", "order", "code"]
        verbose_name = _("national standard")
        verbose_name_plural = _("national standards")

    def __str__(self):
        return self.name

    def is_met_by(self, figure: Decimal | None) -> bool | None:
        return standard_is_met(
            comparison=self.comparison, standard=self.value, figure=figure
        )


def standard_is_met(*, comparison: str, standard, figure) -> bool | None:
    """Whether a figure meets a standard; None when there is no figure to judge."""
    if figure is None or standard is None:
        return None
    figure, standard = Decimal(str(figure)), Decimal(str(standard))
    if comparison == NationalStandard.Comparison.AT_MOST:
        return figure <= standard
    return figure >= standard
