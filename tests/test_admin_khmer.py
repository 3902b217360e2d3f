"""The secretariat's admin in Khmer: the portal's name, the bundled font, and no
English left in its frame (Django's Khmer catalogue leaves many strings out; the
project's catalogue and locale/km/LC_MESSAGES/djangojs.po fill them in)."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from communes.tests.factories import CycleFactory, UserFactory
from tests import khmer_text

pytestmark = pytest.mark.django_db

# Written in English with no way to translate them: the alternative text of
# Django's yes/no icons, and django-axes' name for a log entry ("Access Log for
# <username> @ <time>", and "<unknown>" for the address of a sign-in made
# outside a request, as the tests sign in). Usernames are identifiers.
DJANGO_UNTRANSLATABLE = {"True", "False", "Access Log for secretariat", "unknown"}


@pytest.fixture
def admin_client():
    user = UserFactory(username="secretariat", is_staff=True, is_superuser=True)
    client = Client(HTTP_ACCEPT_LANGUAGE="km")
    client.force_login(user)
    return client


def _english(page: str, *names: str) -> list[str]:
    return khmer_text.english_words(
        page, names=DJANGO_UNTRANSLATABLE | {"secretariat", *names}
    )


def test_the_admin_frame_is_khmer_and_names_the_portal(admin_client):
    cycle = CycleFactory()
    pages = [
        "/admin/",
        "/admin/communes/cycle/",
        "/admin/communes/cycle/add/",
        f"/admin/communes/cycle/{cycle.pk}/change/",
        f"/admin/communes/cycle/{cycle.pk}/delete/",
        f"/admin/communes/cycle/{cycle.pk}/history/",
        "/admin/axes/accessattempt/",
        "/admin/axes/accesslog/",
        "/admin/password_change/",
    ]
    found = {}
    for address in pages:
        response = admin_client.get(address)
        assert response.status_code == 200, address
        page = response.content.decode()
        assert "Django" not in page, address
        assert "វិបផតថល I-SAF" in page, address
        if words := _english(page):
            found[address] = words
    assert found == {}


def test_the_admin_sign_in_page_is_khmer():
    page = Client(HTTP_ACCEPT_LANGUAGE="km").get("/admin/login/").content.decode()
    assert "វិបផតថល I-SAF" in page
    assert _english(page) == []


def test_the_admin_loads_the_bundled_khmer_font(admin_client):
    page = admin_client.get("/admin/").content.decode()
    assert "css/admin.css" in page
    css = b"".join(admin_client.get("/static/css/admin.css").streaming_content)
    assert b"Noto Sans Khmer" in css
    assert b"noto-sans-khmer-khmer-400-normal.woff2" in css
    assert (
        admin_client.get(
            "/static/fonts/noto-sans-khmer-khmer-400-normal.woff2"
        ).status_code
        == 200
    )


def test_the_admin_scripts_speak_khmer(admin_client):
    """The calendar, the clock and the selection boxes read their words from
    the JavaScript catalogue."""
    script = admin_client.get("/admin/jsi18n/").content.decode()
    for word in ("ថ្ងៃនេះ", "ឥឡូវនេះ", "មករា", "ជ្រើសម៉ោង"):
        # The catalogue is JSON, its Khmer written as \u escapes.
        assert json.dumps(word)[1:-1] in script


def test_a_staff_user_sees_the_sign_in_attempts_section(admin_client):
    page = admin_client.get("/admin/").content.decode()
    assert "ការព្យាយាមចូលគណនី" in page
    assert get_user_model().objects.filter(username="secretariat").exists()


def test_the_admin_follows_the_language_the_official_reads_the_portal_in():
    """An official whose browser asks for English, who reads the portal in Khmer,
    gets the admin in Khmer; switching the portal to English switches it back."""
    user = UserFactory(username="secretariat", is_staff=True, is_superuser=True)
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    client.force_login(user)
    assert "វិបផតថល I-SAF" not in client.get("/admin/").content.decode()
    client.get("/km/workspace/")
    assert "វិបផតថល I-SAF" in client.get("/admin/").content.decode()
    client.get("/en/workspace/")
    assert "I-SAF portal" in client.get("/admin/").content.decode()


def test_an_anonymous_reader_gets_no_language_cookie(client):
    response = client.get("/km/about/")
    assert "django_language" not in response.cookies
