"""Factories for I4C packages and the people who work on them."""

import factory

from communes.models import Role, ServiceProvider
from communes.tests.factories import (
    CommuneFactory,
    CoverageFactory,
    CycleFactory,
    OrganisationFactory,
    RoleFactory,
    ServiceProviderFactory,
    UserFactory,
)
from i4c.models import BudgetLine, Package


class CommuneAdministrationFactory(ServiceProviderFactory):
    kind = ServiceProvider.Kind.COMMUNE
    code = factory.LazyAttribute(lambda o: f"C{o.commune.code}")
    name_km = factory.LazyAttribute(lambda o: f"រដ្ឋបាល{o.commune.name_km}")
    name_en = factory.LazyAttribute(lambda o: f"{o.commune.name_latin} administration")


class PackageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Package

    provider = factory.SubFactory(CommuneAdministrationFactory)
    year = 2025


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    package = factory.SubFactory(PackageFactory)
    side = BudgetLine.Side.REVENUE
    category = BudgetLine.Category.OWN_SOURCE
    planned = 10_000_000
    actual = 9_500_000


def councillor_for(commune):
    return RoleFactory(kind=Role.Kind.COUNCILLOR, commune=commune).user


def facilitator_for(district):
    """A facilitator whose organisation covers `district` in the current cycle."""
    coverage = CoverageFactory(district=district, cycle=CycleFactory())
    return RoleFactory(
        kind=Role.Kind.FACILITATOR, organisation=coverage.organisation
    ).user


def reviewer_for(province=None):
    return RoleFactory(kind=Role.Kind.REVIEWER, province=province).user


__all__ = [
    "BudgetLineFactory",
    "CommuneAdministrationFactory",
    "CommuneFactory",
    "OrganisationFactory",
    "PackageFactory",
    "ServiceProviderFactory",
    "UserFactory",
    "councillor_for",
    "facilitator_for",
    "reviewer_for",
]
