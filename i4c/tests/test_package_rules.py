"""Who prepares a package, and what it must hold before it is submitted."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from communes.models import Role, ServiceProvider
from communes.tests.factories import RoleFactory, ServiceProviderFactory
from i4c import selectors, services
from i4c.models import Package

from .factories import (
    CommuneAdministrationFactory,
    PackageFactory,
    councillor_for,
    facilitator_for,
    reviewer_for,
)
from .filling import fill
from .test_views import i4c_khmer  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune_admin_and_facilitator():
    provider = CommuneAdministrationFactory()
    return provider, facilitator_for(provider.commune.district)


def test_a_facilitator_cannot_create_the_commune_administrations_package(
    commune_admin_and_facilitator,
):
    provider, facilitator = commune_admin_and_facilitator
    with pytest.raises(PermissionDenied):
        services.package_create(user=facilitator, provider=provider, year=2025)
    assert not Package.objects.exists()


def test_a_facilitator_cannot_change_or_submit_the_commune_package(
    commune_admin_and_facilitator,
):
    provider, facilitator = commune_admin_and_facilitator
    package = PackageFactory(provider=provider)
    fill(package, councillor_for(provider.commune), ["revenue", "expenditure", "staff"])
    package.refresh_from_db()
    with pytest.raises(PermissionDenied):
        fill(package, facilitator, ["revenue"])
    with pytest.raises(PermissionDenied):
        services.package_submit(
            package=package, user=facilitator, version=package.version
        )
    package.refresh_from_db()
    assert package.status == Package.Status.DRAFT


def test_a_facilitator_reads_the_commune_package_without_a_submit_button(
    client, commune_admin_and_facilitator
):
    provider, facilitator = commune_admin_and_facilitator
    package = PackageFactory(provider=provider)
    client.force_login(facilitator)
    response = client.get(reverse("i4c:package-detail", args=[package.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert reverse("i4c:package-submit", args=[package.pk]) not in content


@pytest.mark.parametrize("key", ["revenue", "expenditure", "staff"])
def test_a_facilitator_opens_each_commune_package_section_read_only(
    client, commune_admin_and_facilitator, key
):
    provider, facilitator = commune_admin_and_facilitator
    package = PackageFactory(provider=provider)
    client.force_login(facilitator)
    detail = client.get(f"/en/workspace/i4c/{package.pk}/")
    url = f"/en/workspace/i4c/{package.pk}/{key}/"
    assert url in detail.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Save draft" not in content
    assert 'type="submit"' not in content
    assert "prepared by the commune councillor" in content
    for form in response.context["formset"].forms:
        assert all(field.disabled for field in form.fields.values())


def test_a_facilitator_posting_a_commune_section_is_refused_and_nothing_is_saved(
    client, commune_admin_and_facilitator
):
    from tests.formdata import form_data

    provider, facilitator = commune_admin_and_facilitator
    package = PackageFactory(provider=provider)
    client.force_login(councillor_for(provider.commune))
    data = form_data(client.get(f"/en/workspace/i4c/{package.pk}/revenue/"))
    data["rows-2-actual"] = "111"
    client.force_login(facilitator)
    response = client.post(f"/en/workspace/i4c/{package.pk}/revenue/", data)
    assert response.status_code == 403
    assert not package.budget_lines.exists()


def test_an_empty_school_package_cannot_be_submitted():
    school = ServiceProviderFactory(kind=ServiceProvider.Kind.PRIMARY_SCHOOL)
    package = PackageFactory(provider=school)
    user = facilitator_for(school.commune.district)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.package_submit(package=package, user=user, version=package.version)
    assert "Enrolment" in " ".join(refused.value.messages)
    package.refresh_from_db()
    assert package.status == Package.Status.DRAFT


def test_a_package_with_every_required_section_is_submitted():
    school = ServiceProviderFactory(kind=ServiceProvider.Kind.PRIMARY_SCHOOL)
    package = PackageFactory(provider=school)
    user = facilitator_for(school.commune.district)
    fill(package, user, ["school_budget", "enrolment", "staff", "facts"])
    services.package_submit(package=package, user=user, version=package.version)
    assert package.status == Package.Status.SUBMITTED


def test_the_package_page_lists_what_is_missing_in_khmer(client, i4c_khmer):  # noqa: F811
    package = PackageFactory()
    user = councillor_for(package.provider.commune)
    fill(package, user, ["revenue"])
    client.force_login(user)
    content = client.get(f"/km/workspace/i4c/{package.pk}/").content.decode()
    assert 'id="missing-sections"' in content
    assert "ចំណាយ" in content  # Expenditure
    assert "Still to fill in" not in content


def test_a_refused_submit_shows_the_checklist(client):
    package = PackageFactory()
    user = councillor_for(package.provider.commune)
    client.force_login(user)
    response = client.post(
        f"/en/workspace/i4c/{package.pk}/submit/",
        {"version": package.version},
        follow=True,
    )
    content = response.content.decode()
    assert "Revenue" in content and "Expenditure" in content
    assert 'id="missing-sections"' in content
    package.refresh_from_db()
    assert package.status == Package.Status.DRAFT


def test_a_facilitator_starting_the_commune_package_is_told_why_and_nothing_is_made(
    client, commune_admin_and_facilitator
):
    provider, facilitator = commune_admin_and_facilitator
    client.force_login(facilitator)
    response = client.post(
        "/en/workspace/i4c/start/",
        {"provider": provider.pk, "year": "2025", "copy_previous": "on"},
    )
    assert response.status_code == 400
    assert "only its authors may change or submit it" in response.content.decode()
    assert not Package.objects.exists()


def _start_choices(client) -> set[int]:
    form = client.get(reverse("i4c:workspace")).context["start_form"]
    return set(form.fields["provider"].queryset.values_list("pk", flat=True))


def _start_lists(client, user):
    """What `user` may start a package for: the providers the start form offers
    and the ones the workspace selector lists (pks)."""
    client.force_login(user)
    startable = selectors.workspace_packages(user=user)["startable_providers"]
    return _start_choices(client), [p.pk for p in startable]


def test_the_start_list_offers_a_facilitator_only_what_they_may_author(
    client, commune_admin_and_facilitator
):
    provider, facilitator = commune_admin_and_facilitator
    school = ServiceProviderFactory(
        kind=ServiceProvider.Kind.PRIMARY_SCHOOL, commune=provider.commune
    )
    form_choices, listed = _start_lists(client, facilitator)
    assert form_choices == {school.pk}
    assert listed == [school.pk]


def test_the_start_list_offers_the_councillor_their_commune_administration(
    client, commune_admin_and_facilitator
):
    provider, _facilitator = commune_admin_and_facilitator
    councillor = councillor_for(provider.commune)
    form_choices, listed = _start_lists(client, councillor)
    assert form_choices == {provider.pk}
    assert listed == [provider.pk]


def test_a_facilitator_with_only_the_commune_administration_gets_no_start_button(
    client, commune_admin_and_facilitator
):
    _provider, facilitator = commune_admin_and_facilitator
    client.force_login(facilitator)
    content = client.get("/en/workspace/").content.decode()
    # No link to the start page (the workbook's address lies under it).
    assert f'href="{reverse("i4c:workspace")}"' not in content
    assert "Start a package" not in content


def test_the_start_list_offers_a_reviewer_nothing(commune_admin_and_facilitator):
    provider, _facilitator = commune_admin_and_facilitator
    reviewer = reviewer_for(provider.commune.district.province)
    assert selectors.workspace_packages(user=reviewer)["startable_providers"] == []


def test_the_start_list_offers_the_secretariat_every_provider(
    commune_admin_and_facilitator,
):
    provider, _facilitator = commune_admin_and_facilitator
    school = ServiceProviderFactory(kind=ServiceProvider.Kind.PRIMARY_SCHOOL)
    secretariat = RoleFactory(kind=Role.Kind.SECRETARIAT).user
    startable = selectors.workspace_packages(user=secretariat)["startable_providers"]
    assert {p.pk for p in startable} == {provider.pk, school.pk}


def test_the_workspace_offers_next_years_package_once_this_years_exists(
    client, commune_admin_and_facilitator
):
    from django.utils import timezone

    provider, _facilitator = commune_admin_and_facilitator
    this_year = timezone.localdate().year
    PackageFactory(provider=provider, year=this_year)
    client.force_login(councillor_for(provider.commune))
    response = client.get("/en/workspace/i4c/")
    form = response.context["start_form"]
    assert set(form.fields["provider"].queryset) == {provider}
    offered = [int(value) for value, _label in form.fields["year"].widget.choices]
    assert offered == [this_year + 1]
    content = response.content.decode()
    assert 'action="/en/workspace/i4c/start/"' in content
    assert "Already started" in content
    response = client.post(
        "/en/workspace/i4c/start/",
        {"provider": provider.pk, "year": str(this_year + 1)},
    )
    assert response.status_code == 302
    assert Package.objects.filter(provider=provider, year=this_year + 1).exists()


def test_the_workspace_says_what_exists_when_every_year_is_started(
    client, commune_admin_and_facilitator
):
    from django.utils import timezone

    provider, _facilitator = commune_admin_and_facilitator
    this_year = timezone.localdate().year
    PackageFactory(provider=provider, year=this_year)
    PackageFactory(provider=provider, year=this_year + 1)
    client.force_login(councillor_for(provider.commune))
    response = client.get("/en/workspace/i4c/")
    content = response.content.decode()
    assert 'action="/en/workspace/i4c/start/"' not in content
    assert "Already started" in content
