"""The portal's public addresses (DESIGN, "Public address contract") kept their
place when the pages moved into the portal app."""

import pytest
from django.urls import resolve, reverse

from communes.tests.factories import CommuneFactory
from isaf.khmer import to_khmer_digits

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "kwargs", "address"),
    [
        ("home", {}, "/km/"),
        ("workspace", {}, "/km/workspace/"),
        ("pages:about", {}, "/km/about/"),
        ("pages:documents", {}, "/km/documents/"),
        ("commune-page", {"code": "110401"}, "/km/communes/110401/"),
    ],
)
def test_each_portal_page_keeps_its_public_address(name, kwargs, address):
    assert reverse(name, kwargs=kwargs) == address
    assert resolve(address).view_name == name


@pytest.mark.parametrize("address", ["/km/", "/en/", "/km/about/", "/en/documents/"])
def test_the_public_portal_pages_answer_at_their_addresses(client, address):
    assert client.get(address).status_code == 200


def test_the_root_still_opens_the_khmer_home(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/km/"


def test_the_workspace_address_asks_a_visitor_to_sign_in(client):
    response = client.get("/en/workspace/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/workspace/"


def test_the_commune_address_is_the_portals_commune_page(client):
    commune = CommuneFactory()
    response = client.get(f"/en/communes/{commune.code}/")
    assert response.status_code == 200
    assert "portal/commune_page.html" in [t.name for t in response.templates]


def test_a_commune_code_in_khmer_digits_leads_to_the_ascii_address(client):
    commune = CommuneFactory()
    response = client.get(f"/km/communes/{to_khmer_digits(commune.code)}/")
    assert response.status_code == 301
    assert response["Location"] == f"/km/communes/{commune.code}/"


def test_an_unknown_commune_is_not_found(client):
    assert client.get("/en/communes/999999/").status_code == 404
