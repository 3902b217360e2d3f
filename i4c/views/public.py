"""Public I4C pages: the boards of a commune and of a provider, and open data."""

from django.core.serializers.json import DjangoJSONEncoder
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from communes.models import Commune, ServiceProvider
from isaf.exports import csv_response
from isaf.khmer import to_ascii_digits
from isaf.pagestore import page_stored

from .. import selectors


def _commune_or_404(code: str) -> Commune:
    code = to_ascii_digits(code).strip()
    if not code.isdigit() or len(code) != 6:
        raise Http404
    return get_object_or_404(
        Commune.objects.select_related("district__province"), code=code
    )


def _render_commune_board(request, commune, year, version=None):
    board = selectors.board_for_commune(commune=commune, year=year, version=version)
    if board["snapshot"] is None and year is not None:
        raise Http404
    return render(
        request, "i4c/commune_board.html", {"commune": commune, "board": board}
    )


@require_safe
@page_stored("commune")
def commune_board(request: HttpRequest, code: str, year: int) -> HttpResponse:
    return _render_commune_board(request, _commune_or_404(code), year)


@require_safe
@page_stored("commune")
def commune_board_version(
    request: HttpRequest, code: str, year: int, number: int
) -> HttpResponse:
    return _render_commune_board(request, _commune_or_404(code), year, number)


@require_safe
@page_stored("commune")
def commune_open_data_csv(request: HttpRequest, code: str, year: int) -> HttpResponse:
    commune = _commune_or_404(code)
    rows = selectors.commune_open_data_rows(commune=commune, year=year)
    return csv_response(rows, filename=f"i4c-{commune.code}-{year}.csv")


@require_safe
@page_stored("commune")
def commune_open_data_json(request: HttpRequest, code: str, year: int) -> JsonResponse:
    commune = _commune_or_404(code)
    return JsonResponse(
        selectors.commune_open_data_document(commune=commune, year=year),
        encoder=DjangoJSONEncoder,
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


@require_safe
@page_stored("provider")
def provider_board(
    request: HttpRequest, code: str, year: int | None = None
) -> HttpResponse:
    provider = get_object_or_404(
        ServiceProvider.objects.select_related("commune__district__province"),
        code=to_ascii_digits(code).strip(),
    )
    if provider.kind == ServiceProvider.Kind.COMMUNE:
        # A commune administration's board is the commune's board.
        return redirect(
            "communes:detail" if year is None else "i4c:commune-board",
            *([provider.commune_id] if year is None else [provider.commune_id, year]),
        )
    board = selectors.board_for_provider(provider=provider, year=year)
    if board["snapshot"] is None and year is not None:
        raise Http404
    return render(
        request, "i4c/provider_board.html", {"provider": provider, "board": board}
    )


@require_safe
@page_stored("national", key="year")
def national_csv(request: HttpRequest, year: int) -> StreamingHttpResponse:
    rows = selectors.national_open_data_rows(year=year)
    return csv_response(rows, filename=f"i4c-{year}.csv", streaming=True)
