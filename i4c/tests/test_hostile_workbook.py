"""Hostile workbooks sent to the I4C workbook upload, as a councillor would send
them: each is refused with a reason in Khmer, no 500, and nothing imported."""

import pytest
from django.urls import reverse
from django.utils import translation

from i4c.models import Package, WorkbookImport
from tests import quality
from tests.spreadsheet_payloads import KHMER, hostile_files, sheet_part

from .test_workbook_views import REVENUE, download, signed_in
from .workbooks import edited, load_small_demo, upload

pytestmark = pytest.mark.django_db
OWN_SOURCE = "revenue:own_source:planned"


@pytest.fixture
def users(settings, tmp_path):
    from django.contrib.auth import get_user_model

    settings.MEDIA_ROOT = tmp_path
    load_small_demo()
    return get_user_model().objects


def planned(code="C110401") -> int:
    package = Package.objects.get(provider__code=code, year=2025)
    return package.budget_lines.get(category="own_source").planned


def refusal(client, eager, name: str, data: bytes) -> str:
    """Send the file; the reason it was refused, as the councillor reads it."""
    jobs = WorkbookImport.objects.count()
    with translation.override("km"), eager():
        response = client.post(
            reverse("i4c:workbook-upload"), {"file": upload(data, name)}
        )
    assert response.status_code in (302, 400), response.status_code
    if response.status_code == 400:
        assert WorkbookImport.objects.count() == jobs
        return response.content.decode().split('class="errorlist"')[1][:600]
    job = WorkbookImport.objects.latest("pk")
    assert job.status == WorkbookImport.Status.INVALID, (job.status, job.errors)
    page = client.get(response["Location"])
    assert page.status_code == 200
    return " ".join(job.errors)


def test_every_hostile_workbook_is_refused_in_khmer_and_nothing_imported(
    client, users, eager
):
    client = signed_in(client, users, "councillor")
    base = download(client)
    before = planned()
    tried = wrong = errors = 0
    for case, (name, data) in hostile_files(base, sheet_part(base, REVENUE)).items():
        tried += 1
        try:
            reason = refusal(client, eager, name, data)
        except AssertionError as failure:
            errors += "500" in str(failure)
            wrong += 1
            print(case, failure)
            continue
        if not KHMER.search(reason) or planned() != before:
            wrong += 1
            print(case, reason[:200])
    quality.record("hostile.tried", tried)
    quality.record("hostile.accepted_wrongly", wrong)
    quality.record("hostile.server_errors", errors)
    assert (wrong, errors) == (0, 0)


@pytest.mark.parametrize(
    "value",
    ["²", "9" * 5000, '=HYPERLINK("http://x","y")', "1e-5", "NaN", "-5"],
)
def test_a_bad_amount_is_refused_by_its_row_and_nothing_is_imported(
    client, users, eager, value
):
    client = signed_in(client, users, "councillor")
    before = planned()
    data = edited(download(client), [(REVENUE, "C110401", OWN_SOURCE, value)])
    reason = refusal(client, eager, "i4c.xlsx", data)
    quality.record("hostile.tried")
    assert KHMER.search(reason)
    # Named by its sheet and row, so the councillor finds the cell.
    assert REVENUE in reason
    assert planned() == before


def test_khmer_digits_in_an_amount_are_accepted(client, users, eager):
    client = signed_in(client, users, "councillor")
    data = edited(download(client), [(REVENUE, "C110401", OWN_SOURCE, "១២៣")])
    with eager():
        client.post(reverse("i4c:workbook-upload"), {"file": upload(data)})
    job = WorkbookImport.objects.latest("pk")
    assert job.status == WorkbookImport.Status.READY, job.errors
