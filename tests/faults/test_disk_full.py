"""A full disk when a poster is written: the job is put back with its reason
(and retried with back-off by its task), no partial file is left, the poster
published before is still served whole, and once space is freed the job is done.

The media root is a small tmpfs mounted for the test (it needs root, as CI
has): a real file system that answers ENOSPC, not a mock.
"""

import errno
import os
import subprocess
from pathlib import Path

import pytest

from i4c.posters import COMMUNE_A2, COMMUNE_A3
from printing import services
from printing.models import PrintJob, PublicFile
from printing.tests.helpers import published_commune_package
from tests import quality

pytestmark = [pytest.mark.faults, pytest.mark.django_db]

SIZE = "16m"


@pytest.fixture
def small_disk(tmp_path, settings):
    """A 16 MB tmpfs as MEDIA_ROOT. Fails (never skips) when it cannot mount."""
    mount = tmp_path / "media"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SIZE}", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.fail(f"cannot mount a tmpfs (this test needs root): {done.stderr}")
    settings.MEDIA_ROOT = str(mount)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path) -> Path:
    """Write a file until the disk refuses another byte."""
    filler = disk / "filler"
    block = b"\0" * (64 * 1024)
    with open(filler, "wb", buffering=0) as out:
        try:
            while True:
                out.write(block)
        except OSError as error:
            assert error.errno == errno.ENOSPC
        try:
            while True:
                out.write(b"\0")
        except OSError as error:
            assert error.errno == errno.ENOSPC
    return filler


def pdfs(disk: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(disk)): path.read_bytes()
        for path in disk.rglob("*.pdf")
        if ".partial" not in path.parts
    }


def test_a_full_disk_fails_a_poster_cleanly_and_it_is_made_once_space_is_freed(
    client, small_disk
):
    package = published_commune_package()
    code, year = package.provider.commune_id, package.year
    published = PrintJob.objects.create(
        document=COMMUNE_A3, target=str(package.pk), lang="en"
    )
    services.print_job_execute(job_id=published.pk)
    published.refresh_from_db()
    assert published.status == PrintJob.Status.DONE
    address = f"/en/communes/{code}/{year}/poster-a3.pdf"
    poster = b"".join(client.get(address).streaming_content)
    assert poster.startswith(b"%PDF")
    files_before = pdfs(small_disk)
    rows_before = PublicFile.objects.count()

    filler = fill(small_disk)
    quality.record("faults.injected", 1)
    job = PrintJob.objects.create(
        document=COMMUNE_A2, target=str(package.pk), lang="en"
    )
    # A try that is not the last: the job goes back to the queue with its
    # reason, and the error is raised so that the task retries with back-off.
    with pytest.raises(OSError) as raised:
        services.print_job_execute(job_id=job.pk, final_attempt=False)
    assert raised.value.errno == errno.ENOSPC
    job.refresh_from_db()
    assert job.status == PrintJob.Status.QUEUED
    assert "No space left on device" in job.error
    # The last try: failed, with the reason the progress page shows.
    services.print_job_execute(job_id=job.pk, final_attempt=True)
    job.refresh_from_db()
    assert job.status == PrintJob.Status.FAILED and job.file == ""
    assert "No space left on device" in job.error

    # Nothing half-written, and the poster published before is served whole.
    assert pdfs(small_disk) == files_before
    assert not any((small_disk / "printing" / ".partial").iterdir())
    served = client.get(address)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == poster
    lost = rows_before - PublicFile.objects.filter(file__in=files_before).count()
    lost += sum(
        1 for name, data in files_before.items() if pdfs(small_disk).get(name) != data
    )
    quality.record("faults.rows_lost", lost)
    assert lost == 0

    # Space is freed: the poster asked for again is made, whole.
    os.unlink(filler)
    again = PrintJob.objects.create(
        document=COMMUNE_A2, target=str(package.pk), lang="en"
    )
    services.print_job_execute(job_id=again.pk)
    again.refresh_from_db()
    assert again.status == PrintJob.Status.DONE, again.error
    made = (small_disk / again.file).read_bytes()
    assert made.startswith(b"%PDF") and made.rstrip().endswith(b"%%EOF")
