"""Requesting, running and sweeping print jobs (in-process: no worker needed)."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from communes.models import Role
from communes.tests.factories import RoleFactory
from i4c.models import BudgetLine
from i4c.posters import BOOKLET, COMMUNE_A2, COMMUNE_A3, package_posters_request
from i4c.tests.factories import councillor_for, reviewer_for
from i4c.tests.helpers import publish_directly
from printing import files, services
from printing.models import PrintBatch, PrintJob
from printing.services import (
    print_job_execute,
    print_job_request,
    print_jobs_sweep,
)

from .helpers import (
    district_batch,
    district_with_communes,
    published_commune_package,
)

pytestmark = pytest.mark.django_db


def pdf_files(media: Path) -> list[Path]:
    return sorted(
        p for p in (media / "printing").rglob("*.pdf") if ".partial" not in p.parts
    )


def a3_poster(eager, user, package):
    """Ask for the package's A3 poster in Khmer, let it run, and read the job back."""
    with eager():
        job = print_job_request(
            user=user, document=COMMUNE_A3, target=package.pk, lang="km"
        )
    job.refresh_from_db()
    return job


def test_a_requested_poster_is_rendered_once_the_request_commits(media, eager):
    package = published_commune_package()
    user = councillor_for(package.provider.commune)

    with eager():
        job = print_job_request(
            user=user, document=COMMUNE_A3, target=package.pk, lang="km"
        )
        job.refresh_from_db()
        # Nothing runs before the transaction that asked for it commits.
        assert job.status == PrintJob.Status.QUEUED

    job.refresh_from_db()
    assert job.status == PrintJob.Status.DONE
    assert job.attempts == 1
    assert job.requested_by == user
    assert job.template == "print/i4c/commune_poster.html"
    assert len(job.content_hash) == 64
    assert job.file == f"printing/{COMMUNE_A3}/{job.content_hash}.pdf"
    assert job.filename.startswith(f"isaf-{package.provider.commune_id}-2025-v1-a3-km")
    with default_storage.open(job.file, "rb") as f:
        data = f.read()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    assert pdf_files(media) == [media / job.file]


def test_an_unchanged_package_reuses_its_existing_file(media, eager):
    package = published_commune_package()
    user = councillor_for(package.provider.commune)
    first = a3_poster(eager, user, package)
    second = a3_poster(eager, user, package)
    first.refresh_from_db()
    assert first.pk != second.pk
    assert second.status == PrintJob.Status.DONE
    assert second.reused is True and first.reused is False
    assert second.file == first.file
    assert len(pdf_files(media)) == 1


def test_a_new_published_version_gets_its_own_file(media, eager):
    package = published_commune_package()
    user = councillor_for(package.provider.commune)
    first = a3_poster(eager, user, package)
    BudgetLine.objects.filter(package=package, category="own_source").update(
        actual=7_000_000
    )
    publish_directly(package, reason="Own-source revenue corrected")
    second = a3_poster(eager, user, package)
    first.refresh_from_db()
    assert second.reused is False
    assert second.content_hash != first.content_hash
    assert "-v2-" in second.filename
    assert len(pdf_files(media)) == 2


def test_publishing_asks_for_the_new_versions_posters_on_commit(media, eager):
    package = published_commune_package()
    reviewer = reviewer_for()
    with eager():
        with transaction.atomic():
            jobs = package_posters_request(package=package, user=reviewer)
    # Both posters and the booklet of the year, in Khmer first, then in English.
    assert [(job.document, job.lang) for job in jobs] == [
        (COMMUNE_A3, "km"),
        (COMMUNE_A2, "km"),
        (BOOKLET, "km"),
        (COMMUNE_A3, "en"),
        (COMMUNE_A2, "en"),
        (BOOKLET, "en"),
    ]
    assert jobs[2].target == f"{package.provider.commune_id}:2025"
    assert set(PrintJob.objects.values_list("status", flat=True)) == {
        PrintJob.Status.DONE
    }


def test_a_publication_that_fails_asks_for_nothing(media, eager):
    package = published_commune_package()
    with eager(), pytest.raises(RuntimeError):
        with transaction.atomic():
            package_posters_request(package=package, user=reviewer_for())
            raise RuntimeError("the publication failed after asking")
    assert not PrintJob.objects.exists()


def test_pressing_the_button_twice_while_waiting_gives_the_same_job():
    package = published_commune_package()
    user = councillor_for(package.provider.commune)
    first = print_job_request(
        user=user, document=COMMUNE_A3, target=package.pk, lang="km"
    )
    again = print_job_request(
        user=user, document=COMMUNE_A3, target=package.pk, lang="km"
    )
    english = print_job_request(
        user=user, document=COMMUNE_A3, target=package.pk, lang="en"
    )
    assert again.pk == first.pk
    assert english.pk != first.pk


def test_a_councillor_cannot_print_another_communes_package():
    package = published_commune_package()
    other = published_commune_package(commune=None)
    user = councillor_for(package.provider.commune)
    with pytest.raises(PermissionDenied):
        print_job_request(user=user, document=COMMUNE_A3, target=other.pk, lang="km")
    assert not PrintJob.objects.exists()


def test_an_unpublished_package_cannot_be_printed():
    package = published_commune_package()
    package.published_version = None
    package.save()
    user = councillor_for(package.provider.commune)
    with pytest.raises(PermissionDenied):
        print_job_request(user=user, document=COMMUNE_A3, target=package.pk, lang="km")


def test_an_unknown_document_or_language_is_refused():
    package = published_commune_package()
    user = councillor_for(package.provider.commune)
    with pytest.raises(ValidationError):
        print_job_request(user=user, document="nope", target=package.pk, lang="km")
    with pytest.raises(ValidationError):
        print_job_request(user=user, document=COMMUNE_A3, target=package.pk, lang="fr")


def test_a_job_whose_target_is_gone_fails_with_its_reason(media):
    job = PrintJob.objects.create(document=COMMUNE_A3, target="999999", lang="en")
    print_job_execute(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == PrintJob.Status.FAILED
    assert job.error == "This package has not been published."
    assert job.file == ""


def test_a_transient_error_requeues_the_job_until_the_last_attempt(media, monkeypatch):
    package = published_commune_package()
    job = PrintJob.objects.create(
        document=COMMUNE_A3, target=str(package.pk), lang="km"
    )

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(services, "fitted_pdf", disk_full)
    with pytest.raises(OSError):
        print_job_execute(job_id=job.pk, final_attempt=False)
    job.refresh_from_db()
    assert job.status == PrintJob.Status.QUEUED
    assert "No space left" in job.error

    print_job_execute(job_id=job.pk, final_attempt=True)
    job.refresh_from_db()
    assert job.status == PrintJob.Status.FAILED
    assert job.attempts == 2
    assert pdf_files(media) == []


def test_a_job_is_claimed_by_one_worker_only():
    job = PrintJob.objects.create(document=COMMUNE_A3, target="1", lang="km")
    assert services._claim(job.pk) is not None
    assert services._claim(job.pk) is None
    PrintJob.objects.filter(pk=job.pk).update(status=PrintJob.Status.DONE)
    assert services._claim(job.pk) is None


def test_a_file_is_written_whole_or_not_at_all(media, monkeypatch):
    def crash(fd):
        raise OSError("power cut")

    monkeypatch.setattr(files.os, "fsync", crash)
    with pytest.raises(OSError):
        files.file_save_whole(name="printing/test/abc.pdf", data=b"%PDF-1.7 half")
    assert not default_storage.exists("printing/test/abc.pdf")
    assert list((media / "printing").rglob("*.pdf")) == []


def running_job(package, document, lang, *, last_beat):
    """A job of `package` that a worker took on its first attempt, sent and last
    heard from at `last_beat`."""
    return PrintJob.objects.create(
        document=document,
        target=str(package.pk),
        lang=lang,
        status=PrintJob.Status.RUNNING,
        attempts=1,
        heartbeat_at=last_beat,
        enqueued_at=last_beat,
    )


def test_the_sweep_sends_again_jobs_never_sent_and_jobs_of_dead_workers(media, eager):
    package = published_commune_package()
    long_ago = timezone.now() - timedelta(hours=1)
    never_sent = PrintJob.objects.create(
        document=COMMUNE_A3, target=str(package.pk), lang="km"
    )
    dead_worker = running_job(package, COMMUNE_A2, "km", last_beat=long_ago)
    alive = running_job(package, COMMUNE_A3, "en", last_beat=timezone.now())
    waiting_in_broker = PrintJob.objects.create(
        document=COMMUNE_A2,
        target=str(package.pk),
        lang="en",
        enqueued_at=timezone.now(),
    )

    with eager():
        sent = print_jobs_sweep()

    assert sent == 2
    for job in (never_sent, dead_worker, alive, waiting_in_broker):
        job.refresh_from_db()
    assert never_sent.status == PrintJob.Status.DONE
    assert dead_worker.status == PrintJob.Status.DONE
    assert dead_worker.attempts == 2
    assert alive.status == PrintJob.Status.RUNNING
    assert waiting_in_broker.status == PrintJob.Status.QUEUED


def test_a_district_batch_prints_every_published_commune(media, eager):
    district, packages = district_with_communes(3)
    secretariat = RoleFactory(kind=Role.Kind.SECRETARIAT).user
    with eager():
        batch = district_batch(district, user=secretariat)
    assert batch.total == 3
    jobs = list(batch.jobs.all())
    assert {job.target for job in jobs} == {str(p.pk) for p in packages}
    assert {job.status for job in jobs} == {PrintJob.Status.DONE}
    assert len({job.file for job in jobs}) == 3
    assert len(pdf_files(media)) == 3


def test_a_booklet_batch_prints_one_booklet_per_commune(media, eager):
    district, packages = district_with_communes(2)
    with eager():
        batch = district_batch(district, BOOKLET, lang="en")
    assert sorted(batch.jobs.values_list("target", flat=True)) == sorted(
        p.provider.commune_id for p in packages
    )
    assert set(batch.jobs.values_list("status", flat=True)) == {PrintJob.Status.DONE}


def test_only_the_secretariat_launches_batches():
    district, _packages = district_with_communes(1)
    with pytest.raises(PermissionDenied):
        district_batch(district, user=reviewer_for())
    assert not PrintBatch.objects.exists()


def test_a_batch_with_nothing_published_is_refused():
    district, _packages = district_with_communes(0)
    secretariat = RoleFactory(kind=Role.Kind.SECRETARIAT).user
    with pytest.raises(ValidationError):
        district_batch(district, user=secretariat)


def test_a_facilitator_prints_a_covered_health_centre_but_a_councillor_does_not():
    from i4c.posters import PROVIDER_POSTER
    from i4c.tests.factories import facilitator_for

    from .helpers import published_health_centre_package

    commune_package = published_commune_package()
    commune = commune_package.provider.commune
    centre = published_health_centre_package(commune=commune)
    facilitator = facilitator_for(commune.district)
    job = print_job_request(
        user=facilitator, document=PROVIDER_POSTER, target=centre.pk, lang="km"
    )
    assert job.requested_by == facilitator
    with pytest.raises(PermissionDenied):
        print_job_request(
            user=councillor_for(commune),
            document=PROVIDER_POSTER,
            target=centre.pk,
            lang="km",
        )


def test_a_councillor_prints_the_booklet_of_their_commune_only():
    package = published_commune_package()
    other = published_commune_package(commune=None)
    user = councillor_for(package.provider.commune)
    job = print_job_request(
        user=user, document=BOOKLET, target=package.provider.commune_id, lang="km"
    )
    assert job.target == package.provider.commune_id
    with pytest.raises(PermissionDenied):
        print_job_request(
            user=user, document=BOOKLET, target=other.provider.commune_id, lang="km"
        )


def test_with_no_broker_a_transient_error_is_retried_in_process(
    media, eager, monkeypatch
):
    package = published_commune_package()
    user = councillor_for(package.provider.commune)
    real = services.fitted_pdf
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("disk busy")
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "fitted_pdf", flaky)
    job = a3_poster(eager, user, package)
    assert job.status == PrintJob.Status.DONE
    assert job.attempts == 2
    assert len(pdf_files(media)) == 1
