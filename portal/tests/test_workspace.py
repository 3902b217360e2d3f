"""The workspace lists what the user may act on, by role, and nothing else."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communes.models import Role, ServiceProvider
from communes.tests import factories as cf
from isaf.khmer import to_khmer_digits

THIS_YEAR = datetime.date.today().year
COMMUNE = ServiceProvider.Kind.COMMUNE


@pytest.fixture
def world(db):
    """Province X (11): covered district 1104 with Krang Teh and Pu Chrey, uncovered
    district 1105 with Srae Khtum. Province Y (02): district 0208, covered only last
    year, with Anlong Vil."""
    w = SimpleNamespace()
    w.cycle = cf.CycleFactory(year=THIS_YEAR)
    w.last_cycle = cf.CycleFactory(year=THIS_YEAR - 1)
    w.x = cf.place("11", "មណ្ឌលគិរី", "Mondulkiri")
    w.y = cf.place("02", "បាត់ដំបង", "Battambang")
    w.covered = cf.place("1104", "ពេជ្រាដា", "Pech Chreada")
    w.uncovered = cf.place("1105", "កែវសីមា", "Kaev Seima")
    w.old = cf.place("0208", "សង្កែ", "Sangkae")
    w.a = cf.place("110401", "ក្រង់តេះ", "Krang Teh")
    w.b = cf.place("110402", "ពូជ្រៃ", "Pu Chrey")
    w.c = cf.place("110501", "ស្រែខ្ទុម", "Srae Khtum")
    w.e = cf.place("020801", "អន្លង់វិល", "Anlong Vil")
    w.a_admin = cf.provider("C110401", w.a, name_en="Krang Teh Admin")
    w.a_hc = cf.provider("HC11040101", w.a, name_en="Krang Teh HC", is_demo=True)
    w.b_admin = cf.provider("C110402", w.b, name_en="Pu Chrey Admin")
    w.c_hc = cf.provider("HC11050101", w.c, name_en="Srae Khtum HC")
    w.e_admin = cf.provider("C020801", w.e, name_en="Anlong Vil Admin")
    w.ngo = cf.OrganisationFactory(name_en="Partner NGO", name_km="អង្គការដៃគូ")
    cf.CoverageFactory(organisation=w.ngo, district=w.covered, cycle=w.cycle)
    cf.CoverageFactory(organisation=w.ngo, district=w.old, cycle=w.last_cycle)
    return w


def page(client, user, lang="en"):
    client.force_login(user)
    response = client.get(f"/{lang}/workspace/")
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_users_are_sent_to_sign_in(client, db):
    response = client.get("/km/workspace/")
    assert response.status_code == 302
    assert response["Location"] == "/km/accounts/login/?next=/km/workspace/"


def test_a_councillor_sees_their_commune_and_its_administration(client, world):
    user = cf.RoleFactory(kind=Role.Kind.COUNCILLOR, commune=world.a).user
    html = page(client, user)
    assert 'href="/en/communes/110401/"' in html
    assert "Krang Teh" in html and "Pech Chreada" in html and "Mondulkiri" in html
    assert "Krang Teh Admin" in html
    assert "Commune councillor" in html


def test_a_councillor_sees_nothing_of_another_commune(client, world):
    user = cf.RoleFactory(kind=Role.Kind.COUNCILLOR, commune=world.a).user
    html = page(client, user)
    assert "Pu Chrey Admin" not in html
    assert "110402" not in html
    # The health centre is the facilitators' to enter, not the councillor's.
    assert "Krang Teh HC" not in html
    assert "Facilitator" not in html and "National figures" not in html


def test_a_facilitator_sees_the_districts_communes_and_providers_covered(client, world):
    user = cf.RoleFactory(kind=Role.Kind.FACILITATOR, organisation=world.ngo).user
    html = page(client, user)
    assert "Partner NGO" in html
    assert f"Districts your organisation covers in the {THIS_YEAR} cycle" in html
    assert "Pech Chreada" in html
    assert 'href="/en/communes/110401/"' in html
    assert 'href="/en/communes/110402/"' in html
    for name in ("Krang Teh Admin", "Krang Teh HC", "Pu Chrey Admin"):
        assert name in html
    assert '<span class="badge badge-demo">demo</span>' in html


def test_a_facilitator_sees_nothing_outside_this_cycles_coverage(client, world):
    user = cf.RoleFactory(kind=Role.Kind.FACILITATOR, organisation=world.ngo).user
    html = page(client, user)
    for outside in ("Srae Khtum", "Kaev Seima", "Anlong Vil", "Sangkae"):
        assert outside not in html


def test_a_facilitator_of_an_organisation_without_coverage_is_told_so(client, world):
    other = cf.OrganisationFactory(name_en="Idle NGO")
    user = cf.RoleFactory(kind=Role.Kind.FACILITATOR, organisation=other).user
    html = page(client, user)
    assert f"Your organisation covers no district in the {THIS_YEAR} cycle." in html
    assert "Krang Teh" not in html


def test_a_province_reviewer_sees_their_province_only(client, world):
    user = cf.RoleFactory(kind=Role.Kind.REVIEWER, province=world.x).user
    html = page(client, user)
    assert "You review submissions from:" in html
    assert "Mondulkiri" in html
    assert "Battambang" not in html
    assert "whole country" not in html


def test_a_national_reviewer_is_told_they_review_the_whole_country(client, world):
    user = cf.RoleFactory(kind=Role.Kind.REVIEWER).user
    html = page(client, user)
    assert "You review submissions from the whole country (national)." in html


def test_the_secretariat_sees_national_counts_and_the_admin(client, world):
    user = cf.RoleFactory(kind=Role.Kind.SECRETARIAT).user
    html = page(client, user)
    assert "National figures" in html
    assert 'href="/admin/"' in html
    assert 'href="/admin/communes/coverage/"' in html
    # Four communes; five providers, three of them commune administrations.
    assert '<th scope="row">Communes and sangkats</th><td class="num">4</td>' in html
    assert '<th scope="row">Commune administrations</th><td class="num">3</td>' in html
    assert (
        f'<th scope="row">Districts covered in the {THIS_YEAR} cycle</th>'
        '<td class="num">1</td>'
    ) in html


def test_the_secretariat_figures_use_khmer_digits_on_khmer_pages(client, world):
    user = cf.RoleFactory(kind=Role.Kind.SECRETARIAT).user
    html = page(client, user, lang="km")
    assert '<td class="num">៤</td>' in html
    assert f"វដ្តឆ្នាំ{to_khmer_digits(str(THIS_YEAR))}" in html


def test_a_user_with_several_roles_gets_one_section_per_role(client, world):
    user = cf.RoleFactory(kind=Role.Kind.COUNCILLOR, commune=world.e).user
    cf.RoleFactory(user=user, kind=Role.Kind.FACILITATOR, organisation=world.ngo)
    cf.RoleFactory(user=user, kind=Role.Kind.REVIEWER, province=world.y)
    html = page(client, user)
    assert 'id="ws-councillor"' in html
    assert 'id="ws-facilitator"' in html
    assert 'id="ws-reviewer"' in html
    assert 'id="ws-secretariat"' not in html
    assert "Anlong Vil Admin" in html and "Krang Teh HC" in html


def test_a_user_without_a_role_is_told_to_ask_for_one(client, world):
    html = page(client, cf.UserFactory())
    assert "Your account has no role yet." in html
    assert "Krang Teh" not in html


def test_the_workspace_offers_password_change_and_sign_out_by_post(client, world):
    html = page(client, cf.UserFactory())
    assert 'href="/en/accounts/password/change/"' in html
    assert '<form method="post" action="/en/accounts/logout/">' in html


def test_the_workspace_is_in_khmer_under_km(client, world):
    user = cf.RoleFactory(kind=Role.Kind.COUNCILLOR, commune=world.a).user
    html = page(client, user, lang="km")
    assert '<html lang="km">' in html
    assert "សមាជិកក្រុមប្រឹក្សាឃុំ សង្កាត់" in html
    assert "ក្រង់តេះ" in html
    assert "ចាកចេញ" in html


def count_queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/workspace/").status_code == 200
    return len(queries)


def test_the_query_count_is_small_and_does_not_grow_with_the_coverage(client, world):
    user = cf.RoleFactory(kind=Role.Kind.COUNCILLOR, commune=world.a).user
    cf.RoleFactory(user=user, kind=Role.Kind.FACILITATOR, organisation=world.ngo)
    cf.RoleFactory(user=user, kind=Role.Kind.REVIEWER, province=world.x)
    cf.RoleFactory(user=user, kind=Role.Kind.SECRETARIAT)
    before = count_queries(client, user)
    assert before <= 20
    # Twice the coverage, more communes and providers, and a second organisation.
    for n in range(3):
        district = cf.DistrictFactory(code=f"120{n}", province=world.x)
        cf.CoverageFactory(organisation=world.ngo, district=district, cycle=world.cycle)
        for m in range(3):
            commune = cf.CommuneFactory(code=f"120{n}0{m}", district=district)
            cf.ServiceProviderFactory(commune=commune)
            cf.ServiceProviderFactory(
                code=f"C120{n}0{m}", kind=COMMUNE, commune=commune
            )
    second = cf.OrganisationFactory()
    cf.CoverageFactory(organisation=second, district=world.uncovered, cycle=world.cycle)
    cf.RoleFactory(user=user, kind=Role.Kind.FACILITATOR, organisation=second)
    cf.RoleFactory(user=user, kind=Role.Kind.COUNCILLOR, commune=world.b)
    assert count_queries(client, user) == before


def test_a_councillor_workspace_costs_few_queries(client, world):
    user = cf.RoleFactory(kind=Role.Kind.COUNCILLOR, commune=world.a).user
    # Session and user, roles, the commune's administration, and the I4C list
    # (packages of the providers in scope).
    assert count_queries(client, user) <= 8
