"""`manage.py load_demo_scorecards` after `load_demo`, on a tiny gazetteer."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from communes.models import Commune
from communes.tests.factories import demo_gazetteer
from isaf.models import AuditEntry
from scorecards.models import (
    InterfaceMeeting,
    JaapAction,
    JaapFollowUp,
    Scorecard,
    ScorecardVersion,
)
from scorecards.selectors import published_results, results_for_commune
from scorecards.selectors.stats import communes_jaap_reviewed, communes_scorecards_done


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo_gazetteer()
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())


def run() -> str:
    out = StringIO()
    call_command("load_demo_scorecards", stdout=out)
    return out.getvalue()


def test_it_needs_load_demo_first(db):
    with pytest.raises(CommandError, match="load_demo"):
        run()


def test_krang_teh_gets_two_groups_a_self_assessment_and_a_jaap(demo):
    run()
    health_centre = Scorecard.objects.filter(provider__code="HC11040101")
    assert sorted(health_centre.values_list("group", flat=True)) == [
        "men",
        "provider",
        "women",
    ]
    assert ScorecardVersion.objects.filter(scorecard__in=health_centre).count() == 3
    actions = JaapAction.objects.filter(meeting__commune_id="110401")
    statuses = {a.status for a in actions}
    assert {"ongoing", "completed", "not_started"} <= statuses
    assert sum(a.overdue for a in actions) == 1
    assert JaapFollowUp.objects.exclude(evidence="").count() == 1
    # The records drive the stages, and the board reads the results.
    cycle = health_centre.first().cycle
    krang_teh = Commune.objects.filter(pk="110401")
    assert krang_teh.filter(communes_scorecards_done(cycle_id=cycle.pk)).exists()
    assert krang_teh.filter(
        communes_jaap_reviewed(cycle_id=cycle.pk, today=datetime.date.today())
    ).exists()
    boards = results_for_commune(commune=Commune.objects.get(pk="110401"))
    assert {b.provider.code for b in boards} == {"HC11040101", "PS11040101"}
    hc = next(b for b in boards if b.provider.code == "HC11040101")
    assert [g.code for g in hc.results.groups] == ["women", "men"]
    assert all(i.community.total for i in hc.results.indicators)
    assert published_results(scorecard_id=hc.scorecard_id) is not None
    # Every write went through the services, so it is in the audit trail.
    assert AuditEntry.objects.filter(action="scorecard.publish").count() == 4


def test_a_sangkae_scorecard_waits_for_review(demo):
    run()
    waiting = Scorecard.objects.get(provider__commune__district_id="0208")
    assert waiting.status == Scorecard.Status.SUBMITTED


def counts():
    """How many rows the scorecard demo writes, table by table."""
    tables = (
        Scorecard,
        ScorecardVersion,
        InterfaceMeeting,
        JaapAction,
        JaapFollowUp,
        AuditEntry,
    )
    return tuple(model.objects.count() for model in tables)


def test_a_second_run_changes_nothing(demo):
    run()
    before = counts()
    output = run()
    assert "nothing changed" in output
    assert before == counts()


def test_demo_dates_fall_inside_the_cycle(demo):
    run()
    for scorecard in Scorecard.objects.select_related("cycle"):
        assert scorecard.cycle.starts_on <= scorecard.held_on <= datetime.date.today()
