"""The scorecard journey of issue 5, in Chromium.

The demo facilitator records Krang Teh health centre's scorecards for two groups
(typing Khmer digits into the votes grid, as on a tablet), the provider's
self-assessment, the interface meeting and a JAAP action; the Mondulkiri reviewer
publishes; a citizen reads the medians and the action.

Pages are found by their addresses and form field names, not by their words, so the
journey does not depend on which translations are compiled.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from .conftest import DEMO_PASSWORD, JOURNEY

pytestmark = JOURNEY

KRANG_TEH = "110401"
ACTION_TEXT = "Roster a midwife for every night of the week"
TABLET = {"width": 800, "height": 1280}
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo_world(settings, tmp_path):
    """A small gazetteer with the demo's real codes, then `load_demo` on it."""
    from communes.tests.factories import demo_gazetteer

    settings.MEDIA_ROOT = tmp_path
    demo_gazetteer()
    # The organisations, providers and sign-ins only: the journey records its own
    # scorecards, so the demo's scorecards would only get in its way.
    call_command("load_demo_communes", verbosity=0)


@pytest.fixture
def chromium(browser):
    """The run's one Chromium (tests/e2e/conftest.py), opened at tablet width here."""
    return browser


def signed_in(browser, base, username):
    page = browser.new_context(viewport=TABLET).new_page()
    page.goto(f"{base}/km/accounts/login/?next=/km/workspace/scorecards/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url.endswith("/km/workspace/scorecards/"), f"{username} not signed in"
    return page


def submit(page):
    with page.expect_navigation():
        page.click("main form.entry button[type=submit]")


def start_scorecard(page, base, *, provider_id, kind, group=None, village_id=None):
    page.goto(f"{base}/km/workspace/scorecards/new/")
    page.select_option("select[name=provider]", str(provider_id))
    page.check(f"input[name=kind][value={kind}]")
    if group:
        page.check(f"input[name=group][value={group}]")
    page.fill("input[name=held_on]", datetime.date.today().isoformat())
    if village_id:
        page.select_option("select[name=village]", str(village_id))
    page.fill("input[name=attendance_female]", "១២")
    page.fill("input[name=attendance_male]", "៣")
    submit(page)
    match = re.search(r"/workspace/scorecards/(\d+)/indicators/$", page.url)
    assert match, f"the scorecard was not started: {page.url}"
    return int(match.group(1))


def fill_votes(page, rows):
    """Type each row of five counts into the grid, in Khmer digits."""
    names = page.eval_on_selector_all(
        "table.votes-grid input.count", "inputs => inputs.map(i => i.name)"
    )
    assert len(names) == 5 * len(rows), names
    for name, value in zip(names, [v for row in rows for v in row], strict=True):
        page.fill(f"input[name='{name}']", value)
    submit(page)
    assert page.url.endswith("/remarks/"), "the votes were not saved"


def submit_for_review(page, base, scorecard_id):
    page.goto(f"{base}/km/workspace/scorecards/{scorecard_id}/")
    with page.expect_navigation():
        page.click("form[action$='/submit/'] button[type=submit]")
    from scorecards.models import Scorecard

    assert Scorecard.objects.get(pk=scorecard_id).status == "submitted"


def test_a_scorecard_from_the_village_to_the_public_page(
    live_server, chromium, demo_world
):
    from communes.models import ServiceProvider, Village
    from scorecards.models import JaapAction, LibraryIndicator, Scorecard

    base = live_server.url
    health_centre = ServiceProvider.objects.get(code=f"HC{KRANG_TEH}01")
    village = Village.objects.filter(commune_id=KRANG_TEH).order_by("code").first()
    library = list(LibraryIndicator.objects.filter(provider_kind="health_centre")[:3])

    # 1. The facilitator records the women's and the men's scorecards.
    page = signed_in(chromium, base, "facilitator")
    group_votes = {
        "women": [["០", "២", "៥", "៣", "២"], ["៤", "៤", "២", "១", "១"]] + [["1"] * 5],
        "men": [["១", "១", "៣", "៥", "២"], ["២", "៦", "២", "១", "០"]] + [["0"] * 5],
    }
    scorecard_ids = []
    for group, votes in group_votes.items():
        scorecard_id = start_scorecard(
            page,
            base,
            provider_id=health_centre.pk,
            kind="community",
            group=group,
            village_id=village.pk,
        )
        for item in library[:2]:
            page.check(f"input[name=lib_{item.pk}][value=selected]")
        page.check(f"input[name=lib_{library[2].pk}][value=proposed]")
        page.fill("input[name=custom_0]", "Ambulance to the referral hospital at night")
        submit(page)
        assert page.url.endswith("/votes/"), "the indicators were not saved"
        fill_votes(page, votes)
        page.fill("textarea[name=strength]", "Friendly midwives")
        submit(page)
        submit_for_review(page, base, scorecard_id)
        scorecard_ids.append(scorecard_id)
    women = Scorecard.objects.get(pk=scorecard_ids[0])
    assert [i.votes for i in women.indicators.filter(is_selected=True)] == [
        (0, 2, 5, 3, 2),
        (4, 4, 2, 1, 1),
        (1, 1, 1, 1, 1),
    ]

    # 2. The self-assessment starts with the groups' indicators; then the
    # interface meeting and a JAAP action.
    own_id = start_scorecard(
        page, base, provider_id=health_centre.pk, kind="self_assessment"
    )
    submit(page)  # the copied indicators, as they are
    fill_votes(page, [["0", "0", "1", "3", "1"]] * 3)
    submit(page)
    submit_for_review(page, base, own_id)
    scorecard_ids.append(own_id)

    page.goto(f"{base}/km/workspace/scorecards/meetings/new/")
    page.select_option("select[name=commune]", KRANG_TEH)
    page.fill("input[name=held_on]", datetime.date.today().isoformat())
    page.fill("input[name=attendance_female]", "២០")
    page.fill("input[name=attendance_male]", "១៥")
    submit(page)
    assert re.search(r"/meetings/\d+/$", page.url), "the meeting was not saved"
    page.select_option("select[name=action-provider]", str(health_centre.pk))
    page.select_option("select[name=action-indicator]", index=1)
    page.fill("textarea[name=action-action]", ACTION_TEXT)
    page.fill("input[name=action-responsible_party]", "Health centre chief")
    page.fill("input[name=action-starts_on]", datetime.date.today().isoformat())
    due = datetime.date.today() + datetime.timedelta(days=30)
    page.fill("input[name=action-due_on]", due.isoformat())
    with page.expect_navigation():
        page.click("button[name=add_action]")
    assert JaapAction.objects.filter(action=ACTION_TEXT).exists()
    page.screenshot(path="/tmp/shots/scorecard-jaap.png", full_page=True)

    # 3. The Mondulkiri reviewer publishes the three scorecards.
    reviewer = signed_in(chromium, base, "reviewer")
    for scorecard_id in scorecard_ids:
        reviewer.goto(f"{base}/km/workspace/scorecards/{scorecard_id}/")
        with reviewer.expect_navigation():
            reviewer.click("form[action$='/publish/'] button[type=submit]")
    assert set(
        Scorecard.objects.filter(pk__in=scorecard_ids).values_list("status", flat=True)
    ) == {"published"}

    # 4. A citizen, signed in as nobody, reads the medians and the action.
    citizen = chromium.new_context(viewport={"width": 390, "height": 844}).new_page()
    citizen.goto(f"{base}/km/scorecards/{scorecard_ids[0]}/")
    table = citizen.locator("table.results-table")
    # Women and men together voted 1, 3, 8, 8 and 4 times for scores 1 to 5 on
    # the first indicator: the 12th and 13th of 24 votes are 3 and 4, so the
    # community median is 3.5 (៣,៥); the provider's own median is 4 (៤). The
    # women's median (of 12 votes: 2,2,3,3,3,3,3,4,4,4,5,5) is 3 (៣).
    first_row = table.locator("tbody tr").first
    cells = first_row.locator("td strong").all_inner_texts()
    assert cells == ["៣,៥", "៤", "៣", "៤"], cells
    assert "ពេញចិត្ត" in first_row.inner_text()  # 4, the word for the face
    assert ACTION_TEXT in citizen.locator("table.jaap-table").inner_text()
    citizen.screenshot(path="/tmp/shots/scorecard-public-km.png", full_page=True)

    # The same citizen finds the medians and the action on the Krang Teh board.
    citizen.goto(f"{base}/km/communes/{KRANG_TEH}/")
    board = citizen.locator("section.scorecard-results")
    assert "៣,៥" in board.locator("table.results-table").first.inner_text()
    assert ACTION_TEXT in board.locator("table.jaap-table").inner_text()


def test_the_krang_teh_board_shows_medians_and_the_jaap(
    live_server, chromium, demo_world
):
    call_command("load_demo_scorecards", verbosity=0)
    citizen = chromium.new_context(viewport={"width": 390, "height": 844}).new_page()
    citizen.goto(f"{live_server.url}/km/communes/{KRANG_TEH}/")
    section = citizen.locator("section.scorecard-results")
    assert section.locator("table.results-table").count() >= 1
    assert section.locator("table.jaap-table tr.overdue").count() == 1
    citizen.screenshot(path="/tmp/shots/scorecard-board-km.png", full_page=True)
