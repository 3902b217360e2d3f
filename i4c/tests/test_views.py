import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from communes.models import ServiceProvider
from communes.tests.factories import CommuneFactory, ServiceProviderFactory
from i4c.models import BudgetLine, Package

from .factories import (
    CommuneAdministrationFactory,
    PackageFactory,
    councillor_for,
    facilitator_for,
    reviewer_for,
)
from .filling import fill_required

pytestmark = pytest.mark.django_db


def post_own_source(client, package, typed):
    """Post the revenue section, read at version 1, with `typed` as the own-source
    actual."""
    data = section_post(package, version=1, own_source_actual=typed)
    return client.post(section_url(package), data)


def section_post(package, *, version, own_source_actual):
    data = {
        "version": str(version),
        "rows-TOTAL_FORMS": "4",
        "rows-INITIAL_FORMS": "4",
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "1000",
    }
    for i, category in enumerate(
        ["csf_admin", "csf_development", "own_source", "other_transfers"]
    ):
        data[f"rows-{i}-side"] = "revenue"
        data[f"rows-{i}-category"] = category
        data[f"rows-{i}-planned"] = ""
        data[f"rows-{i}-actual"] = ""
    data["rows-2-planned"] = "5,000,000"
    data["rows-2-actual"] = own_source_actual
    return data


def section_url(package, key="revenue", lang="en"):
    return f"/{lang}/workspace/i4c/{package.pk}/{key}/"


@pytest.fixture
def councillor_client(client):
    package = PackageFactory()
    user = councillor_for(package.provider.commune)
    client.force_login(user)
    return client, package


def test_the_section_page_shows_the_fixed_revenue_rows(councillor_client):
    client, package = councillor_client
    response = client.get(section_url(package))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Commune/Sangkat Fund: administration part" in content
    assert 'name="version" value="1"' in content


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("4200000", 4_200_000),
        ("4,200,000", 4_200_000),
        ("៤.២០០.០០០", 4_200_000),
        ("៤២០០០០០៛", 4_200_000),
        ("4 200 000", 4_200_000),
    ],
)
def test_amounts_are_accepted_in_khmer_or_latin_digits_with_separators(
    councillor_client, typed, expected
):
    client, package = councillor_client
    response = post_own_source(client, package, typed)
    assert response.status_code == 302
    line = BudgetLine.objects.get(package=package, category="own_source")
    assert line.actual == expected
    assert line.planned == 5_000_000


@pytest.mark.parametrize(
    "typed, message",
    [
        ("-5000", "This cannot be negative."),
        ("10000000000001", "This amount is too large"),
        ("lots", "Enter a number using digits only"),
        ("12.5", "Enter a whole number, without decimals."),
    ],
)
def test_bad_amounts_are_refused_beside_the_field_and_nothing_is_saved(
    councillor_client, typed, message
):
    client, package = councillor_client
    response = post_own_source(client, package, typed)
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    # Tied to the field: the id its aria-describedby names.
    assert 'aria-describedby="id_rows-2-actual_error"' in content
    assert 'id="id_rows-2-actual_error"' in content
    # The person's input stays on the form.
    assert f'value="{typed}"' in content
    assert not BudgetLine.objects.filter(package=package).exists()


@pytest.fixture
def i4c_khmer(tmp_path, settings):
    """The project's Khmer catalogue, compiled here, so the test needs no build step.

    Compiling it with --check also proves that it is valid.
    """
    target = tmp_path / "km" / "LC_MESSAGES"
    target.mkdir(parents=True)
    source = Path(settings.BASE_DIR) / "locale" / "km" / "LC_MESSAGES" / "django.po"
    subprocess.run(
        ["msgfmt", "--check", "-o", str(target / "django.mo"), str(source)],
        check=True,
    )
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]
    yield
    translation.trans_real._translations = {}


def test_khmer_pages_explain_errors_in_khmer(councillor_client, i4c_khmer):
    client, package = councillor_client
    response = client.post(
        section_url(package, lang="km"),
        section_post(package, version=1, own_source_actual="-1"),
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "This cannot be negative." not in content
    assert "លេខនេះមិនអាចជាលេខអវិជ្ជមានបានទេ។" in content


def test_a_stale_save_is_refused_and_the_input_stays_on_the_form(councillor_client):
    client, package = councillor_client
    first = client.post(
        section_url(package), section_post(package, version=1, own_source_actual="111")
    )
    assert first.status_code == 302
    # A second person read the page at version 1 too and saves afterwards.
    client.force_login(councillor_for(package.provider.commune))
    stale = client.post(
        section_url(package), section_post(package, version=1, own_source_actual="222")
    )
    assert stale.status_code == 409
    content = stale.content.decode()
    assert "Someone else saved this package after you opened it" in content
    assert 'value="222"' in content
    assert 'name="version" value="2"' in content
    assert BudgetLine.objects.get(package=package, category="own_source").actual == 111


def test_a_councillor_editing_another_communes_package_by_url_gets_404(client):
    package = PackageFactory()
    client.force_login(councillor_for(CommuneFactory()))
    assert client.get(section_url(package)).status_code == 404
    response = client.post(
        section_url(package), section_post(package, version=1, own_source_actual="1")
    )
    assert response.status_code == 404
    assert client.get(f"/en/workspace/i4c/{package.pk}/").status_code == 404
    assert not BudgetLine.objects.exists()


def test_a_facilitator_outside_coverage_gets_404_for_a_health_centre(client):
    centre = ServiceProviderFactory(kind=ServiceProvider.Kind.HEALTH_CENTRE)
    package = PackageFactory(provider=centre)
    client.force_login(facilitator_for(CommuneFactory().district))
    assert client.get(section_url(package, "performance")).status_code == 404


def test_a_facilitator_in_coverage_edits_health_centre_performance(client):
    centre = ServiceProviderFactory(kind=ServiceProvider.Kind.HEALTH_CENTRE)
    package = PackageFactory(provider=centre)
    client.force_login(facilitator_for(centre.commune.district))
    page = client.get(section_url(package, "performance"))
    assert page.status_code == 200
    codes = list(page.context["formset"].initial_forms)
    data = {
        "version": "1",
        "rows-TOTAL_FORMS": str(len(codes)),
        "rows-INITIAL_FORMS": str(len(codes)),
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "1000",
    }
    for i, form in enumerate(codes):
        data[f"rows-{i}-code"] = form.initial["code"]
        data[f"rows-{i}-value"] = ""
        data[f"rows-{i}-target"] = ""
    data["rows-1-value"] = "៧២,៥"
    response = client.post(section_url(package, "performance"), data)
    assert response.status_code == 302
    figure = package.performance.get()
    assert str(figure.value) == "72.50"


def test_the_councillor_submits_and_sees_the_reviewers_comment(client):
    package = PackageFactory()
    councillor = councillor_for(package.provider.commune)
    reviewer = reviewer_for()
    fill_required(package, councillor)
    client.force_login(councillor)
    response = client.post(
        reverse("i4c:package-submit", args=[package.pk]),
        {"version": str(package.version)},
    )
    assert response.status_code == 302
    package.refresh_from_db()
    assert package.status == Package.Status.SUBMITTED

    client.force_login(reviewer)
    queue = client.get("/en/review/")
    assert package.provider.name in queue.content.decode()
    response = client.post(
        f"/en/review/{package.pk}/",
        {"action": "return", "return-comment": "The own-source line is empty."},
    )
    assert response.status_code == 302

    client.force_login(councillor)
    page = client.get(f"/en/workspace/i4c/{package.pk}/").content.decode()
    assert "The own-source line is empty." in page
    assert "Returned for correction" in page


def test_a_councillor_cannot_open_the_review_queue(councillor_client):
    client, _package = councillor_client
    assert client.get("/en/review/").status_code == 403


def test_a_reviewer_publishes_from_the_review_page(client):
    package = PackageFactory(status=Package.Status.SUBMITTED)
    BudgetLine.objects.create(
        package=package, side="revenue", category="own_source", actual=7_000_000
    )
    client.force_login(reviewer_for(package.provider.commune.district.province))
    page = client.get(f"/en/review/{package.pk}/")
    assert page.status_code == 200
    assert "7,000,000 riel" in page.content.decode()
    response = client.post(f"/en/review/{package.pk}/", {"action": "publish"})
    assert response.status_code == 302
    package.refresh_from_db()
    assert package.published_version.number == 1


def test_the_workspace_lists_packages_and_starts_one(client):
    provider = CommuneAdministrationFactory()
    client.force_login(councillor_for(provider.commune))
    page = client.get("/en/workspace/i4c/")
    assert page.status_code == 200
    response = client.post(
        "/en/workspace/i4c/start/",
        {"provider": provider.pk, "year": "២០២៦", "copy_previous": "on"},
    )
    assert response.status_code == 302
    assert Package.objects.get().year == 2026


def test_the_workspace_needs_a_sign_in(client):
    response = client.get("/en/workspace/i4c/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_facilitator_records_a_dissemination_meeting(client):
    from communes.tests.factories import CAFFactory, VillageFactory

    from .helpers import publish_directly

    centre = ServiceProviderFactory(kind=ServiceProvider.Kind.HEALTH_CENTRE)
    package = PackageFactory(provider=centre)
    publish_directly(package)
    village = VillageFactory(commune=centre.commune)
    user = facilitator_for(centre.commune.district)
    caf = CAFFactory(village=village, organisation=user.isaf_roles.get().organisation)
    other_caf = CAFFactory(village=village)
    client.force_login(user)
    url = f"/en/workspace/i4c/{package.pk}/dissemination/"
    assert client.get(url).status_code == 200
    data = {
        "village": village.pk,
        "held_on": "2026-03-10",
        "caf": caf.pk,
        "attendance_female": "៣៤",
        "attendance_male": "21",
        "attendance_youth": "12",
        "attendance_disability": "2",
        "attendance_minority": "",
        "attendance_id_poor": "9",
    }
    # A CAF of another organisation is not on this facilitator's list.
    assert client.post(url, dict(data, caf=other_caf.pk)).status_code == 400
    refused = client.post(url, dict(data, attendance_youth="80"))
    assert refused.status_code == 400
    assert "cannot be more than the total attendance" in refused.content.decode()
    assert client.post(url, data).status_code == 302
    event = package.dissemination_events.get()
    assert (
        event.attendance_female,
        event.attendance_male,
        event.attendance_minority,
    ) == (34, 21, 0)
    page = client.get(f"/en/workspace/i4c/{package.pk}/").content.decode()
    assert village.name_km in page


def test_the_package_page_shows_the_posters_heading_once(client):
    from i4c.tests.helpers import full_commune_package, publish_directly

    package = full_commune_package(year=2025)
    publish_directly(package)
    client.force_login(councillor_for(package.provider.commune))
    content = client.get(f"/en/workspace/i4c/{package.pk}/").content.decode()
    assert content.count("Posters and booklets") == 1


def test_a_text_column_shows_its_length_limit_before_saving(
    councillor_client, i4c_khmer
):
    client, package = councillor_client
    content = client.get(section_url(package, key="projects", lang="km")).content
    html = content.decode()
    # The project name's limit, in the page's digits, tied to its input.
    assert "មិនលើសពី ២០០ តួអក្សរ" in html
    assert 'aria-describedby="id_rows-0-name_helptext"' in html
    assert 'id="id_rows-0-name_helptext"' in html


def test_the_review_page_names_the_commune_booklet_apart_from_the_posters(client):
    from i4c.tests.helpers import full_commune_package, publish_directly

    from .filling import submit_filled

    # A correction of a published package: its posters already exist.
    package = full_commune_package(year=2025)
    publish_directly(package)
    submit_filled(package, councillor_for(package.provider.commune))
    client.force_login(reviewer_for())
    content = client.get(f"/en/review/{package.pk}/").content.decode()
    assert content.count("Posters and booklets") == 1
    assert "The whole commune's booklet" in content
