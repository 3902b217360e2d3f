"""Celery tasks for messages: thin, they take ids and call services.

Acknowledged late and idempotent: a message is claimed before it is delivered, so a
task delivered twice sends it once. A delivery that fails leaves the row queued with
its back-off; the task retries at that time, and the beat sweep is the safety net
when the broker lost the task.
"""

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import services
from .models import Message


@shared_task(bind=True, name="notifications.message_send", acks_late=True)
def message_send(self, message_id: int) -> None:
    message = services.message_send(message_id=message_id)
    if (
        message is not None
        and message.status == Message.Status.QUEUED
        and not self.request.is_eager
        and self.request.retries < settings.NOTIFY_MAX_ATTEMPTS
    ):
        wait = (message.next_attempt_at - timezone.now()).total_seconds()
        raise self.retry(
            countdown=max(wait, 1), max_retries=settings.NOTIFY_MAX_ATTEMPTS
        )


@shared_task(name="notifications.messages_sweep", acks_late=True)
def messages_sweep() -> int:
    return services.messages_sweep()


@shared_task(name="notifications.review_digest", acks_late=True)
def review_digest() -> int:
    from .digests import review_digest_all

    return review_digest_all()
