"""Factories for the ground floor: places, providers, organisations and roles.

Codes are built from the parent's code, as in the NCDD gazetteer, so a factory-made
commune always sits in a district of its own province.
"""

import datetime

import factory
from django.contrib.auth import get_user_model

from communes.gazetteer import search_key_for
from communes.models import (
    CAF,
    Commune,
    Coverage,
    Cycle,
    District,
    Organisation,
    Province,
    Role,
    ServiceProvider,
    Village,
)


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{90 + n % 10:02d}")
    name_km = factory.Sequence(lambda n: f"ខេត្តសាកល្បង{n}")
    name_latin = factory.Sequence(lambda n: f"Test Province {n}")
    source = "test"
    source_version = "1"
    search_key = factory.LazyAttribute(
        lambda o: search_key_for(name_km=o.name_km, name_latin=o.name_latin)
    )


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("code",)

    province = factory.SubFactory(ProvinceFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.province.code}{n % 100:02d}")
    name_km = factory.Sequence(lambda n: f"ស្រុកសាកល្បង{n}")
    name_latin = factory.Sequence(lambda n: f"Test District {n}")
    kind = District.Kind.SROK
    source = "test"
    source_version = "1"
    search_key = factory.LazyAttribute(
        lambda o: search_key_for(name_km=o.name_km, name_latin=o.name_latin)
    )


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("code",)

    district = factory.SubFactory(DistrictFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.district.code}{n % 100:02d}")
    name_km = factory.Sequence(lambda n: f"ឃុំសាកល្បង{n}")
    name_latin = factory.Sequence(lambda n: f"Test Commune {n}")
    kind = Commune.Kind.KHUM
    source = "test"
    source_version = "1"
    search_key = factory.LazyAttribute(
        lambda o: search_key_for(name_km=o.name_km, name_latin=o.name_latin)
    )


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Village
        django_get_or_create = ("code",)

    commune = factory.SubFactory(CommuneFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.commune.code}{n % 100:02d}")
    name_km = factory.Sequence(lambda n: f"ភូមិសាកល្បង{n}")
    name_latin = factory.Sequence(lambda n: f"Test Village {n}")
    source = "test"
    source_version = "1"
    search_key = factory.LazyAttribute(
        lambda o: search_key_for(name_km=o.name_km, name_latin=o.name_latin)
    )


class ServiceProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceProvider

    code = factory.Sequence(lambda n: f"P{n:06d}")
    kind = ServiceProvider.Kind.HEALTH_CENTRE
    name_km = factory.Sequence(lambda n: f"មណ្ឌលសុខភាពសាកល្បង{n}")
    name_en = factory.Sequence(lambda n: f"Test Health Centre {n}")
    commune = factory.SubFactory(CommuneFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name_km = factory.Sequence(lambda n: f"អង្គការសាកល្បង{n}")
    name_en = factory.Sequence(lambda n: f"Test Organisation {n}")
    acronym = factory.Sequence(lambda n: f"TO{n}")
    kind = Organisation.Kind.NGO


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cycle
        django_get_or_create = ("year",)

    year = factory.LazyFunction(lambda: datetime.date.today().year)
    starts_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 1, 1))
    ends_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 12, 31))


class CoverageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coverage

    organisation = factory.SubFactory(OrganisationFactory)
    district = factory.SubFactory(DistrictFactory)
    cycle = factory.SubFactory(CycleFactory)


class CAFFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CAF

    name = factory.Sequence(lambda n: f"CAF {n}")
    sex = CAF.Sex.FEMALE
    year_of_birth = 1990
    village = factory.SubFactory(VillageFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("a-long-test-password")


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    user = factory.SubFactory(UserFactory)
    kind = Role.Kind.SECRETARIAT
