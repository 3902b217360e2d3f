"""The content of a package: its lines, one model per concept.

Every figure is typed once; totals (total revenue, pupils, staff) are computed from
these rows when read, never stored from input.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from communes.models import village_field
from isaf.fields import count_field
from isaf.numbers import MAX_RIEL, validate_percentage

from .packages import package_field
from .standards import NationalStandard

MAX_COUNT = 1_000_000


def riel_field(verbose_name, **kwargs):
    """An amount in whole riel, bounded like every amount typed or imported."""
    return models.PositiveBigIntegerField(
        verbose_name, validators=[MaxValueValidator(MAX_RIEL)], **kwargs
    )


class CountsBySex(models.Model):
    """A count of people as women and men, and their total (never stored)."""

    female = count_field(_("women"), maximum=MAX_COUNT)
    male = count_field(_("men"), maximum=MAX_COUNT)

    class Meta:
        abstract = True

    @property
    def total(self) -> int:
        return self.female + self.male


class BudgetLine(models.Model):
    """A planned and an actual amount in whole riel for one source or category."""

    class Side(models.TextChoices):
        REVENUE = "revenue", _("revenue")
        EXPENDITURE = "expenditure", _("expenditure")

    class Category(models.TextChoices):
        # Revenue sources of a commune/sangkat.
        CSF_ADMIN = "csf_admin", _("Commune/Sangkat Fund: administration part")
        CSF_DEVELOPMENT = "csf_development", _("Commune/Sangkat Fund: development part")
        OWN_SOURCE = "own_source", _("Own-source revenue: local taxes and fees")
        OTHER_TRANSFERS = "other_transfers", _("Other transfers and contributions")
        # Spending categories of a commune/sangkat.
        PERSONNEL = "personnel", _("Allowances of councillors and staff")
        ADMINISTRATION = "administration", _("Office running costs")
        DEVELOPMENT = "development", _("Development projects")
        SOCIAL = "social", _("Social services")
        OTHER = "other", _("Other spending")
        # A primary school's operating budget, received and used.
        SCHOOL_OPERATING = "school_operating", _("School operating budget")

    package = package_field("budget_lines")
    side = models.CharField(_("side"), max_length=12, choices=Side.choices)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    planned = riel_field(_("planned (riel)"), null=True, blank=True)
    actual = riel_field(_("actual (riel)"), null=True, blank=True)

    class Meta:
        ordering = ["package", "side", "id"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.UniqueConstraint(
                fields=["package", "side", "category"], name="i4c_budget_line_unique"
            )
        ]

    def __str__(self):
        return f"{self.get_side_display()}: {self.get_category_display()}"


class Project(models.Model):
    class Sector(models.TextChoices):
        ROADS = "roads", _("roads and bridges")
        WATER = "water", _("water and sanitation")
        IRRIGATION = "irrigation", _("irrigation and agriculture")
        EDUCATION = "education", _("education")
        HEALTH = "health", _("health")
        SOCIAL = "social", _("social services")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ONGOING = "ongoing", _("ongoing")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    class Funding(models.TextChoices):
        CSF_DEVELOPMENT = "csf_development", _("Commune/Sangkat Fund: development part")
        OWN_SOURCE = "own_source", _("Own-source revenue: local taxes and fees")
        OTHER_TRANSFERS = "other_transfers", _("Other transfers and contributions")

    package = package_field("projects")
    name = models.CharField(_("project"), max_length=200)
    sector = models.CharField(_("sector"), max_length=12, choices=Sector.choices)
    village = village_field(optional=True)
    cost = riel_field(_("cost (riel)"))
    funding = models.CharField(
        _("funding source"), max_length=20, choices=Funding.choices
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)

    class Meta:
        ordering = ["package", "id"]
        verbose_name = _("development project")
        verbose_name_plural = _("development projects")

    def __str__(self):
        return self.name


class ServiceFee(models.Model):
    """An official fee: what a citizen pays for a service, and how long it takes."""

    package = package_field("fees")
    service = models.CharField(_("service"), max_length=200)
    fee = riel_field(_("official fee (riel)"))
    processing_time = models.CharField(_("processing time"), max_length=100, blank=True)
    exemptions = models.CharField(_("exemptions"), max_length=200, blank=True)

    class Meta:
        ordering = ["package", "id"]
        verbose_name = _("service fee")
        verbose_name_plural = _("service fees")

    def __str__(self):
        return self.service


class OpeningHours(models.Model):
    """When an office or a service is open; a health centre may keep 24-hour duty."""

    package = package_field("hours")
    service = models.CharField(_("office or service"), max_length=200)
    hours = models.CharField(_("opening hours"), max_length=100, blank=True)
    is_24_hour = models.BooleanField(_("24-hour duty"), default=False)

    class Meta:
        ordering = ["package", "id"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def __str__(self):
        return self.service


class StaffCount(CountsBySex):
    class Category(models.TextChoices):
        COUNCILLOR = "councillor", _("councillors")
        COMMUNE_STAFF = "commune_staff", _("commune staff")
        DOCTOR = "doctor", _("doctors and medical assistants")
        NURSE = "nurse", _("nurses")
        MIDWIFE = "midwife", _("midwives")
        TEACHER = "teacher", _("teachers")
        OTHER = "other", _("other staff")

    package = package_field("staff")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)

    class Meta:
        ordering = ["package", "id"]
        verbose_name = _("staff")
        verbose_name_plural = _("staff")
        constraints = [
            models.UniqueConstraint(
                fields=["package", "category"], name="i4c_staff_category_unique"
            )
        ]

    def __str__(self):
        return self.get_category_display()


class Enrolment(CountsBySex):
    """Pupils of one grade: the counts by sex are girls and boys."""

    package = package_field("enrolment")
    grade = models.PositiveSmallIntegerField(
        _("grade"), validators=[MaxValueValidator(6)]
    )
    female = count_field(_("girls"), maximum=MAX_COUNT)
    male = count_field(_("boys"), maximum=MAX_COUNT)

    class Meta:
        ordering = ["package", "grade"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolment")
        constraints = [
            models.UniqueConstraint(
                fields=["package", "grade"], name="i4c_enrolment_grade_unique"
            )
        ]

    def __str__(self):
        return f"{self.grade}"


class PerformanceFigure(models.Model):
    """A yearly result set against its target and the national standard."""

    package = package_field("performance")
    standard = models.ForeignKey(
        NationalStandard,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("indicator"),
    )
    value = models.DecimalField(
        _("result"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("target"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["package", "standard__order"]
        verbose_name = _("performance figure")
        verbose_name_plural = _("performance figures")
        constraints = [
            models.UniqueConstraint(
                fields=["package", "standard"], name="i4c_performance_unique"
            )
        ]

    def __str__(self):
        return str(self.standard)

    def clean(self):
        super().clean()
        # A rate (promotion, dropout, births attended) is a share of people: a
        # figure above 100 % is a typing mistake.
        if self.standard_id and self.standard.unit == NationalStandard.Unit.PERCENT:
            errors = {}
            for name in ("value", "target"):
                try:
                    validate_percentage(getattr(self, name))
                except ValidationError as error:
                    errors[name] = error.messages
            if errors:
                raise ValidationError(errors)
