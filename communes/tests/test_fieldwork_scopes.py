"""Who records scorecard fieldwork: the rules that were `scorecards.permissions`,
now in `communes.scopes` with every other scope rule."""

import datetime
from types import SimpleNamespace

import pytest

from communes import scopes
from communes.models import Role, ServiceProvider
from communes.tests import factories as cf

pytestmark = pytest.mark.django_db
THIS_YEAR = datetime.date.today().year


@pytest.fixture
def w():
    w = SimpleNamespace()
    w.cycle = cf.CycleFactory(year=THIS_YEAR)
    w.last_cycle = cf.CycleFactory(year=THIS_YEAR - 1)
    covered, uncovered = cf.DistrictFactory(), cf.DistrictFactory()
    w.commune = cf.CommuneFactory(district=covered)
    w.outside = cf.CommuneFactory(district=uncovered)
    w.centre = cf.ServiceProviderFactory(
        kind=ServiceProvider.Kind.HEALTH_CENTRE, commune=w.commune
    )
    w.administration = cf.ServiceProviderFactory(
        kind=ServiceProvider.Kind.COMMUNE, commune=w.commune
    )
    w.far_centre = cf.ServiceProviderFactory(
        kind=ServiceProvider.Kind.HEALTH_CENTRE, commune=w.outside
    )
    ngo = cf.OrganisationFactory()
    cf.CoverageFactory(organisation=ngo, district=covered, cycle=w.cycle)
    w.facilitator = cf.user_with_role(kind=Role.Kind.FACILITATOR, organisation=ngo)
    w.councillor = cf.user_with_role(kind=Role.Kind.COUNCILLOR, commune=w.commune)
    w.reviewer = cf.user_with_role(kind=Role.Kind.REVIEWER)
    w.secretariat = cf.user_with_role(kind=Role.Kind.SECRETARIAT)
    return w


def test_facilitators_and_the_secretariat_record_fieldwork(w):
    assert scopes.records_fieldwork(w.facilitator)
    assert scopes.records_fieldwork(w.secretariat)


def test_councillors_and_reviewers_do_not_record_fieldwork(w):
    assert not scopes.records_fieldwork(w.councillor)
    assert not scopes.records_fieldwork(w.reviewer)


def test_an_inactive_facilitator_records_nothing(w):
    w.facilitator.is_active = False
    assert not scopes.records_fieldwork(w.facilitator)
    assert not scopes.can_record_for_commune(w.facilitator, w.commune, w.cycle)


def test_a_facilitator_records_for_the_providers_their_organisation_covers(w):
    assert scopes.can_record_for_provider(w.facilitator, w.centre, w.cycle)
    assert not scopes.can_record_for_provider(w.facilitator, w.far_centre, w.cycle)


def test_a_facilitator_records_only_in_the_cycle_of_the_coverage(w):
    assert not scopes.can_record_for_provider(w.facilitator, w.centre, w.last_cycle)
    assert not scopes.can_record_for_commune(w.facilitator, w.commune, w.last_cycle)


def test_a_councillor_does_not_record_a_scorecard_of_their_own_administration(w):
    assert scopes.can_edit_provider(w.councillor, w.administration, cycle=w.cycle)
    assert not scopes.can_record_for_provider(w.councillor, w.administration, w.cycle)


def test_a_facilitator_records_the_meetings_of_covered_communes_only(w):
    assert scopes.can_record_for_commune(w.facilitator, w.commune, w.cycle)
    assert not scopes.can_record_for_commune(w.facilitator, w.outside, w.cycle)


def test_the_secretariat_records_everywhere(w):
    assert scopes.can_record_for_commune(w.secretariat, w.outside, w.cycle)
    assert scopes.can_record_for_provider(w.secretariat, w.far_centre, w.cycle)


def test_councillors_and_reviewers_do_not_record_meetings(w):
    assert not scopes.can_record_for_commune(w.councillor, w.commune, w.cycle)
    assert not scopes.can_record_for_commune(w.reviewer, w.commune, w.cycle)


def test_a_facilitator_may_name_only_the_active_cafs_of_their_organisation(w):
    organisation = w.facilitator.isaf_roles.get().organisation
    own = cf.CAFFactory(organisation=organisation)
    cf.CAFFactory(organisation=organisation, is_active=False)
    cf.CAFFactory()  # another organisation's CAF
    assert list(scopes.cafs_for(w.facilitator)) == [own]


def test_the_secretariat_may_name_every_active_caf_and_others_none(w):
    active = [cf.CAFFactory(), cf.CAFFactory()]
    cf.CAFFactory(is_active=False)
    assert set(scopes.cafs_for(w.secretariat)) == set(active)
    assert list(scopes.cafs_for(w.councillor)) == []
