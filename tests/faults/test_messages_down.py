"""The mail server and the Telegram Bot API down while notifications are sent,
through a REAL worker and beat: every message waits in the queue with its
reason, and each goes out exactly once when its service is back.

Telegram is down twice over: first its address refuses connections, then it
answers 502 (as Telegram does when it has trouble); the mail server refuses
connections throughout, then comes back.
"""

import time

import pytest

from communes.tests.factories import UserFactory
from notifications.models import Message
from notifications.services import notify, preference_for
from notifications.tests import test_delivery  # noqa: F401 (the "tests.hello" event)
from notifications.tests.fakes import TOKEN
from tests import quality

from .conftest import wait_until

pytestmark = [pytest.mark.faults, pytest.mark.worker]

PEOPLE = 5


def officials() -> list:
    users = []
    for n in range(PEOPLE):
        user = UserFactory(email=f"official{n}@example.org")
        preference = preference_for(user)
        preference.telegram_chat_id = str(7000 + n)
        preference.save()
        users.append(user)
    return users


def outgoing():
    return Message.objects.filter(channel__in=["email", "telegram"])


def test_messages_wait_through_mail_and_telegram_outages_and_go_out_once(
    celery_worker_factory, smtp_server, telegram_api
):
    smtp_server.stop()
    telegram_api.stop()
    quality.record("faults.injected", 2)
    worker = celery_worker_factory(
        beat=True,
        env={
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_server.port}",
            "EMAIL_TIMEOUT": "2",
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": telegram_api.url,
            "TELEGRAM_TIMEOUT": "2",
            "NOTIFY_RETRY_BASE": "1",
            "NOTIFY_SWEEP_INTERVAL": "1",
        },
    )
    users = officials()
    notify("tests.hello", users=users, n=1)
    expected = 2 * PEOPLE
    assert outgoing().count() == expected

    # Both refused: every message was tried, and waits with its reason.
    assert wait_until(
        lambda: outgoing().filter(attempts__gte=1).count() == expected, timeout=60
    ), worker.log()[-3000:]
    assert set(outgoing().values_list("status", flat=True)) == {"queued"}
    assert all(outgoing().values_list("error", flat=True))

    # Telegram answers again, but 502: still waiting, nothing sent twice later.
    telegram_api.failing = 502
    telegram_api.start()
    quality.record("faults.injected", 1)
    telegram = Message.objects.filter(channel="telegram")
    assert wait_until(
        lambda: telegram.filter(error__contains="HTTP 502").count() == PEOPLE,
        timeout=60,
    ), (list(telegram.values_list("error", flat=True)), worker.log()[-3000:])
    assert set(telegram.values_list("status", flat=True)) == {"queued"}

    # Both back: every message goes out.
    telegram_api.failing = None
    smtp_server.start()
    all_sent = wait_until(
        lambda: outgoing().filter(status="sent").count() == expected, timeout=60
    )
    time.sleep(3)  # a few more sweeps: nothing goes out twice
    mails = [str(m["To"]) for m in smtp_server.messages]
    chats = [str(m["chat_id"]) for m in telegram_api.sent]
    lost = (PEOPLE - len(set(mails))) + (PEOPLE - len(set(chats)))
    quality.record("faults.rows_lost", lost)
    assert all_sent and lost == 0, worker.log()[-3000:]
    assert sorted(mails) == sorted(u.email for u in users)
    assert sorted(chats) == [str(7000 + n) for n in range(PEOPLE)]
