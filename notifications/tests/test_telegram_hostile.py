"""Hostile messages to the Telegram bot: answered with the help, never a 500."""

import json

import pytest
from django.test import Client

from notifications.models import Follow
from tests import quality

from .fakes import WEBHOOK_SECRET

pytestmark = pytest.mark.django_db
URL = f"/telegram/{WEBHOOK_SECRET}/"
TEXTS = [
    "/follow \ud800",
    "/follow ក\u202eខ",
    "/follow %",
    "/follow _",
    "/follow ' OR 1=1 --",
    "/follow <script>alert(1)</script>",
    "/start \udfff",
    "/link \x00\ud800",
    "\ud800",
    "/follow " + "9" * 4301,
]


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_a_hostile_message_is_answered_without_error(telegram_api, text):
    client = Client(raise_request_exception=False)
    update = {"update_id": 7, "message": {"chat": {"id": 77}, "text": text}}
    response = client.post(URL, json.dumps(update), content_type="application/json")
    quality.record("hostile.tried")
    quality.record("hostile.server_errors", int(response.status_code >= 500))
    assert response.status_code == 200
    assert not Follow.objects.exists()
