"""The interface meeting and the Joint Accountability Action Plan it agrees."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from communes.models import Commune, cycle_field, provider_field
from isaf.attendance import Attendance
from isaf.dates import validate_not_in_future
from isaf.fields import EditVersioned
from isaf.private_files import private_file_name, private_storage
from isaf.records import person_field
from isaf.text import text_field
from isaf.uploads import BY_CONTENT_TYPE

from .scorecards import ScorecardIndicator


class InterfaceMeeting(Attendance, EditVersioned):
    """Citizens, council and providers meet once a cycle and agree the JAAP."""

    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        related_name="interface_meetings",
        verbose_name=_("commune"),
    )
    cycle = cycle_field("interface_meetings")
    # A meeting may be recorded ahead, as planned; it counts as held from its date.
    held_on = models.DateField(_("date"))
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("interface meeting")
        verbose_name_plural = _("interface meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "cycle"], name="interface_meeting_once_per_cycle"
            )
        ]

    def __str__(self):
        return f"{self.commune} · {self.cycle}"


class JaapAction(EditVersioned):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("not started")
        ONGOING = "ongoing", _("ongoing")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    CLOSED = (Status.COMPLETED, Status.CANCELLED)
    # What the plan says about the action, in the order people read it (the
    # services audit these, the open data writes them as columns).
    PLAN_FIELDS = (
        "action",
        "responsible_party",
        "supporting_party",
        "resources",
        "starts_on",
        "due_on",
        "status",
    )

    meeting = models.ForeignKey(
        InterfaceMeeting,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name=_("interface meeting"),
    )
    provider = provider_field("jaap_actions")
    indicator = models.ForeignKey(
        ScorecardIndicator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jaap_actions",
        verbose_name=pgettext_lazy("scorecard", "indicator"),
    )
    issue = models.CharField(_("issue"), max_length=300, blank=True)
    action = text_field(_("action"))
    responsible_party = models.CharField(_("responsible party"), max_length=200)
    supporting_party = models.CharField(
        _("supporting party"), max_length=200, blank=True
    )
    resources = models.CharField(_("resources"), max_length=300, blank=True)
    starts_on = models.DateField(_("start date"))
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("JAAP action")
        verbose_name_plural = _("JAAP actions")

    def __str__(self):
        return self.action[:60]

    def clean(self):
        if not self.indicator_id and not self.issue.strip():
            raise ValidationError(
                {"issue": _("Choose an indicator or describe the issue.")}
            )
        if self.starts_on and self.due_on and self.due_on < self.starts_on:
            raise ValidationError(
                {"due_on": _("The due date cannot be before the start date.")}
            )

    @property
    def topic(self) -> str:
        return self.indicator.name if self.indicator_id else self.issue

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status not in self.CLOSED and self.due_on < today

    @property
    def overdue(self) -> bool:
        return self.is_overdue()


def evidence_path(instance, filename):
    """A random name in the private storage, with the extension of what the
    file is (set by the service from its bytes); the uploader's name is kept
    in `evidence_name` only."""
    kind = BY_CONTENT_TYPE.get(instance.evidence_type)
    return private_file_name("jaap", kind.extension if kind else "bin")


class JaapFollowUp(models.Model):
    """A dated check on an action (monthly), with a status, a note and evidence."""

    action = models.ForeignKey(
        JaapAction,
        on_delete=models.CASCADE,
        related_name="follow_ups",
        verbose_name=_("JAAP action"),
    )
    checked_on = models.DateField(_("date"), validators=[validate_not_in_future])
    status = models.CharField(
        _("status"), max_length=20, choices=JaapAction.Status.choices
    )
    note = text_field(_("note"), blank=True)
    # Evidence is private (see `scorecards.views.meetings.follow_up_evidence`):
    # a photo or a scan, checked by its bytes, under a random name.
    evidence = models.FileField(
        _("evidence"),
        upload_to=evidence_path,
        storage=private_storage,
        max_length=200,
        blank=True,
    )
    evidence_name = models.CharField(
        _("evidence file name"), max_length=200, blank=True
    )
    evidence_type = models.CharField(_("evidence file type"), max_length=40, blank=True)
    recorded_by = person_field(_("recorded by"), blank=False)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-checked_on", "-id"]
        verbose_name = _("JAAP follow-up")
        verbose_name_plural = _("JAAP follow-ups")

    def __str__(self):
        return f"{self.action_id} · {self.checked_on}"
