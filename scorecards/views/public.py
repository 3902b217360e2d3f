"""The public results page and its CSV (addresses printed on posters)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from isaf.exports import csv_response
from isaf.pagestore import page_stored

from .. import selectors
from ..open_data import scorecard_open_data
from .common import SCALE_ROWS


@require_safe
@page_stored("scorecard", key="pk")
def scorecard_public(request: HttpRequest, pk: int) -> HttpResponse:
    published = selectors.published_results(scorecard_id=pk)
    if published is None:
        raise Http404
    return render(
        request,
        "scorecards/public.html",
        {"published": published, "scale": SCALE_ROWS},
    )


@require_safe
@page_stored("scorecard", key="pk")
def scorecard_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The results as open data: one row per indicator and group, then the JAAP."""
    data = scorecard_open_data(scorecard_id=pk)
    if data is None:
        raise Http404
    return csv_response(data.rows, filename=data.filename)
