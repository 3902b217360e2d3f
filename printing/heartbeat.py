"""A running print job's sign of life, so that a dead worker's job is found in
seconds rather than minutes.

While a worker renders a job, a small thread of the same process stamps the
job's `heartbeat_at` every PRINT_HEARTBEAT_INTERVAL seconds. A job whose stamp is
older than PRINT_STALE_AFTER (several intervals) lost its worker for certain: the
process was killed, ran out of memory or lost its machine, since a live render,
however long, keeps stamping. The sweep then gives the job back to the queue.
"""

import contextlib
import logging
import threading

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from .models import PrintJob

logger = logging.getLogger(__name__)


def _beat(*, job_id: int, worker: str, stop: threading.Event) -> None:
    try:
        while not stop.wait(settings.PRINT_HEARTBEAT_INTERVAL):
            try:
                # Only while the job is still this worker's: a job finished, or
                # taken over after a long database outage, is left alone.
                PrintJob.objects.filter(
                    pk=job_id, status=PrintJob.Status.RUNNING, worker=worker
                ).update(heartbeat_at=timezone.now())
            except DatabaseError:
                # The database blinked: the next beat tries again, and a job
                # that misses several is taken back, which is harmless (a job
                # is claimed once and its file is named by its content).
                logger.warning("Print job %s: heartbeat not recorded", job_id)
    finally:
        # This thread's own connection, if it opened one.
        connection.close()


@contextlib.contextmanager
def heartbeat_kept(*, job_id: int, worker: str):
    """Stamp the job's heartbeat while the block runs."""
    stop = threading.Event()
    thread = threading.Thread(
        target=_beat,
        kwargs={"job_id": job_id, "worker": worker, "stop": stop},
        name=f"print-heartbeat-{job_id}",
        daemon=True,
    )
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=settings.PRINT_HEARTBEAT_INTERVAL + 5)
