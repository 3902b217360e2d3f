"""`manage.py render_posters` and `manage.py sweep_print_jobs`."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from i4c.posters import BOOKLET
from printing.models import PrintBatch, PrintJob

from .helpers import district_with_communes

pytestmark = pytest.mark.django_db


def test_render_posters_prints_a_district_with_no_broker(media, eager):
    district, packages = district_with_communes(2)
    out = io.StringIO()
    with eager():
        call_command("render_posters", "--district", district.code, stdout=out)
    batch = PrintBatch.objects.get()
    assert (batch.scope, batch.code, batch.lang) == ("district", district.code, "km")
    assert set(batch.jobs.values_list("status", flat=True)) == {"done"}
    assert f"Batch {batch.pk}: 2 i4c.commune_a3 (km)" in out.getvalue()


def test_render_posters_takes_khmer_digits_a_language_and_a_document(media, eager):
    district, packages = district_with_communes(1)
    khmer_code = district.code.translate(str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩"))
    with eager():
        call_command(
            "render_posters",
            "--district",
            khmer_code,
            "--lang",
            "en",
            "--document",
            BOOKLET,
            stdout=io.StringIO(),
        )
    job = PrintJob.objects.get()
    assert (job.document, job.lang, job.status) == (BOOKLET, "en", "done")


def test_render_posters_says_when_there_is_nothing_to_print():
    district, _packages = district_with_communes(0)
    with (
        translation.override("en"),
        pytest.raises(CommandError, match="nothing to print"),
    ):
        call_command("render_posters", "--district", district.code)


def test_sweep_print_jobs_sends_jobs_that_were_never_sent(media, eager):
    district, packages = district_with_communes(1)
    job = PrintJob.objects.create(
        document="i4c.commune_a3", target=str(packages[0].pk), lang="km"
    )
    out = io.StringIO()
    with eager():
        call_command("sweep_print_jobs", stdout=out)
    job.refresh_from_db()
    assert job.status == "done"
    assert "Sent 1 print job" in out.getvalue()
