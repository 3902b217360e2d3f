"""The I4C workbook pages: download for one's scope, upload it back (checked,
previewed, confirmed, optionally submitted), and the reviewers' export."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from communes import scopes
from isaf.exports import XLSX_TYPE
from isaf.formatting import format_number

from ..models import WorkbookImport
from ..services import workbook_jobs
from ..workbook import workbook_export, workbook_providers
from ..workbook.forms import ConfirmForm, ExportForm, UploadForm, YearForm
from ..workbook.selection import providers_to_export, providers_to_fill


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _page(request, *, upload_form=None, status=200):
    can_fill = providers_to_fill(request.user).exists()
    return render(
        request,
        "i4c/workbook.html",
        {
            "can_fill": can_fill,
            "can_export": scopes.provinces_for_review(request.user).exists(),
            "year_form": YearForm(),
            "upload_form": upload_form or UploadForm(),
            "jobs": WorkbookImport.objects.filter(user=request.user)[:10],
        },
        status=status,
    )


@login_required
@require_safe
def workbook_home(request: HttpRequest) -> HttpResponse:
    return _page(request)


@login_required
@require_safe
def workbook_download(request: HttpRequest) -> HttpResponse:
    form = YearForm(request.GET)
    if not form.is_valid():
        raise Http404
    year = form.cleaned_data["year"]
    providers = providers_to_fill(request.user)
    if not providers.exists():
        raise PermissionDenied
    data = workbook_export(
        providers=workbook_providers(year=year, providers=providers), year=year
    )
    return _xlsx(data, f"i4c-{year}.xlsx")


@login_required
@require_POST
def workbook_upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, upload_form=form, status=400)
    job = workbook_jobs.workbook_job_upload(
        user=request.user, file=form.cleaned_data["file"], lang=get_language() or "km"
    )
    return redirect("i4c:workbook-job", pk=job.pk)


@login_required
@require_safe
def workbook_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(WorkbookImport, pk=pk, user=request.user)
    return render(
        request,
        "i4c/workbook_job.html",
        {
            "job": job,
            "progress": workbook_jobs.workbook_job_progress(job),
            "confirm_form": ConfirmForm(),
        },
    )


@login_required
@require_POST
def workbook_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(WorkbookImport, pk=pk, user=request.user)
    form = ConfirmForm(request.POST)
    form.is_valid()
    try:
        workbook_jobs.workbook_job_confirm(
            job=job, user=request.user, submit=form.cleaned_data.get("submit", False)
        )
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", error.args)))
    return redirect("i4c:workbook-job", pk=job.pk)


@login_required
@require_safe
def workbook_export_page(request: HttpRequest) -> HttpResponse:
    provinces = scopes.provinces_for_review(request.user)
    if not provinces.exists():
        raise PermissionDenied
    form = ExportForm(request.GET or None, provinces=provinces)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        year = data["year"]
        providers = workbook_providers(
            year=year,
            providers=providers_to_export(request.user).filter(
                commune__district__province__in=provinces
            ),
            province=data["province"].pk if data["province"] else "",
            district=data["district"].pk if data["district"] else "",
            kind=data["kind"],
            status=data["status"],
        )
        # Written in the request: a selection too large for one workbook (the
        # whole country) is refused before anything is written.
        count, limit = providers.count(), settings.WORKBOOK_EXPORT_MAX_PROVIDERS
        if count <= limit:
            return _xlsx(
                workbook_export(providers=providers, year=year), f"i4c-{year}.xlsx"
            )
        form.add_error(
            None,
            _(
                "This selection holds %(count)s providers: at most %(limit)s fit in "
                "one workbook. Choose a province, a district or a kind of provider."
            )
            % {"count": format_number(count), "limit": format_number(limit)},
        )
    return render(
        request,
        "i4c/workbook_export.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )
