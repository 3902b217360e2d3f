"""A deploy that changes how pages look (code, templates, catalogues, stylesheets)
makes every page stored before it stale: none is served after the new release's
`migrate`, and each is stored again, by the new release, on its first read."""

import pytest
from django.core.management import call_command

from isaf import release
from isaf.models import PageScope, StoredPage
from isaf.pages import RELEASE_KEY, pages_release_check

from .factories import CommuneAdministrationFactory
from .helpers import full_commune_package, publish_directly

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored_board(client):
    package = full_commune_package(provider=CommuneAdministrationFactory(), year=2025)
    publish_directly(package)
    path = f"/km/communes/{package.provider.commune_id}/2025/"
    assert client.get(path).status_code == 200
    assert StoredPage.objects.filter(path=path).exists()
    return path


def older_release():
    PageScope.objects.filter(key=RELEASE_KEY).update(
        generation=release.release_number() - 1
    )


def test_migrate_records_the_release_the_pages_are_stored_under(stored_board):
    call_command("migrate", verbosity=0)
    assert PageScope.objects.get(key=RELEASE_KEY).generation == (
        release.release_number()
    )
    # The same release migrating again keeps its pages.
    assert StoredPage.objects.filter(path=stored_board).exists()


def test_pages_stored_by_an_older_release_are_forgotten_at_migrate(
    client, stored_board
):
    older_release()
    call_command("migrate", verbosity=0)
    assert not StoredPage.objects.exists()
    again = client.get(stored_board)
    assert again.status_code == 200
    assert StoredPage.objects.filter(path=stored_board).exists()


def test_render_public_pages_forgets_an_older_releases_pages_once(stored_board):
    older_release()
    assert pages_release_check() is True
    assert not StoredPage.objects.exists()
    assert pages_release_check() is False


def test_the_release_number_moves_when_a_template_or_stylesheet_changes(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "board.html").write_text("<h1>{{ commune }}</h1>")
    (templates / "site.css").write_text("h1 { color: #123; }")
    first = release.fingerprint([templates])
    assert release.fingerprint([templates]) == first
    (templates / "site.css").write_text("h1 { color: #124; }")
    second = release.fingerprint([templates])
    assert second != first
    (templates / "tests").mkdir()
    (templates / "tests" / "test_board.py").write_text("assert True")
    assert release.fingerprint([templates]) == second
    assert 0 <= second < 2**63
