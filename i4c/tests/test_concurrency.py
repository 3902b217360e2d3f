"""Stale saves of package sections: nobody's work is lost, sections are independent."""

import pytest

from i4c import services
from i4c.models import BudgetLine, Package
from tests.formdata import form_data

from .factories import PackageFactory, councillor_for
from .test_views import i4c_khmer  # noqa: F401

pytestmark = pytest.mark.django_db


def section_url(package, key="revenue", lang="en"):
    return f"/{lang}/workspace/i4c/{package.pk}/{key}/"


def expenditure_rows(personnel_planned):
    rows = [
        {"side": "expenditure", "category": c, "planned": None, "actual": None}
        for c in ("personnel", "administration", "development", "social", "other")
    ]
    rows[0]["planned"] = personnel_planned
    return rows


def revenue_rows(own_source_actual):
    rows = [
        {"side": "revenue", "category": c, "planned": None, "actual": None}
        for c in ("csf_admin", "csf_development", "own_source", "other_transfers")
    ]
    rows[2]["actual"] = own_source_actual
    return rows


def save_section(package, user, *, version, key, rows):
    return services.package_section_save(
        package=package, user=user, version=version, section_key=key, rows=rows
    )


@pytest.fixture
def package_and_user():
    package = PackageFactory()
    return package, councillor_for(package.provider.commune)


def test_the_i4c_stale_error_is_the_one_shared_mechanism():
    from isaf import concurrency

    assert services.StaleEdit is concurrency.StaleEdit


def test_two_sections_saved_from_forms_read_at_the_same_version_are_both_kept(
    package_and_user,
):
    package, user = package_and_user
    read_at = package.version
    save_section(package, user, version=read_at, key="revenue", rows=revenue_rows(111))
    other_tab = Package.objects.get(pk=package.pk)
    save_section(
        other_tab, user, version=read_at, key="expenditure", rows=expenditure_rows(222)
    )
    lines = {line.category: line for line in BudgetLine.objects.all()}
    assert lines["own_source"].actual == 111
    assert lines["personnel"].planned == 222


def test_a_stale_save_of_the_same_section_is_still_refused(package_and_user):
    package, user = package_and_user
    read_at = package.version
    save_section(
        package, user, version=read_at, key="expenditure", rows=expenditure_rows(1)
    )
    save_section(
        package, user, version=package.version, key="revenue", rows=revenue_rows(5)
    )
    with pytest.raises(services.StaleEdit):
        save_section(
            Package.objects.get(pk=package.pk),
            user,
            version=read_at,
            key="expenditure",
            rows=expenditure_rows(2),
        )
    assert BudgetLine.objects.get(category="personnel").planned == 1


def two_tabs(client, package, key="revenue", lang="en"):
    """The same section's form opened in two tabs."""
    first = form_data(client.get(section_url(package, key, lang)))
    second = form_data(client.get(section_url(package, key, lang)))
    return first, second


def stale_own_source_save(client, package, *, first, second, lang="en"):
    """Two tabs open the revenue section; the first saves `first` as the own-source
    actual, then the second, now stale, posts `second`: its response."""
    url = section_url(package, lang=lang)
    tab_a, tab_b = two_tabs(client, package, lang=lang)
    tab_a["rows-2-actual"] = first
    client.post(url, tab_a)
    tab_b["rows-2-actual"] = second
    return client.post(url, tab_b)


@pytest.fixture
def signed_in(client, package_and_user):
    """The package and its councillor, signed in on `client`."""
    package, user = package_and_user
    client.force_login(user)
    return package, user


def test_saving_the_merge_after_a_stale_save_keeps_the_other_tabs_figure(
    client, signed_in
):
    package, user = signed_in
    tab_a, tab_b = two_tabs(client, package)
    tab_a["rows-2-actual"] = "111"
    assert client.post(section_url(package), tab_a).status_code == 302
    tab_b["rows-0-planned"] = "7,000"
    stale = client.post(section_url(package), tab_b)
    assert stale.status_code == 409
    # The re-shown form holds this tab's figure and the other tab's figure.
    merged = form_data(stale)
    assert merged["rows-0-planned"] == "7,000"
    assert merged["rows-2-actual"] == "111"
    assert client.post(section_url(package), merged).status_code == 302
    lines = {line.category: line for line in BudgetLine.objects.all()}
    assert lines["own_source"].actual == 111
    assert lines["csf_admin"].planned == 7_000


def test_a_conflict_shows_yours_and_saved_now_and_keeps_your_input(client, signed_in):
    package, user = signed_in
    stale = stale_own_source_save(client, package, first="111", second="222")
    assert stale.status_code == 409
    content = stale.content.decode()
    assert 'id="merge"' in content
    assert "Yours" in content and "Saved now" in content
    assert user.get_username() in content
    assert form_data(stale)["rows-2-actual"] == "222"
    assert BudgetLine.objects.get(category="own_source").actual == 111


def test_the_merge_form_cannot_overwrite_a_later_save(client, signed_in):
    package, _ = signed_in
    stale = stale_own_source_save(client, package, first="111", second="222")
    merged = form_data(stale)
    # Someone saves again while this tab looks at the merge.
    tab_c = form_data(client.get(section_url(package)))
    tab_c["rows-2-actual"] = "333"
    assert client.post(section_url(package), tab_c).status_code == 302
    again = client.post(section_url(package), merged)
    assert again.status_code == 409
    assert BudgetLine.objects.get(category="own_source").actual == 333


def test_two_sections_saved_from_two_tabs_are_both_saved(client, signed_in):
    package, user = signed_in
    revenue = form_data(client.get(section_url(package, "revenue")))
    expenditure = form_data(client.get(section_url(package, "expenditure")))
    revenue["rows-2-actual"] = "111"
    expenditure["rows-0-planned"] = "222"
    assert client.post(section_url(package, "revenue"), revenue).status_code == 302
    response = client.post(section_url(package, "expenditure"), expenditure)
    assert response.status_code == 302
    lines = {line.category: line for line in BudgetLine.objects.all()}
    assert lines["own_source"].actual == 111
    assert lines["personnel"].planned == 222


def test_the_merge_view_speaks_khmer_on_khmer_pages(
    client,
    signed_in,
    i4c_khmer,  # noqa: F811
):
    package, _ = signed_in
    stale = stale_own_source_save(
        client, package, first="1234", second="5678", lang="km"
    )
    content = stale.content.decode()
    assert "អ្វីដែលបានផ្លាស់ប្តូរ ចាប់តាំងពីអ្នកបានបើកទម្រង់នេះ" in content
    assert "១.២៣៤" in content and "៥.៦៧៨" in content
    assert "What changed since you opened this form" not in content


def test_packages_edited_before_section_versions_refuse_older_forms():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("i4c.migrations.0003_package_section_versions")
    package = PackageFactory(version=4)
    migration.mark_existing_sections(apps, None)
    package.refresh_from_db()
    user = councillor_for(package.provider.commune)
    with pytest.raises(services.StaleEdit):
        save_section(package, user, version=3, key="revenue", rows=revenue_rows(1))
    services.package_section_save(
        package=package, user=user, version=4, section_key="revenue", rows=[]
    )


def test_a_stale_save_from_your_own_other_tab_says_it_was_you(client, signed_in):
    package, _ = signed_in
    stale = stale_own_source_save(client, package, first="111", second="222")
    content = stale.content.decode()
    assert "you, in another tab" in content
    assert "Someone else" not in content


def test_a_stale_save_names_the_other_person_by_their_full_name(
    client, package_and_user
):
    package, user = package_and_user
    other = councillor_for(package.provider.commune)
    other.first_name, other.last_name = "Sok", "Dara"
    other.save()
    client.force_login(user)
    tab = form_data(client.get(section_url(package)))
    save_section(
        package, other, version=package.version, key="revenue", rows=revenue_rows(111)
    )
    tab["rows-2-actual"] = "222"
    content = client.post(section_url(package), tab).content.decode()
    assert "Sok Dara" in content
    assert other.get_username() not in content
    assert "you, in another tab" not in content
