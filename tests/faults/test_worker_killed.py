"""A worker killed (SIGKILL) in the middle of a bulk poster run: every poster is
made once, whole, and the dead worker's poster is running again within a minute.

Two real workers share the queue, as in production; one of them also runs beat
(the sweeps). The settings are the defaults a deployment gets: no test shortcut
for the heartbeat, the stale limit or the sweep's interval.
"""

import os
import time
from pathlib import Path

import pytest
from django.conf import settings

from printing.models import PrintJob
from printing.tests.helpers import district_batch, district_with_communes
from tests import quality
from tests.worker.fixtures import kill_worker

from .conftest import wait_until

pytestmark = [pytest.mark.faults, pytest.mark.worker]

COMMUNES = 6


def whole_pdfs(media: Path) -> list[Path]:
    """Every PDF in storage (partial writes live in a hidden folder, skipped),
    each checked to be whole."""
    files = sorted(
        p for p in (media / "printing").rglob("*.pdf") if ".partial" not in p.parts
    )
    for path in files:
        data = path.read_bytes()
        assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF"), path
    return files


def running_on(worker) -> PrintJob | None:
    """A job that one of this worker's pool processes is rendering now."""
    for job in PrintJob.objects.filter(status=PrintJob.Status.RUNNING):
        pid = int(job.worker.rsplit(":", 1)[1])
        try:
            if os.getpgid(pid) == worker.pgid:
                return job
        except ProcessLookupError:
            continue
    return None


def test_a_killed_worker_loses_no_poster_and_its_job_runs_again_within_a_minute(
    celery_worker_factory, media
):
    # The defaults of settings.py, which the workers get too.
    assert settings.PRINT_STALE_AFTER <= 30 and settings.PRINT_SWEEP_INTERVAL <= 10
    district, packages = district_with_communes(COMMUNES)
    env = {"MEDIA_ROOT": str(media)}
    doomed = celery_worker_factory(env=env)
    survivor = celery_worker_factory(beat=True, env=env)
    batch = district_batch(district)
    jobs = PrintJob.objects.filter(batch=batch)
    assert jobs.count() == COMMUNES

    found: list[PrintJob] = []

    def doomed_is_rendering() -> bool:
        job = running_on(doomed)
        found[:] = [job] if job else []
        return bool(found)

    assert wait_until(doomed_is_rendering, timeout=60, every=0.02), doomed.log()[-3000:]
    interrupted = found[0]
    kill_worker(doomed)
    killed_at = time.monotonic()
    quality.record("faults.injected", 1)

    finished = wait_until(
        lambda: not jobs.exclude(status__in=PrintJob.FINISHED).exists(), timeout=90
    )
    recovery = time.monotonic() - killed_at
    statuses = list(jobs.values_list("status", flat=True))
    lost = COMMUNES - statuses.count(PrintJob.Status.DONE)
    quality.record("faults.rows_lost", lost)
    assert finished and lost == 0, (statuses, survivor.log()[-3000:])
    print(f"worker killed: every poster done {recovery:.1f} s after the kill")
    assert recovery < 60

    # The poster the dead worker was rendering was taken up again, by the other.
    interrupted.refresh_from_db()
    assert interrupted.attempts == 2
    assert interrupted.status == PrintJob.Status.DONE
    # One whole file per commune: no partial, no duplicate under another name.
    files = whole_pdfs(media)
    recorded = set(jobs.values_list("file", flat=True))
    assert len(files) == len(recorded) == COMMUNES
    assert {str(p.relative_to(media)) for p in files} == recorded
    assert not list((media / "printing" / ".partial").glob("*"))
