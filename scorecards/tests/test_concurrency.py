"""Stale saves of scorecards and meetings: the merge keeps both people's work."""

import datetime

import pytest
from django.urls import reverse

from isaf.khmer import to_ascii_digits
from scorecards import services
from scorecards.models import InterfaceMeeting, Scorecard
from tests.formdata import form_data

from .steps import save_setup
from .test_services import create

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture
def fac_client(client, world):
    client.force_login(world.facilitator)
    return client


def test_the_scorecard_stale_error_is_the_one_shared_mechanism():
    from i4c.services import StaleEdit
    from isaf.concurrency import StaleEdit as Shared

    assert services.StaleVersionError is Shared is StaleEdit


def test_a_stale_setup_save_says_who_saved_in_between(world):
    scorecard = create(world)
    opened_at = scorecard.version
    save_setup(world, scorecard, version=opened_at, attendance_male=4)
    with pytest.raises(services.StaleVersionError) as refused:
        save_setup(world, scorecard, version=opened_at, attendance_male=9)
    assert refused.value.changed_by == world.facilitator.get_username()
    assert refused.value.current_version == opened_at + 1


def test_two_tabs_editing_a_scorecards_setup_keep_both_changes(fac_client, world):
    scorecard = create(world)
    url = reverse("scorecards:edit", args=[scorecard.pk])
    tab_a = form_data(fac_client.get(url))
    tab_b = form_data(fac_client.get(url))
    tab_a["attendance_male"] = "4"
    assert fac_client.post(url, tab_a).status_code == 302
    tab_b["attendance_youth"] = "3"
    stale = fac_client.post(url, tab_b)
    assert stale.status_code == 200
    content = stale.content.decode()
    assert 'id="merge"' in content
    merged = form_data(stale)
    assert to_ascii_digits(merged["attendance_male"]) == "4"
    assert to_ascii_digits(merged["attendance_youth"]) == "3"
    assert fac_client.post(url, merged).status_code == 302
    scorecard = Scorecard.objects.get(pk=scorecard.pk)
    assert (scorecard.attendance_male, scorecard.attendance_youth) == (4, 3)


def test_two_tabs_editing_a_meetings_attendance_keep_both_changes(fac_client, world):
    meeting = services.interface_meeting_create(
        user=world.facilitator, commune=world.commune, cycle=world.cycle, held_on=TODAY
    )
    url = reverse("scorecards:meeting", args=[meeting.pk])
    tab_a = form_data(fac_client.get(url), action_contains=None)
    tab_b = dict(tab_a)
    tab_a["attendance_female"] = "20"
    tab_a["save_meeting"] = "1"
    assert fac_client.post(url, tab_a).status_code == 302
    tab_b["attendance_male"] = "15"
    tab_b["save_meeting"] = "1"
    stale = fac_client.post(url, tab_b)
    merged = form_data(stale)
    assert to_ascii_digits(merged["attendance_female"]) == "20"
    merged["save_meeting"] = "1"
    assert fac_client.post(url, merged).status_code == 302
    meeting = InterfaceMeeting.objects.get(pk=meeting.pk)
    assert (meeting.attendance_female, meeting.attendance_male) == (20, 15)
