"""The one "provider serves commune" rule: located in the commune, or serving it."""

import pytest

from communes.models import ServiceProvider
from communes.tests.factories import CommuneFactory, ServiceProviderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    home, neighbour, far = CommuneFactory(), CommuneFactory(), CommuneFactory()
    centre = ServiceProviderFactory(
        kind=ServiceProvider.Kind.HEALTH_CENTRE, commune=home
    )
    centre.communes_served.add(home, neighbour)
    school = ServiceProviderFactory(
        kind=ServiceProvider.Kind.PRIMARY_SCHOOL, commune=neighbour
    )
    elsewhere = ServiceProviderFactory(commune=far)
    return home, neighbour, far, centre, school, elsewhere


def test_a_commune_is_served_by_the_providers_located_in_it_and_those_serving_it(
    world,
):
    home, neighbour, far, centre, school, elsewhere = world
    assert set(ServiceProvider.objects.serving(neighbour)) == {centre, school}
    assert set(ServiceProvider.objects.serving(home)) == {centre}
    assert set(ServiceProvider.objects.serving(far)) == {elsewhere}


def test_a_provider_located_in_and_marked_as_serving_a_commune_comes_once(world):
    home, *_ = world
    assert ServiceProvider.objects.serving(home).count() == 1


def test_serving_takes_a_commune_or_its_code(world):
    home, neighbour, *_ = world
    assert list(ServiceProvider.objects.serving(neighbour.code)) == list(
        ServiceProvider.objects.serving(neighbour)
    )


def test_serving_composes_with_other_filters(world):
    home, neighbour, far, centre, school, elsewhere = world
    schools = ServiceProvider.objects.serving(neighbour).filter(
        kind=ServiceProvider.Kind.PRIMARY_SCHOOL
    )
    assert list(schools) == [school]


def test_a_provider_serves_its_own_commune_and_the_ones_it_is_marked_as_serving(
    world,
):
    home, neighbour, far, centre, school, elsewhere = world
    assert centre.serves(home) and centre.serves(neighbour.code)
    assert not centre.serves(far)
    assert school.serves(neighbour) and not school.serves(home)


def test_the_communes_of_providers_are_those_they_are_in_or_serve(world):
    home, neighbour, far, centre, school, elsewhere = world
    both = ServiceProvider.objects.filter(pk__in=[centre.pk, school.pk])
    assert set(both.communes()) == {home, neighbour}
    assert centre.commune_codes() == {home.code, neighbour.code}
