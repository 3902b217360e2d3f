"""A scorecard is one group's scoring session (or the provider's self-assessment).

For a provider in a cycle there are usually several: one per citizen group (women,
men, youth, vulnerable) and one self-assessment. The public page brings the
published ones together.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from communes.models import CAF, cycle_field, provider_field, village_field
from isaf.attendance import MAX_ATTENDANCE, Attendance
from isaf.dates import validate_not_in_future
from isaf.fields import CreatedRecord, EditVersioned
from isaf.fields import count_field as shared_count_field
from isaf.formatting import format_number
from isaf.records import PublishedContent, person_field
from isaf.text import text_field

from ..scoring import score_summary

# A bound on any count typed or imported: a village meeting never has more people.
MAX_COUNT = MAX_ATTENDANCE


def count_field(label):
    return shared_count_field(label, maximum=MAX_COUNT)


class Scorecard(Attendance, EditVersioned, CreatedRecord):
    """One group's scoring session; its attendance is the group's participants."""

    class Kind(models.TextChoices):
        COMMUNITY = "community", _("community scorecard")
        SELF_ASSESSMENT = "self_assessment", _("self-assessment")

    class Group(models.TextChoices):
        # A group's name reads as a group on its own ("ក្រុមស្ត្រី"), apart from
        # the attendance count of women.
        WOMEN = "women", pgettext_lazy("scorecard group", "women")
        MEN = "men", pgettext_lazy("scorecard group", "men")
        YOUTH = "youth", pgettext_lazy("scorecard group", "youth")
        VULNERABLE = "vulnerable", _("vulnerable groups")
        MIXED = "mixed", _("mixed group")
        PROVIDER = "provider", _("service provider staff")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        SUBMITTED = "submitted", _("submitted")
        PUBLISHED = "published", _("published")

    class Language(models.TextChoices):
        KHMER = "km", _("Khmer")
        ENGLISH = "en", _("English")
        OTHER = "other", _("other (minority language)")

    provider = provider_field("scorecards")
    cycle = cycle_field("scorecards")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    group = models.CharField(_("group"), max_length=20, choices=Group.choices)
    held_on = models.DateField(_("date"), validators=[validate_not_in_future])
    village = village_field("scorecards", optional=True)
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default="km"
    )
    facilitators = models.ManyToManyField(
        CAF, blank=True, related_name="scorecards", verbose_name=_("facilitators")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    correction_reason = text_field(_("reason for the correction"), blank=True)
    review_comment = text_field(_("reviewer's comment"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["-held_on", "id"]
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        indexes = [models.Index(fields=["provider", "cycle", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="self_assessment")
                | models.Q(group="provider"),
                name="scorecard_self_assessment_group",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="community") | ~models.Q(group="provider"),
                name="scorecard_community_group",
            ),
        ]

    def __str__(self):
        return f"{self.provider} · {self.cycle} · {self.get_group_display()}"

    @property
    def is_editable(self) -> bool:
        """Only a scorecard being entered changes: a submitted one waits for the
        reviewer, and a published one needs a correction (a new version)."""
        return self.status == self.Status.PLANNED

    @property
    def is_community(self) -> bool:
        return self.kind == self.Kind.COMMUNITY

    def clean(self):
        super().clean()
        # Each participant scores an indicator once: fewer participants than an
        # indicator's votes would leave votes nobody cast.
        if self.pk and (self.attendance_total or self.is_community):
            most = max((sum(i.votes) for i in self.indicators.all()), default=0)
            if most > self.attendance_total:
                raise ValidationError(
                    {
                        "attendance_male": _(
                            "An indicator already has %(votes)s votes: the women "
                            "and men who took part cannot be fewer."
                        )
                        % {"votes": format_number(most)}
                    }
                )


def scorecard_field(related_name, *, on_delete=models.CASCADE):
    """The scorecard a row belongs to: an indicator, a remark, a published
    version or a return."""
    return models.ForeignKey(
        Scorecard,
        on_delete=on_delete,
        related_name=related_name,
        verbose_name=_("scorecard"),
    )


class ScorecardIndicator(models.Model):
    """An indicator on one scorecard: from the library or written on the day."""

    scorecard = scorecard_field("indicators")
    library_indicator = models.ForeignKey(
        "scorecards.LibraryIndicator",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("library indicator"),
    )
    custom_name = models.CharField(
        _("indicator written on the day"), max_length=300, blank=True
    )
    is_selected = models.BooleanField(_("selected for scoring"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    votes_1 = count_field(_("votes for 1"))
    votes_2 = count_field(_("votes for 2"))
    votes_3 = count_field(_("votes for 3"))
    votes_4 = count_field(_("votes for 4"))
    votes_5 = count_field(_("votes for 5"))

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("indicator on a scorecard")
        verbose_name_plural = _("indicators on a scorecard")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(library_indicator__isnull=False)
                | ~models.Q(custom_name=""),
                name="scorecard_indicator_has_a_name",
            ),
            models.UniqueConstraint(
                fields=["scorecard", "library_indicator"],
                condition=models.Q(library_indicator__isnull=False),
                name="scorecard_indicator_library_once",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        # Each participant gives an indicator one score, so its votes are at most
        # the women and men who took part.
        # A self-assessment may leave its staff uncounted; then nothing bounds it.
        total, people = sum(self.votes), self.scorecard.attendance_total
        if total > people and (people or self.scorecard.is_community):
            raise ValidationError(
                _(
                    "«%(indicator)s» has %(votes)s votes, but %(people)s women and "
                    "men took part: each gives one score."
                )
                % {
                    "indicator": self.name,
                    "votes": format_number(total),
                    "people": format_number(people),
                },
                code="votes_above_participants",
            )

    @property
    def name(self) -> str:
        if self.library_indicator_id:
            return self.library_indicator.name
        return self.custom_name

    @property
    def votes(self) -> tuple[int, int, int, int, int]:
        return (self.votes_1, self.votes_2, self.votes_3, self.votes_4, self.votes_5)

    @property
    def summary(self):
        return score_summary(self.votes)


class Remark(models.Model):
    class Kind(models.TextChoices):
        STRENGTH = "strength", _("strength")
        WEAKNESS = "weakness", _("weakness")
        SUGGESTION = "suggestion", _("suggestion")

    scorecard = scorecard_field("remarks")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = text_field(_("text"))

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("remark")
        verbose_name_plural = _("remarks")

    def __str__(self):
        return self.text[:60]


class ScorecardVersion(PublishedContent):
    """A published version: a frozen snapshot of the scorecard as the public saw it
    (`isaf.records.PublishedContent`).

    A correction reopens the scorecard, and publishing it again adds the next
    number with the reason; the public page reads the latest.
    """

    scorecard = scorecard_field("published_versions", on_delete=models.PROTECT)
    snapshot = models.JSONField(_("snapshot"))
    published_by = person_field(_("published by"), blank=False)

    class Meta:
        ordering = ["scorecard", "-number"]
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "number"], name="scorecard_version_unique"
            )
        ]

    def __str__(self):
        return f"{self.scorecard_id} v{self.number}"
