"""The print pages: request buttons, progress, downloads, ZIPs, and scope."""

import io
import zipfile

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from communes.models import Role
from communes.tests.factories import RoleFactory
from i4c.posters import COMMUNE_A2, COMMUNE_A3, PROVIDER_POSTER
from i4c.tests.factories import councillor_for
from printing.models import PrintBatch, PrintJob

from .helpers import district_with_communes, press_print, published_commune_package

pytestmark = pytest.mark.django_db


def secretariat():
    return RoleFactory(kind=Role.Kind.SECRETARIAT).user


def test_a_councillor_presses_print_and_downloads_the_poster(client, media, eager):
    package = published_commune_package()
    client.force_login(councillor_for(package.provider.commune))
    with eager():
        response = press_print(client, COMMUNE_A3, package.pk, "en")
    job = PrintJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("printing:job", args=[job.pk])

    page = client.get(response.url)
    assert page.status_code == 200
    download_url = reverse("printing:job-download", args=[job.pk])
    assert download_url in page.content.decode()

    pdf = client.get(download_url)
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert job.filename in pdf["Content-Disposition"]
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_a_waiting_job_page_refreshes_itself_without_javascript(client):
    package = published_commune_package()
    user = councillor_for(package.provider.commune)
    job = PrintJob.objects.create(
        document=COMMUNE_A3, target=str(package.pk), lang="km", requested_by=user
    )
    client.force_login(user)
    html = client.get(reverse("printing:job", args=[job.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in html
    assert "<script" not in html


def test_another_communes_councillor_gets_404_for_the_job_and_its_file(
    client, media, eager
):
    package = published_commune_package()
    owner = councillor_for(package.provider.commune)
    with eager():
        client.force_login(owner)
        press_print(client, COMMUNE_A3, package.pk, "km")
    job = PrintJob.objects.get()
    other = published_commune_package(commune=None)
    client.force_login(councillor_for(other.provider.commune))
    assert client.get(reverse("printing:job", args=[job.pk])).status_code == 404
    assert (
        client.get(reverse("printing:job-download", args=[job.pk])).status_code == 404
    )
    # Asking for the other commune's poster by editing the form is refused too.
    response = press_print(client, COMMUNE_A3, package.pk, "km")
    assert response.status_code == 404
    assert PrintJob.objects.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.post(reverse("printing:request"), {})
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_the_secretariat_launches_a_batch_and_sees_done_out_of_total(
    client, media, eager
):
    district, packages = district_with_communes(2)
    client.force_login(secretariat())
    with eager():
        response = client.post(
            reverse("printing:batches"),
            {
                "document": COMMUNE_A3,
                "scope": "district",
                "code": district.code,
                "lang": "en",
            },
        )
    batch = PrintBatch.objects.get()
    assert response.status_code == 302
    with translation.override("en"):
        page = client.get(reverse("printing:batch", args=[batch.pk]))
    html = page.content.decode()
    assert "2 of 2 done" in html
    assert f"/en/printing/batches/{batch.pk}/zip/" in html
    assert 'http-equiv="refresh"' not in html


def test_the_batch_page_lists_each_failure_with_its_reason(client):
    district, packages = district_with_communes(1)
    batch = PrintBatch.objects.create(
        document=COMMUNE_A3, scope="district", code=district.code, lang="km", total=2
    )
    PrintJob.objects.create(
        document=COMMUNE_A3,
        target=str(packages[0].pk),
        lang="km",
        batch=batch,
        status=PrintJob.Status.DONE,
    )
    PrintJob.objects.create(
        document=COMMUNE_A3,
        target="424242",
        lang="km",
        batch=batch,
        status=PrintJob.Status.FAILED,
        error="This package has not been published.",
        attempts=1,
    )
    client.force_login(secretariat())
    with translation.override("en"):
        html = client.get(reverse("printing:batch", args=[batch.pk])).content.decode()
    assert "1 of 2 done" in html
    assert "424242" in html
    assert "This package has not been published." in html


def test_the_zip_holds_each_file_once_under_its_readable_name(client, media, eager):
    district, packages = district_with_communes(3)
    client.force_login(secretariat())
    with eager():
        client.post(
            reverse("printing:batches"),
            {
                "document": COMMUNE_A3,
                "scope": "district",
                "code": district.code,
                "lang": "km",
            },
        )
    batch = PrintBatch.objects.get()
    response = client.get(reverse("printing:batch-zip", args=[batch.pk]))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert sorted(names) == sorted(batch.jobs.values_list("filename", flat=True))
    assert len(set(names)) == 3
    for name in names:
        assert archive.read(name).startswith(b"%PDF")


def test_batches_are_for_the_secretariat_only(client):
    package = published_commune_package()
    client.force_login(councillor_for(package.provider.commune))
    assert client.get(reverse("printing:batches")).status_code == 404
    batch = PrintBatch.objects.create(
        document=COMMUNE_A3, scope="district", code="0101", lang="km", total=0
    )
    assert client.get(reverse("printing:batch", args=[batch.pk])).status_code == 404
    assert client.get(reverse("printing:batch-zip", args=[batch.pk])).status_code == 404


def test_a_bad_code_is_refused_beside_the_field(client):
    client.force_login(secretariat())
    response = client.post(
        reverse("printing:batches"),
        {"document": COMMUNE_A3, "scope": "district", "code": "12", "lang": "km"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert not PrintBatch.objects.exists()


def test_the_print_buttons_offer_the_commune_posters_of_a_commune_package():
    package = published_commune_package()
    request = RequestFactory().get("/")
    request.user = councillor_for(package.provider.commune)
    html = Template(
        '{% load printing_tags %}{% print_buttons "i4c.package" package.pk %}'
    ).render(Context({"request": request, "package": package}))
    assert f'value="{COMMUNE_A3}"' in html
    assert f'value="{COMMUNE_A2}"' in html
    assert f'value="{PROVIDER_POSTER}"' not in html
    assert reverse("printing:request") in html
    assert "<label" in html


def test_the_print_buttons_are_absent_for_someone_out_of_scope():
    package = published_commune_package()
    other = published_commune_package(commune=None)
    request = RequestFactory().get("/")
    request.user = councillor_for(other.provider.commune)
    html = Template(
        '{% load printing_tags %}{% print_buttons "i4c.package" package.pk %}'
    ).render(Context({"request": request, "package": package}))
    assert "<form" not in html


def test_the_secretariat_finds_bulk_posters_at_the_printing_address(client):
    """README and DESIGN name /<lang>/printing/: the form and the recent batches."""
    client.force_login(secretariat())
    PrintBatch.objects.create(
        document=COMMUNE_A3, scope="district", code="1104", lang="km", total=3
    )
    response = client.get("/km/printing/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="code"' in page and 'name="scope"' in page
    assert "1104" in page
    # The earlier address still leads there.
    assert client.get("/km/printing/batches/").headers["Location"] == "/km/printing/"
