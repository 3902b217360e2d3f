"""Celery tasks for posters and booklets: thin, they take ids and call services.

Acknowledged late (a worker that dies mid-render leaves its message to be
delivered again), retried with back-off on transient errors, and idempotent: a
job that is finished, or running in another live worker, is left alone.
"""

import logging

from celery import shared_task
from celery.signals import worker_process_init
from django.utils import translation

from . import services

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    name="printing.print_job_run",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=services.TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=5,
)
def print_job_run(self, job_id: int, lang: str) -> None:
    with translation.override(lang):
        services.print_job_execute(
            job_id=job_id, final_attempt=self.request.retries >= self.max_retries
        )


# Celery beat runs the sweep every PRINT_SWEEP_INTERVAL seconds (settings'
# CELERY_BEAT_SCHEDULE); several sweeps at once are harmless (jobs are claimed,
# rows locked).
@shared_task(name="printing.print_jobs_sweep", acks_late=True)
def print_jobs_sweep() -> int:
    return services.print_jobs_sweep()


@worker_process_init.connect
def _warm_up(**kwargs):
    """Load the Khmer segmenter's model and decode the bundled fonts once, when a
    pool process starts, so that the first poster of a batch is not the slowest."""
    try:
        from isaf.khmer_segment import insert_word_breaks
        from isaf.pdf import html_to_pdf

        insert_word_breaks("គណនេយ្យភាពសង្គម")
        html_to_pdf(
            '<html lang="km"><head><link rel="stylesheet" '
            'href="/static/print/print.css"></head><body><p>ក <b>ក</b> a '
            "<b>a</b></p></body></html>"
        )
    except Exception:
        logger.warning("Print warm-up failed; the first job will load it all")
