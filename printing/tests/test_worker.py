"""Print jobs on REAL Celery workers (tests/worker harness): Redis, PostgreSQL,
worker processes that are started, killed and replaced by the test."""

import contextlib
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.db import transaction

from i4c.models import Package
from i4c.posters import BOOKLET, COMMUNE_A2, COMMUNE_A3, package_posters_request
from i4c.services import package_publish
from i4c.tests.factories import councillor_for, reviewer_for
from printing.models import PrintJob, PublicFile
from printing.services import print_job_request
from tests.worker.fixtures import kill_worker, stop_worker

from .helpers import (
    district_batch,
    district_with_communes,
    published_commune_package,
)

pytestmark = pytest.mark.worker


def worker_env(media: Path, **extra) -> dict[str, str]:
    env = {"MEDIA_ROOT": str(media), "PRINT_SWEEP_INTERVAL": "1"}
    env.update({key: str(value) for key, value in extra.items()})
    return env


def wait_until(predicate, timeout: float = 90.0, every: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(every)
    return False


def statuses(jobs) -> list[str]:
    return list(
        PrintJob.objects.filter(pk__in=[j.pk for j in jobs])
        .order_by("pk")
        .values_list("status", flat=True)
    )


def complete_pdfs(media: Path) -> list[Path]:
    files = sorted(
        p for p in (media / "printing").rglob("*.pdf") if ".partial" not in p.parts
    )
    for path in files:
        data = path.read_bytes()
        assert data.startswith(b"%PDF"), path
        assert data.rstrip().endswith(b"%%EOF"), path
    return files


def test_a_poster_is_rendered_through_a_real_worker(celery_worker_factory, media):
    package = published_commune_package()
    user = councillor_for(package.provider.commune)
    worker = celery_worker_factory(beat=True, env=worker_env(media))

    job = print_job_request(
        user=user, document=COMMUNE_A3, target=package.pk, lang="km"
    )

    done = wait_until(
        lambda: PrintJob.objects.get(pk=job.pk).status in PrintJob.FINISHED
    )
    job.refresh_from_db()
    assert done and job.status == PrintJob.Status.DONE, (
        job.error,
        worker.log()[-3000:],
    )
    # It ran in the worker's pool process, not here.
    assert job.worker and not job.worker.endswith(f":{__import__('os').getpid()}")
    assert job.enqueued_at is not None
    assert complete_pdfs(media) == [media / job.file]


def test_a_batch_survives_a_killed_worker_with_no_partial_or_duplicate_file(
    celery_worker_factory, media
):
    district, packages = district_with_communes(6)
    first = celery_worker_factory(beat=True, env=worker_env(media, PRINT_STALE_AFTER=2))
    batch = district_batch(district)
    jobs = list(batch.jobs.all())

    # Kill the worker in the middle of the batch: some posters done, one being
    # rendered right now.
    def mid_batch():
        now = statuses(jobs)
        return now.count("done") >= 1 and "running" in now

    assert wait_until(mid_batch), first.log()[-3000:]
    kill_worker(first)
    at_kill = dict(PrintJob.objects.filter(batch=batch).values_list("pk", "status"))
    interrupted = [pk for pk, status in at_kill.items() if status == "running"]
    assert interrupted, at_kill
    assert list(at_kill.values()).count("done") < len(jobs)

    second = celery_worker_factory(
        beat=True, env=worker_env(media, PRINT_STALE_AFTER=1)
    )
    finished = wait_until(
        lambda: all(s in PrintJob.FINISHED for s in statuses(jobs)), timeout=120
    )
    assert finished, second.log()[-3000:]
    assert set(statuses(jobs)) == {"done"}
    # The job the first worker died on was taken up again, not lost.
    for job in PrintJob.objects.filter(pk__in=interrupted):
        assert job.attempts >= 2
    files = complete_pdfs(media)
    recorded = set(PrintJob.objects.filter(batch=batch).values_list("file", flat=True))
    # One whole file per commune: no partial, no duplicate under another name.
    assert len(files) == len(packages) == len(recorded)
    assert {str(p.relative_to(media)) for p in files} == recorded


@contextlib.contextmanager
def broker_at(url: str):
    """Point this process's Celery app at another broker, then back."""
    from kombu import pools

    from isaf.celery import app

    def reset():
        # Kombu keeps connection and producer pools per process; drop them all
        # so that the next message opens a connection to the broker now named.
        pools.reset()
        app._pool = None
        app.amqp._producer_pool = None

    before = app.conf.broker_url
    reset()
    app.conf.broker_url = url
    try:
        yield
    finally:
        reset()
        app.conf.broker_url = before


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server")
def test_with_redis_down_publishing_succeeds_and_the_poster_follows_later(
    celery_worker_factory, media, tmp_path
):
    # A second Redis of our own, on a port nobody else uses; the shared one on
    # 6379 is never touched.
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    package = published_commune_package()
    Package.objects.filter(pk=package.pk).update(status=Package.Status.SUBMITTED)
    package.refresh_from_db()
    reviewer = reviewer_for()
    redis = worker = None
    with broker_at(url):
        try:
            started = time.monotonic()
            with transaction.atomic():
                version = package_publish(package=package, user=reviewer, reason="v2")
                package_posters_request(package=package, user=reviewer)
            # Publishing did not wait for the broker, and succeeded.
            assert time.monotonic() - started < 10
            assert version.pk and version.number == 2
            jobs = list(PrintJob.objects.all())
            # Both posters and the booklet, in Khmer and in English.
            assert {j.document for j in jobs} == {COMMUNE_A3, COMMUNE_A2, BOOKLET}
            assert len(jobs) == 6
            assert {j.status for j in jobs} == {"queued"}
            assert all(j.enqueued_at is None for j in jobs)

            redis = subprocess.Popen(
                [
                    "redis-server",
                    "--port",
                    str(port),
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    str(tmp_path),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            worker = celery_worker_factory(
                beat=True, env=worker_env(media, REDIS_URL=url)
            )
            done = wait_until(lambda: set(statuses(jobs)) == {"done"}, timeout=90)
            assert done, (statuses(jobs), worker.log()[-3000:])
            assert len(complete_pdfs(media)) == 6
            # Each is stored at its public address too, for citizens to download.
            assert PublicFile.objects.filter(version=2).count() == 6
        finally:
            if worker is not None:
                stop_worker(worker)
            if redis is not None:
                redis.terminate()
                redis.wait(timeout=10)
