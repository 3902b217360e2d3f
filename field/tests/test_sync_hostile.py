"""Hostile meetings sent to the sync endpoint: each comes back refused with its
reason in Khmer, nothing is saved, and the endpoint never answers 500."""

import json

import pytest
from django.test import Client

from scorecards.models import Scorecard
from tests import quality

from .meetings import meeting

pytestmark = pytest.mark.django_db
URL = "/km/field/sync/"


def _group(**changes):
    group = {"group": "women", "attendance_female": "5", "attendance_male": "0"}
    group["votes"] = [[0, 0, 1, 2, 2]]
    return {**group, **changes}


# (what the meeting carries instead, a words of the Khmer reason)
HOSTILE = [
    ({"indicators": [{"text": "\ud800"}]}, "មិនអាចអានបាន"),
    ({"indicators": [{"text": "ទឹក\u202eស្អាត"}]}, "ប្ដូរទិសដៅ"),
    ({"indicators": [{"text": "ទឹក\x00ស្អាត"}]}, "តួអក្សរបញ្ជា"),
    ({"groups": [_group(strength="ល្អ\u2066")]}, "ប្ដូរទិសដៅ"),
    ({"groups": [_group(weakness="\udfff")]}, "មិនអាចអានបាន"),
    ({"groups": [_group(suggestion="ក" * 100_000)]}, "តួអក្សរ"),
    ({"groups": [_group(attendance_female="1e5")]}, "សូមសរសេរលេខឱ្យពេញ"),
    ({"groups": [_group(attendance_female=float("nan"))]}, "តែលេខ"),
    ({"groups": [_group(attendance_female=float("inf"))]}, "តែលេខ"),
    ({"groups": [_group(attendance_female="9" * 4301)]}, "ធំពេក"),
    ({"groups": [_group(attendance_female="1.5")]}, "ចំនួនគត់"),
    ({"groups": [_group(votes=[["1e1", 0, 0, 0, 0]])]}, "សូមសរសេរលេខឱ្យពេញ"),
    ({"village": "\ud800"}, ""),
    ({"village": "1\x00"}, ""),
    ({"held_on": "\ud800"}, ""),
    ({"provider": "\ud800"}, ""),
]


@pytest.mark.parametrize(("changes", "reason"), HOSTILE, ids=range(len(HOSTILE)))
def test_a_hostile_meeting_is_refused_with_its_reason_and_nothing_saved(
    world, library, changes, reason
):
    client = Client(raise_request_exception=False)
    client.force_login(world.facilitator)
    record = meeting(world, library, **changes)
    if "groups" in changes:
        record["self_assessment"] = None
    # As a browser's JSON.stringify sends it: lone surrogates escaped, NaN bare.
    body = json.dumps({"records": [record]}, allow_nan=True)
    response = client.post(URL, data=body, content_type="application/json")
    quality.record("hostile.tried")
    quality.record("hostile.server_errors", int(response.status_code >= 500))
    assert response.status_code < 500
    if response.status_code == 200:
        [result] = response.json()["results"]
        assert result["status"] == "refused", result
        assert reason in result["reason"]
    saved = Scorecard.objects.exists()
    quality.record("hostile.accepted_wrongly", int(saved))
    assert not saved


def test_a_body_that_is_not_utf8_is_refused_clearly(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.facilitator)
    response = client.post(
        URL, data=b'{"records": ["\xff"]}', content_type="application/json"
    )
    quality.record("hostile.tried")
    assert response.status_code == 400
    assert response.json()
