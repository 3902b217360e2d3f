"""Messages are rows: the row is the truth about what was said to whom, and when.

A `Message` goes to one signed-in user (by e-mail, Telegram or the portal's own
list) or to one Telegram chat that follows a commune (a citizen with no account).
Its `dedupe_key` is unique, so an event raised twice, a digest run twice in a week
or a webhook delivered twice by Telegram says nothing twice. Jobs send what is due
(`status` queued and `next_attempt_at` past) and record the outcome; a mail server
or Telegram that is down costs time, never a message.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from communes.models import Commune


class Message(models.Model):
    class Channel(models.TextChoices):
        PORTAL = "portal", _("in the portal")
        EMAIL = "email", _("e-mail")
        TELEGRAM = "telegram", _("Telegram")

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to be sent")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("could not be sent")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="isaf_messages",
        verbose_name=_("recipient"),
    )
    chat_id = models.CharField(_("Telegram chat"), max_length=40, blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    event = models.CharField(_("event"), max_length=60)
    lang = models.CharField(_("language"), max_length=8, default="km")
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    link = models.CharField(_("link"), max_length=500, blank=True)
    dedupe_key = models.CharField(_("once-only key"), max_length=250, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("sending since"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["user", "channel", "-created_at"]),
        ]

    def __str__(self):
        return f"{self.event} · {self.get_channel_display()} · {self.subject[:60]}"


class Preference(models.Model):
    """How a signed-in user wants to be told: language, channels, Telegram chat."""

    class Language(models.TextChoices):
        KHMER = "km", _("Khmer")
        ENGLISH = "en", _("English")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default="km"
    )
    by_email = models.BooleanField(_("by e-mail"), default=True)
    by_telegram = models.BooleanField(_("by Telegram"), default=True)
    telegram_chat_id = models.CharField(_("Telegram chat"), max_length=40, blank=True)
    # A one-time code that ties the user's account to the Telegram chat that
    # sends it to the bot; it is cleared once used and expires unused.
    link_code = models.CharField(_("link code"), max_length=20, blank=True)
    link_code_expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.UniqueConstraint(
                fields=["link_code"],
                condition=~models.Q(link_code=""),
                name="preference_link_code_unique",
            )
        ]

    def __str__(self):
        return str(self.user)


class Follow(models.Model):
    """A Telegram chat that follows a commune: told when it publishes. No account."""

    chat_id = models.CharField(_("Telegram chat"), max_length=40)
    commune = models.ForeignKey(
        Commune,
        on_delete=models.CASCADE,
        related_name="telegram_follows",
        verbose_name=_("commune"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("Telegram follower")
        verbose_name_plural = _("Telegram followers")
        constraints = [
            models.UniqueConstraint(
                fields=["chat_id", "commune"], name="follow_once_per_chat"
            )
        ]

    def __str__(self):
        return f"{self.chat_id} → {self.commune_id}"
