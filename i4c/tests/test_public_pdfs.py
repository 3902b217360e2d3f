"""Posters and booklets for anyone, at the addresses of the contract: published
versions only, stored once per version, served with an ETag."""

import subprocess

import pytest
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from i4c import services
from i4c.models import Package, Project
from i4c.posters import BOOKLET, COMMUNE_A2, COMMUNE_A3, PROVIDER_POSTER
from i4c.tests.factories import CommuneAdministrationFactory, reviewer_for
from i4c.tests.helpers import full_commune_package, publish_directly
from printing import public
from printing.models import PrintJob, PublicFile
from printing.tests.helpers import (
    khmer_commune,
    pdf_info,
    published_commune_package,
    published_health_centre_package,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def _pdf(response) -> bytes:
    return b"".join(response.streaming_content)


def _text(tmp_path, data: bytes) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _pages(tmp_path, data: bytes) -> dict:
    path = tmp_path / "info.pdf"
    path.write_bytes(data)
    return pdf_info(path)


def _address(commune_code, year=2025, name="poster-a3", lang="en"):
    return f"/{lang}/communes/{commune_code}/{year}/{name}.pdf"


@pytest.fixture
def package():
    return published_commune_package()


def test_anyone_downloads_the_a3_poster_of_a_published_commune(
    client, package, tmp_path
):
    code = package.provider.commune_id
    response = client.get(_address(code))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"isaf-{code}-2025-v1-a3-en.pdf" in disposition
    assert response["ETag"].startswith('"') and response["Last-Modified"]
    data = _pdf(response)
    assert data.startswith(b"%PDF")
    info = _pages(tmp_path, data)
    assert info["pages"] == 1
    assert round(info["width_mm"]) == 297
    # Stored at its key: the next reader gets the same file, not a new render.
    row = PublicFile.objects.get(document=COMMUNE_A3, code=code, year=2025, lang="en")
    assert row.version == 1 and row.size == len(data)
    assert row.file.startswith(f"public/{COMMUNE_A3}/{code}/2025/en/v1-")


def test_the_a2_poster_and_the_booklet_have_their_sizes(client, package, tmp_path):
    code = package.provider.commune_id
    a2 = _pages(tmp_path, _pdf(client.get(_address(code, name="poster-a2"))))
    assert (round(a2["width_mm"]), a2["pages"]) == (420, 1)
    response = client.get(_address(code, name="booklet", lang="km"))
    assert response.status_code == 200
    booklet = _pages(tmp_path, _pdf(response))
    assert round(booklet["width_mm"]) == 148 and booklet["pages"] >= 4


def test_a_second_read_is_served_from_storage_and_revalidates_with_a_304(
    client, package, monkeypatch
):
    address = _address(package.provider.commune_id)
    first = client.get(address)
    _pdf(first)

    def no_render(**kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr("i4c.views.public_pdfs.public_file_render", no_render)
    again = client.get(address)
    assert again.status_code == 200 and again["ETag"] == first["ETag"]
    _pdf(again)
    cached = client.get(address, HTTP_IF_NONE_MATCH=first["ETag"])
    assert cached.status_code == 304
    assert cached["ETag"] == first["ETag"]
    assert not cached.content


@pytest.mark.parametrize(
    "address",
    [
        _address("110401", year=2025),  # no such commune in this database
        _address("{code}", year=2024),  # a year with nothing published
        _address("{code}", name="poster-a4"),
        _address("{code}", name="booklet-a5"),
        "/en/communes/{code}/2025/poster-a3.PDF",
        "/en/providers/NOPE/2025/poster-a3.pdf",
        "/en/providers/{provider}/2025/poster-a3.pdf",  # a commune's, not a provider's
    ],
)
def test_an_address_with_nothing_published_is_not_found(client, package, address):
    address = address.format(
        code=package.provider.commune_id, provider=package.provider.code
    )
    assert client.get(address).status_code == 404
    assert not PublicFile.objects.exists()


def test_a_draft_is_never_served_for_its_own_or_another_communes_code(
    client, package, tmp_path
):
    # Another commune has only a draft, with a project nobody may read yet.
    other = CommuneAdministrationFactory(commune=khmer_commune(name_latin="Other"))
    draft = full_commune_package(provider=other, year=2025)
    Project.objects.filter(package=draft).update(name="Secret draft road")
    for name in ("poster-a3", "poster-a2", "booklet"):
        assert client.get(_address(other.commune_id, name=name)).status_code == 404
    # A submitted package is not published either.
    Package.objects.filter(pk=draft.pk).update(status=Package.Status.SUBMITTED)
    assert client.get(_address(other.commune_id)).status_code == 404

    # The published commune edits its draft after publishing: its poster still
    # shows the published version.
    Project.objects.filter(package=package).update(name="Unpublished draft road")
    Package.objects.filter(pk=package.pk).update(status=Package.Status.DRAFT)
    text = _text(tmp_path, _pdf(client.get(_address(package.provider.commune_id))))
    assert "Laterite road" in text
    assert "Unpublished draft road" not in text and "Secret draft road" not in text


def test_a_correction_is_a_new_version_with_new_bytes(client, package, tmp_path):
    address = _address(package.provider.commune_id)
    first = client.get(address)
    first_bytes = _pdf(first)
    Project.objects.filter(package=package, name="Laterite road 0").update(
        name="Corrected bridge"
    )
    publish_directly(package, reason="Project name corrected")
    second = client.get(address, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]
    second_bytes = _pdf(second)
    assert second_bytes != first_bytes
    assert "-v2-a3-en.pdf" in second["Content-Disposition"]
    assert "Corrected bridge" in _text(tmp_path, second_bytes)
    # The first version's file is kept, never overwritten.
    versions = PublicFile.objects.filter(document=COMMUNE_A3).order_by("version")
    assert [row.version for row in versions] == [1, 2]
    assert default_storage.exists(versions[0].file)


def test_publishing_stores_the_posters_and_booklet_in_both_languages(eager):
    package = published_commune_package()
    Package.objects.filter(pk=package.pk).update(status=Package.Status.SUBMITTED)
    package.refresh_from_db()
    with eager():
        with transaction.atomic():
            services.package_publish(
                package=package, user=reviewer_for(), reason="Second version"
            )
    stored = set(
        PublicFile.objects.values_list("document", "lang", "version", "year", "code")
    )
    code = package.provider.commune_id
    assert stored == {
        (document, lang, 2, 2025, code)
        for document in (COMMUNE_A3, COMMUNE_A2, BOOKLET)
        for lang in ("km", "en")
    }
    assert set(PrintJob.objects.values_list("status", flat=True)) == {"done"}


def test_a_health_centres_poster_is_at_the_providers_address(client, package, tmp_path):
    centre = published_health_centre_package(commune=package.provider.commune)
    code = centre.provider.code
    response = client.get(f"/km/providers/{code}/2025/poster-a3.pdf")
    assert response.status_code == 200
    assert f"isaf-{code}-2025-v1-a3-km.pdf" in response["Content-Disposition"]
    assert _pages(tmp_path, _pdf(response))["pages"] == 1
    assert client.get(f"/km/providers/{code}/2024/poster-a3.pdf").status_code == 404
    assert client.get(f"/km/providers/{code}/2025/booklet.pdf").status_code == 404


def test_a_render_that_fails_asks_to_come_back_and_queues_a_job(
    client, package, monkeypatch
):
    def broken(**kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("i4c.views.public_pdfs.public_file_render", broken)
    response = client.get(_address(package.provider.commune_id))
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Try again in a minute" in response.content.decode()
    job = PrintJob.objects.get()
    assert (job.document, job.target, job.lang) == (COMMUNE_A3, str(package.pk), "en")


def test_a_stored_file_gone_from_storage_is_rendered_again(client, package):
    address = _address(package.provider.commune_id)
    _pdf(client.get(address))
    row = PublicFile.objects.get()
    default_storage.delete(row.file)
    response = client.get(address)
    assert response.status_code == 200 and _pdf(response).startswith(b"%PDF")


def test_the_boards_link_to_their_posters_and_booklet(client, package):
    code = package.provider.commune_id
    html = client.get(f"/km/communes/{code}/2025/").content.decode()
    for name in ("poster-a3", "poster-a2", "booklet"):
        assert f'href="/km/communes/{code}/2025/{name}.pdf"' in html
    assert "ទាញយកសៀវភៅព័ត៌មានសម្រាប់ប្រជាពលរដ្ឋ (PDF)" in html
    centre = published_health_centre_package(commune=package.provider.commune)
    html = client.get(f"/en/providers/{centre.provider.code}/").content.decode()
    assert f'href="/en/providers/{centre.provider.code}/2025/poster-a3.pdf"' in html
    assert "Download the A3 poster (PDF)" in html


def test_public_file_names_carry_the_key(package):
    row = public.public_file_render(
        document=PROVIDER_POSTER, target=str(package.pk), lang="km"
    )
    # A commune's package has no provider poster.
    assert row is None


def test_nginx_can_send_the_file_itself(client, package, settings):
    settings.PUBLIC_FILES_ACCEL_PREFIX = "/_public-files/"
    response = client.get(_address(package.provider.commune_id))
    assert response.status_code == 200
    row = PublicFile.objects.get()
    assert response["X-Accel-Redirect"] == f"/_public-files/{row.file}"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["ETag"] == f'"{row.etag}"'
    assert response.content == b""


def test_readers_can_be_sent_to_the_storage_address(client, package, settings):
    settings.PUBLIC_FILES_REDIRECT = True
    response = client.get(_address(package.provider.commune_id))
    assert response.status_code == 302
    assert response["Location"].endswith(PublicFile.objects.get().file)


def test_a_providers_publication_redraws_the_booklet_that_lists_it(
    client, package, eager
):
    commune = package.provider.commune
    address = _address(commune.code, name="booklet")
    before = client.get(address)
    _pdf(before)
    centre = published_health_centre_package(commune=commune)
    Package.objects.filter(pk=centre.pk).update(status=Package.Status.SUBMITTED)
    centre.refresh_from_db()
    with eager():
        with transaction.atomic():
            services.package_publish(
                package=centre, user=reviewer_for(), reason="Fees corrected"
            )
    assert (
        PrintJob.objects.filter(document=BOOKLET, target=f"{commune.code}:2025").count()
        == 2
    )
    after = client.get(address, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    # Still the commune's version 1: the same key, new bytes.
    assert PublicFile.objects.filter(document=BOOKLET, lang="en").get().version == 1


def test_a_stored_pdf_costs_two_queries(client, package):
    address = _address(package.provider.commune_id)
    _pdf(client.get(address))
    with CaptureQueriesContext(connection) as queries:
        _pdf(client.get(address))
    assert len(queries) <= 2
