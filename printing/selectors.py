"""Reads of print jobs and batches, scoped: a job is seen by whoever asked for it,
by the secretariat, and by anyone who may print its target; a batch by the
secretariat and the person who launched it. Out of scope reads as 404."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import Http404

from communes import scopes

from . import registry
from .models import PrintBatch, PrintJob


def _may_see_job(user, job: PrintJob) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if job.requested_by_id == user.pk or scopes.is_secretariat(user):
        return True
    try:
        spec = registry.document_get(job.document)
    except registry.UnknownDocument:
        return False
    return spec.can_request(user, job.target)


def print_job_get_for_user(*, user, pk: int) -> PrintJob:
    job = PrintJob.objects.select_related("batch", "requested_by").filter(pk=pk).first()
    if job is None or not _may_see_job(user, job):
        raise Http404
    return job


def print_batch_get_for_user(*, user, pk: int) -> PrintBatch:
    batch = PrintBatch.objects.filter(pk=pk).first()
    if batch is None or not (
        scopes.is_secretariat(user)
        or (user.is_authenticated and batch.requested_by_id == user.pk)
    ):
        raise Http404
    return batch


@dataclass(frozen=True)
class BatchProgress:
    total: int
    queued: int
    running: int
    done: int
    failed: int

    @property
    def finished(self) -> int:
        return self.done + self.failed

    @property
    def is_finished(self) -> bool:
        return self.finished >= self.total

    @property
    def percent(self) -> int:
        return round(100 * self.finished / self.total) if self.total else 100


def print_batch_progress(*, batch: PrintBatch) -> BatchProgress:
    """Done out of total, in one query, counted from the jobs themselves."""
    counts = batch.jobs.aggregate(
        total=Count("pk"),
        queued=Count("pk", filter=Q(status=PrintJob.Status.QUEUED)),
        running=Count("pk", filter=Q(status=PrintJob.Status.RUNNING)),
        done=Count("pk", filter=Q(status=PrintJob.Status.DONE)),
        failed=Count("pk", filter=Q(status=PrintJob.Status.FAILED)),
    )
    return BatchProgress(**counts)


def print_batch_failures(*, batch: PrintBatch) -> list[PrintJob]:
    return list(
        batch.jobs.filter(status=PrintJob.Status.FAILED).order_by("target", "pk")
    )


def print_batch_files(*, batch: PrintBatch) -> list[PrintJob]:
    """The batch's finished files, one per target."""
    return list(
        batch.jobs.filter(status=PrintJob.Status.DONE)
        .exclude(file="")
        .order_by("filename", "pk")
    )


def print_batches_recent(*, user, limit: int = 20) -> list[PrintBatch]:
    if not scopes.is_secretariat(user):
        return []
    return list(PrintBatch.objects.select_related("requested_by")[:limit])


def print_jobs_latest_for(
    *, user, document_keys: list[str], target: str
) -> dict[tuple[str, str], PrintJob]:
    """The newest job of each (document, language) for a target, for its buttons."""
    jobs = {}
    for job in PrintJob.objects.filter(
        document__in=document_keys, target=str(target)
    ).order_by("-created_at", "-pk")[:50]:
        jobs.setdefault((job.document, job.lang), job)
    return jobs
