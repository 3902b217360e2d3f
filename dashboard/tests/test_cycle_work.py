"""Work counts in the cycle it belongs to: a package in the cycle of its fiscal
year, a dissemination meeting in the cycle during which it was held."""

import datetime
from decimal import Decimal

import pytest

from communes.freshness import figures_rebuild
from communes.models import Role
from communes.tests import factories as cf
from dashboard import selectors
from i4c.models import NationalStandard, PerformanceFigure

from .factories import DisseminationEventFactory, published_package

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)


@pytest.fixture
def year_2026():
    """Two covered communes: A published its FY2026 package and presented it in
    November 2026; B published only its FY2025 package and presented it in
    March 2025. Cycles 2025 and 2026 run from January to December."""
    cycles = {year: cf.CycleFactory(year=year) for year in (2025, 2026)}
    province = cf.ProvinceFactory(code="11")
    district = cf.DistrictFactory(province=province, code="1104")
    commune = cf.CommuneFactory(
        district=district,
        code="110401",
        latitude=Decimal("12.6"),
        longitude=Decimal("107.1"),
    )
    village = cf.VillageFactory(commune=commune, code="11040101")
    commune_b = cf.CommuneFactory(district=district, code="110402")
    village_b = cf.VillageFactory(commune=commune_b, code="11040201")
    organisation = cf.OrganisationFactory(acronym="ORG1")
    for cycle in cycles.values():
        cf.CoverageFactory(organisation=organisation, district=district, cycle=cycle)
    administration = cf.provider("C110401", commune)
    health_centre = cf.provider("HC11040101", commune)
    administration_b = cf.provider("C110402", commune_b)
    # A published package and its dissemination meeting in each fiscal year:
    # administration, fiscal year, village, held on, women, men.
    meetings = [
        (administration_b, 2025, village_b, datetime.date(2025, 3, 1), 7, 3),
        (administration, 2026, village, datetime.date(2026, 11, 15), 20, 10),
    ]
    for provider, year, place, held_on, female, male in meetings:
        DisseminationEventFactory(
            package=published_package(provider=provider, year=year),
            village=place,
            held_on=held_on,
            attendance_female=female,
            attendance_male=male,
        )
    standard = NationalStandard.objects.filter(
        provider_kind="health_centre", comparison="at_least", is_active=True
    ).first()
    health_package = published_package(provider=health_centre, year=2026)
    PerformanceFigure.objects.create(
        package=health_package, standard=standard, value=standard.value + 1
    )
    # The rows above were written directly, not through the services.
    figures_rebuild()
    return cf.user_with_role("ncdd", kind=Role.Kind.SECRETARIAT)


def figures_of(user, year):
    filters, _options = selectors.filters_resolve(user=user, year=year)
    return selectors.dashboard_figures(filters=filters, today=TODAY, use_cache=False)


def stages_of(user, year):
    filters, _options = selectors.filters_resolve(user=user, year=year, district="1104")
    rows = selectors.dashboard_figures(filters=filters, today=TODAY, use_cache=False)
    return {
        row["code"]: (row["published"], row["disseminated"])
        for row in rows["breakdown"]
    }


def test_the_2026_cycle_counts_the_fy2026_package_and_its_november_meeting(year_2026):
    assert stages_of(year_2026, 2026) == {"110401": (1, 1), "110402": (0, 0)}


def test_the_2025_cycle_counts_the_fy2025_package_and_its_march_meeting(year_2026):
    assert stages_of(year_2026, 2025) == {"110401": (0, 0), "110402": (1, 1)}


def test_the_2026_participation_counts_the_meeting_held_in_2026(year_2026):
    dissemination = figures_of(year_2026, 2026)["participation"]["dissemination"]

    assert dissemination["meetings"] == 1
    assert dissemination["female"] == 20
    assert dissemination["male"] == 10


def test_the_2025_cycle_counts_the_fy2025_package_and_its_2025_meeting(year_2026):
    figures = figures_of(year_2026, 2025)

    assert figures["communes"]["published"] == 1
    assert figures["communes"]["disseminated"] == 1
    assert figures["participation"]["dissemination"]["female"] == 7


def test_the_2026_providers_and_standards_are_those_of_fiscal_2026(year_2026):
    figures = figures_of(year_2026, 2026)

    assert figures["providers"]["health_centre"]["published"] == 1
    assert figures["standards"]["by_kind"]["health_centre"]["reporting"] == 1


def test_the_2026_map_places_the_commune_at_its_dissemination(year_2026):
    filters, _options = selectors.filters_resolve(user=year_2026, year=2026)

    points = selectors.map_communes(filters=filters, today=TODAY)

    assert {p["code"]: p["furthest"] for p in points} == {"110401": 2, "110402": 0}
