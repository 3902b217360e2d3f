"""An I4C package: what one provider publishes for one fiscal year."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from communes.models import provider_field
from isaf.fields import CreatedRecord, EditVersioned
from isaf.records import PublishedContent, person_field
from isaf.text import text_field


class Package(EditVersioned, CreatedRecord):
    """The working copy of a provider's I4C data for one fiscal year (Jan. to Dec.).

    Edit forms carry the `version` they were read at, so that a stale save can be
    refused (`isaf.fields.EditVersioned`). What citizens read is never this row
    but its immutable `PublishedVersion` snapshots.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned for correction")
        PUBLISHED = "published", _("published")

    provider = provider_field("i4c_packages")
    year = models.PositiveSmallIntegerField(
        _("fiscal year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    # For each section that was saved: the package version that save produced, and
    # who saved it when. A section form read at a later version is not stale, so
    # two sections of one package are edited independently.
    section_versions = models.JSONField(
        _("section versions"), default=dict, blank=True, editable=False
    )
    review_comment = text_field(_("reviewer's comment"), blank=True)
    classrooms = models.PositiveSmallIntegerField(
        _("classrooms"), null=True, blank=True, validators=[MaxValueValidator(500)]
    )
    no_informal_fees = models.BooleanField(
        _("the no-informal-fees rule is posted and applied"), null=True, blank=True
    )
    published_version = models.ForeignKey(
        "PublishedVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("latest published version"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = person_field(_("submitted by"))

    class Meta:
        ordering = ["-year", "provider__code"]
        verbose_name = _("I4C package")
        verbose_name_plural = _("I4C packages")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "year"], name="i4c_package_one_per_provider_year"
            )
        ]

    def __str__(self):
        return f"{self.provider} · {self.year}"

    @property
    def is_editable(self) -> bool:
        # A submitted package is frozen while a reviewer reads it; a published one
        # may be corrected, which later publishes a new version.
        return self.status != self.Status.SUBMITTED

    @property
    def is_reviewable(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def has_been_published(self) -> bool:
        return self.published_version_id is not None


def package_field(related_name, *, on_delete=models.CASCADE):
    """The package a row belongs to: a line of its content, a published version,
    a return or a dissemination meeting."""
    return models.ForeignKey(
        Package,
        on_delete=on_delete,
        related_name=related_name,
        verbose_name=_("I4C package"),
    )


class PublishedVersion(PublishedContent):
    """A package as it was published (`isaf.records.PublishedContent`): the
    public board and the open data read only these rows."""

    package = package_field("versions", on_delete=models.PROTECT)
    published_by = person_field(_("published by"), on_delete=models.PROTECT)
    snapshot = models.JSONField(_("published content"))

    class Meta:
        ordering = ["package", "-number"]
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        constraints = [
            models.UniqueConstraint(
                fields=["package", "number"], name="i4c_version_number_unique"
            )
        ]

    def __str__(self):
        return f"{self.package} · v{self.number}"
