"""How long a sign-in lasts (isaf/sessions.py): an idle session ends, an active one
slides on, every session ends some hours after signing in, and someone whose
session ended is brought back to their page, told when what they sent was lost."""

import datetime as dt
from urllib.parse import quote

import pytest
import time_machine
from django.contrib.sessions.models import Session

from communes.tests.factories import UserFactory

PASSWORD = "a-long-test-password"
START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
WORKSPACE = "/km/workspace/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def signed_in(client, clock, settings):
    settings.SESSION_COOKIE_AGE = 60 * 60
    settings.SESSION_MAX_AGE = 12 * 3600
    UserFactory(username="sokha")
    response = client.post(
        "/km/accounts/login/", {"username": "sokha", "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def sent_to_sign_in(response, page):
    return response.status_code == 302 and response["Location"] == (
        f"/km/accounts/login/?next={quote(page)}"
    )


def test_an_active_session_slides_on_past_the_idle_limit(signed_in, clock):
    for _ in range(4):  # 4 x 50 minutes: longer than the hour, never idle for it
        clock.shift(dt.timedelta(minutes=50))
        assert signed_in.get(WORKSPACE).status_code == 200


def test_a_session_idle_longer_than_the_limit_ends(signed_in, clock):
    clock.shift(dt.timedelta(minutes=61))
    assert sent_to_sign_in(signed_in.get(WORKSPACE), WORKSPACE)


def test_signing_in_again_brings_the_user_back_to_their_page(signed_in, clock):
    page = "/km/accounts/password/change/"
    clock.shift(dt.timedelta(minutes=61))
    response = signed_in.get(page)
    assert sent_to_sign_in(response, page)
    again = signed_in.post(
        response["Location"], {"username": "sokha", "password": PASSWORD}
    )
    assert again.status_code == 302
    assert again["Location"] == page


def test_every_session_ends_hours_after_signing_in_however_active(signed_in, clock):
    for _ in range(14):  # every 50 minutes for 11 h 40 min: still signed in
        clock.shift(dt.timedelta(minutes=50))
        assert signed_in.get(WORKSPACE).status_code == 200
    clock.shift(dt.timedelta(minutes=30))  # 12 h 10 min after signing in
    response = signed_in.get(WORKSPACE)
    assert sent_to_sign_in(response, WORKSPACE)
    html = signed_in.get(response["Location"]).content.decode()
    assert "អ្នកត្រូវបានចាកចេញ ក្រោយពីប្រើយូរពេក។" in html


def test_a_form_sent_after_the_session_ended_is_not_lost_silently(signed_in, clock):
    page = "/km/accounts/password/change/"
    clock.shift(dt.timedelta(minutes=61))
    response = signed_in.post(
        page,
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-password-9",
            "new_password2": "another-long-password-9",
        },
    )
    assert sent_to_sign_in(response, page)
    html = signed_in.get(response["Location"]).content.decode()
    assert "អ្វីដែលអ្នកបានផ្ញើមិនត្រូវបានរក្សាទុកទេ" in html


def test_anonymous_readers_get_no_session_written(client, db):
    for path in ("/km/", "/km/about/", "/en/communes/?q=krang"):
        response = client.get(path)
        assert response.status_code == 200
        assert "sessionid" not in response.cookies
    assert Session.objects.count() == 0


def test_an_active_session_is_written_at_most_once_a_minute(signed_in, clock):
    def ends():
        return Session.objects.get().expire_date

    first = ends()
    clock.shift(dt.timedelta(seconds=30))
    assert signed_in.get(WORKSPACE).status_code == 200
    assert ends() == first  # no write: the session was saved half a minute ago
    clock.shift(dt.timedelta(seconds=60))
    assert signed_in.get(WORKSPACE).status_code == 200
    assert ends() == first + dt.timedelta(seconds=90)
