import csv
import io
import json

import pytest

from communes.models import ServiceProvider
from communes.tests.factories import ServiceProviderFactory
from i4c import selectors, services
from i4c.models import BudgetLine, NationalStandard, Package, PerformanceFigure
from isaf.pages import pages_forget_all

from .factories import CommuneAdministrationFactory, PackageFactory, reviewer_for
from .helpers import full_commune_package, publish_directly

pytestmark = pytest.mark.django_db


@pytest.fixture
def administration():
    return CommuneAdministrationFactory()


def add_health_centre(commune, year):
    centre = ServiceProviderFactory(
        kind=ServiceProvider.Kind.HEALTH_CENTRE, commune=commune
    )
    package = PackageFactory(provider=centre, year=year)
    for standard in NationalStandard.objects.filter(provider_kind="health_centre"):
        PerformanceFigure.objects.create(
            package=package, standard=standard, value=80, target=90
        )
    publish_directly(package)
    return centre


def history(administration, years):
    for year in years:
        publish_directly(full_commune_package(provider=administration, year=year))
        add_health_centre(administration.commune, year)


def board_url(commune, year=None, lang="km"):
    if year is None:
        return f"/{lang}/communes/{commune.code}/"
    return f"/{lang}/communes/{commune.code}/{year}/"


def test_the_board_shows_khmer_digits_with_riel_and_last_years_comparison(
    client, administration
):
    history(administration, [2024, 2025])
    response = client.get(board_url(administration.commune, 2025))
    assert response.status_code == 200
    content = response.content.decode()
    # 6,400,000 x 0.95 = 6,080,000 own-source revenue actually received.
    assert "៦.០៨០.០០០៛" in content
    assert "<svg" in content
    assert "<script" not in content
    assert f'href="/km/communes/{administration.commune.code}/2024/"' in content
    english = client.get(board_url(administration.commune, 2025, "en")).content
    assert "6,080,000 riel" in english.decode()


def test_a_full_board_costs_at_most_15_queries(
    client, administration, django_assert_max_num_queries
):
    history(administration, [2025])
    with django_assert_max_num_queries(15):
        response = client.get(board_url(administration.commune, 2025))
    assert response.status_code == 200
    assert response.context["board"]["providers"][0]["judged"] == 6


def test_five_years_of_history_cost_no_more_queries(
    client, administration, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    history(administration, [2025])
    client.get(board_url(administration.commune, 2025))  # the commune's pages exist
    pages_forget_all()
    with CaptureQueriesContext(connection) as one_year:
        client.get(board_url(administration.commune, 2025))
    pages_forget_all()
    history(administration, [2020, 2021, 2022, 2023, 2024])
    pages_forget_all()
    with django_assert_num_queries(len(one_year.captured_queries)):
        response = client.get(board_url(administration.commune, 2025))
    assert response.status_code == 200
    assert response.context["board"]["years"] == [2025, 2024, 2023, 2022, 2021, 2020]
    assert len(one_year.captured_queries) <= 15


def test_the_board_is_stored_until_a_publish(
    client, administration, django_assert_num_queries
):
    package = full_commune_package(provider=administration, year=2025)
    publish_directly(package)
    client.get(board_url(administration.commune, 2025))
    with django_assert_num_queries(1):  # an anonymous reader gets the stored page
        client.get(board_url(administration.commune, 2025))

    # A correction goes through the services, which make the stored board stale.
    reviewer = reviewer_for()
    Package.objects.filter(pk=package.pk).update(status=Package.Status.SUBMITTED)
    package.refresh_from_db()
    BudgetLine.objects.filter(package=package, category="own_source").update(
        actual=7_777_777
    )
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        services.package_publish(package=package, user=reviewer, reason="Typo")
    content = client.get(board_url(administration.commune, 2025, "en")).content
    assert "7,777,777 riel" in content.decode()


def test_a_correction_adds_a_version_and_the_old_one_stays_readable(
    client, administration
):
    package = full_commune_package(provider=administration, year=2025)
    publish_directly(package)
    BudgetLine.objects.filter(package=package, category="own_source").update(
        actual=1_234_567
    )
    package.refresh_from_db()
    publish_directly(package, reason="Own-source revenue corrected")
    pages_forget_all()
    latest = client.get(board_url(administration.commune, 2025, "en")).content.decode()
    assert "1,234,567 riel" in latest
    assert "Own-source revenue corrected" in latest
    assert "Version 2" in latest
    old_url = f"/en/communes/{administration.commune.code}/2025/versions/1/"
    old = client.get(old_url)
    assert old.status_code == 200
    assert "6,080,000 riel" in old.content.decode()
    assert "earlier version" in old.content.decode()
    missing = f"/en/communes/{administration.commune.code}/2025/versions/9/"
    assert client.get(missing).status_code == 404


def test_the_csv_holds_each_published_figure_and_the_computed_totals(
    client, administration
):
    publish_directly(full_commune_package(provider=administration, year=2025))
    response = client.get(f"/km/communes/{administration.commune.code}/2025.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    own = next(
        r
        for r in rows
        if r["item"] == "revenue:own_source" and r["measure"] == "actual"
    )
    assert own["value"] == "6080000"
    assert own["commune_code"] == administration.commune.code
    assert own["version"] == "1"
    total = next(r for r in rows if r["measure"] == "revenue_actual")
    assert int(total["value"]) == sum(
        int(amount * 0.95)
        for amount in (98_000_000, 212_000_000, 6_400_000, 35_000_000)
    )
    fee = next(r for r in rows if r["item"] == "Land transfer record")
    assert fee["value"] == "20000"


def test_the_json_holds_the_snapshot_the_versions_and_the_totals(
    client, administration
):
    publish_directly(full_commune_package(provider=administration, year=2025))
    response = client.get(f"/en/communes/{administration.commune.code}/2025.json")
    data = json.loads(response.content)
    assert data["commune"]["code"] == administration.commune.code
    assert data["version"]["number"] == 1
    assert data["totals"]["expenditure_planned"] == 340_000_000
    assert len(data["package"]["projects"]) == 4
    assert data["package"]["fees"][0]["service"] == "Birth certificate"


def test_open_data_of_an_unpublished_year_is_404(client, administration):
    PackageFactory(provider=administration, year=2025)  # a draft, never published
    url = f"/en/communes/{administration.commune.code}/2025.json"
    assert client.get(url).status_code == 404
    assert client.get(board_url(administration.commune, 2025, "en")).status_code == 404


def test_drafts_never_reach_the_board(client, administration):
    package = full_commune_package(provider=administration, year=2025)
    publish_directly(package)
    BudgetLine.objects.filter(package=package, category="own_source").update(actual=999)
    content = client.get(board_url(administration.commune, 2025, "en")).content
    assert "999 riel" not in content.decode()


def test_the_national_csv_lists_every_package_published_for_a_year(client):
    first = full_commune_package(year=2025)
    second = full_commune_package(year=2025)
    publish_directly(first)
    publish_directly(second)
    full_commune_package(year=2024)  # another year
    response = client.get("/en/open-data/i4c/2025.csv")
    body = response.getvalue().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert {r["provider_code"] for r in rows} == {
        first.provider.code,
        second.provider.code,
    }


def test_the_provider_board_shows_figures_against_the_national_standard(client):
    centre = ServiceProviderFactory(kind=ServiceProvider.Kind.HEALTH_CENTRE)
    package = PackageFactory(provider=centre, year=2025)
    anc = NationalStandard.objects.get(code="hc-anc4")
    referrals = NationalStandard.objects.get(code="hc-referrals")
    PerformanceFigure.objects.create(package=package, standard=anc, value=60, target=80)
    PerformanceFigure.objects.create(package=package, standard=referrals, value=3)
    publish_directly(package)
    response = client.get(f"/en/providers/{centre.code}/")
    assert response.status_code == 200
    performance = response.context["board"]["performance"]
    verdicts = {f["code"]: f["meets"] for f in performance}
    assert verdicts == {"hc-anc4": False, "hc-referrals": True}
    content = response.content.decode()
    assert "does not meet the standard" in content


def test_a_published_standard_does_not_change_when_the_standard_is_revised(client):
    centre = ServiceProviderFactory(kind=ServiceProvider.Kind.HEALTH_CENTRE)
    package = PackageFactory(provider=centre, year=2025)
    anc = NationalStandard.objects.get(code="hc-anc4")
    PerformanceFigure.objects.create(package=package, standard=anc, value=70)
    publish_directly(package)
    NationalStandard.objects.filter(pk=anc.pk).update(value=50)
    board = selectors.board_for_provider(provider=centre)
    assert board["performance"][0]["meets"] is False
    assert board["performance"][0]["standard"] == 75


def test_the_board_is_small(client, administration):
    from pathlib import Path

    from django.conf import settings

    history(administration, [2024, 2025])
    html = client.get(board_url(administration.commune, 2025)).content
    css = sum(
        (Path(settings.BASE_DIR) / path).stat().st_size
        for path in ("static/css/site.css", "i4c/static/i4c/board.css")
    )
    assert len(html) + css <= 100 * 1024


def test_a_signed_in_reader_never_gets_the_anonymous_cached_page(
    client, administration
):
    publish_directly(full_commune_package(provider=administration, year=2025))
    anonymous = client.get(board_url(administration.commune, 2025, "en"))
    assert "Sign in" in anonymous.content.decode()
    client.force_login(reviewer_for())
    signed_in = client.get(board_url(administration.commune, 2025, "en"))
    assert signed_in.content != anonymous.content
    assert "My workspace" in signed_in.content.decode()


def test_the_commune_page_shows_the_latest_board_within_15_queries(
    client, administration, django_assert_max_num_queries
):
    history(administration, [2021, 2022, 2023, 2024, 2025])
    with django_assert_max_num_queries(15):
        response = client.get(f"/en/communes/{administration.commune.code}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "fiscal year 2025" in content
    assert f'href="/en/communes/{administration.commune.code}/2024/"' in content
    # The gazetteer's parts of the page are still there.
    assert administration.commune.name_latin in content


def test_the_commune_page_of_a_commune_without_packages_says_so(client):
    commune = CommuneAdministrationFactory().commune
    response = client.get(f"/en/communes/{commune.code}/")
    assert response.status_code == 200
    assert "has not published its information" in response.content.decode()
