"""Every write to messages: raise an event, send what is due, sweep.

The rules (DESIGN.md, "Reliability"): the message row is the truth; `notify` writes
the rows inside the transaction of the change it tells about (a rolled-back change
tells nobody), and the rows are sent once it commits. A send claims its row with a
conditional UPDATE, so two workers never send one message; a delivery that fails
leaves the row queued with a later `next_attempt_at` (back-off), and the sweep
(Celery beat, every minute) sends whatever is due. A mail server or Telegram that is
down costs time, never a message, and nothing is sent twice.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation

from isaf.broker import broker_refused, broker_worth_trying

from . import channels, registry
from .models import Follow, Message, Preference

logger = logging.getLogger(__name__)


def preference_for(user) -> Preference:
    """The user's settings, made with the defaults on first use."""
    preference = getattr(user, "_notification_preference_cache", None)
    if preference is None:
        preference, _created = Preference.objects.get_or_create(user=user)
        user._notification_preference_cache = preference
    return preference


def absolute(link: str) -> str:
    if not link or "://" in link:
        return link
    return settings.SITE_URL.rstrip("/") + link


def _user_channels(event: registry.Event, user, preference: Preference) -> list[str]:
    telegram_on = bool(settings.TELEGRAM_BOT_TOKEN and preference.telegram_chat_id)
    if event.channels is not None:
        wanted = set(event.channels)
    else:
        wanted = {Message.Channel.PORTAL}
        if preference.by_email:
            wanted.add(Message.Channel.EMAIL)
        if preference.by_telegram:
            wanted.add(Message.Channel.TELEGRAM)
    usable = {
        Message.Channel.PORTAL: True,
        Message.Channel.EMAIL: bool(user.email),
        Message.Channel.TELEGRAM: telegram_on,
    }
    return [
        channel
        for channel in Message.Channel.values
        if channel in wanted and usable[channel]
    ]


def _row(*, event, occurrence, notice, lang, channel, user=None, chat="") -> Message:
    who = f"u{user.pk}" if user is not None else f"c{chat}"
    now = timezone.now()
    portal = channel == Message.Channel.PORTAL
    return Message(
        user=user,
        chat_id=chat,
        channel=channel,
        event=event.key,
        lang=lang,
        subject=str(notice.subject)[:300],
        body=str(notice.body),
        link=absolute(notice.link)[:500],
        dedupe_key=f"{event.key}:{occurrence}:{who}:{channel}"[:250],
        status=Message.Status.SENT if portal else Message.Status.QUEUED,
        sent_at=now if portal else None,
        next_attempt_at=None if portal else now,
    )


_muted: ContextVar[bool] = ContextVar("notifications_muted", default=False)


@contextmanager
def notifications_muted():
    """Tell nobody about what happens inside (loading the demo: its made-up
    submissions and publications are nobody's news)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def notify(event_key: str, **payload) -> list[str]:
    """Tell everyone the event concerns, each in their language on their channels.

    Call it inside the transaction of the change: the rows are written with it and
    sent once it commits. Raising the same occurrence again writes nothing new.
    Returns the once-only keys of the messages it wrote (none when every one of
    them was written before).

    Telling is never a reason to refuse the change: a notice that cannot be
    written (a bug in a message's text) is logged and rolled back to its own
    savepoint, and the change it tells about stands.
    """
    event = registry.event_get(event_key)
    if _muted.get():
        return []
    try:
        with transaction.atomic():
            return _notify(event, payload)
    except Exception:
        logger.exception("Could not write the messages of %s", event_key)
        return []


def _notify(event: registry.Event, payload: dict) -> list[str]:
    occurrence = event.occurrence(**payload)
    rows: list[Message] = []
    seen = set()
    for user in event.users(**payload):
        if user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        preference = preference_for(user)
        lang = preference.language
        with translation.override(lang):
            notice = event.render(recipient=user, **payload)
        for channel in _user_channels(event, user, preference):
            rows.append(
                _row(
                    event=event,
                    occurrence=occurrence,
                    notice=notice,
                    lang=lang,
                    channel=channel,
                    user=user,
                )
            )
    if settings.TELEGRAM_BOT_TOKEN:
        rows.extend(_chat_rows(event, occurrence, payload))
    said = set(
        Message.objects.filter(
            dedupe_key__in=[row.dedupe_key for row in rows]
        ).values_list("dedupe_key", flat=True)
    )
    rows = [row for row in rows if row.dedupe_key not in said]
    if not rows:
        return []
    # Two raisers at once may both get here: the unique key keeps one row each.
    Message.objects.bulk_create(rows, ignore_conflicts=True)
    keys = [row.dedupe_key for row in rows if row.channel != Message.Channel.PORTAL]
    if keys:
        transaction.on_commit(lambda: messages_enqueue_keys(keys=keys), robust=True)
    return [row.dedupe_key for row in rows]


def _chat_rows(event: registry.Event, occurrence: str, payload: dict) -> list[Message]:
    """Rows for Telegram chats: the event's own, and the followers of its communes."""
    chats = set(event.chats(**payload)) if event.chats is not None else set()
    if event.communes is not None:
        codes = set(event.communes(**payload))
        chats |= set(
            Follow.objects.filter(commune_id__in=codes).values_list(
                "chat_id", flat=True
            )
        )
    if not chats:
        return []
    # Citizens are told in Khmer.
    with translation.override("km"):
        notice = event.render(recipient=None, **payload)
    return [
        _row(
            event=event,
            occurrence=occurrence,
            notice=notice,
            lang="km",
            channel=Message.Channel.TELEGRAM,
            chat=chat,
        )
        for chat in sorted(chats)
    ]


# Sending ----------------------------------------------------------------------


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, ... up to an hour between tries."""
    base = settings.NOTIFY_RETRY_BASE
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 3600))


def _stale_before(now):
    return now - timedelta(seconds=settings.NOTIFY_STALE_AFTER)


def _claim(message_id: int, now) -> Message | None:
    due = Q(status=Message.Status.QUEUED) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    lost = Q(status=Message.Status.SENDING, claimed_at__lt=_stale_before(now))
    claimed = Message.objects.filter(due | lost, pk=message_id).update(
        status=Message.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    return Message.objects.select_related("user__notification_preference").get(
        pk=message_id
    )


def message_send(*, message_id: int, now=None) -> Message | None:
    """Deliver one message if it is due and nobody else has it; record the outcome.

    Returns the message, or None when it was not ours to send (sent already, not
    due yet, in another worker's hands).
    """
    now = now or timezone.now()
    message = _claim(message_id, now)
    if message is None:
        return None
    fields = {"claimed_at": None}
    try:
        channels.deliver(message)
    except channels.Undeliverable as error:
        logger.warning("Message %s cannot be delivered: %s", message.pk, error)
        fields.update(status=Message.Status.FAILED, error=str(error)[:2000])
    except Exception as error:
        if message.attempts >= settings.NOTIFY_MAX_ATTEMPTS:
            status = Message.Status.FAILED
            logger.error(
                "Message %s failed after %s tries", message.pk, message.attempts
            )
        else:
            status = Message.Status.QUEUED
            logger.info("Message %s waits: %s", message.pk, error)
        fields.update(
            status=status,
            error=f"{type(error).__name__}: {error}"[:2000],
            next_attempt_at=now + backoff(message.attempts),
        )
    else:
        fields.update(status=Message.Status.SENT, sent_at=timezone.now(), error="")
    Message.objects.filter(pk=message.pk).update(**fields)
    for key, value in fields.items():
        setattr(message, key, value)
    return message


def messages_enqueue(*, ids) -> int:
    """Hand messages to the workers (with no broker: send them here and now).

    Stops at the first message the broker refuses: the sweep sends the rest.
    """
    from .tasks import message_send as task

    sent = 0
    for pk in ids:
        if not broker_worth_trying():
            break
        try:
            task.apply_async(
                args=(pk,),
                retry=True,
                retry_policy={"max_retries": 1, "interval_start": 0.2},
            )
        except Exception:
            broker_refused()
            logger.warning(
                "Message %s waits for the sweep: no broker", pk, exc_info=True
            )
            break
        sent += 1
    return sent


def messages_enqueue_keys(*, keys) -> int:
    """Send the new messages; with no broker, also whatever waits for a retry."""
    from .tasks import message_send as task

    ids = list(
        Message.objects.filter(dedupe_key__in=keys, status=Message.Status.QUEUED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    handed = messages_enqueue(ids=ids) if ids else 0
    if task.app.conf.task_always_eager:
        # No broker means no beat (`make run`): each new message is the chance to
        # retry the ones whose back-off has passed, here, in this request; the
        # first that still cannot go says the server is still down: stop there.
        for pk in _due_ids(now=timezone.now(), limit=20):
            message = message_send(message_id=pk)
            handed += 1
            if message is not None and message.status == Message.Status.QUEUED:
                break
    return handed


def messages_sweep(*, now=None, limit: int = 500) -> int:
    """Send whatever is due: new rows whose task was lost, retries whose back-off
    has passed, and rows whose sender died mid-send. Run by Celery beat every
    minute (and by `manage.py notify_sweep`). Returns how many were handed on."""
    ids = _due_ids(now=now or timezone.now(), limit=limit)
    return messages_enqueue(ids=ids) if ids else 0


def _due_ids(*, now, limit: int) -> list[int]:
    due = Message.objects.filter(
        (
            Q(status=Message.Status.QUEUED)
            & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        )
        | Q(status=Message.Status.SENDING, claimed_at__lt=_stale_before(now))
    )
    return list(due.order_by("pk").values_list("pk", flat=True)[:limit])


def messages_mark_read(*, user) -> int:
    return Message.objects.filter(
        user=user, channel=Message.Channel.PORTAL, read_at__isnull=True
    ).update(read_at=timezone.now())


def email_check(*, user, email: str) -> None:
    """One account per e-mail address: a reset link sent to an address goes to
    every account that has it, so a second account on it could be taken over."""
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    taken = (
        get_user_model()
        .objects.filter(email__iexact=email.strip())
        .exclude(pk=user.pk)
        .exists()
    )
    if email.strip() and taken:
        raise ValidationError(
            {"email": _("This e-mail address belongs to another account already.")}
        )


@transaction.atomic
def preference_update(
    *, user, language: str, email: str, by_email: bool, by_telegram: bool
) -> Preference:
    """Save a user's own settings: language, e-mail address, channels."""
    from isaf.audit import audit_changes, audit_record

    preference = preference_for(user)
    before = {
        "language": preference.language,
        "email": user.email,
        "by_email": preference.by_email,
        "by_telegram": preference.by_telegram,
    }
    email_check(user=user, email=email)
    preference.language = language
    preference.by_email = by_email
    preference.by_telegram = by_telegram
    preference.full_clean(exclude=["user"])
    preference.save()
    if user.email != email:
        user.email = email
        user.save(update_fields=["email"])
    after = {
        "language": language,
        "email": email,
        "by_email": by_email,
        "by_telegram": by_telegram,
    }
    changes = audit_changes(before=before, after=after)
    if changes:
        audit_record(
            user=user,
            action="notifications.preference.update",
            instance=preference,
            changes=changes,
        )
    return preference
