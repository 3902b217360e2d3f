"""Every text typed into a scorecard or a JAAP has an enforced length, shown
beside the field before saving."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from communes.models import ServiceProvider
from scorecards import forms, services
from scorecards.models import JaapAction, JaapFollowUp, Scorecard, ScorecardIndicator

from .conftest import build_published
from .steps import follow_up, open_correction, send_back, submit
from .test_services import action_for, meeting_for, scored

LONG = "ក" * 100_000
TODAY = datetime.date.today()


def test_a_remark_of_100000_characters_is_refused(world):
    scorecard = scored(world)
    with pytest.raises(ValidationError):
        services.scorecard_remarks_set(
            scorecard=scorecard,
            user=world.facilitator,
            version=scorecard.version,
            remarks=[("strength", LONG)],
        )
    assert not scorecard.remarks.exists()


def test_a_jaap_action_of_100000_characters_is_refused(world):
    with pytest.raises(ValidationError):
        action_for(world, meeting_for(world), action=LONG)
    assert not JaapAction.objects.exists()


def test_a_follow_up_note_of_100000_characters_is_refused(world):
    action = action_for(world, meeting_for(world))
    with pytest.raises(ValidationError):
        follow_up(world, action, note=LONG)
    assert not JaapFollowUp.objects.exists()


def test_a_return_comment_of_100000_characters_is_refused(world):
    scorecard = scored(world)
    submit(world, scorecard)
    with pytest.raises(ValidationError):
        send_back(world, scorecard, comment=LONG)
    scorecard.refresh_from_db()
    assert scorecard.status == Scorecard.Status.SUBMITTED


def test_a_correction_reason_of_100000_characters_is_refused(world):
    scorecard = build_published(world, groups=("women",))[0]
    with pytest.raises(ValidationError):
        open_correction(world, scorecard, LONG, user=world.reviewer)
    scorecard.refresh_from_db()
    assert scorecard.status == Scorecard.Status.PUBLISHED


@pytest.mark.parametrize(
    ("form", "field"),
    [
        (forms.RemarksForm, "strength"),
        (forms.ReturnForm, "comment"),
        (forms.CorrectionForm, "reason"),
        (forms.FollowUpForm, "note"),
    ],
)
def test_each_text_box_shows_its_limit_before_saving(form, field):
    with translation.override("km"):
        html = str(form()[field].as_field_group())
    assert 'maxlength="2000"' in html
    assert "២.០០០" in html


def test_the_action_box_of_the_jaap_form_shows_its_limit(world):
    with translation.override("en"):
        form = forms.ActionForm(
            providers=ServiceProvider.objects.none(),
            indicators=ScorecardIndicator.objects.none(),
        )
        html = str(form["action"].as_field_group())
    assert 'maxlength="2000"' in html
    assert "At most 2,000 characters." in html
