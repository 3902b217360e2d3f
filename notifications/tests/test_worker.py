"""Messages through a REAL Celery worker and beat (tests/worker harness): the mail
server is down when the message is raised, the worker's tries fail, and once the
server is back the message goes out, once."""

import time

import pytest

from communes.tests.factories import UserFactory
from notifications.models import Message
from notifications.services import notify

from . import test_delivery  # noqa: F401  (registers the "tests.hello" event)

pytestmark = pytest.mark.worker


def wait_until(predicate, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_a_message_waits_for_the_mail_server_and_goes_out_once_it_is_back(
    celery_worker_factory, smtp_server
):
    smtp_server.stop()
    worker = celery_worker_factory(
        beat=True,
        env={
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_server.port}",
            "EMAIL_TIMEOUT": "2",
            "NOTIFY_RETRY_BASE": "1",
            "NOTIFY_SWEEP_INTERVAL": "1",
        },
    )
    user = UserFactory(email="sokha@example.org")
    notify("tests.hello", users=[user], n=1)

    tried = wait_until(
        lambda: Message.objects.filter(channel="email", attempts__gte=1).exists()
    )
    mail = Message.objects.get(channel="email")
    assert tried and mail.status == Message.Status.QUEUED, worker.log()[-3000:]
    assert mail.error

    smtp_server.start()
    sent = wait_until(
        lambda: Message.objects.get(channel="email").status == Message.Status.SENT
    )
    assert sent, worker.log()[-3000:]
    time.sleep(3)  # a few more sweeps: nothing is sent twice
    assert len(smtp_server.to("sokha@example.org")) == 1
