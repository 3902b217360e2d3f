"""`manage.py load_demo_communes` on a tiny gazetteer made with the factories."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from communes import scopes
from communes.models import (
    CAF,
    Coverage,
    Cycle,
    Organisation,
    Role,
    ServiceProvider,
)
from communes.tests.factories import (
    CommuneFactory,
    DistrictFactory,
    ServiceProviderFactory,
    demo_gazetteer,
)

THIS_YEAR = datetime.date.today().year


@pytest.fixture
def gazetteer(db):
    """The places the demo stands on, with their real codes and names."""
    demo_gazetteer()
    # A neighbour outside the demo, which must stay out of it.
    CommuneFactory(code="110501", district=DistrictFactory(code="1105"))


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo_communes", stdout=out)
    return out.getvalue()


def snapshot():
    """Everything load_demo writes, as plain values, to compare two runs."""
    User = get_user_model()
    return {
        "cycles": list(Cycle.objects.values_list("year", "starts_on", "ends_on")),
        "organisations": list(
            Organisation.objects.order_by("pk").values_list(
                "pk", "acronym", "name_km", "name_en", "kind", "is_demo"
            )
        ),
        "coverage": sorted(
            Coverage.objects.values_list(
                "pk", "organisation__acronym", "district_id", "cycle__year"
            )
        ),
        "providers": list(
            ServiceProvider.objects.order_by("pk").values_list(
                "pk", "code", "kind", "name_km", "name_en", "commune_id", "is_demo"
            )
        ),
        "served": sorted(
            ServiceProvider.communes_served.through.objects.values_list(
                "serviceprovider__code", "commune_id"
            )
        ),
        "cafs": list(CAF.objects.order_by("pk").values()),
        "users": list(User.objects.order_by("pk").values()),
        "roles": list(Role.objects.order_by("pk").values()),
    }


def test_it_refuses_to_run_without_the_gazetteer(db):
    with pytest.raises(CommandError, match="load_gazetteer"):
        load_demo()


def test_it_names_what_is_missing_when_the_gazetteer_is_partial(db):
    CommuneFactory(code="110401", district=DistrictFactory(code="1104"))
    with pytest.raises(CommandError, match="0208"):
        load_demo()
    assert not Organisation.objects.exists()


def test_a_second_run_changes_nothing(gazetteer):
    first = load_demo()
    before = snapshot()
    second = load_demo()
    assert "created" in first
    assert snapshot() == before
    assert "nothing changed" in second
    assert "created" not in second
    assert "Updated" not in first


def test_it_repairs_demo_rows_that_were_changed(gazetteer):
    load_demo()
    ServiceProvider.objects.filter(code="C110401").update(name_en="Renamed")
    output = load_demo()
    assert ServiceProvider.objects.get(code="C110401").name_en == (
        "Krang Teh Commune Administration"
    )
    assert "updated provider" in output


def test_it_creates_this_and_last_years_cycles(gazetteer):
    load_demo()
    assert sorted(Cycle.objects.values_list("year", flat=True)) == [
        THIS_YEAR - 1,
        THIS_YEAR,
    ]
    assert scopes.current_cycle().year == THIS_YEAR


def test_it_creates_the_secretariat_and_two_demo_partners(gazetteer):
    load_demo()
    organisations = {o.acronym: o for o in Organisation.objects.all()}
    assert set(organisations) == {"NCDD-S", "DEMO-NGO", "DEMO-NGO-2"}
    assert all(o.is_demo for o in organisations.values())
    assert organisations["NCDD-S"].kind == Organisation.Kind.SECRETARIAT
    assert organisations["DEMO-NGO"].name_en == "Demo partner NGO"
    assert "សាកល្បង" in organisations["DEMO-NGO"].name_km


def test_the_demo_partners_cover_their_districts_in_both_cycles(gazetteer):
    load_demo()
    coverage = set(
        Coverage.objects.values_list(
            "organisation__acronym", "district_id", "cycle__year"
        )
    )
    expected = {
        (acronym, district, year)
        for acronym, district in [
            ("DEMO-NGO", "1104"),
            ("DEMO-NGO", "0208"),
            ("DEMO-NGO-2", "0203"),
        ]
        for year in (THIS_YEAR - 1, THIS_YEAR)
    }
    assert coverage == expected


def test_krang_teh_gets_its_administration_a_health_centre_and_two_schools(gazetteer):
    load_demo()
    providers = {p.code: p for p in ServiceProvider.objects.filter(commune_id="110401")}
    assert set(providers) == {"C110401", "HC11040101", "PS11040101", "PS11040102"}
    assert all(p.is_demo for p in providers.values())
    admin = providers["C110401"]
    assert admin.kind == ServiceProvider.Kind.COMMUNE
    assert admin.name_km == "រដ្ឋបាលឃុំក្រង់តេះ"
    assert admin.name_en == "Krang Teh Commune Administration"
    centre = providers["HC11040101"]
    assert centre.name_km == "មណ្ឌលសុខភាពក្រង់តេះ"
    assert centre.name_en == "Krang Teh Health Centre"
    assert set(centre.communes_served.values_list("code", flat=True)) == {
        "110401",
        "110402",
    }
    assert providers["PS11040101"].kind == ServiceProvider.Kind.PRIMARY_SCHOOL
    assert providers["PS11040101"].name_km.startswith("សាលាបឋមសិក្សា")
    assert providers["PS11040102"].name_en.endswith("Primary School")


def test_sangkae_and_battambang_communes_get_their_providers(gazetteer):
    load_demo()
    codes = set(ServiceProvider.objects.values_list("code", flat=True))
    for commune in ("020801", "020802", "020301"):
        assert {f"C{commune}", f"HC{commune}01", f"PS{commune}01"} <= codes
    sangkat = ServiceProvider.objects.get(code="C020301")
    assert sangkat.name_km == "រដ្ឋបាលសង្កាត់ទួលតាឯក"
    assert sangkat.name_en == "Tuol Ta Ek Sangkat Administration"
    assert ServiceProvider.objects.get(code="C020802").name_en == (
        "Norea Commune Administration"
    )
    assert not ServiceProvider.objects.filter(commune_id="110501").exists()


def test_it_leaves_a_real_provider_with_a_demo_code_alone(gazetteer):
    real = ServiceProviderFactory(
        code="HC11040101", commune_id="110401", name_en="Real Health Centre"
    )
    load_demo()
    real.refresh_from_db()
    assert real.name_en == "Real Health Centre"
    assert not real.is_demo


def test_it_creates_a_few_cafs_of_both_sexes_with_some_modules_done(gazetteer):
    load_demo()
    cafs = list(CAF.objects.select_related("village__commune"))
    assert len(cafs) >= 3
    assert all(c.is_demo for c in cafs)
    assert {c.sex for c in cafs} == {CAF.Sex.FEMALE, CAF.Sex.MALE}
    assert any(c.module_jaap for c in cafs)
    assert not all(c.module_jaap for c in cafs)
    demo_communes = {"110401", "110402", "020801", "020802", "020301"}
    assert {c.village.commune_id for c in cafs} <= demo_communes


def test_the_demo_users_sign_in_with_the_demo_password_and_hold_their_roles(
    gazetteer, client
):
    load_demo()
    User = get_user_model()
    for username in ("ncdd", "councillor", "facilitator", "reviewer"):
        assert User.objects.get(username=username).check_password("isaf-demo")
    ncdd = User.objects.get(username="ncdd")
    assert ncdd.is_staff and ncdd.is_superuser
    assert scopes.is_secretariat(ncdd)
    councillor = User.objects.get(username="councillor")
    assert [r.commune_id for r in scopes.roles_for(councillor)] == ["110401"]
    assert not councillor.is_staff
    facilitator = User.objects.get(username="facilitator")
    assert set(scopes.communes_for(facilitator).values_list("code", flat=True)) == {
        "110401",
        "110402",
        "020801",
        "020802",
    }
    reviewer = User.objects.get(username="reviewer")
    assert list(scopes.provinces_for_review(reviewer).values_list("code", flat=True))
    assert [r.province_id for r in scopes.roles_for(reviewer)] == ["11"]


def test_it_resets_a_changed_demo_password(gazetteer):
    load_demo()
    User = get_user_model()
    user = User.objects.get(username="councillor")
    user.set_password("something-else-entirely")
    user.save()
    load_demo()
    user.refresh_from_db()
    assert user.check_password("isaf-demo")
