"""Accounts people run themselves: password reset by e-mail (in Khmer), invitations
with a one-time link, deactivation, settings, and the audit of every role change."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from communes.models import Role
from communes.tests import factories as cf
from isaf.models import AuditEntry
from notifications.services import messages_sweep, preference_for

pytestmark = pytest.mark.django_db
User = get_user_model()


def link_in(text: str) -> str:
    return re.search(r"https?://\S+/accounts/reset/\S+/", text).group(0)


def test_a_forgotten_password_is_reset_from_the_sign_in_page_in_khmer(
    client, smtp_server
):
    user = cf.UserFactory(username="sokha", email="sokha@example.org")
    login = client.get("/km/accounts/login/").content.decode()
    assert reverse("accounts:password_reset") in login
    assert reverse("accounts:password_reset").startswith("/km/")

    response = client.post(
        "/km/accounts/password_reset/", {"email": "sokha@example.org"}
    )
    assert response.status_code == 302

    (mail,) = smtp_server.to("sokha@example.org")
    text = smtp_server.text(mail)
    assert re.search("[\u1780-\u17ff]", str(mail["Subject"]))  # a Khmer subject
    link = link_in(text)
    assert "/km/accounts/reset/" in link
    path = link.split("://", 1)[1].split("/", 1)[1]
    form = client.get("/" + path, follow=True)
    assert form.status_code == 200
    client.post(
        form.redirect_chain[-1][0],
        {
            "new_password1": "ស្រូវ-new-password-42",
            "new_password2": "ស្រូវ-new-password-42",
        },
    )
    user.refresh_from_db()
    assert user.check_password("ស្រូវ-new-password-42")


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, smtp_server):
    response = client.post(
        "/km/accounts/password_reset/", {"email": "nobody@example.org"}
    )
    assert response.status_code == 302
    assert smtp_server.messages == []


def test_the_secretariat_invites_a_user_who_sets_their_password_once(
    client, smtp_server, eager
):
    ncdd = cf.user_with_role(
        "ncdd",
        kind=Role.Kind.SECRETARIAT,
        user_fields={"is_staff": True, "is_superuser": True},
    )
    invitee = cf.UserFactory(username="dara", email="dara@example.org")
    invitee.set_unusable_password()
    invitee.save()
    client.force_login(ncdd)
    client.post(
        "/admin/auth/user/",
        {"action": "invite", "_selected_action": [invitee.pk]},
    )
    messages_sweep()
    (mail,) = smtp_server.to("dara@example.org")
    link = link_in(smtp_server.text(mail))
    assert "dara" in smtp_server.text(mail)
    assert AuditEntry.objects.filter(action="accounts.invite", user=ncdd).exists()

    client.logout()
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    form = client.get(path, follow=True)
    set_url = form.redirect_chain[-1][0]
    client.post(
        set_url,
        {"new_password1": "a-fresh-pass-9876", "new_password2": "a-fresh-pass-9876"},
    )
    invitee.refresh_from_db()
    assert invitee.check_password("a-fresh-pass-9876")
    # The link works once.
    again = client.get(path, follow=True).content.decode()
    assert 'name="new_password1"' not in again


def test_only_the_secretariat_may_invite(smtp_server):
    from django.core.exceptions import PermissionDenied

    from notifications.invitations import user_invite

    reviewer = cf.user_with_role(kind=Role.Kind.REVIEWER)
    with pytest.raises(PermissionDenied):
        user_invite(user=cf.UserFactory(email="x@example.org"), by=reviewer)


def test_the_user_list_shows_last_sign_in_and_deactivates(client):
    ncdd = cf.user_with_role(
        "ncdd",
        kind=Role.Kind.SECRETARIAT,
        user_fields={"is_staff": True, "is_superuser": True},
    )
    leaver = cf.UserFactory(username="leaver")
    client.force_login(ncdd)
    page = client.get(
        "/en/admin/auth/user/" if False else "/admin/auth/user/"
    ).content.decode()
    assert "column-last_login" in page
    client.post(
        "/admin/auth/user/", {"action": "deactivate", "_selected_action": [leaver.pk]}
    )
    leaver.refresh_from_db()
    assert not leaver.is_active
    assert AuditEntry.objects.filter(
        action="accounts.deactivate", object_id=str(leaver.pk)
    ).exists()


def test_every_change_of_role_or_scope_is_audited(client):
    ncdd = cf.user_with_role(
        "ncdd",
        kind=Role.Kind.SECRETARIAT,
        user_fields={"is_staff": True, "is_superuser": True},
    )
    province = cf.ProvinceFactory(code="11")
    other = cf.ProvinceFactory(code="02")
    reviewer = cf.user_with_role("rev", kind=Role.Kind.REVIEWER, province=province)
    role = Role.objects.get(user=reviewer)
    client.force_login(ncdd)
    response = client.post(
        f"/admin/communes/role/{role.pk}/change/",
        {"user": reviewer.pk, "kind": "reviewer", "province": other.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(
        action="communes.roles.change", object_id=str(reviewer.pk)
    )
    assert entry.user == ncdd
    assert entry.changes == {
        "roles": [["reviewer province=11"], ["reviewer province=02"]]
    }


def test_a_user_sets_their_language_email_and_channels(client):
    user = cf.UserFactory(email="old@example.org")
    client.force_login(user)
    response = client.post(
        "/km/notifications/",
        {"language": "en", "email": "new@example.org", "by_email": "on"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    preference = preference_for(user)
    preference.refresh_from_db()
    assert (user.email, preference.language) == ("new@example.org", "en")
    assert preference.by_email and not preference.by_telegram
    assert AuditEntry.objects.filter(action="notifications.preference.update").exists()


def test_the_notifications_page_needs_a_sign_in(client):
    response = client.get("/km/notifications/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_password_reset_requests_are_limited_per_address_with_a_translated_message(
    client, smtp_server
):
    cf.UserFactory(username="sokha", email="sokha@example.org")
    for _ in range(3):
        response = client.post(
            "/km/accounts/password_reset/", {"email": "Sokha@example.org"}
        )
        assert response.status_code == 302
    response = client.post(
        "/km/accounts/password_reset/", {"email": "sokha@example.org"}
    )
    assert response.status_code == 429
    page = response.content.decode()
    assert "ស្នើសុំតំណភ្ជាប់ច្រើនដងពេក" in page
    assert 'aria-invalid="true"' in page
    assert len(smtp_server.to("sokha@example.org")) == 3


def test_password_reset_requests_are_limited_per_ip_address(client, smtp_server):
    for number in range(10):
        response = client.post(
            "/en/accounts/password_reset/", {"email": f"n{number}@example.org"}
        )
        assert response.status_code == 302
    response = client.post(
        "/en/accounts/password_reset/", {"email": "another@example.org"}
    )
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()


def test_password_reset_works_when_the_cache_does_not_answer(
    client, smtp_server, settings
):
    from .fakes import free_port

    # Nothing listens on that port: every cache call fails (settings resets caches).

    settings.CACHES = {
        "default": {
            "BACKEND": "isaf.cache.TolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    cf.UserFactory(username="sokha", email="sokha@example.org")
    for _ in range(5):
        response = client.post(
            "/km/accounts/password_reset/", {"email": "sokha@example.org"}
        )
        assert response.status_code == 302
    assert len(smtp_server.to("sokha@example.org")) == 5


def test_an_email_address_of_another_account_is_refused_beside_the_field(client):
    cf.UserFactory(username="dara", email="dara@example.org")
    user = cf.UserFactory(email="old@example.org")
    client.force_login(user)
    response = client.post(
        "/km/notifications/",
        {"language": "km", "email": "Dara@Example.org", "by_email": "on"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "អាសយដ្ឋានអ៊ីមែលនេះជារបស់គណនីផ្សេងរួចហើយ" in page
    assert 'aria-invalid="true"' in page
    user.refresh_from_db()
    assert user.email == "old@example.org"


def test_a_bad_email_address_gets_a_translated_error_beside_the_field(client):
    user = cf.UserFactory(email="old@example.org")
    client.force_login(user)
    response = client.post(
        "/km/notifications/", {"language": "km", "email": "not an e-mail"}
    )
    assert response.status_code == 200
    assert "សូមបញ្ចូលអាសយដ្ឋានអ៊ីមែលដែលត្រឹមត្រូវ" in response.content.decode()


def test_an_invitee_whose_link_expired_gets_a_new_one_from_forgot_password(
    client, smtp_server
):
    """Invited users have no password until they choose one (the admin's
    "password-based sign-in off"): forgetting the invitation must not lock them out."""
    user = cf.UserFactory(username="dara", email="dara@example.org")
    user.set_unusable_password()
    user.save()
    response = client.post(
        "/km/accounts/password_reset/", {"email": "dara@example.org"}
    )
    assert response.status_code == 302
    (mail,) = smtp_server.to("dara@example.org")
    assert "/km/accounts/reset/" in link_in(smtp_server.text(mail))


def test_a_deactivated_user_gets_no_reset_link(client, smtp_server):
    cf.UserFactory(username="dara", email="dara@example.org", is_active=False)
    response = client.post(
        "/km/accounts/password_reset/", {"email": "dara@example.org"}
    )
    assert response.status_code == 302
    assert smtp_server.messages == []
