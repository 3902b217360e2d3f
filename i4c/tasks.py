"""Celery tasks of I4C: thin, they take ids and a language and call services."""

import logging

from celery import shared_task
from celery.signals import worker_ready
from django.db import InterfaceError, OperationalError, connection
from django.utils import translation

from .services import workbook_jobs

logger = logging.getLogger(__name__)


@shared_task(
    name="i4c.workbook_job_run",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    retry_backoff_max=120,
    max_retries=3,
)
def workbook_job_run(job_id: int, lang: str, step: str) -> None:
    with translation.override(lang):
        if step == "check":
            workbook_jobs.workbook_job_check(job_id=job_id)
        elif step == "import":
            workbook_jobs.workbook_job_import(job_id=job_id)


# Celery beat sends this every WORKBOOK_SWEEP_INTERVAL seconds (settings'
# CELERY_BEAT_SCHEDULE), so a lost message is sent again without waiting for a
# worker to start; jobs are claimed with their row locked, so two sweeps at once
# are harmless.
@shared_task(name="i4c.workbook_jobs_sweep", acks_late=True)
def workbook_jobs_sweep() -> int:
    return workbook_jobs.workbook_jobs_sweep()


@worker_ready.connect
def _sweep_workbook_jobs(sender=None, **kwargs):
    """A worker that starts picks up the workbook jobs a dead one left behind."""
    try:
        sent = workbook_jobs.workbook_jobs_sweep()
        if sent:
            logger.info("Sent %s workbook job(s) again", sent)
    except Exception:
        logger.exception("Workbook job sweep failed")
    finally:
        # Pool children are forked from this process: no open connection.
        connection.close()
