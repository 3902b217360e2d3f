"""What a user reads on the scorecard pages: choices they can tell apart, group
names said once, one attendance block (issue 9's walk-through)."""

import re

from django.urls import reverse
from django.utils import translation

from .conftest import build_published
from .test_services import action_for, meeting_for


def indicator_options(html: str) -> list[str]:
    select = re.search(r'<select name="(?:action-)?indicator".*?</select>', html, re.S)
    select = select.group(0)
    return [
        label.strip()
        for label in re.findall(r'<option value="\d+"[^>]*>(.*?)</option>', select)
    ]


def test_each_jaap_indicator_choice_reads_differently_from_the_others(client, world):
    build_published(world, indicators=2, groups=("women", "mixed"))
    action = action_for(world, meeting_for(world))
    client.force_login(world.facilitator)
    with translation.override("km"):
        html = client.get(reverse("scorecards:action", args=[action.pk])).content
    options = indicator_options(html.decode())
    assert len(options) == 4
    assert len(set(options)) == 4


def test_a_jaap_indicator_choice_names_the_group_that_scored_it(client, world):
    build_published(world, indicators=1, groups=("women", "mixed"))
    meeting = meeting_for(world)
    client.force_login(world.facilitator)
    with translation.override("km"):
        html = client.get(reverse("scorecards:meeting", args=[meeting.pk])).content
    options = indicator_options(html.decode())
    assert any("ក្រុមស្ត្រី" in option for option in options)
    assert any("ក្រុមចម្រុះ" in option for option in options)


def heading(client, scorecard, language):
    with translation.override(language):
        html = client.get(reverse("scorecards:overview", args=[scorecard.pk])).content
    return re.search(r"<h1>(.*?)</h1>", html.decode(), re.S).group(1)


def test_a_scorecard_heading_names_its_group_once_in_khmer(client, world):
    women, mixed, _ = build_published(world, indicators=1, groups=("women", "mixed"))
    client.force_login(world.facilitator)
    assert "ប័ណ្ណដាក់ពិន្ទុសហគមន៍ ក្រុមចម្រុះ" in heading(client, mixed, "km")
    assert "ក្រុមក្រុម" not in heading(client, mixed, "km")
    assert "ប័ណ្ណដាក់ពិន្ទុសហគមន៍ ក្រុមស្ត្រី" in heading(client, women, "km")


def test_a_scorecard_heading_names_its_group_once_in_english(client, world):
    women, mixed, _ = build_published(world, indicators=1, groups=("women", "mixed"))
    client.force_login(world.facilitator)
    assert heading(client, mixed, "en").count("group") == 1
    assert "community scorecard, women" in heading(client, women, "en")


def test_scorecard_and_meeting_forms_share_one_attendance_block(client, world):
    client.force_login(world.facilitator)
    with translation.override("en"):
        scorecard_page = client.get(reverse("scorecards:start"))
        meeting_page = client.get(reverse("scorecards:meeting-start"))
    include = "scorecards/includes/_attendance.html"
    assert include in [t.name for t in scorecard_page.templates]
    assert include in [t.name for t in meeting_page.templates]
    assert "<legend>Participants</legend>" in scorecard_page.content.decode()
    assert "<legend>Attendance</legend>" in meeting_page.content.decode()
