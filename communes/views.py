"""Public pages of the gazetteer: the finder, browsing, and the commune page."""

from django.contrib.messages import get_messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from isaf.text import text_for_search

from . import selectors
from .finder_cache import finder_page_get, finder_page_set

# Enough to scroll on a phone; a longer list means the query needs more letters.
SEARCH_LIMIT = 50


def _canonical(request: HttpRequest, name: str, code: str) -> HttpResponse | None:
    """Redirect an address typed with Khmer digits to its ASCII form.

    The URL patterns accept «១១០៤០១» so that a code copied from a Khmer document
    works; the page itself lives at one address.
    """
    ascii_code = selectors.place_code_normalise(code=code)
    if ascii_code != code:
        return redirect(name, code=ascii_code, permanent=True)
    return None


def _finder_cache_key(request: HttpRequest, query: str) -> str | None:
    """The cache key of an anonymous reader's finder page, else None: signed-in
    readers and readers with messages get a page of their own."""
    if set(request.GET) - {"q"} or request.user.is_authenticated:
        return None
    if len(get_messages(request)):
        return None
    return f"{request.LANGUAGE_CODE}:{query}"


@require_safe
def finder(request: HttpRequest) -> HttpResponse:
    """Search by name or code; with no query, the provinces to browse.

    Anonymous readers' pages are kept by language and query in the process
    (communes.finder_cache, bounded: made-up queries only push older pages out).
    """
    query = request.GET.get("q", "")[: selectors.MAX_QUERY_LENGTH].strip()
    # A NUL or other control character means nothing in a place name.
    query = text_for_search(query)
    key = _finder_cache_key(request, query) if query else None
    if key and (cached := finder_page_get(key)) is not None:
        return HttpResponse(cached)
    response = _finder(request, query)
    if key and response.status_code == 200:
        found = getattr(response, "found_something", False)
        finder_page_set(key, response.content, found=found)
    return response


def _finder(request: HttpRequest, query: str) -> HttpResponse:
    searched = "q" in request.GET
    if query:
        commune_code = selectors.commune_code_from_query(query=query)
        if commune_code:
            return redirect("communes:detail", code=commune_code)
    # One more than shown tells whether the list was cut.
    finding = (
        selectors.place_find(query=query, limit=SEARCH_LIMIT + 1) if query else None
    )
    found = finding.matches if finding else []
    matches = found[:SEARCH_LIMIT]
    provinces = (
        selectors.province_list(language=request.LANGUAGE_CODE) if not query else None
    )
    suggestions = finding.suggestions if finding else []
    response = render(
        request,
        "communes/finder.html",
        {
            "query": query,
            "searched": searched,
            "matches": matches,
            "suggestions": suggestions,
            "more_than_shown": len(found) > SEARCH_LIMIT,
            "provinces": provinces,
        },
    )
    response.found_something = bool(matches or suggestions)
    return response


def _unit_page(unit, level, children, child_level, child_view) -> dict:
    """What communes/unit.html takes: a unit and the units within it."""
    return {
        "unit": unit,
        "level": level,
        "children": children,
        "child_level": child_level,
        "child_url": f"communes:{child_view}",
    }


@require_safe
def province_detail(request: HttpRequest, code: str) -> HttpResponse:
    if response := _canonical(request, "communes:province", code):
        return response
    province = selectors.province_get(code=code)
    if province is None:
        raise Http404("No such province.")
    districts = selectors.district_list(
        province=province, language=request.LANGUAGE_CODE
    )
    return render(
        request,
        "communes/unit.html",
        {
            "province": province,
            "districts": districts,
            **_unit_page(province, "province", districts, "district", "district"),
        },
    )


@require_safe
def district_detail(request: HttpRequest, code: str) -> HttpResponse:
    if response := _canonical(request, "communes:district", code):
        return response
    district = selectors.district_get(code=code)
    if district is None:
        raise Http404("No such district.")
    communes = selectors.commune_list(district=district, language=request.LANGUAGE_CODE)
    return render(
        request,
        "communes/unit.html",
        {
            "district": district,
            "province": district.province,
            "communes": communes,
            **_unit_page(district, "district", communes, "commune", "detail"),
        },
    )


@require_safe
def commune_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The commune's public page; the I4C information board joins it later."""
    if response := _canonical(request, "communes:detail", code):
        return response
    page = selectors.commune_page_get(code=code, language=request.LANGUAGE_CODE)
    if page is None:
        raise Http404("No such commune.")
    return render(
        request,
        "communes/commune_detail.html",
        {
            "page": page,
            "commune": page.commune,
            "district": page.commune.district,
            "province": page.commune.district.province,
        },
    )
