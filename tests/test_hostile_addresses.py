"""Hostile addresses and query strings, on every route of the URL resolver.

Each route is tried with NUL, invalid UTF-8, an RTL override and a path trick in
every parameter it takes, and every route without parameters with hostile query
parameters (the finder's ``q``, the dashboard's filters, years and pages), as an
anonymous reader and as the secretariat: none may answer 500. A query string
that is not UTF-8 is refused with a page that says so in Khmer; the finder reads
SQL and LIKE characters literally.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from communes.models import Role
from communes.tests.factories import CommuneFactory, user_with_role
from tests import quality
from tests.hostile import SQL, XSS

pytestmark = pytest.mark.django_db

SEGMENTS = ["%00", "a%00b", "%ff", "%C0%AF", "%E2%80%AE", "..%2F..%2Fetc", "1%00"]
QUERIES = [
    "q=%00&year=%00&page=%00&category=%00&province=%00&district=%00&cycle=%00",
    "q=a%00b&year=9999999999999999999999&page=-1&lang=%E2%80%AE",
    "year=" + "9" * 4301 + "&page=1e5&cycle=NaN",
    "q=" + "ក" * 5000,
]
_CONVERTER = re.compile(r"<(?:(?P<kind>\w+):)?\w+>")


def _routes(patterns, prefix="") -> list[str]:
    found = []
    for pattern in patterns:
        kind = type(pattern.pattern).__name__
        part = "km/" if kind == "LocalePrefixPattern" else str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if part.startswith("admin/"):
                continue
            found += _routes(pattern.url_patterns, prefix + part)
        elif isinstance(pattern, URLPattern):
            found.append(prefix + part)
    return found


ROUTES = _routes(get_resolver().url_patterns)


def _filled(route: str, segment: str) -> str:
    # An int takes digits only: the hostile segment goes in every other part.
    return "/" + _CONVERTER.sub(
        lambda m: "1" if m["kind"] == "int" else segment, route
    ).lstrip("^").rstrip("$")


@pytest.fixture
def readers(db):
    anonymous = Client(raise_request_exception=False)
    secretariat = Client(raise_request_exception=False)
    secretariat.force_login(user_with_role("ncdd", kind=Role.Kind.SECRETARIAT))
    return [anonymous, secretariat]


def test_the_routes_are_found():
    assert len(ROUTES) > 50
    assert "km/communes/<str:code>/" in ROUTES


def test_no_route_answers_500_to_a_hostile_address_or_query(readers):
    tried, errors = 0, []
    with_parameters = [r for r in ROUTES if _CONVERTER.search(r)]
    plain = [r for r in ROUTES if not _CONVERTER.search(r)]
    for client in readers:
        for route in with_parameters:
            for segment in SEGMENTS:
                tried += 1
                url = _filled(route, segment)
                if client.get(url).status_code >= 500:
                    errors.append(url)
        for route in plain:
            for query in QUERIES:
                tried += 1
                url = f"/{route}?{query}"
                if client.get(url).status_code >= 500:
                    errors.append(url[:120])
    quality.record("hostile.tried", tried)
    quality.record("hostile.server_errors", len(errors))
    assert errors == []


def test_an_address_with_a_nul_is_a_page_that_does_not_exist(client):
    assert client.get("/km/communes/%00/").status_code == 404
    assert client.get("/km/providers/HC%00/").status_code == 404


@pytest.mark.parametrize(
    "query", ["q=%ff", "q=%C0%AF", "q=ok&%ff=1", "q=%ED%A0%80"], ids=str
)
def test_a_query_that_is_not_utf8_is_refused_with_a_khmer_page(client, query):
    response = client.get(f"/km/communes/?{query}")
    quality.record("hostile.tried")
    assert response.status_code == 400
    assert "មិនអាចអានសំណើនេះបានទេ" in response.content.decode()


def test_a_form_body_that_is_not_utf8_is_refused_not_stored(client):
    response = client.post(
        "/km/accounts/login/",
        b"username=a%ffb&password=x",
        content_type="application/x-www-form-urlencoded",
    )
    quality.record("hostile.tried")
    assert response.status_code == 400
    assert "UTF-8" in response.content.decode()


@pytest.fixture
def places(db):
    return [
        CommuneFactory(name_latin="Krang Teh", name_km="ក្រាំងតេះ"),
        CommuneFactory(name_latin="Sre Ampil", name_km="ស្រែអំពិល"),
    ]


@pytest.mark.parametrize("typed", [*SQL, "a%", "%_%", "\\%", "100%"], ids=repr)
def test_the_finder_reads_sql_and_like_characters_literally(client, places, typed):
    response = client.get("/km/communes/", {"q": typed})
    quality.record("hostile.tried")
    assert response.status_code == 200
    # «%» or «_» as wildcards would list every place.
    assert response.context["matches"] == []
    quality.record("hostile.accepted_wrongly", 0)


@pytest.mark.parametrize("typed", XSS, ids=repr)
def test_the_finder_shows_a_query_with_markup_escaped(client, places, typed):
    response = client.get("/en/communes/", {"q": typed})
    quality.record("hostile.tried")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<svg/onload" not in html


def test_the_finder_still_finds_a_place_around_a_nul(client, places):
    response = client.get("/en/communes/?q=krang%00teh")
    assert response.status_code in (200, 302)
