"""Counts are bounded by what they count: votes by the participants."""

import pytest
from django.core.exceptions import ValidationError

from scorecards import services

from .steps import choose_indicators, library_choices, save_setup
from .test_services import create


def selected(world, **participants):
    scorecard = create(world, **participants)
    choose_indicators(world, scorecard, library_choices(1))
    return scorecard


def vote(world, scorecard, counts):
    return services.scorecard_votes_set(
        scorecard=scorecard,
        user=world.facilitator,
        version=scorecard.version,
        votes={i.pk: counts for i in scorecard.indicators.all()},
    )


def test_an_indicator_cannot_get_more_votes_than_the_group_has_participants(world):
    scorecard = selected(world, attendance_male=14)  # 10 women + 14 men = 24
    with pytest.raises(ValidationError):
        vote(world, scorecard, (10, 10, 10, 10, 12))  # 52 votes
    assert scorecard.indicators.get().votes == (0, 0, 0, 0, 0)


def test_an_indicator_may_get_as_many_votes_as_there_are_participants(world):
    scorecard = selected(world, attendance_male=14)
    vote(world, scorecard, (4, 5, 5, 5, 5))
    assert sum(scorecard.indicators.get().votes) == 24


def test_participants_cannot_be_lowered_below_the_votes_already_counted(world):
    scorecard = selected(world, attendance_male=14)
    scorecard = vote(world, scorecard, (4, 5, 5, 5, 5))
    with pytest.raises(ValidationError):
        save_setup(world, scorecard, version=scorecard.version, attendance_male=2)


def test_the_votes_page_names_the_indicator_with_more_votes_than_people(client, world):
    from django.urls import reverse
    from django.utils import translation

    scorecard = selected(world, attendance_male=14)
    indicator = scorecard.indicators.get()
    client.force_login(world.facilitator)
    data = {"version": scorecard.version}
    for score, value in zip(range(1, 6), ["10", "10", "10", "10", "12"], strict=True):
        data[f"votes_{indicator.pk}_{score}"] = value
    with translation.override("en"):
        response = client.post(reverse("scorecards:votes", args=[scorecard.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "has 52 votes, but 24 women and men took part" in html
    indicator.refresh_from_db()
    assert indicator.votes == (0, 0, 0, 0, 0)
