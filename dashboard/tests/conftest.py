"""A small hand-built country whose dashboard figures are known.

Cycle 2025 (the one the tests read), with the I4C of fiscal year 2025 and the
dissemination meetings held in 2025 (`dashboard.cycles`):

- K1 110401 (district 1104, ORG1): all six stages in 2025; full cycles 2022,
  2023 and 2025 = 3 (its 2024 cycle stops at the JAAP agreed).
- K2 110402 (1104): I4C published and disseminated in 2025; full cycles 2023
  and 2024 = 2.
- K3 110403 (1104): no data at all.
- N1 110501 (district 1105, not covered): all six stages, but not a target, so
  it must count nowhere.
- B1 020801 (Battambang, district 0208, ORG2 in 2025 only): I4C published and a
  scorecard waiting for review.

K1 and K2 have coordinates; K3 and B1 have none.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import timezone

from communes.freshness import figures_rebuild
from communes.models import CAF, Role, ServiceProvider
from communes.tests import factories as cf
from i4c.models import NationalStandard, Package, PerformanceFigure
from scorecards.models import JaapAction, Scorecard
from scorecards.tests.factories import JaapActionFactory, ScorecardFactory

from .factories import (
    PackageFactory,
    commune_cycle,
    published_package,
)

TODAY = datetime.date(2025, 12, 1)


@pytest.fixture(autouse=True)
def _empty_cache():
    # The figures are cached; each test starts from nothing so that one test's
    # figures never answer another's.
    cache.clear()
    yield
    cache.clear()


def _standard(kind: str, comparison: str) -> NationalStandard:
    return NationalStandard.objects.filter(
        provider_kind=kind, comparison=comparison, is_active=True
    ).first()


@pytest.fixture
def country(db):
    cycles = {year: cf.CycleFactory(year=year) for year in (2022, 2023, 2024, 2025)}
    mondulkiri = cf.ProvinceFactory(code="11", name_latin="Mondul Kiri")
    battambang = cf.ProvinceFactory(code="02", name_latin="Battambang")
    pech_chreada = cf.DistrictFactory(
        province=mondulkiri, code="1104", name_latin="Pech Chreada"
    )
    uncovered = cf.DistrictFactory(province=mondulkiri, code="1105")
    sangkae = cf.DistrictFactory(province=battambang, code="0208", name_latin="Sangkae")
    # The two communes on the map: code, name, latitude, longitude.
    located = [
        ("110401", "Krang Teh", "12.600000", "107.100000"),
        ("110402", "Pu Chrey", "12.500000", "107.000000"),
    ]
    k1, k2 = (
        cf.CommuneFactory(
            district=pech_chreada,
            code=code,
            name_latin=name,
            latitude=Decimal(latitude),
            longitude=Decimal(longitude),
        )
        for code, name, latitude, longitude in located
    )
    k3 = cf.CommuneFactory(
        district=pech_chreada, code="110403", name_latin="Srae Ampum"
    )
    n1 = cf.CommuneFactory(district=uncovered, code="110501")
    b1 = cf.CommuneFactory(district=sangkae, code="020801")
    villages = {
        c.code: cf.VillageFactory(commune=c, code=c.code + "01")
        for c in (k1, k2, k3, n1, b1)
    }

    org1 = cf.OrganisationFactory(acronym="ORG1")
    org2 = cf.OrganisationFactory(acronym="ORG2")
    for cycle in cycles.values():
        cf.CoverageFactory(organisation=org1, district=pech_chreada, cycle=cycle)
    cf.CoverageFactory(organisation=org2, district=sangkae, cycle=cycles[2025])

    hc1 = cf.provider("HC11040101", k1)
    ps1 = cf.provider("PS11040101", k1)
    ps2 = cf.provider("PS11040201", k2)
    hcb = cf.provider("HC02080101", b1)
    hcn = cf.provider("HC11050101", n1)

    def run(commune, year, provider, upto="reviewed", people=None):
        return commune_cycle(
            commune=commune,
            cycle=cycles[year],
            village=villages[commune.code],
            provider=provider,
            upto=upto,
            people=people,
        )

    run(k1, 2022, hc1)
    run(k1, 2023, hc1)
    run(k1, 2024, hc1, upto="agreed")
    k1_2025 = run(
        k1,
        2025,
        hc1,
        people={
            "dissemination": {
                "attendance_female": 10,
                "attendance_male": 5,
                "attendance_youth": 3,
                "attendance_disability": 1,
                "attendance_minority": 2,
                "attendance_id_poor": 4,
            },
            "scorecards": {
                "attendance_female": 12,
                "attendance_male": 8,
                "attendance_youth": 5,
                "attendance_disability": 2,
                "attendance_minority": 3,
                "attendance_id_poor": 6,
            },
            "interface": {
                "attendance_female": 20,
                "attendance_male": 15,
                "attendance_youth": 4,
                "attendance_disability": 1,
                "attendance_minority": 5,
                "attendance_id_poor": 3,
            },
        },
    )
    # K1's JAAP of 2025: the action made above (not started) and three more.
    for status in ("completed", "completed", "ongoing"):
        JaapActionFactory(meeting=k1_2025["meeting"], provider=hc1, status=status)
    run(k2, 2023, ps2)
    run(k2, 2024, ps2)
    run(
        k2,
        2025,
        ps2,
        upto="disseminated",
        people={
            "dissemination": {
                "attendance_female": 6,
                "attendance_male": 4,
                "attendance_youth": 2,
                "attendance_disability": 0,
                "attendance_minority": 1,
                "attendance_id_poor": 1,
            }
        },
    )
    n1_2025 = run(n1, 2025, hcn)
    JaapActionFactory(
        meeting=n1_2025["meeting"], provider=hcn, status=JaapAction.Status.COMPLETED
    )
    run(b1, 2025, hcb, upto="published")
    # B1's health centre held a scorecard that waits for review.
    ScorecardFactory(
        provider=hcb,
        cycle=cycles[2025],
        status=Scorecard.Status.SUBMITTED,
        held_on=datetime.date(2025, 4, 2),
    )
    # A scorecard still being entered is not a meeting held.
    ScorecardFactory(
        provider=ps2,
        cycle=cycles[2025],
        status=Scorecard.Status.PLANNED,
        attendance_female=50,
    )

    # National standards in the published I4C of fiscal 2025: the health centre
    # meets its standard, school 1 fails one of two, school 2 meets its one.
    hc_standard = _standard("health_centre", "at_least")
    school_high = _standard("primary_school", "at_least")
    school_low = _standard("primary_school", "at_most")
    hc1_package = published_package(provider=hc1, year=2025)
    PerformanceFigure.objects.create(
        package=hc1_package, standard=hc_standard, value=hc_standard.value + 1
    )
    ps1_package = published_package(provider=ps1, year=2025)
    PerformanceFigure.objects.create(
        package=ps1_package, standard=school_high, value=school_high.value
    )
    PerformanceFigure.objects.create(
        package=ps1_package, standard=school_low, value=school_low.value + 1
    )
    ps2_package = published_package(provider=ps2, year=2025)
    PerformanceFigure.objects.create(
        package=ps2_package, standard=school_low, value=school_low.value - 1
    )
    # A non-target health centre failing its standard must not count.
    hcn_package = published_package(provider=hcn, year=2025)
    PerformanceFigure.objects.create(
        package=hcn_package, standard=hc_standard, value=hc_standard.value - 1
    )

    # A school's 2026 package waits for review since ten days.
    PackageFactory(
        provider=ps2,
        year=2026,
        status=Package.Status.SUBMITTED,
        submitted_at=timezone.now() - datetime.timedelta(days=10),
    )

    cf.CAFFactory(
        organisation=org1,
        village=villages[k1.code],
        sex=CAF.Sex.FEMALE,
        module_intro=True,
        module_i4c=True,
        module_csc=True,
        module_jaap=True,
    )
    cf.CAFFactory(organisation=org1, village=villages[k2.code], is_active=False)
    cf.CAFFactory(organisation=org2, village=villages[b1.code], sex=CAF.Sex.MALE)
    cf.CAFFactory(organisation=org1, village=villages[n1.code])

    # Written directly, not through the services that refresh the stage rows.
    figures_rebuild()

    return SimpleNamespace(
        cycles=cycles,
        mondulkiri=mondulkiri,
        battambang=battambang,
        pech_chreada=pech_chreada,
        sangkae=sangkae,
        k1=k1,
        k2=k2,
        k3=k3,
        n1=n1,
        b1=b1,
        org1=org1,
        org2=org2,
        hc1=hc1,
        villages=villages,
        secretariat=cf.user_with_role("ncdd", kind=Role.Kind.SECRETARIAT),
        national_reviewer=cf.user_with_role("national", kind=Role.Kind.REVIEWER),
        provincial_reviewer=cf.user_with_role(
            "mondulkiri", kind=Role.Kind.REVIEWER, province=mondulkiri
        ),
        councillor=cf.user_with_role(
            "councillor", kind=Role.Kind.COUNCILLOR, commune=k1
        ),
        facilitator=cf.user_with_role(
            "facilitator", kind=Role.Kind.FACILITATOR, organisation=org1
        ),
        nobody=cf.user_with_role("nobody"),
    )


def k3_scorecard_by_k1s_health_centre(country, *, year):
    """K3 has no provider of its own; K1's health centre also serves it and has
    published a men's scorecard in `year`'s cycle. The health centre."""
    health_centre = ServiceProvider.objects.get(code="HC11040101")
    health_centre.communes_served.add(country.k3)
    ScorecardFactory(
        provider=health_centre,
        cycle=country.cycles[year],
        status=Scorecard.Status.PUBLISHED,
        group=Scorecard.Group.MEN,
    )
    return health_centre
