"""Public pages are stored documents: one query to read, ETag and 304, gzip, and
never the version before a publish."""

import gzip

import pytest
from django.test import TestCase

from i4c import services
from i4c.models import BudgetLine, Package
from isaf import pagestore
from isaf.models import StoredPage
from isaf.pages import scope_generation, scope_paths

from .factories import CommuneAdministrationFactory, reviewer_for
from .helpers import full_commune_package, publish_directly

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    administration = CommuneAdministrationFactory()
    package = full_commune_package(provider=administration, year=2025)
    publish_directly(package)
    return package


def correct_and_publish(package, amount=7_777_777, commit=None):
    """A correction through the review service, its on-commit jobs run."""
    Package.objects.filter(pk=package.pk).update(status=Package.Status.SUBMITTED)
    package.refresh_from_db()
    BudgetLine.objects.filter(package=package, category="own_source").update(
        actual=amount
    )
    with commit() if commit else TestCase.captureOnCommitCallbacks(execute=True):
        services.package_publish(package=package, user=reviewer_for(), reason="Typo")


def board(package, lang="en"):
    return f"/{lang}/communes/{package.provider.commune_id}/{package.year}/"


def test_a_page_never_stored_is_stored_on_its_first_read(client, published):
    path = board(published)
    assert not StoredPage.objects.filter(path=path).exists()
    first = client.get(path)
    assert first.status_code == 200
    stored = StoredPage.objects.get(path=path)
    assert bytes(stored.body) == first.content
    assert stored.scope_id == f"commune:{published.provider.commune_id}"


def test_a_stored_page_costs_one_query(client, published, django_assert_num_queries):
    path = board(published)
    first = client.get(path).content
    with django_assert_num_queries(1):
        again = client.get(path)
    assert again.status_code == 200
    assert again.content == first


def test_a_reader_who_has_the_page_gets_304_until_a_publish(client, published):
    path = board(published)
    first = client.get(path)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert first["Cache-Control"] == "public, no-cache"
    assert client.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304

    correct_and_publish(published)
    after = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert after.status_code == 200
    assert after["ETag"] != etag
    assert "7,777,777 riel" in after.content.decode()


def test_a_phone_that_accepts_gzip_gets_the_page_compressed(client, published):
    path = board(published)
    plain = client.get(path)
    packed = client.get(path, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 3
    assert "Content-Encoding" not in plain


def test_a_publish_stores_every_page_it_changes_in_both_languages(
    client, published, eager
):
    code = published.provider.commune_id
    # The job runs in this process, as with no broker.
    correct_and_publish(published, commit=eager)
    stored = set(StoredPage.objects.values_list("path", flat=True))
    for lang in ("km", "en"):
        assert f"/{lang}/communes/{code}/" in stored
        assert f"/{lang}/communes/{code}/2025/" in stored
        assert f"/{lang}/communes/{code}/2025.csv" in stored
        assert f"/{lang}/communes/{code}/2025.json" in stored
        assert f"/{lang}/open-data/i4c/2025.csv" in stored
    english = StoredPage.objects.get(path=f"/en/communes/{code}/2025/")
    assert "7,777,777 riel" in bytes(english.body).decode()
    assert "Version 2" in bytes(english.body).decode()


def test_a_page_rendered_before_a_publish_is_never_served_after_it(client, published):
    path = board(published)
    scope = f"commune:{published.provider.commune_id}"
    # A reader starts rendering (reads the generation, then the old data) ...
    generation = scope_generation(scope)
    old = client.get(path, HTTP_COOKIE="")  # the old page, as the reader rendered it
    StoredPage.objects.all().delete()
    # ... a reviewer publishes meanwhile ...
    correct_and_publish(published)
    StoredPage.objects.all().delete()
    # ... and the reader stores the old page after the commit.
    pagestore.page_save(path=path, scope=scope, generation=generation, response=old)
    assert pagestore.page_load(path, wants_gzip=False) is None
    assert "7,777,777 riel" in client.get(path).content.decode()


def test_signed_in_readers_and_query_strings_get_a_fresh_page(client, published):
    path = board(published)
    client.get(path)
    stored = StoredPage.objects.get(path=path)
    StoredPage.objects.filter(path=path).update(body=b"stale bytes")
    assert client.get(path + "?utm=poster").content != b"stale bytes"
    client.force_login(reviewer_for())
    signed_in = client.get(path)
    assert signed_in.content != b"stale bytes"
    assert "ETag" not in signed_in
    assert stored.scope_id.startswith("commune:")


def test_a_page_too_large_for_a_row_is_kept_as_a_file(
    client, published, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.PUBLIC_PAGES_INLINE_MAX = 100
    path = "/en/open-data/i4c/2025.csv"
    first = client.get(path)
    body = b"".join(first.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # the CSV, whole
    stored = StoredPage.objects.get(path=path)
    assert stored.file_name and bytes(stored.body) == b""
    again = client.get(path)
    assert b"".join(again.streaming_content) == body
    packed = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(b"".join(packed.streaming_content)) == body
    assert again["Content-Disposition"] == first["Content-Disposition"]
    settings.PUBLIC_PAGES_ACCEL_REDIRECT = "/_stored/"
    by_nginx = client.get(path)
    assert by_nginx["X-Accel-Redirect"] == f"/_stored/{stored.file_name}"


def test_a_commune_scope_names_its_boards_and_open_data(published):
    code = published.provider.commune_id
    paths = scope_paths(f"commune:{code}")
    assert f"/km/communes/{code}/" in paths
    assert f"/en/communes/{code}/2025.json" in paths
