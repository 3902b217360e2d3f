"""Reads for figures across the programme (`communes.selectors.programme`)."""

import pytest

from communes import selectors
from communes.tests.factories import (
    CAFFactory,
    CommuneFactory,
    CoverageFactory,
    CycleFactory,
    DistrictFactory,
    OrganisationFactory,
    ProvinceFactory,
    ServiceProviderFactory,
    VillageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def covered():
    province = ProvinceFactory(code="11")
    d1 = DistrictFactory(province=province, code="1104")
    d2 = DistrictFactory(province=province, code="1105")
    k1 = CommuneFactory(district=d1, code="110401")
    k2 = CommuneFactory(district=d2, code="110501")
    CommuneFactory(district=DistrictFactory(province=province, code="1106"))
    cycle = CycleFactory(year=2025)
    org1, org2 = OrganisationFactory(), OrganisationFactory()
    CoverageFactory(cycle=cycle, district=d1, organisation=org1)
    CoverageFactory(cycle=cycle, district=d2, organisation=org2)
    return cycle, org1, k1, k2


def _codes(communes):
    return sorted(communes.values_list("code", flat=True))


def test_covered_communes_are_those_of_the_districts_covered_in_the_cycle(covered):
    cycle, _org1, _k1, _k2 = covered

    communes = selectors.communes_covered(cycle_id=cycle.pk, province_codes=["11"])

    assert _codes(communes) == ["110401", "110501"]


def test_covered_communes_narrow_to_a_partner_and_to_a_district(covered):
    cycle, org1, _k1, _k2 = covered

    by_partner = selectors.communes_covered(
        cycle_id=cycle.pk, province_codes=["11"], organisation_id=org1.pk
    )
    by_district = selectors.communes_covered(
        cycle_id=cycle.pk, province_codes=["11"], district_code="1105"
    )

    assert _codes(by_partner) == ["110401"]
    assert _codes(by_district) == ["110501"]


def test_covered_communes_stay_within_the_readers_provinces(covered):
    cycle, _org1, _k1, _k2 = covered

    communes = selectors.communes_covered(cycle_id=cycle.pk, province_codes=["02"])

    assert _codes(communes) == []


def test_caf_counts_count_the_active_cafs_living_in_the_communes(covered):
    cycle, org1, k1, k2 = covered
    village = VillageFactory(commune=k1)
    CAFFactory(village=village, organisation=org1, sex="f")
    CAFFactory(
        village=village,
        organisation=org1,
        sex="m",
        module_intro=True,
        module_i4c=True,
        module_csc=True,
        module_jaap=True,
    )
    CAFFactory(village=village, organisation=org1, is_active=False)
    CAFFactory(village=VillageFactory(commune=k2))

    counts = selectors.caf_counts(
        communes=selectors.communes_by_code(codes=[k1.code]),
        organisation_id=org1.pk,
    )

    assert counts == {"active": 2, "all_modules": 1, "female": 1}


def test_providers_in_communes_are_those_standing_there(covered):
    _cycle, _org1, k1, k2 = covered
    here = ServiceProviderFactory(commune=k1)
    ServiceProviderFactory(commune=k2)

    providers = selectors.providers_in_communes(commune_codes=[k1.code])

    assert list(providers) == [here]


def test_provider_kinds_carry_their_translated_labels():
    kinds = dict(selectors.ProviderKind.choices)

    assert set(kinds) == {"commune", "health_centre", "primary_school"}
    assert all(kinds.values())
