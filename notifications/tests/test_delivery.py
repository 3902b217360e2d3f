"""Messages go out by e-mail (a real SMTP server) and Telegram (a stand-in Bot API),
wait while either is down, go out once it is back, and never twice."""

import datetime

import pytest
from django.utils import timezone

from communes.tests.factories import UserFactory
from notifications import registry
from notifications.models import Message
from notifications.services import messages_sweep, notify, preference_for

pytestmark = pytest.mark.django_db

registry.event_register(
    registry.Event(
        key="tests.hello",
        label="hello",
        users=lambda users, **_: users,
        render=lambda recipient, n, **_: registry.Notice(
            subject=f"Hello {n}", body="Something changed.", link="/km/"
        ),
        occurrence=lambda n, **_: str(n),
    )
)


def official(chat="5001", **fields):
    user = UserFactory(email=f"{chat}@example.org", **fields)
    preference = preference_for(user)
    preference.telegram_chat_id = chat
    preference.save()
    return user


def raise_event(capture, users, n=1):
    with capture(execute=True):
        notify("tests.hello", users=users, n=n)


def due_now():
    Message.objects.filter(status=Message.Status.QUEUED).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )


def test_an_event_reaches_the_user_by_email_telegram_and_the_portal(
    smtp_server, telegram_api, eager, django_capture_on_commit_callbacks
):
    user = official()
    raise_event(django_capture_on_commit_callbacks, [user])

    assert [m["Subject"] for m in smtp_server.to(user.email)] == ["Hello 1"]
    assert "http://" in smtp_server.text(smtp_server.messages[0])
    assert [
        m["text"].startswith("Something changed.") for m in telegram_api.to("5001")
    ] == [True]
    statuses = dict(Message.objects.values_list("channel", "status"))
    assert statuses == {"email": "sent", "telegram": "sent", "portal": "sent"}


def test_raising_the_same_occurrence_twice_sends_nothing_more(
    smtp_server, telegram_api, eager, django_capture_on_commit_callbacks
):
    user = official()
    raise_event(django_capture_on_commit_callbacks, [user])
    raise_event(django_capture_on_commit_callbacks, [user])
    messages_sweep()

    assert len(smtp_server.messages) == 1
    assert len(telegram_api.sent) == 1
    assert Message.objects.count() == 3


def test_with_the_mail_server_down_the_message_waits_and_goes_out_once_back(
    smtp_server, telegram_api, eager, django_capture_on_commit_callbacks
):
    user = official()
    smtp_server.stop()
    raise_event(django_capture_on_commit_callbacks, [user])

    mail = Message.objects.get(channel="email")
    assert mail.status == Message.Status.QUEUED
    assert mail.attempts == 1 and mail.next_attempt_at > timezone.now()
    assert mail.error
    # Not due yet: a sweep now sends nothing.
    messages_sweep()
    assert Message.objects.get(channel="email").attempts == 1

    smtp_server.start()
    due_now()
    messages_sweep()
    messages_sweep()

    assert [m["Subject"] for m in smtp_server.to(user.email)] == ["Hello 1"]
    assert Message.objects.get(channel="email").status == Message.Status.SENT
    assert len(telegram_api.sent) == 1


def test_with_telegram_down_the_message_waits_and_goes_out_once_back(
    smtp_server, telegram_api, eager, django_capture_on_commit_callbacks
):
    user = official()
    telegram_api.stop()
    raise_event(django_capture_on_commit_callbacks, [user])
    assert Message.objects.get(channel="telegram").status == Message.Status.QUEUED

    telegram_api.start()
    due_now()
    messages_sweep()
    messages_sweep()

    assert len(telegram_api.to("5001")) == 1
    assert Message.objects.get(channel="telegram").status == Message.Status.SENT
    assert len(smtp_server.messages) == 1


def test_a_user_who_turned_email_off_gets_none(
    smtp_server, telegram_api, eager, django_capture_on_commit_callbacks
):
    user = official()
    preference = preference_for(user)
    preference.by_email = False
    preference.save()
    raise_event(django_capture_on_commit_callbacks, [user])

    assert smtp_server.messages == []
    assert len(telegram_api.sent) == 1


def test_an_inactive_user_is_told_nothing(
    smtp_server, telegram_api, eager, django_capture_on_commit_callbacks
):
    user = official(is_active=False)
    raise_event(django_capture_on_commit_callbacks, [user])
    assert Message.objects.count() == 0


def test_a_rolled_back_change_tells_nobody(smtp_server, telegram_api, eager):
    from django.db import transaction

    user = official()
    with pytest.raises(RuntimeError), transaction.atomic():
        notify("tests.hello", users=[user], n=1)
        raise RuntimeError("the change failed")
    messages_sweep()
    assert Message.objects.count() == 0
    assert smtp_server.messages == [] and telegram_api.sent == []


def _broken(recipient, **_payload):
    raise ValueError("a bug in the message's text")


registry.event_register(
    registry.Event(
        key="tests.broken",
        label="broken",
        users=lambda users, **_: users,
        render=_broken,
        occurrence=lambda **_: "1",
    )
)


def test_a_notice_that_cannot_be_written_never_undoes_the_change(smtp_server):
    from django.db import transaction

    user = official()
    with transaction.atomic():
        user.first_name = "Sokha"
        user.save()
        assert notify("tests.broken", users=[user]) == []
    user.refresh_from_db()
    assert user.first_name == "Sokha"
    assert Message.objects.count() == 0


def test_with_no_broker_a_waiting_message_goes_out_with_the_next_one(
    smtp_server, telegram_api, eager, django_capture_on_commit_callbacks
):
    """`make run` has no broker and no beat: nothing else would ever retry."""
    user = official()
    smtp_server.stop()
    raise_event(django_capture_on_commit_callbacks, [user], n=1)
    assert Message.objects.get(channel="email").status == Message.Status.QUEUED

    smtp_server.start()
    due_now()
    raise_event(django_capture_on_commit_callbacks, [user], n=2)

    subjects = sorted(m["Subject"] for m in smtp_server.to(user.email))
    assert subjects == ["Hello 1", "Hello 2"]
    assert not Message.objects.exclude(status=Message.Status.SENT).exists()


def test_with_no_broker_and_the_mail_server_down_a_request_tries_one_old_message(
    smtp_server, telegram_api, eager, django_capture_on_commit_callbacks
):
    """Each try may wait EMAIL_TIMEOUT: the request that tells must not wait for
    every message that waits."""
    users = [official(chat=str(5100 + i)) for i in range(3)]
    smtp_server.stop()
    for n, user in enumerate(users, start=1):
        raise_event(django_capture_on_commit_callbacks, [user], n=n)
    due_now()
    raise_event(django_capture_on_commit_callbacks, [users[0]], n=9)

    tries = sorted(
        Message.objects.filter(channel="email").values_list("attempts", flat=True)
    )
    # The new message (1 try), one old message tried again (2), two left alone.
    assert tries == [1, 1, 1, 2]
