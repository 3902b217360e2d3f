from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .places import Commune, District, Province, village_field


class Organisation(models.Model):
    class Kind(models.TextChoices):
        SECRETARIAT = "secretariat", _("NCDD Secretariat")
        NGO = "ngo", _("implementing NGO")
        LOCAL_PARTNER = "local_partner", _("local partner")

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.acronym or self.name


class Cycle(models.Model):
    """An annual I-SAF cycle."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        ordering = ["-year"]
        verbose_name = _("cycle")
        verbose_name_plural = _("cycles")

    def __str__(self):
        return str(self.year)


def cycle_field(related_name):
    """The cycle a record belongs to (a cycle with records cannot be deleted)."""
    return models.ForeignKey(
        Cycle,
        on_delete=models.PROTECT,
        related_name=related_name,
        verbose_name=_("cycle"),
    )


class Coverage(models.Model):
    """An organisation facilitates I-SAF in a district during a cycle."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="coverage",
        verbose_name=_("organisation"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="coverage",
        verbose_name=_("district"),
    )
    cycle = cycle_field("coverage")

    class Meta:
        verbose_name = _("coverage")
        verbose_name_plural = _("coverage")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "district", "cycle"],
                name="coverage_unique_per_cycle",
            )
        ]

    def __str__(self):
        return f"{self.organisation} · {self.district.name_latin} · {self.cycle}"


class CAF(models.Model):
    """A Community Accountability Facilitator on an organisation's roster."""

    class Sex(models.TextChoices):
        FEMALE = "f", _("female")
        MALE = "m", _("male")

    name = models.CharField(_("name"), max_length=200)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    year_of_birth = models.PositiveSmallIntegerField(_("year of birth"))
    village = village_field("cafs")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="cafs",
        verbose_name=_("organisation"),
    )
    module_intro = models.BooleanField(
        _("module 1: introduction to I-SAF"), default=False
    )
    module_i4c = models.BooleanField(_("module 2: facilitating I4C"), default=False)
    module_csc = models.BooleanField(
        _("module 3: facilitating CSC and self-assessment"), default=False
    )
    module_jaap = models.BooleanField(
        _("module 4: facilitating the interface meeting and JAAP"), default=False
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("CAF")
        verbose_name_plural = _("CAFs")

    def __str__(self):
        return self.name


def _optional(model, *, verbose_name):
    """A role's place of work: which one it names depends on the role's kind."""
    return models.ForeignKey(
        model,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=verbose_name,
    )


class Role(models.Model):
    """What a signed-in user may act on.

    A councillor acts for one commune; a facilitator for the districts that their
    organisation covers in a cycle; a reviewer for one province, or the whole country
    when no province is set; the secretariat for the whole country.
    """

    class Kind(models.TextChoices):
        COUNCILLOR = "councillor", _("commune councillor")
        FACILITATOR = "facilitator", _("facilitator")
        REVIEWER = "reviewer", _("reviewer")
        SECRETARIAT = "secretariat", _("secretariat")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="isaf_roles",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("role"), max_length=20, choices=Kind.choices)
    commune = _optional(Commune, verbose_name=_("commune"))
    organisation = _optional(Organisation, verbose_name=_("organisation"))
    province = _optional(Province, verbose_name=_("province"))

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="councillor")
                | models.Q(commune__isnull=False),
                name="role_councillor_has_commune",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="facilitator")
                | models.Q(organisation__isnull=False),
                name="role_facilitator_has_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_kind_display()}"
