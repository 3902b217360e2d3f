"""The reviewers' and secretariat's dashboards: thin views over the selectors.

Scope is decided in `selectors.filters_resolve` (a councillor or a facilitator
gets 403, a provincial reviewer asking for another province gets 403); these
views only read the filters, call the selectors and render or export.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from communes.scopes import is_secretariat
from isaf.formatting import format_digits, label_colon

from . import charts, exports, selectors, tables
from .forms import DashboardFilterForm
from .outline import country_outline


def _filters(request: HttpRequest):
    form = DashboardFilterForm(request.GET)
    if not form.is_valid():
        raise Http404("Bad filter")
    data = form.cleaned_data
    filters, options = selectors.filters_resolve(
        user=request.user,
        year=data["year"],
        province=data["province"],
        district=data["district"],
        organisation=data["organisation"],
    )
    return form, data, filters, options


def _crumbs(filters: selectors.Filters) -> list[tuple[str, str | None]]:
    """National › province › district, each a link but the last."""
    base = reverse("dashboard:home")
    crumbs = [
        (
            _("National"),
            f"{base}?{urlencode(filters.query(province='', district=''))}",
        )
    ]
    if filters.province is not None:
        crumbs.append(
            (
                tables.place_name(filters.province),
                f"{base}?{urlencode(filters.query(district=''))}",
            )
        )
    if filters.district is not None:
        crumbs.append(
            (
                tables.place_name(filters.district),
                None,
            )
        )
    crumbs[-1] = (crumbs[-1][0], None)
    return crumbs


def _area_name(filters: selectors.Filters) -> str:
    return " · ".join(name for name, _link in _crumbs(filters))


def _filename(filters: selectors.Filters, what: str) -> str:
    place = filters.district or filters.province
    parts = ["isaf", what, str(filters.cycle.year)]
    if place is not None:
        parts.append(place.pk)
    if filters.organisation is not None:
        parts.append(f"org{filters.organisation.pk}")
    return "-".join(parts)


def _export(data: dict, filters, page_tables: dict, what: str) -> HttpResponse | None:
    if not data["format"]:
        return None
    response = exports.export_response(
        tables=page_tables,
        fmt=data["format"],
        table_key=data["table"] or None,
        filename=_filename(filters, what),
        title=f"I-SAF {filters.cycle.year} · {_area_name(filters)}",
    )
    if response is None:
        raise Http404("No such table")
    return response


def _context(request, form, filters, options, page_tables) -> dict:
    query = filters.query()
    return {
        "form": form,
        "filters": filters,
        "options": options,
        "crumbs": _crumbs(filters),
        "tables": page_tables,
        "query": urlencode(query),
    }


@require_safe
@login_required
def dashboard_home(request: HttpRequest) -> HttpResponse:
    form, data, filters, options = _filters(request)
    now = timezone.now()
    figures = selectors.dashboard_figures(filters=filters, now=now)
    page_tables = tables.dashboard_tables(figures, filters, now)
    response = _export(data, filters, page_tables, "dashboard")
    if response is not None:
        return response
    communes = figures["communes"]
    stage_chart = charts.bar_chart(
        label=_("Share of target communes that reached each stage"),
        bars=charts.share_bars(
            [
                (tables.STAGE_LABELS[stage], communes[stage], communes["target"])
                for stage in selectors.STAGES
            ]
        ),
    )
    total = figures["participation"]["total"]
    bars, top = charts.count_bars(
        [(_("Participants"), total["female"] + total["male"])]
        + [(label, total[key]) for key, label in tables.PARTICIPATION_LABELS.items()]
    )
    participation_chart = charts.bar_chart(
        label=_("Participants in recorded meetings, by group"),
        bars=bars,
        maximum=top,
    )
    context = _context(request, form, filters, options, page_tables)
    context.update(
        {
            "figures": figures,
            "stage_chart": stage_chart,
            "participation_chart": participation_chart,
            "full_cycles_target": selectors.FULL_CYCLES_TARGET,
        }
    )
    return render(request, "dashboard/home.html", context)


@require_safe
@login_required
def dashboard_map(request: HttpRequest) -> HttpResponse:
    form, data, filters, options = _filters(request)
    communes = selectors.map_communes(filters=filters, today=timezone.localdate())
    for point in communes:
        stage = (
            tables.STAGE_LABELS[selectors.STAGES[point["furthest"] - 1]]
            if point["furthest"]
            else _("No stage yet")
        )
        # The dot's name and stage; where it lies tells same-named communes apart.
        point["title"] = f"{tables.place_name(point)}{label_colon()} {stage}"
    points = [c for c in communes if c["latitude"] is not None]
    missing = len(communes) - len(points)
    page_tables = {"map": tables.map_table(communes)}
    response = _export(data, filters, page_tables, "map")
    if response is not None:
        return response
    svg = charts.commune_map(
        points=points,
        frame=charts.map_frame(points, national=filters.level == "national"),
        # A province's or district's few communes get bigger dots, easier to
        # hit with a finger.
        radius=3.5 if filters.level == "national" else 9,
        places=selectors.map_places(filters=filters),
        outline=country_outline(),
        label=_("Map of target communes, %(year)s")
        % {"year": format_digits(filters.cycle.year)},
        link_for=lambda p: reverse("communes:detail", kwargs={"code": p["code"]}),
    )
    legend = [(0, _("No stage yet"))] + [
        (number, tables.STAGE_LABELS[stage])
        for number, stage in enumerate(selectors.STAGES, start=1)
    ]
    context = _context(request, form, filters, options, page_tables)
    context.update(
        {
            "svg": svg,
            "legend": [(charts.swatch(n), label) for n, label in legend],
            "points": len(points),
            "missing": missing,
        }
    )
    return render(request, "dashboard/map.html", context)


@require_safe
@login_required
def dashboard_coverage(request: HttpRequest) -> HttpResponse:
    form, data, filters, options = _filters(request)
    page_tables = {
        "coverage": tables.coverage_table(selectors.coverage_rows(filters=filters))
    }
    response = _export(data, filters, page_tables, "coverage")
    if response is not None:
        return response
    context = _context(request, form, filters, options, page_tables)
    context["is_secretariat"] = is_secretariat(request.user)
    return render(request, "dashboard/coverage.html", context)
