"""The admin opens for the secretariat, not for councillors, and keeps the gazetteer
read-mostly."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from communes import models
from communes.tests import factories as cf

# The gazetteer comes from `load_gazetteer`; the rest is kept by hand.
GAZETTEER = [models.Province, models.District, models.Commune, models.Village]
BY_HAND = [
    models.ServiceProvider,
    models.Organisation,
    models.Cycle,
    models.Coverage,
    models.CAF,
    models.Role,
]
MODELS = [*GAZETTEER, *BY_HAND, get_user_model()]


def admin_url(model, view, *args):
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)


@pytest.fixture
def data(db):
    kandal = cf.ProvinceFactory(code="08", name_km="កណ្ដាល", name_latin="Kandal")
    district = cf.DistrictFactory(code="0801", province=kandal)
    commune = cf.CommuneFactory(code="080101", district=district)
    village = cf.VillageFactory(code="08010101", commune=commune)
    organisation = cf.OrganisationFactory(name_en="Partner NGO")
    cycle = cf.CycleFactory()
    cf.CoverageFactory(organisation=organisation, district=district, cycle=cycle)
    cf.ServiceProviderFactory(commune=commune)
    cf.CAFFactory(
        village=village, organisation=organisation, module_intro=True, module_i4c=True
    )
    cf.CAFFactory(village=village, organisation=organisation, name="Trained models.CAF")
    cf.RoleFactory(kind=models.Role.Kind.COUNCILLOR, commune=commune)
    return {"commune": commune, "village": village, "organisation": organisation}


@pytest.fixture
def secretariat(client, db):
    user = cf.user_with_role(
        "ncdd-staff",
        user_fields={"is_staff": True, "is_superuser": True},
        kind=models.Role.Kind.SECRETARIAT,
    )
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.model_name)
def test_every_changelist_opens_for_the_secretariat(secretariat, data, model):
    response = secretariat.get(admin_url(model, "changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("model", BY_HAND, ids=lambda m: m._meta.model_name)
def test_the_add_forms_open_for_the_secretariat(secretariat, data, model):
    assert secretariat.get(admin_url(model, "add")).status_code == 200


def test_the_index_opens_for_the_secretariat(secretariat, data):
    response = secretariat.get("/admin/")
    assert response.status_code == 200


@pytest.mark.parametrize("model", GAZETTEER)
def test_the_gazetteer_cannot_be_added_to_or_deleted_from(secretariat, data, model):
    assert secretariat.get(admin_url(model, "add")).status_code == 403
    row = model.objects.first()
    assert secretariat.get(admin_url(model, "delete", row.pk)).status_code == 403
    assert secretariat.get(admin_url(model, "change", row.pk)).status_code == 200


def test_a_gazetteer_name_cannot_be_changed_by_hand(secretariat, data):
    village = data["village"]
    secretariat.post(
        admin_url(models.Village, "change", village.pk),
        {"name_km": "ប្ដូរ", "name_latin": "Changed", "latitude": "", "longitude": ""},
    )
    village.refresh_from_db()
    assert village.name_latin != "Changed"


def test_the_service_provider_form_has_both_languages_and_autocompletes_communes(
    secretariat, data
):
    html = secretariat.get(admin_url(models.ServiceProvider, "add")).content.decode()
    assert 'name="name_km"' in html and 'name="name_en"' in html
    assert "admin-autocomplete" in html
    # No select lists every commune: they are looked up as the user types.
    assert data["commune"].name_latin not in html


def test_the_caf_form_does_not_list_every_village(secretariat, data):
    html = secretariat.get(admin_url(models.CAF, "add")).content.decode()
    assert data["village"].name_latin not in html


def test_the_gazetteer_search_finds_either_subscript_spelling(secretariat, data):
    # Search keys are written by the loader; the factories leave them empty.
    models.Province.objects.filter(pk="08").update(search_key="កណ្តាលkandal")
    response = secretariat.get(admin_url(models.Province, "changelist"), {"q": "កណ្តាល"})
    assert "Kandal" in response.content.decode()
    response = secretariat.get(admin_url(models.Province, "changelist"), {"q": "08"})
    assert "Kandal" in response.content.decode()


def test_the_caf_roster_filters_by_modules_done(secretariat, data):
    url = admin_url(models.CAF, "changelist")
    two = secretariat.get(url, {"modules_done": "2"}).context["cl"].result_list
    assert [c.name for c in two] == [models.CAF.objects.get(module_i4c=True).name]
    none = secretariat.get(url, {"modules_done": "0"}).context["cl"].result_list
    assert [c.name for c in none] == ["Trained models.CAF"]


def test_the_coverage_list_filters_by_cycle_organisation_and_province(
    secretariat, data
):
    old_cycle = cf.CycleFactory(year=2001)
    other = cf.OrganisationFactory(name_en="Other NGO", acronym="OTHER")
    elsewhere = cf.DistrictFactory(code="0902", province=cf.ProvinceFactory(code="09"))
    cf.CoverageFactory(organisation=other, district=elsewhere, cycle=old_cycle)
    url = admin_url(models.Coverage, "changelist")
    html = secretariat.get(url).content.decode()
    for parameter in (
        "cycle__id__exact",
        "organisation__id__exact",
        "district__province",
    ):
        assert parameter in html
    by_cycle = secretariat.get(url, {"cycle__id__exact": old_cycle.pk})
    assert list(
        by_cycle.context["cl"].result_list.values_list("district", flat=True)
    ) == ["0902"]
    by_organisation = secretariat.get(url, {"organisation__id__exact": other.pk})
    assert by_organisation.context["cl"].result_count == 1
    by_province = secretariat.get(url, {"district__province__code__exact": "08"})
    assert [c.district_id for c in by_province.context["cl"].result_list] == ["0801"]


def add_role(secretariat, user, **fields):
    """Post the admin's "add role" form for `user`."""
    return secretariat.post(admin_url(models.Role, "add"), {"user": user.pk, **fields})


def test_a_role_that_names_a_stray_place_is_refused(secretariat, data):
    user = cf.UserFactory()
    response = add_role(
        secretariat,
        user,
        kind=models.Role.Kind.SECRETARIAT,
        commune=data["commune"].pk,
    )
    assert response.status_code == 200
    assert not models.Role.objects.filter(user=user).exists()


def test_a_councillor_role_needs_a_commune(secretariat, data):
    user = cf.UserFactory()
    add_role(secretariat, user, kind=models.Role.Kind.COUNCILLOR)
    assert not models.Role.objects.filter(user=user).exists()


def test_a_valid_role_is_saved(secretariat, data):
    user = cf.UserFactory()
    response = add_role(
        secretariat, user, kind=models.Role.Kind.COUNCILLOR, commune=data["commune"].pk
    )
    assert response.status_code == 302
    assert models.Role.objects.get(user=user).commune == data["commune"]


def test_the_user_page_shows_the_users_roles(secretariat, data):
    councillor = models.Role.objects.get(kind=models.Role.Kind.COUNCILLOR).user
    html = secretariat.get(
        admin_url(get_user_model(), "change", councillor.pk)
    ).content.decode()
    assert "isaf_roles-TOTAL_FORMS" in html
    assert 'value="councillor" selected' in html


def test_the_admin_is_refused_to_a_councillor(client, data):
    councillor = models.Role.objects.get(kind=models.Role.Kind.COUNCILLOR).user
    client.force_login(councillor)
    for url in ("/admin/", admin_url(models.Organisation, "changelist")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_the_admin_is_refused_to_anonymous_users(client, data):
    response = client.get(admin_url(models.CAF, "changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
