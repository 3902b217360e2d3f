"""The scorecard CSV: every row, safe to open in a spreadsheet."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from scorecards import services
from scorecards.services import IndicatorChoice
from tests.spreadsheet_payloads import FORMULAS

from .steps import choose_indicators, create, publish, set_votes, submit

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def publish_custom(world, names):
    scorecard = create(world, attendance_female=8, attendance_male=6)
    choices = [IndicatorChoice(custom_name=name) for name in names]
    choose_indicators(world, scorecard, choices)
    set_votes(
        world, scorecard, {i.pk: [0, 1, 2, 3, 1] for i in scorecard.indicators.all()}
    )
    submit(world, scorecard)
    publish(world, scorecard)
    return scorecard


def add_actions(world, texts):
    meeting = services.interface_meeting_create(
        user=world.facilitator, commune=world.commune, cycle=world.cycle, held_on=TODAY
    )
    for text in texts:
        services.jaap_action_create(
            user=world.facilitator,
            meeting=meeting,
            provider=world.health_centre,
            issue=text,
            action=text,
            responsible_party=text,
            starts_on=TODAY,
            due_on=TODAY + datetime.timedelta(days=30),
            status="ongoing",
        )


def scorecard_csv(client, scorecard):
    response = client.get(reverse("scorecards:public-csv", args=[scorecard.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="scorecard-{scorecard.pk}-{scorecard.provider.code}.csv"'
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_scorecard_csv_writes_formula_indicator_names_as_text(client, world):
    scorecard = publish_custom(world, FORMULAS)
    rows = scorecard_csv(client, scorecard)
    names = {r[3] for r in rows if r and r[0] == "score"}
    # Names are stored trimmed, so a leading tab or return is gone already.
    assert names == {"'" + payload.strip() for payload in FORMULAS}


def test_the_scorecard_csv_writes_formula_actions_as_text(client, world):
    scorecard = publish_custom(world, ["Medicines"])
    add_actions(world, FORMULAS)
    rows = scorecard_csv(client, scorecard)
    actions = [r for r in rows if r and r[0] == "jaap_action"]
    assert len(actions) == len(FORMULAS)
    for row in actions:
        for cell in (row[4], row[5]):
            assert cell[0] == "'"
            assert cell[1:].strip() in [p.strip() for p in FORMULAS]


def test_the_scorecard_csv_keeps_barred_names(client, world):
    scorecard = publish_custom(world, ["Water | soap", "Queue"])
    rows = scorecard_csv(client, scorecard)
    names = [r[3] for r in rows if r and r[0] == "score" and r[5] == "community"]
    assert sorted(names) == ["Queue", "Water | soap"]
