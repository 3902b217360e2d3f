"""The portal's pages: thin views that call a selector and render.

The commune page composes what two apps publish (the I4C board and the scorecard
results) on the gazetteer's page; it lives here so that neither app imports the
other's views and `isaf/` imports no app.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from communes import selectors as communes_selectors
from i4c import selectors as i4c_selectors
from isaf.pagestore import page_stored
from scorecards import selectors as scorecard_selectors

from . import selectors
from .models import Document
from .workspace import workspace_for


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    # Long prose is written per language rather than cut into translated strings,
    # so each version reads as one text.
    template = f"portal/about_{selectors.page_language()}.html"
    return render(request, template)


@require_safe
def documents(request: HttpRequest) -> HttpResponse:
    category = request.GET.get("category", "")
    if category not in Document.Category.values:
        category = ""
    groups = selectors.document_library(category=category)
    counts = selectors.document_counts_by_category()
    filters = [
        (value, label, counts.get(value, 0))
        for value, label in Document.Category.choices
        if counts.get(value)
    ]
    return render(
        request,
        "portal/documents.html",
        {
            "groups": groups,
            "category": category,
            "filters": filters,
            "total": sum(counts.values()),
        },
    )


@require_safe
@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/workspace.html",
        {
            "workspace": workspace_for(request.user),
            "i4c": i4c_selectors.workspace_packages(user=request.user),
        },
    )


@require_safe
@page_stored("commune")
def commune_page(request: HttpRequest, code: str) -> HttpResponse:
    """The commune's public page with its information board, latest year.

    It is the gazetteer's commune page (same selector, and a template that extends
    the gazetteer's) with the I4C board and the scorecard results in the
    template's board block, so the printed address /<lang>/communes/<code>/ shows
    the board.
    """
    ascii_code = communes_selectors.place_code_normalise(code=code)
    if ascii_code != code:
        # A code copied from a Khmer document (Khmer digits) finds its page, which
        # lives at one address.
        return redirect("commune-page", code=ascii_code, permanent=True)
    page = communes_selectors.commune_page_get(
        code=code, language=request.LANGUAGE_CODE
    )
    if page is None:
        raise Http404("No such commune.")
    commune = page.commune
    return render(
        request,
        "portal/commune_page.html",
        {
            "page": page,
            "commune": commune,
            "district": commune.district,
            "province": commune.district.province,
            "board": i4c_selectors.board_for_commune(commune=commune),
            "scorecard_results": scorecard_selectors.results_for_commune(
                commune=commune
            ),
        },
    )
