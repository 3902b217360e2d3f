"""A HEAD request (link checkers, monitors, some proxies) is answered like a GET,
without the body: no page that reads with GET refuses it."""

import pytest

from communes.tests.factories import UserFactory

PUBLIC = ["/km/", "/en/", "/km/about/", "/km/documents/", "/km/communes/", "/km/help/"]


@pytest.mark.django_db
@pytest.mark.parametrize("address", PUBLIC)
def test_a_public_page_answers_head_as_it_answers_get(client, address):
    got = client.get(address)
    head = client.head(address)
    assert got.status_code == 200
    assert head.status_code == 200
    assert head["Content-Type"] == got["Content-Type"]
    assert head.content == b""


@pytest.mark.django_db
def test_a_signed_in_page_answers_head(client):
    client.force_login(UserFactory())
    assert client.head("/km/workspace/").status_code == 200
