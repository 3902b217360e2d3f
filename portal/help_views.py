"""The manual's pages: the list of guides, one guide, and its printable PDF."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from printing import services as printing_services

from . import help
from .posters import HELP_GUIDE


def _guide_or_404(role: str) -> help.Guide:
    guide = help.guide_get(role)
    if guide is None:
        raise Http404("No such guide.")
    return guide


@require_safe
def help_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/help/index.html",
        {"guides": help.GUIDES, "mine": help.role_for_user(request.user)},
    )


@require_safe
def help_guide(request: HttpRequest, role: str) -> HttpResponse:
    guide = _guide_or_404(role)
    lang = request.LANGUAGE_CODE
    return render(
        request,
        "portal/help/guide.html",
        {
            "guide": guide,
            "steps": [(step, guide.image(step, lang)) for step in guide.steps],
            "guides": help.GUIDES,
        },
    )


@require_safe
def help_guide_pdf(request: HttpRequest, role: str) -> FileResponse:
    """The guide as a printable PDF, for anyone: rendered once by the print
    pipeline, then the same file until the guide or its pictures change."""
    guide = _guide_or_404(role)
    name, filename = printing_services.print_document_file(
        document=HELP_GUIDE, target=guide.role, lang=request.LANGUAGE_CODE
    )
    return FileResponse(
        default_storage.open(name, "rb"),
        content_type="application/pdf",
        filename=filename,
    )
