"""Sign-in in Khmer, throttling, sign-out by POST and password change."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from communes.tests.factories import UserFactory

PASSWORD = "a-long-test-password"


@pytest.fixture
def user(db):
    return UserFactory(username="sokha")


def sign_in(client, username, password, lang="km", **extra):
    return client.post(
        f"/{lang}/accounts/login/",
        {"username": username, "password": password, **extra},
    )


def answered(response, status):
    """The response's HTML, once its status is `status`."""
    assert response.status_code == status
    return response.content.decode()


def test_the_sign_in_page_is_in_khmer(client, db):
    html = answered(client.get("/km/accounts/login/"), 200)
    assert '<html lang="km">' in html
    assert '<label for="id_username">ឈ្មោះអ្នកប្រើប្រាស់</label>' in html
    assert '<label for="id_password">ពាក្យសម្ងាត់</label>' in html
    assert "ចូលគណនី" in html
    assert "Username" not in html


def test_the_sign_in_page_is_in_english_under_en(client, db):
    html = client.get("/en/accounts/login/").content.decode()
    assert '<html lang="en">' in html
    assert '<label for="id_username">Username</label>' in html


def test_signing_in_leads_to_the_workspace_in_the_same_language(client, user):
    response = sign_in(client, "sokha", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/km/workspace/"
    assert client.session["_auth_user_id"] == str(user.pk)


def test_signing_in_follows_a_safe_next_address(client, user):
    response = sign_in(client, "sokha", PASSWORD, next="/km/accounts/password/change/")
    assert response["Location"] == "/km/accounts/password/change/"


def test_signing_in_ignores_a_next_address_on_another_site(client, user):
    response = sign_in(client, "sokha", PASSWORD, next="https://evil.example/")
    assert response["Location"] == "/km/workspace/"


def test_a_wrong_password_keeps_the_user_out_with_an_error(client, user):
    response = sign_in(client, "sokha", "not-the-password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert 'role="alert"' in response.content.decode()


def test_a_signed_in_user_opening_the_sign_in_page_goes_to_the_workspace(client, user):
    client.force_login(user)
    response = client.get("/km/accounts/login/")
    assert response.status_code == 302
    assert response["Location"] == "/km/workspace/"


def test_five_failures_lock_the_account_out_with_a_khmer_page(client, user):
    for _ in range(4):
        assert sign_in(client, "sokha", "wrong-password").status_code == 200
    html = answered(sign_in(client, "sokha", "wrong-password"), 429)
    assert '<html lang="km">' in html
    assert "ការចូលគណនីត្រូវបានផ្អាក" in html
    assert "ពាក្យសម្ងាត់មិនត្រឹមត្រូវ ៥ ដង សម្រាប់គណនីនេះ ឬពីការតភ្ជាប់នេះ" in html
    assert "សូមរង់ចាំ ១៥ នាទី" in html


def test_a_locked_out_account_stays_out_even_with_the_right_password(client, user):
    for _ in range(5):
        sign_in(client, "sokha", "wrong-password")
    response = sign_in(client, "sokha", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_is_in_english_under_en(client, user):
    for _ in range(5):
        response = sign_in(client, "sokha", "wrong-password", lang="en")
    html = response.content.decode()
    assert "Sign-in paused" in html
    assert "The password was wrong 5 times, for this account or from this" in html
    assert "Please wait 15 minutes" in html


def test_a_locked_account_leaves_others_free_to_sign_in_from_elsewhere(client, user):
    UserFactory(username="dara")
    for _ in range(5):
        sign_in(client, "sokha", "wrong-password")
    other = client.post(
        "/km/accounts/login/",
        {"username": "dara", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.9",
    )
    assert other.status_code == 302


def test_sign_out_refuses_get(client, user):
    client.force_login(user)
    response = client.get("/km/accounts/logout/")
    assert response.status_code == 405
    assert client.session["_auth_user_id"] == str(user.pk)


def test_sign_out_by_post_ends_the_session_and_says_so(client, user):
    client.force_login(user)
    response = client.post("/km/accounts/logout/", follow=True)
    assert response.redirect_chain[0] == ("/km/", 302)
    assert "_auth_user_id" not in client.session
    assert "អ្នកបានចាកចេញពីគណនីរួចហើយ។" in response.content.decode()


def test_sign_out_needs_the_csrf_token(user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post("/km/accounts/logout/")
    assert response.status_code == 403
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.parametrize(
    "url",
    [
        "/km/workspace/",
        "/km/accounts/password/change/",
        "/km/accounts/password/change/done/",
    ],
)
def test_anonymous_users_are_sent_to_sign_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/km/accounts/login/?next={url}"


def test_the_old_workspace_name_leads_to_the_workspace(client, user):
    client.force_login(user)
    response = client.get(reverse("accounts:workspace"))
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace")


def change_password(client, old, new, **options):
    """Post the password change form, the new password typed twice."""
    data = {"old_password": old, "new_password1": new, "new_password2": new}
    return client.post("/km/accounts/password/change/", data, **options)


def test_the_password_change_page_is_in_khmer(client, user):
    client.force_login(user)
    html = client.get("/km/accounts/password/change/").content.decode()
    assert '<html lang="km">' in html
    assert "ប្តូរពាក្យសម្ងាត់របស់អ្នក" in html


def test_a_weak_new_password_is_refused_with_a_khmer_error(client, user):
    client.force_login(user)
    response = change_password(client, PASSWORD, "12345678")
    html = response.content.decode()
    assert response.status_code == 200
    english = "This password is entirely numeric."
    with translation.override("km"):
        khmer = gettext(english)
    assert khmer != english, "Django's password messages have no Khmer yet"
    assert khmer in html
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_password_change_needs_the_old_password(client, user):
    client.force_login(user)
    response = change_password(client, "not-the-old-one", "river-lantern-87-mango")
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_strong_new_password_is_saved_and_the_user_stays_signed_in(client, user):
    client.force_login(user)
    response = change_password(client, PASSWORD, "river-lantern-87-mango", follow=True)
    assert response.redirect_chain[-1][0] == "/km/accounts/password/change/done/"
    assert "ពាក្យសម្ងាត់ត្រូវបានប្តូរ" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("river-lantern-87-mango")
    assert client.session["_auth_user_id"] == str(user.pk)
