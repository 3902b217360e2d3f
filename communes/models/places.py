"""The gazetteer: provinces, districts, communes and villages, keyed by NCDD code.

Rows come from a loader (`manage.py load_gazetteer`), never from typing. Names are
kept exactly as the source gives them; `search_key` holds the normalised form that
the finder compares against (isaf.khmer.normalise_for_search).
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..naming import place_kind_label, place_name, place_name_km, place_name_latin


class AdministrativeUnit(models.Model):
    code = models.CharField(_("code"), max_length=8, primary_key=True)
    name_km = models.CharField(_("Khmer name"), max_length=200)
    name_latin = models.CharField(_("Latin name"), max_length=200)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    source = models.CharField(_("source"), max_length=40)
    source_version = models.CharField(_("source version"), max_length=40)
    search_key = models.CharField(_("search key"), max_length=400, db_index=True)

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self):
        # In lists and drop-downs: the official name in the page's language, and
        # the name in the other script beside it, without a second kind word
        # (no English "commune" on a Khmer page).
        if (get_language() or "km").startswith("en") and self.name_latin.strip():
            return f"{self.official_name_latin} ({self.name_km})"
        if not self.name_latin.strip():
            return self.official_name_km
        return f"{self.official_name_km} ({self.name_latin.strip()})"

    # Names as officials write them (communes/naming.py has the rule).
    @property
    def official_name(self) -> str:
        """In the page's language: ឃុំក្រង់តេះ or "Krang Teh commune"."""
        return place_name(self)

    @property
    def official_name_km(self) -> str:
        return place_name_km(kind=self.kind, name_km=self.name_km)

    @property
    def official_name_latin(self) -> str:
        return place_name_latin(kind=self.kind, name_latin=self.name_latin)

    @property
    def kind_label(self) -> str:
        return place_kind_label(self.kind)


def _within(unit, *, related_name, verbose_name):
    """The larger unit that this one lies in (it cannot be deleted under it)."""
    return models.ForeignKey(
        unit,
        on_delete=models.PROTECT,
        related_name=related_name,
        verbose_name=verbose_name,
    )


class Province(AdministrativeUnit):
    class Kind(models.TextChoices):
        PROVINCE = "province", _("province (khaet)")
        CAPITAL = "capital", _("capital (reach theani)")

    iso3166_2 = models.CharField(_("ISO 3166-2 code"), max_length=8, blank=True)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, blank=True)

    class Meta(AdministrativeUnit.Meta):
        verbose_name = _("province")
        verbose_name_plural = _("provinces")


class District(AdministrativeUnit):
    class Kind(models.TextChoices):
        SROK = "srok", _("district (srok)")
        KRONG = "krong", _("municipality (krong)")
        KHAN = "khan", _("section (khan)")

    province = _within(Province, related_name="districts", verbose_name=_("province"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, blank=True)

    class Meta(AdministrativeUnit.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")


class Commune(AdministrativeUnit):
    class Kind(models.TextChoices):
        KHUM = "khum", _("commune (khum)")
        SANGKAT = "sangkat", _("quarter (sangkat)")

    district = _within(District, related_name="communes", verbose_name=_("district"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, blank=True)

    class Meta(AdministrativeUnit.Meta):
        verbose_name = _("commune")
        verbose_name_plural = _("communes")


class Village(AdministrativeUnit):
    commune = _within(Commune, related_name="villages", verbose_name=_("commune"))
    # Every village is a phum: the gazetteer has no other kind at this level.
    kind = "village"

    class Meta(AdministrativeUnit.Meta):
        verbose_name = _("village")
        verbose_name_plural = _("villages")


def village_field(related_name="+", *, optional: bool = False):
    """The village where someone lives or something took place (a village with
    records cannot be deleted)."""
    return models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        null=optional,
        blank=optional,
        related_name=related_name,
        verbose_name=_("village"),
    )
