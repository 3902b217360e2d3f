"""Each figure of the dashboard against the hand-built country of conftest.py."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from communes.freshness import figures_changed
from communes.tests.factories import CommuneFactory, ServiceProviderFactory
from dashboard import selectors
from scorecards.models import JaapAction

from .conftest import TODAY, k3_scorecard_by_k1s_health_centre
from .factories import JaapFollowUpFactory

pytestmark = pytest.mark.django_db


def national(country, **kwargs):
    filters, _options = selectors.filters_resolve(
        user=country.secretariat, year=2025, **kwargs
    )
    return filters


def figures(country, **kwargs):
    return selectors.dashboard_figures(
        filters=national(country, **kwargs), today=TODAY, use_cache=False
    )


def test_it_counts_target_communes_per_stage(country):
    communes = figures(country)["communes"]

    assert communes["target"] == 4  # K1, K2, K3, B1; N1's district is not covered
    assert communes["published"] == 3
    assert communes["disseminated"] == 2
    assert communes["scorecards"] == 2
    assert communes["meeting"] == 1
    assert communes["agreed"] == 1
    assert communes["reviewed"] == 1
    assert communes["with_coordinates"] == 2


def test_a_commune_without_stage_rows_yet_counts_as_a_target_at_no_stage(country):
    # Loaded without a refresh (the gazetteer): no stage rows until the next one.
    CommuneFactory(district=country.k1.district, code="110499")

    communes = figures(country)["communes"]

    assert communes["target"] == 5
    assert [communes[stage] for stage in selectors.STAGES] == [3, 2, 2, 1, 1, 1]


def test_it_counts_three_full_cycles_only_where_every_stage_was_reached(country):
    rows = {row["code"]: row for row in figures(country, district="1104")["breakdown"]}

    # K1: 2022, 2023 and 2025; its 2024 cycle stopped at the JAAP agreed.
    assert rows["110401"]["full_cycles"] == 3
    assert rows["110401"]["three_cycles"] == 1
    # K2: 2023 and 2024 only.
    assert rows["110402"]["full_cycles"] == 2
    assert rows["110402"]["three_cycles"] == 0
    assert figures(country)["communes"]["three_cycles"] == 1


def test_a_follow_up_completes_the_missing_cycle(
    country, django_capture_on_commit_callbacks
):
    k2_2025_meeting_missing = figures(country, district="1104")["breakdown"][1]
    assert k2_2025_meeting_missing["full_cycles"] == 2
    # Adding K1's 2024 follow-up makes that cycle full: four cycles.
    action = JaapAction.objects.get(
        meeting__commune=country.k1, meeting__cycle__year=2024
    )
    JaapFollowUpFactory(action=action, checked_on=datetime.date(2024, 7, 1))
    with django_capture_on_commit_callbacks(execute=True):
        figures_changed(communes=["110401"])

    rows = {r["code"]: r for r in figures(country, district="1104")["breakdown"]}
    assert rows["110401"]["full_cycles"] == 4


def test_a_commune_with_no_data_shows_zeros_not_gaps(country):
    rows = {r["code"]: r for r in figures(country, district="1104")["breakdown"]}

    k3 = rows["110403"]
    assert k3["target"] == 1
    assert [k3[stage] for stage in selectors.STAGES] == [0, 0, 0, 0, 0, 0]
    assert k3["full_cycles"] == 0


def test_it_counts_health_centres_and_schools_per_stage(country):
    providers = figures(country)["providers"]

    health = providers["health_centre"]
    assert health["target"] == 2  # K1's and B1's; N1's is outside the coverage
    assert health["published"] == 1
    assert health["disseminated"] == 0
    assert health["scorecards"] == 2
    assert health["meeting"] == 1
    assert health["agreed"] == 1
    assert health["reviewed"] == 1
    schools = providers["primary_school"]
    assert schools["target"] == 2
    assert schools["published"] == 2
    assert schools["scorecards"] == 0  # the planned one was not held
    assert schools["meeting"] == 1  # K1's meeting; K2 held none


def test_a_provider_without_stage_rows_yet_counts_as_a_target_at_no_stage(country):
    # Added without a service (the admin, a bulk load): no stage rows until the
    # next refresh, but it stands in a target commune.
    ServiceProviderFactory(code="HC11040299", kind="health_centre", commune=country.k2)

    health = figures(country)["providers"]["health_centre"]

    assert health["target"] == 3
    assert health["published"] == 1
    assert health["scorecards"] == 2


def test_it_counts_providers_meeting_national_standards(country):
    standards = figures(country)["standards"]["by_kind"]

    assert standards["health_centre"] == {"reporting": 1, "meeting": 1}
    assert standards["primary_school"] == {"reporting": 2, "meeting": 1}
    assert standards["commune"] == {"reporting": 0, "meeting": 0}


def test_it_counts_jaap_actions_by_status_in_target_communes_only(country):
    jaap = figures(country)["jaap"]

    assert jaap == {
        "not_started": 1,
        "ongoing": 1,
        "completed": 2,
        "cancelled": 0,
    }


def test_it_sums_participation_in_every_recorded_meeting(country):
    people = figures(country)["participation"]

    assert people["dissemination"] == {
        "meetings": 2,
        "female": 16,
        "male": 9,
        "youth": 5,
        "disability": 1,
        "minority": 3,
        "id_poor": 5,
    }
    # K1's published scorecard and B1's submitted one; the planned one is not
    # a meeting held.
    assert people["scorecards"]["meetings"] == 2
    assert people["scorecards"]["female"] == 24
    assert people["scorecards"]["id_poor"] == 6
    assert people["interface"]["meetings"] == 1
    assert people["interface"]["minority"] == 5
    assert people["total"]["meetings"] == 5
    assert people["total"]["female"] + people["total"]["male"] == 92


def test_it_counts_active_cafs_of_target_communes(country):
    assert figures(country)["cafs"] == {"active": 2, "all_modules": 1, "female": 1}
    # The partner filter keeps that partner's CAFs in its own districts.
    assert figures(country, organisation=country.org1.pk)["cafs"]["active"] == 1


def test_the_review_queue_says_what_waits_and_since_when(country):
    review = figures(country)["review"]

    assert review["i4c"]["count"] == 1
    assert review["scorecards"]["count"] == 1
    assert [row["what"] for row in review["oldest"]] == ["i4c", "scorecard"]
    assert (
        datetime.datetime.now(datetime.UTC) - review["oldest"][0]["since"]
    ).days == 10


def test_the_partner_filter_narrows_the_target_communes(country):
    assert figures(country, organisation=country.org2.pk)["communes"]["target"] == 1
    assert figures(country, organisation=country.org1.pk)["communes"]["target"] == 3


def test_the_breakdown_goes_national_to_province_to_district(country):
    national_rows = figures(country)["breakdown"]
    assert [(r["code"], r["target"], r["published"]) for r in national_rows] == [
        ("02", 1, 1),
        ("11", 3, 2),
    ]
    province_rows = figures(country, province="11")["breakdown"]
    assert [(r["code"], r["target"], r["reviewed"]) for r in province_rows] == [
        ("1104", 3, 1)
    ]
    district_rows = figures(country, district="1104")["breakdown"]
    assert [r["code"] for r in district_rows] == ["110401", "110402", "110403"]


def test_earlier_years_have_their_own_figures(country):
    filters, _ = selectors.filters_resolve(user=country.secretariat, year=2024)
    communes = selectors.dashboard_figures(
        filters=filters, today=TODAY, use_cache=False
    )["communes"]

    assert communes["target"] == 3  # ORG2 covered nothing in 2024
    assert communes["reviewed"] == 1  # K2; K1 stopped at the JAAP agreed
    assert communes["agreed"] == 2
    assert communes["three_cycles"] == 0  # K1 had two full cycles by 2024


def test_the_map_places_communes_with_coordinates_and_counts_the_rest(country):
    communes = selectors.map_communes(filters=national(country), today=TODAY)

    assert {c["code"]: c["furthest"] for c in communes} == {
        "020801": 3,  # published and a scorecard: stage 3 is the furthest
        "110401": 6,
        "110402": 2,
        "110403": 0,
    }
    located = [c["code"] for c in communes if c["latitude"] is not None]
    assert located == ["110401", "110402"]


def test_a_provincial_reviewer_starts_in_their_province(country):
    filters, options = selectors.filters_resolve(user=country.provincial_reviewer)

    assert filters.province == country.mondulkiri
    assert [p.pk for p in options.provinces] == ["11"]
    figures = selectors.dashboard_figures(filters=filters, use_cache=False)
    assert figures["communes"]["target"] == 3
    assert figures["review"]["scorecards"]["count"] == 0


def test_a_provincial_reviewer_is_refused_another_province(country):
    with pytest.raises(PermissionDenied):
        selectors.filters_resolve(user=country.provincial_reviewer, province="02")
    with pytest.raises(PermissionDenied):
        selectors.filters_resolve(user=country.provincial_reviewer, district="0208")


@pytest.mark.parametrize("who", ["councillor", "facilitator", "nobody"])
def test_people_without_a_review_scope_get_no_dashboard(country, who):
    with pytest.raises(PermissionDenied):
        selectors.filters_resolve(user=getattr(country, who))


def test_an_unknown_year_or_place_is_not_found(country):
    with pytest.raises(Http404):
        selectors.filters_resolve(user=country.secretariat, year=1999)
    with pytest.raises(Http404):
        selectors.filters_resolve(user=country.secretariat, district="9999")


def test_cached_figures_follow_a_change_at_once(country):
    filters = national(country)
    before = selectors.dashboard_figures(filters=filters, today=TODAY)
    assert before["jaap"]["completed"] == 2

    action = JaapAction.objects.get(
        meeting__commune=country.k1, meeting__cycle__year=2025, status="ongoing"
    )
    # A status change through the services bumps the version; so does this.
    action.status = JaapAction.Status.COMPLETED
    action.version += 1
    action.save()

    after = selectors.dashboard_figures(filters=filters, today=TODAY)
    assert after["jaap"]["completed"] == 3


def test_cached_figures_are_reused_while_nothing_changes(
    country, django_assert_max_num_queries
):
    filters = national(country)
    selectors.dashboard_figures(filters=filters, today=TODAY)

    with django_assert_max_num_queries(1):
        again = selectors.dashboard_figures(filters=filters, today=TODAY)
    assert again["communes"]["target"] == 4


def test_a_scorecard_of_a_health_centre_serving_the_commune_counts_for_it(
    country, django_capture_on_commit_callbacks
):
    health_centre = k3_scorecard_by_k1s_health_centre(country, year=2025)
    with django_capture_on_commit_callbacks(execute=True):
        figures_changed(providers=[health_centre.pk])

    rows = {r["code"]: r for r in figures(country, district="1104")["breakdown"]}
    assert rows["110403"]["scorecards"] == 1
    assert rows["110402"]["scorecards"] == 0
