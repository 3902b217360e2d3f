"""Content-Security-Policy, Permissions-Policy and Cache-Control on every kind of
response: public pages (stored ones too), downloads, signed-in pages and exports,
the admin; and no inline script or style left in the templates served to browsers."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from communes.tests.factories import UserFactory
from printing.tests.helpers import published_commune_package

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent

ANONYMOUS_PAGES = [
    "/km/",
    "/en/communes/?q=krang",
    "/km/about/",
    "/km/documents/",
    "/km/help/",
    "/km/accounts/login/",
    "/km/accounts/password_reset/",
    "/km/no-such-page/",
]


def directives(response) -> dict[str, set[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: set(values)
        for name, *values in (part.split() for part in header.split(";") if part)
    }


def assert_strict_policy(response):
    policy = directives(response)
    assert policy["default-src"] == {"'self'"}
    assert policy["script-src"] == {"'self'"}
    assert policy["style-src"] == {"'self'"}
    assert policy["object-src"] == {"'none'"}
    assert policy["frame-ancestors"] == {"'none'"}
    assert policy["form-action"] == {"'self'"}
    assert policy["base-uri"] == {"'self'"}
    assert policy["worker-src"] == {"'self'"}
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in permissions
    assert "microphone=(self)" in permissions


@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_every_public_page_kind_has_a_strict_policy(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    assert response["Content-Type"].startswith("text/html")
    assert_strict_policy(response)


def test_a_stored_board_has_the_policy_when_rendered_and_when_read_stored(client):
    package = published_commune_package()
    path = f"/km/communes/{package.provider.commune_id}/{package.year}/"
    first = client.get(path)
    again = client.get(path)  # answered by StoredPageMiddleware
    for response in (first, again):
        assert response.status_code == 200
        assert_strict_policy(response)
        assert response["Cache-Control"] == "public, no-cache"
        assert "Cookie" in response["Vary"]
    assert again.content == first.content


def test_public_downloads_keep_their_public_caching_for_anonymous_readers(client):
    package = published_commune_package()
    base = f"/en/communes/{package.provider.commune_id}/{package.year}"
    for path in (
        f"{base}.csv",
        f"{base}.json",
        f"/en/open-data/i4c/{package.year}.csv",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Cache-Control"] == "public, no-cache", path


def test_a_signed_in_reader_of_a_public_board_gets_a_private_uncached_copy(client):
    package = published_commune_package()
    client.force_login(UserFactory())
    path = f"/km/communes/{package.provider.commune_id}/{package.year}/"
    for response in (client.get(path), client.get(f"{path[:-1]}.csv")):
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert "Cookie" in response["Vary"]


@pytest.mark.parametrize(
    "path",
    ["/km/workspace/", "/en/notifications/", "/km/accounts/password/change/", "/km/"],
)
def test_signed_in_pages_are_private_and_never_stored(client, path):
    client.force_login(UserFactory())
    response = client.get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "Cookie" in response["Vary"]
    assert_strict_policy(response)


def test_a_signed_in_export_is_private_and_never_stored(client, settings, tmp_path):
    from i4c.tests.workbooks import load_small_demo

    settings.MEDIA_ROOT = tmp_path
    load_small_demo()
    client.force_login(get_user_model().objects.get(username="councillor"))
    response = client.get("/km/workspace/i4c/workbook/download/", {"year": 2025})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Cache-Control"] == "private, no-store"


def test_the_admin_is_private_and_under_the_same_policy(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get("/admin/auth/user/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert_strict_policy(response)


def test_static_files_keep_their_caching_for_signed_in_users(client):
    client.force_login(UserFactory())
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


# Templates rendered to PDF only (WeasyPrint), never served to a browser.
PDF_ONLY = ROOT / "templates" / "print"
INLINE = [
    (
        re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>"),
        "script",
    ),
    (re.compile(r"<style\b"), "style block"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I), "event handler"),
    (re.compile(r"javascript:", re.I), "javascript: address"),
]


def test_no_template_served_to_browsers_has_inline_script_or_style():
    found = []
    templates = [
        p for p in ROOT.glob("templates/**/*.html") if PDF_ONLY not in p.parents
    ]
    templates += list(ROOT.glob("*/templates/**/*.html"))
    assert len(templates) > 50
    for template in templates:
        text = template.read_text()
        for pattern, kind in INLINE:
            found += [
                f"{template.relative_to(ROOT)}: {kind}" for _ in pattern.finditer(text)
            ]
    assert found == []


def test_the_dashboard_charts_draw_without_style_attributes():
    source = (ROOT / "dashboard" / "charts.py").read_text()
    assert "style=" not in source
