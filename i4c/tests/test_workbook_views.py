"""The workbook pages: download for one's scope, upload, preview, confirm,
submit; the reviewers' export. Jobs run in-process here, as with no broker."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from i4c.models import Package, WorkbookImport
from tests.spreadsheet_payloads import zip_bomb

from .workbooks import edited, load_small_demo, upload

pytestmark = pytest.mark.django_db
REVENUE = "ឃុំ ចំណូល"
STAFF = "ឃុំ បុគ្គលិក"


@pytest.fixture
def users(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_small_demo()
    return get_user_model().objects


def signed_in(client, users, username):
    client.force_login(users.get(username=username))
    return client


def download(client, year=2025) -> bytes:
    response = client.get(reverse("i4c:workbook-download"), {"year": year})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return b"".join(response) if response.streaming else response.content


def send(client, eager, data: bytes):
    with eager():
        response = client.post(reverse("i4c:workbook-upload"), {"file": upload(data)})
    assert response.status_code == 302, response.content[:500]
    return WorkbookImport.objects.latest("pk"), response["Location"]


def test_the_workspace_links_the_workbook(client, users):
    page = signed_in(client, users, "councillor").get(reverse("i4c:workspace"))
    assert reverse("i4c:workbook").encode() in page.content


def test_a_councillor_downloads_their_communes_workbook(client, users):
    data = download(signed_in(client, users, "councillor"))
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    codes = {row[0] for row in workbook[REVENUE].iter_rows(min_row=3, values_only=True)}
    assert codes == {"C110401"}
    assert not list(workbook["សាលា ថវិកា"].iter_rows(min_row=3, values_only=True))


def test_upload_preview_confirm_and_submit(client, users, eager):
    client = signed_in(client, users, "councillor")
    data = edited(
        download(client), [(REVENUE, "C110401", "revenue:own_source:planned", "៧០០")]
    )
    job, location = send(client, eager, data)
    assert job.status == WorkbookImport.Status.READY and job.changed == 1
    page = client.get(location)
    assert b"workbook-preview" in page.content and "៧០០".encode() in page.content
    package = Package.objects.get(provider__code="C110401", year=2025)
    assert package.budget_lines.get(category="own_source").planned == 5
    with eager():
        client.post(reverse("i4c:workbook-confirm", args=[job.pk]), {"submit": "on"})
    job.refresh_from_db()
    assert job.status == WorkbookImport.Status.DONE, job.errors
    package.refresh_from_db()
    assert package.budget_lines.get(category="own_source").planned == 700
    assert package.status == Package.Status.SUBMITTED
    done = client.get(location, HTTP_ACCEPT_LANGUAGE="km").content.decode()
    said = done.split('id="job-done">')[1].split("</p>")[0]
    # In Khmer the count is in Khmer digits, as every number on a Khmer page.
    assert "កញ្ចប់ ១ " in said and not any(c.isascii() and c.isdigit() for c in said)
    # The uploaded file is not kept once its figures are in the packages.
    assert not job.file


def test_an_unchanged_upload_has_nothing_to_import(client, users, eager):
    client = signed_in(client, users, "councillor")
    job, location = send(client, eager, download(client))
    assert job.status == WorkbookImport.Status.READY and job.changed == 0
    assert b"no-changes" in client.get(location).content


def test_a_bad_cell_is_listed_and_nothing_is_imported(client, users, eager):
    client = signed_in(client, users, "councillor")
    data = edited(
        download(client),
        [
            (REVENUE, "C110401", "revenue:own_source:planned", 1),
            (STAFF, "C110401", "councillor:female", "1.5"),
        ],
    )
    with translation.override("en"):
        client.cookies["django_language"] = "en"
        job, location = send(client, eager, data)
    assert job.status == WorkbookImport.Status.INVALID and not job.file
    page = client.get(location).content.decode()
    assert "workbook-errors" in page and "«1.5»" in page
    assert (
        client.post(reverse("i4c:workbook-confirm", args=[job.pk])).status_code == 302
    )
    job.refresh_from_db()
    assert job.status == WorkbookImport.Status.INVALID


def test_a_bomb_is_refused_beside_the_field_before_any_job(client, users):
    client = signed_in(client, users, "councillor")
    response = client.post(
        reverse("i4c:workbook-upload"), {"file": upload(zip_bomb(900))}
    )
    assert response.status_code == 400
    assert not WorkbookImport.objects.exists()


def test_someone_elses_upload_is_not_found(client, users, eager):
    job, _location = send(
        signed_in(client, users, "councillor"), eager, download(client)
    )
    client.force_login(users.get(username="facilitator"))
    assert client.get(reverse("i4c:workbook-job", args=[job.pk])).status_code == 404


def test_reviewers_export_a_selection_and_authors_may_not(client, users):
    client = signed_in(client, users, "reviewer")
    assert client.get(reverse("i4c:workbook-export")).status_code == 200
    response = client.get(
        reverse("i4c:workbook-export"),
        {"year": 2025, "kind": "health_centre", "status": "draft"},
    )
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    codes = {
        row[0]
        for row in workbook["មណ្ឌលសុខភាព បុគ្គលិក"].iter_rows(min_row=3, values_only=True)
    }
    assert codes == {"HC11040101"}
    assert not list(workbook[REVENUE].iter_rows(min_row=3, values_only=True))
    client.force_login(users.get(username="councillor"))
    assert client.get(reverse("i4c:workbook-export")).status_code == 403


def test_a_facilitator_downloads_the_health_centres_and_schools_they_cover(
    client, users
):
    data = download(signed_in(client, users, "facilitator"))
    workbook = load_workbook(io.BytesIO(data), read_only=True)

    def codes(title):
        return {r[0] for r in workbook[title].iter_rows(min_row=3, values_only=True)}

    assert "HC11040101" in codes("មណ្ឌលសុខភាព បុគ្គលិក")
    assert "PS11040101" in codes("សាលា សិស្ស")
    # The commune administration's package is its councillor's to fill.
    assert codes(REVENUE) == set()


def test_a_job_left_behind_by_a_dead_worker_is_run_again(client, users, eager):
    import datetime

    from i4c.services import workbook_jobs

    client = signed_in(client, users, "councillor")
    data = download(client)
    # The upload commits but no worker ever takes its message.
    client.post(reverse("i4c:workbook-upload"), {"file": upload(data)})
    job = WorkbookImport.objects.get()
    WorkbookImport.objects.filter(pk=job.pk).update(
        status=WorkbookImport.Status.CHECKING,
        updated_at=job.updated_at - datetime.timedelta(hours=1),
    )
    with eager():
        sent = workbook_jobs.workbook_jobs_sweep()
    job.refresh_from_db()
    assert (sent, job.status) == (1, WorkbookImport.Status.READY)
    # A job being worked on now is left alone.
    assert workbook_jobs.workbook_jobs_sweep() == 0


def test_beat_sends_again_a_lost_workbook_job_without_a_worker_restart(
    client, users, eager
):
    import datetime

    from django.conf import settings

    from i4c.tasks import workbook_jobs_sweep

    entry = next(
        e
        for e in settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == "i4c.workbook_jobs_sweep"
    )
    assert entry["schedule"] <= 600
    client = signed_in(client, users, "councillor")
    client.post(reverse("i4c:workbook-upload"), {"file": upload(download(client))})
    job = WorkbookImport.objects.get()
    WorkbookImport.objects.filter(pk=job.pk).update(
        status=WorkbookImport.Status.QUEUED,
        updated_at=job.updated_at - datetime.timedelta(hours=1),
    )
    with eager():
        sent = workbook_jobs_sweep.delay().get()
    job.refresh_from_db()
    assert (sent, job.status) == (1, WorkbookImport.Status.READY)


def test_an_export_too_large_for_one_workbook_asks_for_a_smaller_selection(
    client, users, settings
):
    from communes.models import ServiceProvider

    centres = ServiceProvider.objects.filter(kind="health_centre").count()
    assert 0 < centres < ServiceProvider.objects.count()
    settings.WORKBOOK_EXPORT_MAX_PROVIDERS = centres
    client = signed_in(client, users, "ncdd")
    with translation.override("en"):
        response = client.get(
            reverse("i4c:workbook-export"), {"year": 2025}, HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    said = response.content.decode()
    assert f"at most {centres}" in said and "Choose a province" in said
    # A smaller selection is exported as before.
    small = client.get(
        reverse("i4c:workbook-export"), {"year": 2025, "kind": "health_centre"}
    )
    assert small.status_code == 200
    assert small["Content-Type"].startswith("application/vnd.openxmlformats")
