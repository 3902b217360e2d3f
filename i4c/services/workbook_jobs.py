"""The background job of a workbook upload: check, wait for confirmation, import.

The `WorkbookImport` row is the truth; the task is sent once the row is
committed, and with the broker down the job simply waits as queued (with no
broker at all, `make run`, it runs in-process). Both steps read the file again,
so a confirmation imports what is true when it runs, not what was true when the
preview was shown: anything saved on the portal in between is refused as stale.
Progress during the import lives in the cache (the import is one transaction,
invisible to the page until it commits); without a cache the page shows the
status alone.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from isaf.audit import audit_record

from ..models import WorkbookImport
from .workbook import workbook_import, workbook_submit

logger = logging.getLogger(__name__)
PROGRESS_KEY = "i4c:workbook-import:{pk}:progress"


def _claim(pk: int, *, expected: str, status: str) -> WorkbookImport | None:
    """Move a job on from `expected`; None when another worker did already."""
    with transaction.atomic():
        job = WorkbookImport.objects.select_for_update().filter(pk=pk).first()
        if job is None or job.status != expected:
            return None
        job.status = status
        job.save(update_fields=["status", "updated_at"])
        return job


def workbook_job_upload(*, user, file, lang: str) -> WorkbookImport:
    """Keep an uploaded workbook and have it checked in the background."""
    job = WorkbookImport(user=user, filename=file.name[:255], lang=lang)
    job.file.save("workbook.xlsx", file, save=False)
    job.save()
    audit_record(
        user=user,
        action="i4c.workbook.upload",
        instance=job,
        changes={"filename": [None, job.filename]},
    )
    _enqueue_on_commit(job.pk, lang, "check")
    return job


def workbook_job_confirm(*, job: WorkbookImport, user, submit: bool) -> WorkbookImport:
    """The uploader confirms a checked workbook: import it in the background."""
    if job.user_id != user.pk:
        raise PermissionDenied(_("Only who uploaded this workbook may import it."))
    with transaction.atomic():
        job = WorkbookImport.objects.select_for_update().get(pk=job.pk)
        if job.status != WorkbookImport.Status.READY:
            raise ValidationError(_("This workbook is not waiting for a confirmation."))
        job.status = WorkbookImport.Status.IMPORTING
        job.submit = submit
        job.save(update_fields=["status", "submit", "updated_at"])
        _enqueue_on_commit(job.pk, job.lang, "import")
    return job


def _plan(job: WorkbookImport):
    from ..workbook import workbook_check

    with job.file.open("rb") as handle:
        return workbook_check(file=handle, user=job.user)


def _store(job: WorkbookImport, plan) -> None:
    job.year = plan.year
    job.rows = plan.rows
    job.changed = plan.changed if not plan.errors else 0
    job.errors = [str(error) for error in plan.errors]
    job.preview = plan.preview


def workbook_job_check(*, job_id: int) -> None:
    """Read and check the workbook; the job ends refused or ready."""
    job = _claim(
        job_id,
        expected=WorkbookImport.Status.QUEUED,
        status=WorkbookImport.Status.CHECKING,
    )
    if job is None:
        return
    try:
        plan = _plan(job)
    except Exception:
        logger.exception("Workbook import %s could not be checked", job_id)
        job.status = WorkbookImport.Status.FAILED
        job.errors = [_("The workbook could not be checked. Try again later.")]
        job.save()
        raise
    _store(job, plan)
    job.status = (
        WorkbookImport.Status.INVALID if plan.errors else WorkbookImport.Status.READY
    )
    if plan.errors:
        _forget_file(job)
    job.save()


def workbook_job_import(*, job_id: int) -> None:
    """Import a confirmed workbook whole, then submit it if asked."""
    job = WorkbookImport.objects.filter(
        pk=job_id, status=WorkbookImport.Status.IMPORTING
    ).first()
    if job is None:
        return
    key = PROGRESS_KEY.format(pk=job.pk)

    def progress(done, total):
        try:
            cache.set(key, (done, total), 3600)
        except Exception:  # a cache error is never the import's error
            logger.warning("Workbook progress not cached", exc_info=True)

    try:
        plan = _plan(job)
        _store(job, plan)
        packages = workbook_import(user=job.user, plan=plan, progress=progress)
    except (PermissionDenied, ValidationError) as error:
        # Refused as a whole (a package saved on the portal meanwhile, a scope
        # that changed): nothing was imported, and the page says why.
        job.status = WorkbookImport.Status.INVALID
        job.errors = job.errors or getattr(error, "messages", [str(error)])
        job.save()
        return
    except Exception:
        logger.exception("Workbook import %s failed", job_id)
        job.status = WorkbookImport.Status.FAILED
        job.errors = [_("The workbook could not be imported. Try again later.")]
        job.save()
        raise
    job.packages = [package.pk for package in packages]
    if job.submit and job.packages:
        job.refused = {
            str(pk): reason
            for pk, reason in workbook_submit(
                user=job.user, package_ids=job.packages
            ).items()
        }
    job.status = WorkbookImport.Status.DONE
    _forget_file(job)
    job.save()
    audit_record(
        user=job.user,
        action="i4c.workbook.import",
        instance=job,
        changes={"changed": [None, job.changed], "packages": [None, job.packages]},
    )


def _forget_file(job: WorkbookImport) -> None:
    """The figures it holds are now in the packages (or were refused): the
    uploaded file is not kept longer than it is needed."""
    if job.file:
        job.file.delete(save=False)


def workbook_jobs_sweep(*, stale_after: datetime.timedelta | None = None) -> int:
    """Send again the jobs that a dead worker or a lost message left behind:
    queued or being checked, or being imported, untouched for `stale_after`.
    A check starts over; an import is one transaction, so a worker that died in
    it committed nothing and the import runs again whole. Returns how many."""
    stale_after = stale_after or datetime.timedelta(
        seconds=settings.WORKBOOK_STALE_AFTER
    )
    old = timezone.now() - stale_after
    working = WorkbookImport.objects.filter(updated_at__lt=old)
    checks = list(
        working.filter(
            status__in=[WorkbookImport.Status.QUEUED, WorkbookImport.Status.CHECKING]
        ).values_list("pk", "lang")
    )
    imports = list(
        working.filter(status=WorkbookImport.Status.IMPORTING).values_list("pk", "lang")
    )
    WorkbookImport.objects.filter(pk__in=[pk for pk, _lang in checks]).update(
        status=WorkbookImport.Status.QUEUED, updated_at=timezone.now()
    )
    for pk, lang in checks:
        _enqueue(pk, lang, "check")
    for pk, lang in imports:
        _enqueue(pk, lang, "import")
    return len(checks) + len(imports)


def workbook_job_progress(job: WorkbookImport) -> tuple[int, int] | None:
    try:
        return cache.get(PROGRESS_KEY.format(pk=job.pk))
    except Exception:
        return None


def _enqueue_on_commit(pk: int, lang: str, step: str) -> None:
    transaction.on_commit(lambda: _enqueue(pk, lang, step), robust=True)


def _enqueue(pk: int, lang: str, step: str) -> None:
    from ..tasks import workbook_job_run

    try:
        workbook_job_run.apply_async(
            args=(pk, lang, step),
            retry=True,
            retry_policy={"max_retries": 1, "interval_start": 0.2},
        )
    except Exception:
        logger.warning("Workbook job %s stays queued: no broker took it", pk)
