"""JAAP actions and their follow-ups: editing, and the dates and texts they take."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from isaf.models import AuditEntry
from scorecards import services
from scorecards.models import JaapAction, JaapFollowUp

from .test_services import action_for, meeting_for

TODAY = datetime.date.today()


def edit_fields(**extra):
    fields = {
        "indicator": None,
        "issue": "No clean water",
        "action": "Repair the well and fit a hand pump",
        "responsible_party": "Commune chief",
        "supporting_party": "",
        "resources": "",
        "starts_on": TODAY,
        "due_on": TODAY + datetime.timedelta(days=45),
        "status": JaapAction.Status.ONGOING,
    }
    fields.update(extra)
    return fields


def test_a_jaap_action_is_edited_through_the_service(world):
    action = action_for(world, meeting_for(world))
    services.jaap_action_update(
        jaap_action=action,
        user=world.facilitator,
        version=action.version,
        **edit_fields(),
    )
    action.refresh_from_db()
    assert action.action == "Repair the well and fit a hand pump"
    assert action.responsible_party == "Commune chief"
    assert action.status == JaapAction.Status.ONGOING
    assert action.version == 2
    assert AuditEntry.objects.filter(action="jaap_action.update").exists()


def test_the_action_page_saves_an_edited_jaap_action(client, world):
    action = action_for(world, meeting_for(world))
    client.force_login(world.facilitator)
    response = client.post(
        reverse("scorecards:action", args=[action.pk]),
        {
            "save_action": "1",
            "version": action.version,
            "provider": world.health_centre.pk,
            "issue": "No clean water",
            "action": "Repair the well and fit a hand pump",
            "responsible_party": "Commune chief",
            "starts_on": TODAY.isoformat(),
            "due_on": (TODAY + datetime.timedelta(days=45)).isoformat(),
            "status": "ongoing",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.action == "Repair the well and fit a hand pump"


def test_a_follow_up_dated_in_the_future_is_refused(world):
    action = action_for(world, meeting_for(world))
    with pytest.raises(ValidationError) as error:
        services.jaap_follow_up_add(
            action=action,
            user=world.facilitator,
            checked_on=TODAY + datetime.timedelta(days=200),
            status=JaapAction.Status.ONGOING,
        )
    assert "checked_on" in error.value.message_dict
    assert not JaapFollowUp.objects.exists()


def test_an_actions_due_date_may_be_in_the_future(world):
    action = action_for(
        world, meeting_for(world), due_on=TODAY + datetime.timedelta(days=300)
    )
    assert action.pk


def test_a_scorecard_dated_in_the_future_is_refused(world):
    from .test_services import create

    with pytest.raises(ValidationError) as error:
        create(world, held_on=TODAY + datetime.timedelta(days=30))
    assert "held_on" in error.value.message_dict


def test_an_interface_meeting_may_be_planned_ahead(world):
    meeting = services.interface_meeting_create(
        user=world.facilitator,
        commune=world.commune,
        cycle=world.cycle,
        held_on=TODAY + datetime.timedelta(days=30),
    )
    assert meeting.pk
