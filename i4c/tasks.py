"""Celery tasks of I4C: thin, they take ids and a language and call services."""

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import translation

from .services import workbook_jobs


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
