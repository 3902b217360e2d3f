"""Friendly error pages in both languages, as production serves them (DEBUG off:
the test client always runs with DEBUG off)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory, override_settings
from django.urls import path
from django.utils import translation
from django.views.defaults import server_error

from communes.tests.factories import UserFactory
from isaf.urls import urlpatterns as site_urls


def _forbidden(request):
    raise PermissionDenied


def _broken(request):
    raise RuntimeError("a bug")


# The site's addresses, and two that fail, in the language prefix as pages are.
urlpatterns = [
    *site_urls,
    path("km/forbidden/", _forbidden),
    path("en/forbidden/", _forbidden),
    path("km/broken/", _broken),
]

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("address", "heading"),
    [
        ("/km/no-such-page/", "រកមិនឃើញទំព័រនេះទេ"),
        ("/en/no-such-page/", "Page not found"),
        ("/km/communes/999999/", "រកមិនឃើញទំព័រនេះទេ"),
    ],
)
def test_a_missing_page_says_so_in_the_page_language(client, address, heading):
    response = client.get(address)
    assert response.status_code == 404
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page
    # The site's own layout: the way home and the main navigation.
    assert 'class="site-header"' in page and 'href="/' in page
    assert "Django" not in page


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.parametrize(
    ("address", "heading"),
    [
        ("/km/forbidden/", "អ្នកមិនអាចបើកទំព័រនេះបានទេ"),
        ("/en/forbidden/", "You may not open this page"),
    ],
)
def test_a_forbidden_page_explains_itself_in_the_page_language(
    client, address, heading
):
    client.force_login(UserFactory())
    response = client.get(address)
    assert response.status_code == 403
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert "403 Forbidden" not in page
    assert 'class="site-header"' in page


@override_settings(ROOT_URLCONF=__name__)
def test_a_server_error_shows_the_friendly_page(client):
    client.raise_request_exception = False
    response = client.get("/km/broken/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "<h1>មានបញ្ហានៅម៉ាស៊ីនមេ</h1>" in page
    assert 'lang="km"' in page


@pytest.mark.django_db(databases=[])
@pytest.mark.parametrize(
    ("lang", "heading"), [("km", "មានបញ្ហានៅម៉ាស៊ីនមេ"), ("en", "Server error")]
)
def test_the_server_error_page_needs_no_database(lang, heading):
    """The database may be what failed: the page renders with it out of reach
    (any query would fail this test) and without context processors."""
    request = RequestFactory().get(f"/{lang}/")
    with translation.override(lang):
        response = server_error(request)
    page = response.content.decode()
    assert response.status_code == 500
    assert f"<h1>{heading}</h1>" in page
    assert f'href="/{lang}/"' in page


@override_settings(DEBUG=True)
def test_make_run_shows_the_friendly_missing_page_too(client):
    """`make run` serves with DEBUG on: citizens still get the site's page, not
    Django's list of URL patterns."""
    response = client.get("/km/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "<h1>រកមិនឃើញទំព័រនេះទេ</h1>" in page
    assert "URLconf" not in page


@pytest.mark.django_db(databases=[])
def test_the_server_error_page_needs_no_static_manifest(settings, tmp_path):
    """A deployment whose collected static files are missing or stale must still
    show the friendly page, not fail while drawing it."""
    settings.STATIC_ROOT = tmp_path  # collected nothing: no manifest
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
        },
    }
    with translation.override("km"):
        response = server_error(RequestFactory().get("/km/"))
    assert "<h1>មានបញ្ហានៅម៉ាស៊ីនមេ</h1>" in response.content.decode()
