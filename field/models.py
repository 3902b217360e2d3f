"""What the field app's sync remembers: one receipt per meeting recorded offline.

The phone gives every meeting an id of its own (a UUID) when it is started. The
receipt, unique on that id, is written in the same transaction as the meeting's
scorecards, so a meeting sent twice (a lost answer, a second tap on "sync") is
saved once and the second sending is answered with the first one's scorecards.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingReceipt(models.Model):
    client_id = models.UUIDField(_("id given by the phone"), unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sent by"),
    )
    scorecards = models.ManyToManyField(
        "scorecards.Scorecard", related_name="+", verbose_name=_("scorecards")
    )
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("meeting received from the field app")
        verbose_name_plural = _("meetings received from the field app")

    def __str__(self):
        return str(self.client_id)
