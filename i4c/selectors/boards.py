"""The public information boards of a commune and of a provider: published
versions only. The pages that show them are stored when published (see
`isaf.pages`), so a board is computed about once per publish and needs no cache.
"""

from django.db.models import OuterRef, Subquery
from django.http import Http404

from communes.models import Commune, ServiceProvider

from ..labels import (
    category_label,
    funding_label,
    item_label,
    project_status_label,
    sector_label,
    staff_label,
)
from ..models import BudgetLine, Package, PublishedVersion
from ..sections import COMMUNE_EXPENDITURE, COMMUNE_REVENUE, budget_row_label
from .snapshots import snapshot_totals
from .summary import commune_summary, district_comparison


def _bar_rows(rows: list[dict], keys=("actual", "previous")) -> list[dict]:
    """Add bar widths (0-100) for the server-drawn charts, on one shared scale."""
    top = max(
        [row[k] or 0 for row in rows for k in keys if row.get(k) is not None] or [0]
    )
    for row in rows:
        for k in keys:
            value = row.get(k) or 0
            row[f"{k}_width"] = round(100 * value / top, 1) if top else 0
    return rows


def _budget_rows(snapshot: dict, previous: dict | None, side: str, order) -> list:
    lines = {
        line["category"]: line
        for line in snapshot.get("budget", [])
        if line["side"] == side
    }
    previous_lines = {
        line["category"]: line
        for line in (previous or {}).get("budget", [])
        if line["side"] == side
    }
    categories = [c for c in order if c in lines or c in previous_lines]
    categories += [c for c in lines if c not in categories]
    rows = []
    for category in categories:
        line = lines.get(category, {})
        before = previous_lines.get(category, {})
        actual = line.get("actual")
        previous_actual = before.get("actual") if before else None
        change = None
        if actual is not None and previous_actual:
            change = (actual - previous_actual) / previous_actual
        rows.append(
            {
                "category": category,
                "label": category_label(category),
                "planned": line.get("planned"),
                "actual": actual,
                "previous": previous_actual,
                "change": change,
            }
        )
    return _bar_rows(rows)


def _performance_rows(snapshot: dict) -> list[dict]:
    return [dict(figure) for figure in snapshot.get("performance", [])]


def _people_rows(snapshot: dict) -> dict:
    staff = [
        {
            "label": staff_label(s["category"]),
            "female": s["female"],
            "male": s["male"],
            "total": s["female"] + s["male"],
        }
        for s in snapshot.get("staff", [])
    ]
    enrolment = [
        {
            "label": item_label("enrolment", str(e["grade"])),
            "female": e["female"],
            "male": e["male"],
            "total": e["female"] + e["male"],
        }
        for e in snapshot.get("enrolment", [])
    ]
    return {"staff": staff, "enrolment": enrolment}


def _projects(snapshot: dict) -> list[dict]:
    return [
        dict(
            p,
            sector_label=sector_label(p["sector"]),
            status_label=project_status_label(p["status"]),
            funding_label=funding_label(p["funding"]),
        )
        for p in snapshot.get("projects", [])
    ]


def _version_meta(version: PublishedVersion) -> dict:
    return {
        "number": version.number,
        "published_at": version.published_at,
        "reason": version.reason,
    }


def _provider_summaries(*, commune: Commune, year: int | None) -> list[dict]:
    """The commune's health centres and schools, each with its latest published
    figures (up to the board's year) against the national standards. Two queries."""
    providers = list(
        ServiceProvider.objects.serving(commune)
        .exclude(kind=ServiceProvider.Kind.COMMUNE)
        .order_by("kind", "code")
    )
    if not providers:
        return []
    latest_year = Package.objects.filter(
        provider=OuterRef("provider"), published_version__isnull=False
    )
    if year:
        latest_year = latest_year.filter(year__lte=year)
    latest_year = latest_year.order_by("-year").values("year")[:1]
    packages = {
        p.provider_id: p
        for p in Package.objects.filter(
            provider__in=[p.pk for p in providers],
            published_version__isnull=False,
            year=Subquery(latest_year),
        ).select_related("published_version")
    }
    summaries = []
    for provider in providers:
        package = packages.get(provider.pk)
        snapshot = package.published_version.snapshot if package else None
        performance = _performance_rows(snapshot) if snapshot else []
        summaries.append(
            {
                "code": provider.code,
                "kind": provider.kind,
                "kind_label": provider.get_kind_display(),
                "name_km": provider.name_km or provider.name,
                "name_en": provider.name_en or provider.name,
                "year": package.year if package else None,
                "performance": performance,
                "meets": sum(1 for f in performance if f["meets"]),
                "judged": sum(1 for f in performance if f["meets"] is not None),
            }
        )
    return summaries


def board_for_commune(
    *, commune: Commune, year: int | None = None, version: int | None = None
) -> dict:
    """Everything a commune's public information board shows, from published
    versions only, in at most six queries whatever the years of history.

    The result holds codes and lazy labels, so one board serves both languages.
    """
    return _board_for_commune(commune=commune, year=year, version=version)


def _board_for_commune(*, commune: Commune, year: int | None, version: int | None):
    # The commune administration's published years and who it is, in one query
    # when it has published (a commune has one administration).
    rows = list(
        Package.objects.filter(
            provider__commune=commune,
            provider__kind=ServiceProvider.Kind.COMMUNE,
            published_version__isnull=False,
        )
        .order_by("-year")
        .values_list(
            "year", "pk", "published_version_id", "provider__code", "provider__is_demo"
        )
    )
    if len({row[3] for row in rows}) == 1:
        provider_code, is_demo = rows[0][3], rows[0][4]
    else:
        administration = (
            ServiceProvider.objects.filter(
                commune=commune, kind=ServiceProvider.Kind.COMMUNE
            )
            .order_by("code")
            .first()
        )
        provider_code = administration.code if administration else None
        is_demo = bool(administration and administration.is_demo)
        rows = [row for row in rows if row[3] == provider_code]
    published = [(year, pk, version) for year, pk, version, _code, _demo in rows]
    years = [y for y, _pk, _v in published]
    board = {
        "commune_code": commune.code,
        "provider_code": provider_code,
        "is_demo": is_demo,
        "years": years,
        "year": None,
        "snapshot": None,
        "providers": _provider_summaries(commune=commune, year=year),
    }
    if year is None and years:
        year = years[0]
    if year not in years:
        board["requested_year"] = year
        return board
    package_id = next(pk for y, pk, _v in published if y == year)
    previous_year = year - 1 if (year - 1) in years else None
    wanted = {v for y, _pk, v in published if y in (year, previous_year)}
    versions = list(
        PublishedVersion.objects.filter(package_id=package_id)
        .defer("snapshot")
        .order_by("-number")
    )
    if not versions:
        return board
    current = (
        next((v for v in versions if v.number == version), None)
        if version
        else versions[0]
    )
    if current is None:
        raise Http404
    if version:
        wanted = (wanted - {versions[0].pk}) | {current.pk}
    snapshots = dict(
        PublishedVersion.objects.filter(pk__in=wanted).values_list("pk", "snapshot")
    )
    snapshot = snapshots[current.pk]
    previous = None
    if previous_year:
        previous_id = next(v for y, _pk, v in published if y == previous_year)
        previous = snapshots.get(previous_id)
    revenue = _budget_rows(snapshot, previous, "revenue", COMMUNE_REVENUE)
    expenditure = _budget_rows(snapshot, previous, "expenditure", COMMUNE_EXPENDITURE)
    totals = snapshot_totals(snapshot)
    previous_totals = snapshot_totals(previous) if previous else None
    board.update(
        {
            "year": year,
            "previous_year": previous_year,
            "version": _version_meta(current),
            "is_latest_version": current.pk == versions[0].pk,
            "versions": [_version_meta(v) for v in versions],
            "snapshot": snapshot,
            "revenue": revenue,
            "expenditure": expenditure,
            "totals": totals,
            "previous_totals": previous_totals,
            "projects": _projects(snapshot),
            "fees": snapshot.get("fees", []),
            "hours": snapshot.get("hours", []),
            "summary": commune_summary(snapshot),
            "district": district_comparison(commune=commune, year=year),
            **_people_rows(snapshot),
        }
    )
    return board


def board_for_provider(*, provider: ServiceProvider, year: int | None = None) -> dict:
    """A health centre's or school's board: its latest (or chosen) published year."""
    published = list(
        Package.objects.filter(provider=provider, published_version__isnull=False)
        .order_by("-year")
        .values_list("year", "published_version_id")
    )
    years = [y for y, _v in published]
    board = {"years": years, "year": None, "snapshot": None}
    if year is None and years:
        year = years[0]
    if year not in years:
        return board
    version_id = next(v for y, v in published if y == year)
    current = PublishedVersion.objects.get(pk=version_id)
    versions = list(
        PublishedVersion.objects.filter(package_id=current.package_id)
        .defer("snapshot")
        .order_by("-number")
    )
    snapshot = current.snapshot
    school_budget = [
        {
            "label": budget_row_label(line["side"], line["category"]),
            "planned": line["planned"],
            "actual": line["actual"],
        }
        for line in snapshot.get("budget", [])
        if line["category"] == BudgetLine.Category.SCHOOL_OPERATING
    ]
    board.update(
        {
            "year": year,
            "version": _version_meta(current),
            "versions": [_version_meta(v) for v in versions],
            "snapshot": snapshot,
            "totals": snapshot_totals(snapshot),
            "performance": _performance_rows(snapshot),
            "fees": snapshot.get("fees", []),
            "hours": snapshot.get("hours", []),
            "school_budget": school_budget,
            "facts": snapshot.get("facts") or {},
            **_people_rows(snapshot),
        }
    )
    return board
