"""Every write to print jobs: request, run, finish, sweep.

The rules (DESIGN.md, "Reliability"): the job row is the truth; tasks are sent to
the broker only once the row is committed, and a broker that is down costs
nothing but time (the job stays queued and the sweep sends it later); running a
job twice is harmless, because a job is claimed with a conditional UPDATE and
its file is named after the hash of what it shows; a file is written whole or
not at all.
"""

import logging
import os
import socket
from datetime import timedelta

from celery.exceptions import Retry
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from communes import scopes
from communes.models import Commune, District, Province
from isaf.audit import audit_record
from isaf.broker import broker_refused, broker_worth_trying
from isaf.pdf import render_html

from . import registry
from .files import content_hash, file_name_for, file_save_whole, partial_files_remove
from .fitting import fitted_pdf
from .heartbeat import heartbeat_kept
from .models import PrintBatch, PrintJob
from .notices import batch_notify_if_finished
from .public import public_file_record

logger = logging.getLogger(__name__)

LANGUAGES = ("km", "en")
# Errors worth another try: the database or the storage blinked. Anything else
# (a template error, a target that is gone) fails at once with its reason.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, OSError, TimeoutError)


def stale_after() -> timedelta:
    """A running job whose heartbeat is older than this lost its worker: a live
    worker stamps it every PRINT_HEARTBEAT_INTERVAL seconds (`heartbeat`)."""
    return timedelta(seconds=settings.PRINT_STALE_AFTER)


def resend_after() -> timedelta:
    """A queued job sent this long ago and never started is sent again: the
    broker may have lost the message (Redis restarted without persistence)."""
    return timedelta(seconds=settings.PRINT_RESEND_AFTER)


# Requests ---------------------------------------------------------------------


def _check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValidationError({"lang": _("Choose Khmer or English.")})
    return lang


def _document(key: str) -> registry.PrintDocument:
    try:
        return registry.document_get(key)
    except registry.UnknownDocument:
        raise ValidationError({"document": _("Unknown document.")}) from None


@transaction.atomic
def print_job_request(
    *, user, document: str, target: str, lang: str, system: bool = False
) -> PrintJob:
    """Ask for one poster or booklet; the job runs once this transaction commits.

    Pressing the button twice while the first job waits gives the same job.
    ``system`` skips the scope check for callers that made it already (a
    publication asks for its own posters).
    """
    _check_lang(lang)
    spec = _document(document)
    target = str(target)
    if not system and not spec.can_request(user, target):
        raise PermissionDenied(_("You may not print this document."))
    waiting = (
        PrintJob.objects.select_for_update()
        .filter(
            document=document,
            target=target,
            lang=lang,
            batch=None,
            status__in=[PrintJob.Status.QUEUED, PrintJob.Status.RUNNING],
        )
        .first()
    )
    if waiting is not None:
        return waiting
    job = PrintJob(
        document=document,
        target=target,
        lang=lang,
        requested_by=user if getattr(user, "pk", None) else None,
    )
    job.full_clean(exclude=["batch", "requested_by"])
    job.save()
    audit_record(
        user=user,
        action="printing.job.request",
        instance=job,
        changes={"document": [None, document], "target": [None, target]},
    )
    print_jobs_enqueue_on_commit(job_ids=[job.pk])
    return job


_SCOPE_MODELS = {
    PrintBatch.Scope.COMMUNE: Commune,
    PrintBatch.Scope.DISTRICT: District,
    PrintBatch.Scope.PROVINCE: Province,
}


@transaction.atomic
def print_batch_request(
    *, user, document: str, scope: str, code: str, lang: str, system: bool = False
) -> PrintBatch:
    """Launch one document for every target in a commune, district or province.

    Only the secretariat launches batches from the site; ``system`` is for the
    ``render_posters`` command, which is run by whoever operates the server.
    """
    _check_lang(lang)
    spec = _document(document)
    if not system and not scopes.is_secretariat(user):
        raise PermissionDenied(_("Only the secretariat launches print batches."))
    if spec.targets is None:
        raise ValidationError({"document": _("This document is not printed in bulk.")})
    model = _SCOPE_MODELS.get(scope)
    if model is None or not model.objects.filter(pk=code).exists():
        raise ValidationError({"code": _("No such place.")})
    targets = list(dict.fromkeys(str(t) for t in spec.targets(scope, code)))
    if not targets:
        raise ValidationError(
            _("Nothing has been published here yet, so there is nothing to print.")
        )
    batch = PrintBatch.objects.create(
        document=document,
        scope=scope,
        code=code,
        lang=lang,
        total=len(targets),
        requested_by=user if getattr(user, "pk", None) else None,
    )
    jobs = PrintJob.objects.bulk_create(
        PrintJob(
            document=document,
            target=target,
            lang=lang,
            batch=batch,
            requested_by=batch.requested_by,
        )
        for target in targets
    )
    if getattr(user, "pk", None):
        audit_record(
            user=user,
            action="printing.batch.request",
            instance=batch,
            changes={"scope": [None, f"{scope}:{code}"], "total": [None, len(jobs)]},
        )
    print_jobs_enqueue_on_commit(job_ids=[job.pk for job in jobs])
    return batch


def print_jobs_enqueue_on_commit(*, job_ids: list[int]) -> None:
    # Robust: a broker error after commit is logged, never raised into the
    # request that published a package; the job stays queued for the sweep.
    transaction.on_commit(lambda: print_jobs_enqueue(job_ids=job_ids), robust=True)


def print_jobs_enqueue(*, job_ids) -> int:
    """Send queued jobs to the workers (with no broker: run them here and now).

    Stops at the first message the broker refuses: the rest would wait for the
    same connection timeout each. Returns how many were sent.
    """
    from .tasks import print_job_run

    jobs = list(
        PrintJob.objects.filter(pk__in=list(job_ids), status=PrintJob.Status.QUEUED)
        .order_by("pk")
        .values_list("pk", "lang")
    )
    sent = []
    for pk, lang in jobs:
        if not broker_worth_trying():
            break
        try:
            print_job_run.apply_async(
                args=(pk, lang),
                retry=True,
                retry_policy={"max_retries": 1, "interval_start": 0.2},
            )
        except Retry:
            # Run in-process (no broker) the job met a transient error, and
            # Celery raises its retry here instead of running it: try once more
            # now, as the last attempt, so the row ends done or failed.
            print_job_execute(job_id=pk, final_attempt=True)
        except Exception:
            broker_refused()
            logger.warning(
                "Print job %s stays queued: the broker did not take it",
                pk,
                exc_info=True,
            )
            break
        sent.append(pk)
    if sent:
        PrintJob.objects.filter(pk__in=sent).update(enqueued_at=timezone.now())
    return len(sent)


# Running ----------------------------------------------------------------------


def _worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _claim(job_id: int) -> PrintJob | None:
    """Take the job if nobody has it; None if it is finished or in live hands.

    The conditional UPDATE is the lock: of two workers handed the same job (a
    redelivered message, a sweep), only one moves it to running.
    """
    now = timezone.now()
    claimable = Q(status=PrintJob.Status.QUEUED) | Q(
        status=PrintJob.Status.RUNNING, heartbeat_at__lt=now - stale_after()
    )
    claimed = PrintJob.objects.filter(claimable, pk=job_id).update(
        status=PrintJob.Status.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        heartbeat_at=now,
        worker=_worker_name(),
    )
    if not claimed:
        return None
    return PrintJob.objects.get(pk=job_id)


def _error_text(error: BaseException) -> str:
    if isinstance(error, registry.TargetGone):
        return str(error) or _("What this job prints no longer exists.")
    return f"{type(error).__name__}: {error}"[:2000]


def _finish(job: PrintJob, **fields) -> None:
    fields.setdefault("finished_at", timezone.now())
    PrintJob.objects.filter(pk=job.pk).update(**fields)
    for key, value in fields.items():
        setattr(job, key, value)
    if job.batch_id and job.status in PrintJob.FINISHED:
        batch_notify_if_finished(batch_id=job.batch_id)


def print_job_execute(*, job_id: int, final_attempt: bool = True) -> PrintJob | None:
    """Render one job's PDF and record the outcome on its row.

    A transient error (database, disk) puts the job back in the queue and is
    raised, so that the task retries it with back-off; on the last attempt, and
    for every other error, the job fails with the reason, which the progress
    page shows.
    """
    job = _claim(job_id)
    if job is None:
        return None
    # The reason of a failure is written in the language of the job, which is the
    # language its requester asked for.
    with (
        translation.override(job.lang),
        heartbeat_kept(job_id=job.pk, worker=job.worker),
    ):
        return _execute_claimed(job, final_attempt=final_attempt)


def _render_file(*, document: str, target: str, lang: str):
    """Render a document's PDF into storage, or reuse the file that shows the same
    thing; returns its source, content hash, file name and whether it was reused."""
    source = registry.document_get(document).source(target, lang)
    html = render_html(template=source.template, context=source.context, lang=lang)
    digest = content_hash(document=document, html=html)
    name = file_name_for(document=document, digest=digest)
    reused = default_storage.exists(name)
    if not reused:
        file_save_whole(name=name, data=fitted_pdf(source, lang, html=html))
    return source, digest, name, reused


def print_document_file(*, document: str, target: str, lang: str) -> tuple[str, str]:
    """A document's PDF now, for a public download that needs no job: its name in
    storage and the name a reader sees. The same render as a job's, and the same
    file, reused as long as what it shows is unchanged."""
    _check_lang(lang)
    with translation.override(lang):
        source, _digest, name, _reused = _render_file(
            document=document, target=str(target), lang=lang
        )
    return name, source.filename


def _execute_claimed(job: PrintJob, *, final_attempt: bool) -> PrintJob | None:
    try:
        source, digest, name, reused = _render_file(
            document=job.document, target=job.target, lang=job.lang
        )
        # A published document citizens download is stored at its public key too.
        public_file_record(
            document=job.document,
            lang=job.lang,
            source=source,
            file=name,
            digest=digest,
        )
    except TRANSIENT_ERRORS as error:
        if not final_attempt:
            try:
                _finish(
                    job,
                    status=PrintJob.Status.QUEUED,
                    error=_error_text(error),
                    finished_at=None,
                )
            except Exception:
                # The database itself is away: the heartbeat goes stale and the
                # sweep gives the job back to the queue.
                logger.exception("Could not release print job %s", job.pk)
            raise
        logger.exception("Print job %s failed", job.pk)
        _finish(job, status=PrintJob.Status.FAILED, error=_error_text(error))
        return job
    except Exception as error:
        logger.exception("Print job %s failed", job.pk)
        _finish(job, status=PrintJob.Status.FAILED, error=_error_text(error))
        return job
    _finish(
        job,
        status=PrintJob.Status.DONE,
        template=source.template,
        content_hash=digest,
        file=name,
        filename=source.filename,
        reused=reused,
        error="",
    )
    return job


# Sweep ------------------------------------------------------------------------


def print_jobs_sweep(*, now=None) -> int:
    """Send again every job a worker will otherwise never run.

    - running jobs whose heartbeat is stale: their worker died (killed, out of
      memory, machine lost) and its message may sit unacknowledged for an hour;
    - queued jobs never sent (the broker was down when they were asked for), or
      sent so long ago that the message must have been lost.

    Run by Celery beat every PRINT_SWEEP_INTERVAL (CELERY_BEAT_SCHEDULE), and by
    ``manage.py sweep_print_jobs``. Several sweeps at once are harmless: a job is
    claimed by one worker only. Returns how many jobs were sent.
    """
    now = now or timezone.now()
    with transaction.atomic():
        dead = list(
            PrintJob.objects.select_for_update(skip_locked=True)
            .filter(
                status=PrintJob.Status.RUNNING,
                heartbeat_at__lt=now - stale_after(),
            )
            .values_list("pk", flat=True)
        )
        if dead:
            logger.warning("Print jobs %s lost their worker; queued again", dead)
            PrintJob.objects.filter(pk__in=dead, status=PrintJob.Status.RUNNING).update(
                status=PrintJob.Status.QUEUED, enqueued_at=None
            )
    waiting = PrintJob.objects.filter(status=PrintJob.Status.QUEUED).filter(
        Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=now - resend_after())
    )
    ids = list(waiting.order_by("pk").values_list("pk", flat=True)[:5000])
    partial_files_remove(older_than=now - stale_after())
    return print_jobs_enqueue(job_ids=ids) if ids else 0
