"""Sign-in lockout by account across addresses and by address across accounts, and
the client's address read from X-Forwarded-For only behind trusted proxies
(isaf/clientip.py), for the lockout and the password-reset limit alike."""

import pytest
from django.core import mail
from django.test import Client, RequestFactory

from communes.tests.factories import UserFactory
from isaf.clientip import client_ip

PASSWORD = "a-long-test-password"
LOGIN = "/km/accounts/login/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def sokha(db):
    return UserFactory(username="sokha", email="sokha@example.org")


def attempt(username, password, **meta):
    """One sign-in from a fresh browser (no shared cookies), as `meta` says."""
    return Client().post(LOGIN, {"username": username, "password": password}, **meta)


def test_five_wrong_guesses_from_five_addresses_lock_the_account(sokha):
    for n in range(5):
        attempt("sokha", "wrong-password", REMOTE_ADDR=f"198.51.100.{n + 1}")
    locked = attempt("sokha", PASSWORD, REMOTE_ADDR="198.51.100.77")
    assert locked.status_code == 429
    assert "ការចូលគណនីត្រូវបានផ្អាក" in locked.content.decode()


def test_guessing_many_accounts_from_one_address_locks_the_address(sokha):
    for n in range(5):
        attempt(f"someone{n}", "wrong-password", REMOTE_ADDR="198.51.100.5")
    assert attempt("sokha", PASSWORD, REMOTE_ADDR="198.51.100.5").status_code == 429
    # The account itself is not locked: its owner signs in from elsewhere.
    assert attempt("sokha", PASSWORD, REMOTE_ADDR="198.51.100.6").status_code == 302


def test_behind_one_proxy_two_people_are_not_locked_together(settings, sokha):
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(username="dara")
    proxy = "10.0.0.2"
    for _ in range(5):
        attempt(
            "sokha",
            "wrong-password",
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR="203.0.113.10",
        )
    dara = attempt(
        "dara", PASSWORD, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.20"
    )
    assert dara.status_code == 302


def test_with_no_trusted_proxy_a_forged_forwarded_address_is_ignored(settings, sokha):
    settings.TRUSTED_PROXY_COUNT = 0
    # An attacker writes a new X-Forwarded-For each time to dodge the address lock.
    for n in range(5):
        attempt(
            f"someone{n}",
            "wrong-password",
            REMOTE_ADDR="198.51.100.5",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n + 1}",
        )
    again = attempt(
        "sokha", PASSWORD, REMOTE_ADDR="198.51.100.5", HTTP_X_FORWARDED_FOR="192.0.2.99"
    )
    assert again.status_code == 429


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "10.0.0.2"),
        (1, "", "10.0.0.2"),
        (1, "203.0.113.10", "203.0.113.10"),
        # Whatever the client wrote comes first; the proxy appended the truth.
        (1, "192.0.2.66, 203.0.113.10", "203.0.113.10"),
        (2, "192.0.2.66, 203.0.113.10, 10.0.0.1", "203.0.113.10"),
        (2, "203.0.113.10", "10.0.0.2"),
        (1, "not-an-address", "10.0.0.2"),
    ],
)
def test_the_client_address_is_read_from_trusted_proxies_only(
    settings, count, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = count
    meta = {"REMOTE_ADDR": "10.0.0.2"}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_ip(RequestFactory().get("/", **meta)) == expected


def test_the_reset_limit_per_address_counts_people_behind_a_proxy_apart(
    settings, sokha
):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.PASSWORD_RESET_LIMIT_PER_IP = 2
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 100
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    def ask(forwarded):
        return Client().post(
            "/km/accounts/password_reset/",
            {"email": "sokha@example.org"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    assert [ask("203.0.113.10").status_code for _ in range(3)] == [302, 302, 429]
    assert ask("203.0.113.20").status_code == 302
    assert len(mail.outbox) == 3


def test_a_success_from_a_shared_address_clears_its_count(sokha):
    """An office behind one address: typos by several people add up only until
    someone signs in, so a workshop is not locked out by its own slips."""
    UserFactory(username="dara")
    office = {"REMOTE_ADDR": "198.51.100.8"}
    for _ in range(4):
        attempt("dara", "wrong-password", **office)
    assert attempt("sokha", PASSWORD, **office).status_code == 302
    for _ in range(4):
        attempt("dara", "wrong-password", **office)
    assert attempt("dara", PASSWORD, **office).status_code == 302
