"""The sync endpoint: meetings saved through the scorecards' forms and services,
exactly once, in the facilitator's scope, and every bad input answered clearly."""

import json
import uuid

import pytest
from django.test import Client

from field.models import MeetingReceipt
from field.sync import MAX_RECORDS
from scorecards.models import Scorecard

from .meetings import meeting

URL = "/km/field/sync/"


def send(client, records, url=URL):
    return client.post(
        url, data=json.dumps({"records": records}), content_type="application/json"
    )


@pytest.fixture
def facilitator(client, world):
    client.force_login(world.facilitator)
    return client


def test_a_meeting_becomes_one_scorecard_per_group_and_the_self_assessment(
    facilitator, world, library
):
    record = meeting(world, library)
    response = send(facilitator, [record])
    assert response.status_code == 200
    [result] = response.json()["results"]
    assert result["status"] == "saved", result
    assert result["id"] == record["id"]
    scorecards = Scorecard.objects.filter(provider=world.health_centre)
    assert sorted(scorecards.values_list("group", flat=True)) == [
        "men",
        "provider",
        "women",
    ]
    women = scorecards.get(group="women")
    assert (women.attendance_female, women.attendance_youth) == (12, 3)
    assert women.village == world.village
    votes = [i.votes for i in women.indicators.order_by("position")]
    assert votes == [(0, 1, 2, 4, 5), (1, 1, 1, 1, 1)]
    assert women.indicators.order_by("position")[1].custom_name == "ទឹកស្អាតនៅមណ្ឌល"
    assert list(women.remarks.values_list("kind", "text")) == [
        ("strength", "គ្រូពេទ្យរួសរាយ")
    ]
    own = scorecards.get(kind="self_assessment")
    assert [i.votes for i in own.indicators.order_by("position")] == [
        (0, 0, 0, 1, 4),
        (0, 0, 1, 2, 2),
    ]
    assert {s["url"] for s in result["scorecards"]} == {
        f"/km/workspace/scorecards/{s.pk}/" for s in scorecards
    }


def test_a_meeting_synced_twice_exists_once(facilitator, world, library):
    record = meeting(world, library)
    first = send(facilitator, [record]).json()["results"][0]
    second = send(facilitator, [record]).json()["results"][0]
    assert first["status"] == second["status"] == "saved"
    assert second["scorecards"] == first["scorecards"]
    assert Scorecard.objects.count() == 3
    assert MeetingReceipt.objects.filter(client_id=record["id"]).count() == 1


def test_the_same_meeting_twice_in_one_batch_is_saved_once(facilitator, world, library):
    record = meeting(world, library)
    results = send(facilitator, [record, record]).json()["results"]
    assert [r["status"] for r in results] == ["saved", "saved"]
    assert Scorecard.objects.count() == 3


def test_votes_over_the_participants_are_refused_in_khmer_and_nothing_is_saved(
    facilitator, world, library
):
    record = meeting(world, library)
    record["groups"][1]["votes"][0] = [0, 0, 0, 5, 5]  # 10 votes, 8 men
    [result] = send(facilitator, [record]).json()["results"]
    assert result["status"] == "refused"
    assert "ប៉ុន្តែមានស្ត្រី និងបុរសចូលរួម" in result["reason"]
    assert result["reason"].startswith("ក្រុម")  # names the group, in Khmer
    assert "៨" in result["reason"] and "១០" in result["reason"]
    assert Scorecard.objects.count() == 0
    assert not MeetingReceipt.objects.exists()


def test_a_refused_meeting_fixed_and_sent_again_is_saved(facilitator, world, library):
    record = meeting(world, library)
    record["groups"][0]["attendance_youth"] = "99"  # more youth than people
    [refused] = send(facilitator, [record]).json()["results"]
    assert refused["status"] == "refused"
    assert "យុវជន" in refused["reason"]
    record["groups"][0]["attendance_youth"] = "3"
    [saved] = send(facilitator, [record]).json()["results"]
    assert saved["status"] == "saved"
    assert Scorecard.objects.count() == 3


def test_a_provider_outside_the_coverage_is_refused(facilitator, world, library):
    record = meeting(world, library, provider=world.outside.pk)
    [result] = send(facilitator, [record]).json()["results"]
    assert result["status"] == "refused"
    assert "ក្រៅ" in result["reason"]
    assert not Scorecard.objects.filter(provider=world.outside).exists()


def test_one_refused_meeting_does_not_hold_back_another(facilitator, world, library):
    good = meeting(world, library)
    bad = meeting(world, library, provider=world.outside.pk)
    results = send(facilitator, [bad, good]).json()["results"]
    assert [r["status"] for r in results] == ["refused", "saved"]


def test_reasons_come_in_english_on_english_pages(facilitator, world, library):
    record = meeting(world, library, provider=world.outside.pk)
    [result] = send(facilitator, [record], url="/en/field/sync/").json()["results"]
    assert result["reason"] == (
        "This service provider is outside the places you work on now."
    )


@pytest.mark.parametrize(
    "broken",
    [
        "not a meeting",
        {"id": "not-a-uuid"},
        {"id": str(uuid.uuid4())},
        {"id": str(uuid.uuid4()), "provider": "x", "groups": "women"},
    ],
)
def test_a_record_of_the_wrong_shape_is_refused_not_a_500(
    facilitator, world, library, broken
):
    response = send(facilitator, [broken])
    assert response.status_code == 200
    assert response.json()["results"][0]["status"] == "refused"
    assert response.json()["results"][0]["reason"]


def test_groups_and_votes_of_the_wrong_shape_are_refused(facilitator, world, library):
    record = meeting(world, library)
    record["groups"][0]["votes"] = {"a": 1}
    record["groups"][1] = "men"
    [result] = send(facilitator, [record]).json()["results"]
    assert result["status"] == "refused"
    record = meeting(world, library, indicators=[{"text": " "}])
    [result] = send(facilitator, [record]).json()["results"]
    assert result["status"] == "refused"


@pytest.mark.parametrize("body", ["{not json", "[]", '{"records": 3}', "\xff"])
def test_malformed_json_gets_a_clear_error(facilitator, body):
    response = facilitator.post(URL, data=body, content_type="application/json")
    assert response.status_code == 400
    assert "មិនអាច" in response.json()["error"]


def test_an_oversize_batch_is_refused_with_a_clear_error(facilitator, world, library):
    records = [meeting(world, library) for _ in range(MAX_RECORDS + 1)]
    response = send(facilitator, records)
    assert response.status_code == 413
    assert response.json()["error"]
    assert Scorecard.objects.count() == 0
    huge = json.dumps({"records": [], "padding": "x" * (2 * 1024 * 1024)})
    response = facilitator.post(URL, data=huge, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["error"]


def test_sync_needs_the_csrf_token(world, library):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.facilitator)
    response = send(client, [meeting(world, library)])
    assert response.status_code == 403
    assert Scorecard.objects.count() == 0
    page = client.get("/km/field/")
    token = page.context["csrf_token"]
    response = client.post(
        URL,
        data=json.dumps({"records": [meeting(world, library)]}),
        content_type="application/json",
        headers={"X-CSRFToken": str(token)},
    )
    assert response.status_code == 200
    assert response.json()["results"][0]["status"] == "saved"


def test_only_facilitators_may_sync(client, world, library):
    response = send(client, [meeting(world, library)])
    assert response.status_code == 403
    assert response.json()["error"]
    client.force_login(world.councillor)
    response = send(client, [meeting(world, library)])
    assert response.status_code == 403
    assert Scorecard.objects.count() == 0


def test_sync_answers_only_posts(facilitator):
    assert facilitator.get(URL).status_code == 405
