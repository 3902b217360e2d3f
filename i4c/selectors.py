"""Every read of I4C data, scoped where it is private and cached where it is public."""

from django.core.cache import cache
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from communes import scopes
from communes.models import CAF, Commune, Role, ServiceProvider
from isaf.boardcache import BOARD_TIMEOUT, board_cache_key

from .changes import PackageChanges, package_changes_build
from .labels import (
    category_label,
    funding_label,
    item_label,
    project_status_label,
    sector_label,
    staff_label,
)
from .models import (
    BudgetLine,
    DisseminationEvent,
    NationalStandard,
    Package,
    PublishedVersion,
    StaffCount,
)
from .sections import (
    COMMUNE_EXPENDITURE,
    COMMUNE_REVENUE,
    GRADES,
    STAFF_BY_KIND,
    Section,
    budget_row_label,
)
from .snapshots import snapshot_entries, snapshot_totals

# ---------------------------------------------------------------------------
# Workspace (signed in, scoped)
# ---------------------------------------------------------------------------


def package_get_for_user(*, user, pk: int) -> Package:
    """A package the user may see in the workspace; 404 otherwise, so that an
    out-of-scope id looks exactly like one that does not exist."""
    package = (
        Package.objects.select_related(
            "provider__commune__district__province", "published_version"
        )
        .filter(pk=pk, provider__in=scopes.providers_for(user))
        .first()
    )
    if package is None:
        raise Http404
    return package


def package_get_for_review(*, user, pk: int) -> Package:
    package = (
        Package.objects.select_related(
            "provider__commune__district__province", "published_version"
        )
        .filter(
            pk=pk,
            provider__commune__district__province__in=scopes.provinces_for_review(user),
        )
        .first()
    )
    if package is None:
        raise Http404
    return package


def workspace_packages(*, user, year: int | None = None) -> dict:
    """What the workspace shows of I4C: the user's packages and what they may start.

    Four queries whatever the number of providers in scope.
    """
    year = year or timezone.localdate().year
    providers = scopes.providers_for(user)
    packages = list(
        Package.objects.filter(provider__in=providers)
        .select_related("provider__commune")
        .order_by("-year", "provider__kind", "provider__code")[:200]
    )
    editable = [p for p in packages if p.year >= year - 1]
    started = {p.provider_id for p in packages if p.year == year}
    startable = list(
        providers.exclude(pk__in=started)
        .select_related("commune")
        .order_by("kind", "code")[:200]
    )
    review_count = (
        Package.objects.filter(
            status=Package.Status.SUBMITTED,
            provider__commune__district__province__in=scopes.provinces_for_review(user),
        ).count()
        if scopes.provinces_for_review(user).exists()
        else 0
    )
    return {
        "year": year,
        "packages": packages,
        "recent_packages": editable,
        "startable_providers": startable,
        "review_count": review_count,
    }


def review_queue(*, user) -> QuerySet[Package]:
    """Submissions in the reviewer's provinces, oldest first."""
    return (
        Package.objects.filter(
            status=Package.Status.SUBMITTED,
            provider__commune__district__province__in=scopes.provinces_for_review(user),
        )
        .select_related("provider__commune__district__province", "submitted_by")
        .order_by("submitted_at", "pk")
    )


def section_initial(*, package: Package, section: Section) -> list[dict]:
    """The rows a section's form starts from."""
    content = section.content
    if content == "budget":
        lines = {
            (line.side, line.category): line for line in package.budget_lines.all()
        }
        rows = []
        for side, category in section.budget_rows:
            line = lines.get((side, category))
            rows.append(
                {
                    "side": side,
                    "category": category,
                    "planned": line.planned if line else None,
                    "actual": line.actual if line else None,
                    "label": budget_row_label(side, category),
                }
            )
        return rows
    if content == "projects":
        return [
            {
                "name": p.name,
                "sector": p.sector,
                "village": p.village_id,
                "cost": p.cost,
                "funding": p.funding,
                "status": p.status,
            }
            for p in package.projects.all()
        ]
    if content == "fees":
        return [
            {
                "service": f.service,
                "fee": f.fee,
                "processing_time": f.processing_time,
                "exemptions": f.exemptions,
            }
            for f in package.fees.all()
        ]
    if content == "hours":
        return [
            {"service": h.service, "hours": h.hours, "is_24_hour": h.is_24_hour}
            for h in package.hours.all()
        ]
    if content == "staff":
        counts = {s.category: s for s in package.staff.all()}
        return [
            {
                "key": category,
                "female": counts[category].female if category in counts else None,
                "male": counts[category].male if category in counts else None,
                "label": StaffCount.Category(category).label,
            }
            for category in STAFF_BY_KIND[package.provider.kind]
        ]
    if content == "enrolment":
        counts = {e.grade: e for e in package.enrolment.all()}
        return [
            {
                "key": str(grade),
                "female": counts[grade].female if grade in counts else None,
                "male": counts[grade].male if grade in counts else None,
                "label": item_label("enrolment", str(grade)),
            }
            for grade in GRADES
        ]
    if content == "performance":
        figures = {f.standard_id: f for f in package.performance.all()}
        rows = []
        for standard in NationalStandard.objects.filter(
            provider_kind=package.provider.kind, is_active=True
        ):
            figure = figures.get(standard.pk)
            rows.append(
                {
                    "code": standard.code,
                    "value": figure.value if figure else None,
                    "target": figure.target if figure else None,
                    "label": standard.name,
                    "standard": standard,
                    "meets": standard.is_met_by(figure.value if figure else None),
                }
            )
        return rows
    if content == "facts":
        return [
            {
                "classrooms": package.classrooms,
                "no_informal_fees": package.no_informal_fees,
            }
        ]
    return []


def package_changes(*, package: Package) -> PackageChanges:
    """What differs between the submission and what the reviewer compares it
    with (see `i4c.changes`), in words of the active language."""
    return package_changes_build(package=package)


def cafs_for(*, user) -> QuerySet[CAF]:
    """The CAFs a user may name at a meeting: their organisations' active CAFs, or
    every active CAF for the secretariat."""
    cafs = CAF.objects.filter(is_active=True).order_by("name")
    if scopes.is_secretariat(user):
        return cafs
    organisations = Role.objects.filter(
        user_id=user.pk, kind=Role.Kind.FACILITATOR
    ).values("organisation_id")
    return cafs.filter(organisation_id__in=organisations)


def dissemination_events_for(*, package: Package) -> QuerySet[DisseminationEvent]:
    return package.dissemination_events.select_related("village", "caf")


# ---------------------------------------------------------------------------
# Public boards (anonymous, read only published versions)
# ---------------------------------------------------------------------------


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

    Cached per commune, year and version until something shown here is published.
    The result holds codes and lazy labels, so one cached board serves both
    languages.
    """
    key = board_cache_key(commune_code=commune.code, year=year) + f":{version or ''}"
    board = cache.get(key)
    if board is None:
        board = _board_for_commune(commune=commune, year=year, version=version)
        cache.set(key, board, BOARD_TIMEOUT)
    return board


def _board_for_commune(*, commune: Commune, year: int | None, version: int | None):
    administration = (
        ServiceProvider.objects.filter(
            commune=commune, kind=ServiceProvider.Kind.COMMUNE
        )
        .order_by("code")
        .first()
    )
    published = (
        list(
            Package.objects.filter(
                provider=administration, published_version__isnull=False
            )
            .order_by("-year")
            .values_list("year", "pk", "published_version_id")
        )
        if administration
        else []
    )
    years = [y for y, _pk, _v in published]
    board = {
        "commune_code": commune.code,
        "provider_code": administration.code if administration else None,
        "is_demo": bool(administration and administration.is_demo),
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


# ---------------------------------------------------------------------------
# Open data
# ---------------------------------------------------------------------------

OPEN_DATA_COLUMNS = [
    "commune_code",
    "provider_code",
    "provider_kind",
    "year",
    "version",
    "published_at",
    "section",
    "item",
    "measure",
    "value",
    # A free row's position in its section: two projects may share a name.
    "row",
]


def snapshot_rows(snapshot: dict) -> list[tuple[str, str, str, object, int | None]]:
    """(section, item, measure, value, row) rows: one per published figure, then
    the computed totals, in a long format every spreadsheet can pivot. Every
    figure gives a row, whatever the names typed in it."""
    rows = [
        (e.section, e.item, e.measure, e.value, e.row)
        for e in snapshot_entries(snapshot)
    ]
    for measure, value in snapshot_totals(snapshot).items():
        rows.append(("totals", "", measure, value, None))
    return rows


def _open_data_rows(*, package_fields: list, snapshot: dict):
    for section, item, measure, value, row in snapshot_rows(snapshot):
        yield [*package_fields, section, item, measure, value, row]


def open_data_for_commune(*, commune: Commune, year: int) -> dict:
    """The commune administration's published package for a year, as open data."""
    board = board_for_commune(commune=commune, year=year)
    if board["snapshot"] is None:
        raise Http404
    return board


def commune_open_data_document(*, commune: Commune, year: int) -> dict:
    """The commune JSON: the published snapshot whole, with its versions and
    totals. JSON keeps every row and every name as typed."""
    board = open_data_for_commune(commune=commune, year=year)
    return {
        "commune": {
            "code": commune.code,
            "name_km": commune.name_km,
            "name_latin": commune.name_latin,
            "district_code": commune.district_id,
            "province_code": commune.district.province_id,
        },
        "year": year,
        "version": board["version"],
        "versions": board["versions"],
        "package": board["snapshot"],
        "totals": board["totals"],
        "licence": "CC BY 4.0",
        "source": "I-SAF portal, NCDD Secretariat",
    }


def commune_open_data_rows(*, commune: Commune, year: int) -> list[list]:
    """The commune CSV: the header, then a row per published figure."""
    board = open_data_for_commune(commune=commune, year=year)
    version = board["version"]
    package_fields = [
        commune.code,
        board["provider_code"],
        ServiceProvider.Kind.COMMUNE.value,
        year,
        version["number"],
        version["published_at"].isoformat(),
    ]
    return [
        OPEN_DATA_COLUMNS,
        *_open_data_rows(package_fields=package_fields, snapshot=board["snapshot"]),
    ]


def national_open_data_rows(*, year: int):
    """The national CSV: the header, then the rows of every package published
    for a year (latest versions), streamed in chunks so that the whole country
    never sits in memory at once."""
    yield OPEN_DATA_COLUMNS
    packages = (
        Package.objects.filter(year=year, published_version__isnull=False)
        .select_related("provider", "published_version")
        .order_by("provider__commune_id", "provider__code")
    )
    for package in packages.iterator(chunk_size=500):
        version = package.published_version
        package_fields = [
            package.provider.commune_id,
            package.provider.code,
            package.provider.kind,
            year,
            version.number,
            version.published_at.isoformat(),
        ]
        yield from _open_data_rows(
            package_fields=package_fields, snapshot=version.snapshot
        )
