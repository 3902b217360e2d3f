"""Print pages: request buttons' targets, progress pages, downloads and ZIPs."""

import tempfile
import zipfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from communes import scopes

from . import selectors, services
from .forms import PrintBatchForm, PrintRequestForm


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


@login_required
@require_POST
def job_request(request: HttpRequest) -> HttpResponse:
    form = PrintRequestForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        job = services.print_job_request(user=request.user, **form.cleaned_data)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect(
            "printing:batches" if scopes.is_secretariat(request.user) else "workspace"
        )
    return redirect("printing:job", pk=job.pk)


@login_required
@require_safe
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.print_job_get_for_user(user=request.user, pk=pk)
    return render(request, "printing/job.html", {"job": job})


def _file_response(job, *, as_attachment: bool = True) -> FileResponse:
    if not job.file or not default_storage.exists(job.file):
        raise Http404
    return FileResponse(
        default_storage.open(job.file, "rb"),
        as_attachment=as_attachment,
        filename=job.filename or f"isaf-{job.pk}.pdf",
        content_type="application/pdf",
    )


@login_required
@require_safe
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    job = selectors.print_job_get_for_user(user=request.user, pk=pk)
    return _file_response(job)


@login_required
@require_http_methods(["GET", "POST"])
def batches(request: HttpRequest) -> HttpResponse:
    if not scopes.is_secretariat(request.user):
        raise Http404
    form = PrintBatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.print_batch_request(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            return redirect("printing:batch", pk=batch.pk)
    return render(
        request,
        "printing/batches.html",
        {
            "form": form,
            "batches": selectors.print_batches_recent(user=request.user),
        },
    )


@login_required
@require_safe
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = selectors.print_batch_get_for_user(user=request.user, pk=pk)
    progress = selectors.print_batch_progress(batch=batch)
    return render(
        request,
        "printing/batch.html",
        {
            "batch": batch,
            "progress": progress,
            "failures": selectors.print_batch_failures(batch=batch),
            "files": selectors.print_batch_files(batch=batch),
        },
    )


@login_required
@require_safe
def batch_zip(request: HttpRequest, pk: int) -> FileResponse:
    """The batch's finished PDFs in one ZIP, under their readable names.

    PDFs are compressed already, so they are stored, not deflated; the archive
    is spooled to disk past a few megabytes, never held whole in memory.
    """
    batch = selectors.print_batch_get_for_user(user=request.user, pk=pk)
    files = selectors.print_batch_files(batch=batch)
    if not files:
        raise Http404
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    seen = set()
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_STORED) as archive:
        for job in files:
            name = job.filename or f"isaf-{job.pk}.pdf"
            if name in seen:
                name = f"{job.pk}-{name}"
            seen.add(name)
            with default_storage.open(job.file, "rb") as source:
                with archive.open(name, "w") as target:
                    for chunk in iter(lambda: source.read(1 << 16), b""):
                        target.write(chunk)
    spool.seek(0)
    return FileResponse(
        spool,
        as_attachment=True,
        filename=f"isaf-{batch.document}-{batch.scope}-{batch.code}-{batch.lang}.zip",
        content_type="application/zip",
    )
