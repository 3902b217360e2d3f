"""The precomputed stage rows: built from the rules, refreshed on save, rebuilt
when a bulk write bypassed the receivers."""

import datetime

import pytest
from django.core.management import call_command

from dashboard import selectors, stages
from dashboard.models import CommuneCycleStage
from scorecards.models import InterfaceMeeting, JaapAction, Scorecard

from .conftest import TODAY
from .factories import JaapFollowUpFactory

pytestmark = pytest.mark.django_db

ALL = [True] * 7
NONE = [False] * 7


def flags(code: str, year: int) -> list[bool]:
    row = CommuneCycleStage.objects.get(commune_id=code, cycle__year=year)
    return [getattr(row, flag) for flag in stages.FLAGS] + [row.is_full]


def national_figures(country, **kwargs):
    filters, _options = selectors.filters_resolve(
        user=country.secretariat, year=2025, **kwargs
    )
    return selectors.dashboard_figures(filters=filters, today=TODAY, use_cache=False)


def test_a_rebuild_stores_every_commune_in_every_cycle_by_the_rules(country):
    stages.stage_rebuild(today=TODAY)

    # Five communes, four cycles: a row for each, data or not.
    assert CommuneCycleStage.objects.count() == 20
    assert flags("110401", 2025) == ALL
    # K1's 2024 cycle stopped at the JAAP agreed: not reviewed, not full.
    assert flags("110401", 2024) == [True] * 5 + [False, False]
    assert flags("110402", 2025) == [True, True] + [False] * 5
    assert flags("110403", 2025) == NONE
    # B1's submitted scorecard counts as done, though it waits for review.
    assert flags("020801", 2025) == [True, False, True] + [False] * 4


def test_a_follow_up_refreshes_its_commune_once_the_write_commits(
    country, django_capture_on_commit_callbacks
):
    stages.stage_rebuild(today=TODAY)
    action = JaapAction.objects.get(
        meeting__commune=country.k1, meeting__cycle__year=2024
    )

    with django_capture_on_commit_callbacks(execute=True):
        JaapFollowUpFactory(action=action, checked_on=datetime.date(2024, 7, 1))

    assert flags("110401", 2024) == ALL
    # The receiver recorded the new marker, so the next view trusts the rows
    # instead of rebuilding them all.
    assert stages.stages_ensure(today=TODAY) is False


def test_deleting_a_scorecard_refreshes_its_commune(
    country, django_capture_on_commit_callbacks
):
    stages.stage_rebuild(today=TODAY)

    with django_capture_on_commit_callbacks(execute=True):
        Scorecard.objects.get(
            provider__code="HC11040101", cycle__year=2025, status="published"
        ).delete()

    assert flags("110401", 2025) == [True, True, False, True, True, True, False]
    assert stages.stages_ensure(today=TODAY) is False


def test_a_rolled_back_write_refreshes_nothing_but_the_marker_catches_it(
    country, django_capture_on_commit_callbacks
):
    stages.stage_rebuild(today=TODAY)
    action = JaapAction.objects.get(
        meeting__commune=country.k1, meeting__cycle__year=2024
    )
    # Callbacks captured but not run: as if the transaction had not committed.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        JaapFollowUpFactory(action=action, checked_on=datetime.date(2024, 7, 1))
    assert callbacks
    assert flags("110401", 2024)[-1] is False

    assert stages.stages_ensure(today=TODAY) is True
    assert flags("110401", 2024) == ALL


def test_a_bulk_update_that_sends_no_signal_is_caught_before_the_figures(country):
    assert national_figures(country)["communes"]["meeting"] == 1

    # K1's 2025 meeting moved after "today" with a queryset update: no signal,
    # no version bump; the count of meetings held by today still changes.
    InterfaceMeeting.objects.filter(commune=country.k1, cycle__year=2025).update(
        held_on=TODAY + datetime.timedelta(days=10)
    )

    communes = national_figures(country)["communes"]
    assert communes["meeting"] == 0
    assert communes["reviewed"] == 0
    assert flags("110401", 2025)[3:] == [False] * 4


def test_a_meeting_counts_once_its_day_has_come(country):
    InterfaceMeeting.objects.filter(commune=country.k1, cycle__year=2025).update(
        held_on=TODAY + datetime.timedelta(days=10)
    )
    filters, _options = selectors.filters_resolve(user=country.secretariat, year=2025)

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
    from communes.models import ServiceProvider
    from scorecards.tests.factories import ScorecardFactory

    # K3 has no provider of its own; K1's health centre also serves it.
    health_centre = ServiceProvider.objects.get(code="HC11040101")
    health_centre.communes_served.add(country.k3)
    ScorecardFactory(
        provider=health_centre,
        cycle=country.cycles[2024],
        status=Scorecard.Status.PUBLISHED,
        group=Scorecard.Group.MEN,
    )
    stages.stage_rebuild(today=TODAY)
    rebuilt = sorted(CommuneCycleStage.objects.values_list())
    CommuneCycleStage.objects.update(is_scorecards=False, is_full=False)

    stages.stage_refresh(commune_codes=["110403", "110402"], today=TODAY)
    stages.stage_refresh(commune_codes=["110401", "110501", "020801"], today=TODAY)

    assert sorted(CommuneCycleStage.objects.values_list()) == rebuilt
    assert flags("110403", 2024)[2] is True
