"""The precomputed stage rows: built from the rules, refreshed when a service
says what it changed, rebuilt after bulk writes; never written by a reader."""

import datetime

import pytest
from django.core.management import call_command

from communes.freshness import figures_rebuild
from dashboard import selectors, stages
from dashboard.models import CommuneCycleStage, ProviderCycleStage
from scorecards import services as scorecard_services
from scorecards.models import InterfaceMeeting, JaapAction, Scorecard

from .conftest import TODAY, k3_scorecard_by_k1s_health_centre

pytestmark = pytest.mark.django_db

ALL = [True] * 7
NONE = [False] * 7
ROW_FIELDS = ("commune_id", "cycle_id", *stages.COLUMNS, "full_since")


def flags(code: str, year: int, today=TODAY) -> list[bool]:
    """The six stages and the full cycle of a commune, as of `today`."""
    row = CommuneCycleStage.objects.get(commune_id=code, cycle__year=year)
    reached = [getattr(row, f"is_{stage}") for stage in stages.REACHED]
    dated = [
        getattr(row, f"{stage}_since") is not None
        and getattr(row, f"{stage}_since") <= today
        for stage in (*stages.DATED, "full")
    ]
    return reached + dated


def return_for_missing_votes(scorecard, country):
    """The secretariat returns `scorecard` through the service."""
    scorecard_services.scorecard_return(
        scorecard=scorecard,
        user=country.secretariat,
        version=scorecard.version,
        comment="Votes missing",
    )


def national_figures(country, **kwargs):
    filters, _options = selectors.filters_resolve(
        user=country.secretariat, year=2025, **kwargs
    )
    return selectors.dashboard_figures(filters=filters, today=TODAY, use_cache=False)


def test_a_rebuild_stores_every_commune_in_every_cycle_by_the_rules(country):
    stages.stages_rebuild()

    # Five communes, four cycles: a row for each, data or not.
    assert CommuneCycleStage.objects.count() == 20
    assert flags("110401", 2025) == ALL
    # K1's 2024 cycle stopped at the JAAP agreed: not reviewed, not full.
    assert flags("110401", 2024) == [True] * 5 + [False, False]
    assert flags("110402", 2025) == [True, True] + [False] * 5
    assert flags("110403", 2025) == NONE
    # B1's submitted scorecard counts as done, though it waits for review.
    assert flags("020801", 2025) == [True, False, True] + [False] * 4


def test_a_follow_up_through_the_service_refreshes_its_commune_once_committed(
    country, django_capture_on_commit_callbacks
):
    action = JaapAction.objects.get(
        meeting__commune=country.k1, meeting__cycle__year=2024
    )

    with django_capture_on_commit_callbacks(execute=True):
        scorecard_services.jaap_follow_up_add(
            action=action,
            user=country.secretariat,
            checked_on=datetime.date(2024, 7, 1),
            status=JaapAction.Status.ONGOING,
        )

    assert flags("110401", 2024) == ALL


def test_returning_a_scorecard_through_the_service_refreshes_its_commune(
    country, django_capture_on_commit_callbacks
):
    scorecard = Scorecard.objects.get(
        provider__code="HC02080101", status=Scorecard.Status.SUBMITTED
    )

    with django_capture_on_commit_callbacks(execute=True):
        return_for_missing_votes(scorecard, country)

    assert flags("020801", 2025) == [True, False, False] + [False] * 4


def test_a_rolled_back_write_refreshes_nothing_and_the_command_mends_any_gap(
    country, django_capture_on_commit_callbacks
):
    action = JaapAction.objects.get(
        meeting__commune=country.k1, meeting__cycle__year=2024
    )
    # Callbacks captured but not run: as if the transaction had not committed.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        scorecard_services.jaap_follow_up_add(
            action=action,
            user=country.secretariat,
            checked_on=datetime.date(2024, 7, 1),
            status=JaapAction.Status.ONGOING,
        )
    assert callbacks
    assert flags("110401", 2024)[-1] is False

    call_command("dashboard_rebuild_stages")
    assert flags("110401", 2024) == ALL


def test_reading_the_figures_writes_nothing(country, django_assert_max_num_queries):
    filters, _options = selectors.filters_resolve(user=country.secretariat, year=2025)
    CommuneCycleStage.objects.all().delete()

    with django_assert_max_num_queries(25) as queries:
        selectors.dashboard_figures(filters=filters, today=TODAY)
        selectors.map_communes(filters=filters, today=TODAY)

    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert CommuneCycleStage.objects.count() == 0


def test_a_bulk_update_counts_once_the_rebuild_runs(country):
    assert national_figures(country)["communes"]["meeting"] == 1

    # K1's 2025 meeting moved after "today" with a queryset update: no service,
    # so the bulk writer rebuilds explicitly.
    InterfaceMeeting.objects.filter(commune=country.k1, cycle__year=2025).update(
        held_on=TODAY + datetime.timedelta(days=10)
    )
    figures_rebuild()

    communes = national_figures(country)["communes"]
    assert communes["meeting"] == 0
    assert communes["reviewed"] == 0
    assert flags("110401", 2025)[3:] == [False] * 4


def test_a_meeting_counts_once_its_day_has_come(country):
    InterfaceMeeting.objects.filter(commune=country.k1, cycle__year=2025).update(
        held_on=TODAY + datetime.timedelta(days=10)
    )
    figures_rebuild()
    filters, _options = selectors.filters_resolve(user=country.secretariat, year=2025)

    # No write between the two reads: the stored day is compared with each.
    before = selectors.dashboard_figures(filters=filters, today=TODAY)
    later = selectors.dashboard_figures(
        filters=filters, today=TODAY + datetime.timedelta(days=10)
    )

    assert before["communes"]["meeting"] == 0
    assert later["communes"]["meeting"] == 1


def test_the_command_rebuilds_the_rows(country, capsys):
    CommuneCycleStage.objects.all().delete()

    call_command("dashboard_rebuild_stages")

    assert CommuneCycleStage.objects.count() == 20
    assert "20" in capsys.readouterr().out


def test_refreshing_some_communes_agrees_with_a_rebuild(country):
    k3_scorecard_by_k1s_health_centre(country, year=2024)
    stages.stages_rebuild()
    rebuilt = sorted(CommuneCycleStage.objects.values_list(*ROW_FIELDS))
    CommuneCycleStage.objects.update(is_scorecards=False, full_since=None)

    stages.stages_refresh(commune_codes=["110403", "110402"])
    stages.stages_refresh(commune_codes=["110401", "110501", "020801"])

    assert sorted(CommuneCycleStage.objects.values_list(*ROW_FIELDS)) == rebuilt
    assert flags("110403", 2024)[2] is True


def test_returning_a_scorecard_through_the_service_refreshes_its_provider(
    country, django_capture_on_commit_callbacks
):
    scorecard = Scorecard.objects.get(
        provider__code="HC02080101", status=Scorecard.Status.SUBMITTED
    )
    assert national_figures(country)["providers"]["health_centre"]["scorecards"] == 2

    with django_capture_on_commit_callbacks(execute=True):
        return_for_missing_votes(scorecard, country)

    row = ProviderCycleStage.objects.get(provider=scorecard.provider, cycle__year=2025)
    assert row.is_scorecards is False
    assert national_figures(country)["providers"]["health_centre"]["scorecards"] == 1


def test_changing_a_cycles_dates_in_the_admin_rebuilds_the_rows(
    client, country, django_capture_on_commit_callbacks
):
    from communes.tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    cycle = country.cycles[2025]

    # The cycle ends before K1's dissemination meeting of 1 March 2025.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/communes/cycle/{cycle.pk}/change/",
            {"year": 2025, "starts_on": "2025-01-01", "ends_on": "2025-02-28"},
        )

    assert response.status_code == 302
    assert flags("110401", 2025)[:2] == [True, False]
