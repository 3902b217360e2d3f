"""Editing a JAAP action in Chromium: the plan changes and the page says so.

Until issue 9 every edit failed with a server error (the form's `action` field
collided with the service's argument); this journey is the proof it works.
"""

import datetime

import pytest
from django.core.management import call_command

from .conftest import JOURNEY

# The scorecard journey's demo world (a fixture, used by name) and its sign-in.
from .test_scorecard_journey import demo_world, signed_in  # noqa: F401

pytestmark = JOURNEY

NEW_TEXT = "Roster a midwife on night duty, and post the roster at the gate"


@pytest.mark.usefixtures("demo_world")
def test_a_facilitator_edits_a_jaap_action_in_the_browser(live_server, browser):
    from scorecards.models import JaapAction

    call_command("load_demo_scorecards", verbosity=0)
    action = JaapAction.objects.order_by("pk").first()
    version = action.version
    base = live_server.url
    page = signed_in(browser, base, "facilitator")
    response = page.goto(f"{base}/km/workspace/scorecards/actions/{action.pk}/")
    assert response.status == 200
    page.fill("textarea[name=action]", NEW_TEXT)
    page.fill("input[name=responsible_party]", "ប្រធានមណ្ឌលសុខភាព")
    due = datetime.date.today() + datetime.timedelta(days=120)
    page.fill("input[name=due_on]", due.isoformat())
    page.select_option("select[name=status]", "ongoing")
    with page.expect_navigation() as navigation:
        page.click("button[name=save_action]")
    assert navigation.value.status == 200
    assert page.url.endswith(f"/actions/{action.pk}/")
    assert page.locator("h1").inner_text() == NEW_TEXT
    action.refresh_from_db()
    assert action.action == NEW_TEXT
    assert action.due_on == due
    assert action.status == JaapAction.Status.ONGOING
    assert action.version == version + 1
