"""Every role sees and acts on its own scope, and nothing outside it."""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from communes import scopes
from communes.models import Role, ServiceProvider
from communes.tests import factories as cf

THIS_YEAR = datetime.date.today().year


@pytest.fixture
def world(db):
    """Two provinces, each with a covered and an uncovered district.

    Province X (11) has district 1104 (covered by NGO A this cycle) with communes
    110401 and 110402, and district 1105 (not covered). Province Y (02) has district
    0208, covered by NGO A only in last year's cycle, with commune 020801.
    """
    w = SimpleNamespace()
    w.this_cycle = cf.CycleFactory(year=THIS_YEAR)
    w.last_cycle = cf.CycleFactory(year=THIS_YEAR - 1)
    w.x = cf.ProvinceFactory(code="11")
    w.y = cf.ProvinceFactory(code="02")
    w.d_covered = cf.DistrictFactory(code="1104", province=w.x)
    w.d_uncovered = cf.DistrictFactory(code="1105", province=w.x)
    w.d_old = cf.DistrictFactory(code="0208", province=w.y)
    w.a = cf.CommuneFactory(code="110401", district=w.d_covered)
    w.b = cf.CommuneFactory(code="110402", district=w.d_covered)
    w.c = cf.CommuneFactory(code="110501", district=w.d_uncovered)
    w.e = cf.CommuneFactory(code="020801", district=w.d_old)
    w.a_admin = cf.provider("C110401", w.a)
    w.a_hc = cf.provider("HC11040101", w.a)
    w.a_school = cf.provider("PS11040101", w.a)
    w.b_admin = cf.provider("C110402", w.b)
    w.c_hc = cf.provider("HC11050101", w.c)
    w.e_admin = cf.provider("C020801", w.e)
    w.ngo_a = cf.OrganisationFactory()
    w.ngo_b = cf.OrganisationFactory()
    cf.CoverageFactory(organisation=w.ngo_a, district=w.d_covered, cycle=w.this_cycle)
    cf.CoverageFactory(organisation=w.ngo_a, district=w.d_old, cycle=w.last_cycle)
    return w


def role(kind, **places):
    return cf.RoleFactory(kind=kind, **places).user


@pytest.fixture
def councillor(world):
    """The councillor of commune A."""
    return role(Role.Kind.COUNCILLOR, commune=world.a)


@pytest.fixture
def facilitator(world):
    """A facilitator of NGO A, which covers district 1104 this cycle."""
    return role(Role.Kind.FACILITATOR, organisation=world.ngo_a)


def codes(queryset):
    return sorted(queryset.values_list("code", flat=True))


def test_a_councillor_acts_on_their_commune_and_its_administration_only(
    world, councillor
):
    assert codes(scopes.communes_for(councillor)) == ["110401"]
    assert codes(scopes.providers_for(councillor)) == ["C110401"]
    assert scopes.can_edit_provider(councillor, world.a_admin)


def test_a_councillor_cannot_edit_another_communes_provider(world, councillor):
    assert not scopes.can_edit_provider(councillor, world.b_admin)
    assert not scopes.providers_for(councillor).filter(pk=world.b_admin.pk).exists()


def test_a_councillor_does_not_edit_their_communes_health_centre_or_school(
    world, councillor
):
    assert not scopes.can_edit_provider(councillor, world.a_hc)
    assert not scopes.can_edit_provider(councillor, world.a_school)


def test_a_councillor_reviews_nothing(world, councillor):
    assert not scopes.can_review_provider(councillor, world.a_admin)
    assert not scopes.provinces_for_review(councillor).exists()
    assert not scopes.is_secretariat(councillor)


def test_a_facilitator_acts_on_the_districts_covered_this_cycle(world, facilitator):
    assert codes(scopes.communes_for(facilitator)) == ["110401", "110402"]
    assert codes(scopes.providers_for(facilitator)) == [
        "C110401",
        "C110402",
        "HC11040101",
        "PS11040101",
    ]
    assert scopes.can_edit_provider(facilitator, world.a_hc)
    assert scopes.can_edit_provider(facilitator, world.b_admin)


def test_a_facilitator_cannot_edit_outside_the_covered_districts(world, facilitator):
    assert not scopes.can_edit_provider(facilitator, world.c_hc)
    assert not scopes.communes_for(facilitator).filter(pk=world.c.pk).exists()


def test_coverage_of_another_cycle_does_not_count(world, facilitator):
    assert not scopes.communes_for(facilitator).filter(pk=world.e.pk).exists()
    assert not scopes.can_edit_provider(facilitator, world.e_admin)


def test_a_facilitator_may_be_asked_about_a_named_cycle(world, facilitator):
    assert codes(scopes.communes_for(facilitator, cycle=world.last_cycle)) == ["020801"]
    assert codes(scopes.providers_for(facilitator, cycle=world.last_cycle)) == [
        "C020801"
    ]
    assert scopes.can_edit_provider(facilitator, world.e_admin, cycle=world.last_cycle)


def test_a_facilitator_of_an_organisation_without_coverage_gets_nothing(world):
    user = role(Role.Kind.FACILITATOR, organisation=world.ngo_b)
    assert not scopes.communes_for(user).exists()
    assert not scopes.providers_for(user).exists()
    assert not scopes.can_edit_provider(user, world.a_hc)


def test_a_facilitator_reviews_nothing(world, facilitator):
    assert not scopes.can_review_provider(facilitator, world.a_hc)
    assert not scopes.provinces_for_review(facilitator).exists()


def test_a_province_reviewer_sees_their_province_and_nothing_of_another(world):
    user = role(Role.Kind.REVIEWER, province=world.x)
    assert codes(scopes.provinces_for_review(user)) == ["11"]
    assert codes(scopes.communes_for(user)) == ["110401", "110402", "110501"]
    assert "C020801" not in codes(scopes.providers_for(user))
    assert scopes.can_review_provider(user, world.c_hc)
    assert not scopes.can_review_provider(user, world.e_admin)


def test_a_reviewer_reviews_but_does_not_edit(world):
    user = role(Role.Kind.REVIEWER, province=world.x)
    assert not scopes.can_edit_provider(user, world.a_admin)


def test_a_national_reviewer_reviews_everything(world):
    user = role(Role.Kind.REVIEWER)
    assert codes(scopes.provinces_for_review(user)) == ["02", "11"]
    assert scopes.communes_for(user).count() == 4
    assert scopes.providers_for(user).count() == 6
    assert scopes.can_review_provider(user, world.e_admin)
    assert not scopes.can_edit_provider(user, world.e_admin)
    assert not scopes.is_secretariat(user)


def test_the_secretariat_acts_on_everything(world):
    user = role(Role.Kind.SECRETARIAT)
    assert scopes.is_secretariat(user)
    assert scopes.communes_for(user).count() == 4
    assert scopes.providers_for(user).count() == 6
    assert scopes.provinces_for_review(user).count() == 2
    assert scopes.can_edit_provider(user, world.c_hc)
    assert scopes.can_review_provider(user, world.e_admin)


def test_a_superuser_counts_as_secretariat(world):
    user = cf.UserFactory(is_superuser=True)
    assert scopes.is_secretariat(user)
    assert scopes.providers_for(user).count() == 6


def test_a_user_with_several_roles_gets_their_union(world):
    user = role(Role.Kind.COUNCILLOR, commune=world.e)
    cf.RoleFactory(user=user, kind=Role.Kind.FACILITATOR, organisation=world.ngo_a)
    assert codes(scopes.communes_for(user)) == ["020801", "110401", "110402"]
    assert scopes.can_edit_provider(user, world.e_admin)
    assert scopes.can_edit_provider(user, world.a_hc)
    assert not scopes.can_edit_provider(user, world.c_hc)
    assert [r.kind for r in scopes.roles_for(user)] == ["councillor", "facilitator"]


def test_a_user_without_a_role_gets_nothing(world):
    user = cf.UserFactory()
    assert scopes.roles_for(user) == []
    assert not scopes.communes_for(user).exists()
    assert not scopes.providers_for(user).exists()
    assert not scopes.provinces_for_review(user).exists()
    assert not scopes.can_edit_provider(user, world.a_admin)


def test_anonymous_users_get_nothing(world):
    anonymous = AnonymousUser()
    assert scopes.roles_for(anonymous) == []
    assert not scopes.is_secretariat(anonymous)
    assert not scopes.communes_for(anonymous).exists()
    assert not scopes.providers_for(anonymous).exists()
    assert not scopes.provinces_for_review(anonymous).exists()
    assert not scopes.can_edit_provider(anonymous, world.a_admin)
    assert not scopes.can_review_provider(anonymous, world.a_admin)


def test_a_deactivated_secretariat_account_gets_nothing(world):
    user = role(Role.Kind.SECRETARIAT)
    user.is_active = False
    user.save()
    assert not scopes.is_secretariat(user)
    assert not scopes.communes_for(user).exists()
    assert not scopes.can_edit_provider(user, world.a_admin)


def test_scope_querysets_can_be_filtered_further(world, facilitator):
    schools = scopes.providers_for(facilitator).filter(
        kind=ServiceProvider.Kind.PRIMARY_SCHOOL
    )
    assert codes(schools) == ["PS11040101"]


def test_scope_checks_cost_one_query_whatever_the_number_of_roles(
    world, django_assert_num_queries
):
    user = role(Role.Kind.COUNCILLOR, commune=world.a)
    cf.RoleFactory(user=user, kind=Role.Kind.FACILITATOR, organisation=world.ngo_a)
    cf.RoleFactory(user=user, kind=Role.Kind.REVIEWER, province=world.y)
    with django_assert_num_queries(1):
        assert len(list(scopes.communes_for(user))) == 3
    with django_assert_num_queries(1):
        assert len(list(scopes.providers_for(user))) == 5
    with django_assert_num_queries(1):
        scopes.can_edit_provider(user, world.c_hc)
    with django_assert_num_queries(1):
        scopes.can_review_provider(user, world.e_admin)
    with django_assert_num_queries(1):
        scopes.roles_for(user)


def test_the_current_cycle_is_this_years(world):
    cf.CycleFactory(year=THIS_YEAR + 1)
    assert scopes.current_cycle() == world.this_cycle


def test_without_a_cycle_this_year_the_current_cycle_is_the_latest(db):
    cf.CycleFactory(year=THIS_YEAR - 3)
    latest = cf.CycleFactory(year=THIS_YEAR - 2)
    assert scopes.current_cycle() == latest


def test_there_is_no_current_cycle_without_cycles(db):
    assert scopes.current_cycle() is None


def test_a_facilitator_has_no_scope_when_there_is_no_cycle(db):
    district = cf.DistrictFactory()
    cf.CommuneFactory(district=district)
    user = role(Role.Kind.FACILITATOR, organisation=cf.OrganisationFactory())
    assert not scopes.communes_for(user).exists()
