"""Reads for figures across the programme (the dashboard): places, providers,
cycles, coverage, partners and CAFs, as querysets that the dashboard narrows
and counts, so that it never reads the communes' models itself."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from ..models import (
    CAF,
    Commune,
    Coverage,
    Cycle,
    District,
    Organisation,
    Province,
    ServiceProvider,
)

# The kinds of service provider (values and translated labels), for readers on
# the floors above that label or group figures by kind.
ProviderKind = ServiceProvider.Kind


def cycles_by_year() -> QuerySet[Cycle]:
    """Every cycle, the latest year first."""
    return Cycle.objects.order_by("-year")


def cycles_by_id(*, ids: list[int] | None = None) -> QuerySet[Cycle]:
    """The cycles with these ids (None: every cycle), in the order of their ids."""
    cycles = Cycle.objects.order_by("pk")
    if ids is not None:
        cycles = cycles.filter(pk__in=ids)
    return cycles


def province_exists(*, code: str) -> bool:
    return Province.objects.filter(pk=code).exists()


def provinces_by_code(*, codes) -> QuerySet[Province]:
    """The provinces with these codes."""
    return Province.objects.filter(pk__in=codes)


def districts_by_code(*, province: Province) -> QuerySet[District]:
    """The districts of a province, by code."""
    return District.objects.filter(province=province).order_by("code")


def organisations_by_name() -> QuerySet[Organisation]:
    """Every organisation (partners and the secretariat), by name."""
    return Organisation.objects.order_by("name")


def communes_by_code(*, codes: list[str] | None = None) -> QuerySet[Commune]:
    """The communes with these codes (None: every commune)."""
    communes = Commune.objects.all()
    if codes is not None:
        communes = communes.filter(code__in=codes)
    return communes


def communes_covered(
    *,
    cycle_id: int,
    province_codes,
    organisation_id: int | None = None,
    province_code: str | None = None,
    district_code: str | None = None,
) -> QuerySet[Commune]:
    """The communes of the districts covered in a cycle (by one partner when
    given), within `province_codes`, narrowed to a district or else a province."""
    coverage = Coverage.objects.filter(cycle_id=cycle_id)
    if organisation_id is not None:
        coverage = coverage.filter(organisation_id=organisation_id)
    communes = Commune.objects.filter(
        district_id__in=coverage.values("district_id"),
        district__province_id__in=province_codes,
    )
    if district_code is not None:
        communes = communes.filter(district_id=district_code)
    elif province_code is not None:
        communes = communes.filter(district__province_id=province_code)
    return communes


def coverage_by_partner(
    *,
    cycle_id: int,
    province_codes,
    organisation_id: int | None = None,
    province_code: str | None = None,
    district_code: str | None = None,
) -> QuerySet:
    """The districts covered in a cycle per partner, with their names, their
    province's and their number of communes (values), by partner and district."""
    coverage = Coverage.objects.filter(
        cycle_id=cycle_id, district__province_id__in=province_codes
    )
    if organisation_id is not None:
        coverage = coverage.filter(organisation_id=organisation_id)
    if province_code is not None:
        coverage = coverage.filter(district__province_id=province_code)
    if district_code is not None:
        coverage = coverage.filter(district_id=district_code)
    return (
        coverage.values(
            "organisation__name",
            "organisation__acronym",
            "district_id",
            "district__name_km",
            "district__name_latin",
            "district__kind",
            "district__province_id",
            "district__province__name_km",
            "district__province__name_latin",
            "district__province__kind",
        )
        .annotate(communes=Count("district__communes", distinct=True))
        .order_by("organisation__name", "district_id")
    )


def places_located(*, province_code: str | None, national: bool) -> QuerySet:
    """Names and coordinates (values) of the provinces (`national`) or of the
    districts of a province, those with coordinates only."""
    if national:
        places = Province.objects.all()
    else:
        places = District.objects.filter(province_id=province_code)
    return places.filter(latitude__isnull=False, longitude__isnull=False).values(
        "code", "kind", "name_km", "name_latin", "latitude", "longitude"
    )


def providers_in_communes(
    *, communes: QuerySet[Commune] | None = None, commune_codes=None
) -> QuerySet[ServiceProvider]:
    """The providers standing in `communes` (a queryset, as a subquery) or in
    `commune_codes`; every provider when neither is given."""
    providers = ServiceProvider.objects.all()
    if communes is not None:
        providers = providers.filter(commune__in=communes)
    if commune_codes is not None:
        providers = providers.filter(commune_id__in=commune_codes)
    return providers


def caf_counts(
    *, communes: QuerySet[Commune], organisation_id: int | None = None
) -> dict[str, int]:
    """Active CAFs living in `communes` (of one partner, when given): how many,
    how many trained in all four modules, how many women; one statement."""
    cafs = CAF.objects.filter(is_active=True, village__commune__in=communes)
    if organisation_id is not None:
        cafs = cafs.filter(organisation_id=organisation_id)
    return cafs.aggregate(
        active=Count("pk"),
        all_modules=Count(
            "pk",
            filter=Q(
                module_intro=True, module_i4c=True, module_csc=True, module_jaap=True
            ),
        ),
        female=Count("pk", filter=Q(sex=CAF.Sex.FEMALE)),
    )


def places_change_marker_sql() -> list[str]:
    """SQL expressions that change whenever the places, cycles, providers (and
    the communes they serve), coverage or active CAFs do: counts and highest ids,
    since these rows are added or deleted rather than edited, and the cycles'
    dates, which decide which meetings a cycle counts."""
    served = ServiceProvider.communes_served.through._meta.db_table
    return [
        f"(SELECT COUNT(*) FROM {Commune._meta.db_table})",
        f"(SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) || ':' "
        f"|| COALESCE(CAST(MAX(starts_on) AS TEXT), '') || ':' "
        f"|| COALESCE(CAST(MAX(ends_on) AS TEXT), '') FROM {Cycle._meta.db_table})",
        f"(SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) "
        f"FROM {ServiceProvider._meta.db_table})",
        f"(SELECT COUNT(*) || ':' || COALESCE(SUM(id), 0) FROM {served})",
        f"(SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) "
        f"FROM {Coverage._meta.db_table})",
        f"(SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) "
        f"FROM {CAF._meta.db_table} WHERE is_active)",
    ]


def provider_communes(*, providers: QuerySet[ServiceProvider]) -> dict[int, set[str]]:
    """For each provider, the codes of the communes it stands in or serves, in
    two queries whatever the number of providers (the field app's villages)."""
    result: dict[int, set[str]] = {}
    for pk, commune in providers.values_list("pk", "commune_id"):
        result.setdefault(pk, set()).add(commune)
    served = ServiceProvider.communes_served.through.objects.filter(
        serviceprovider_id__in=providers.values("pk")
    ).values_list("serviceprovider_id", "commune_id")
    for pk, commune in served:
        result.setdefault(pk, set()).add(commune)
    return result
