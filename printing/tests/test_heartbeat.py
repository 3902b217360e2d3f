"""A live worker's job is never taken for a dead one's, however long it renders:
its heartbeat keeps it alive past the stale limit, while the sweep runs."""

import threading
import time

import pytest
from django.db import connection

from i4c.posters import COMMUNE_A3
from printing import services
from printing.models import PrintJob

from .helpers import published_commune_package

pytestmark = pytest.mark.django_db(transaction=True)


def slow_render(seconds: float):
    def render(source, lang, *, html):
        time.sleep(seconds)
        return b"%PDF-1.7\n%%EOF\n"

    return render


def render_in_a_thread(job_id: int) -> threading.Thread:
    def run():
        try:
            services.print_job_execute(job_id=job_id)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.mark.parametrize("interval, swept", [(0.2, False), (60, True)])
def test_a_job_rendering_longer_than_the_stale_limit_is_kept_by_its_heartbeat(
    media, eager, settings, monkeypatch, interval, swept
):
    settings.PRINT_HEARTBEAT_INTERVAL = interval
    settings.PRINT_STALE_AFTER = 1
    monkeypatch.setattr(services, "fitted_pdf", slow_render(3.0))
    package = published_commune_package()
    job = PrintJob.objects.create(
        document=COMMUNE_A3, target=str(package.pk), lang="km"
    )
    thread = render_in_a_thread(job.pk)
    requeued = 0
    with eager():
        while thread.is_alive():
            time.sleep(0.3)
            # The beat sweep, many times over while the render goes on.
            requeued += services.print_jobs_sweep()
    thread.join()
    job.refresh_from_db()
    assert job.status == PrintJob.Status.DONE
    # With a heartbeat, the sweep never took the live job; without one (a beat
    # far apart), it took it as lost and ran it a second time.
    assert (requeued > 0) is swept
    assert job.attempts == (2 if swept else 1)
