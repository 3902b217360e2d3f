"""The field app of issue 14, in Chromium: a village meeting with no network.

The demo facilitator installs the app while online (the service worker takes the
page and the reference data), goes offline, records a meeting of two groups,
closes the page and opens it again (still offline: the meeting is there), goes
online and syncs; the scorecards are in the database once, even when the same
meeting is sent again. A meeting with more votes than people comes back refused,
with the reason in Khmer.

Elements are found by their ids and data attributes, not by their words.
"""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from .conftest import (
    DEMO_PASSWORD,
    JOURNEY,
    login,
    new_page,
    page_fits_its_width,
    screenshot,
)

pytestmark = JOURNEY

TABLET = {"width": 768, "height": 1024}
SMALL_PHONE = {"width": 360, "height": 780}
KHMER = r"[\u1780-\u17FF]"


@pytest.fixture
def demo_world(settings, tmp_path):
    from communes.tests.factories import demo_gazetteer

    settings.MEDIA_ROOT = tmp_path
    demo_gazetteer()
    call_command("load_demo_communes", verbosity=0)


def installed(page, base):
    """Open the app online and wait until its service worker controls the page."""
    page.goto(f"{base}/km/field/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.wait_for_function(
        "() => document.getElementById('fm-provider') !== null"
        " && !document.getElementById('field').hidden"
    )


def record_meeting(page, *, women, men, men_votes_for_5):
    """Start a meeting at the first provider, with two library indicators and one
    written on the day, and the women's and men's groups."""
    page.click("#field-new")
    page.select_option("#fm-provider", index=1)
    page.wait_for_function(
        "() => document.querySelectorAll('#fm-library input').length > 1"
    )
    page.select_option("#fm-village", index=1)
    page.locator("#fm-library input").nth(0).check()
    page.locator("#fm-library input").nth(1).check()
    page.fill("#fm-custom-text", "ទឹកស្អាតនៅសាលារៀន")
    page.click("#fm-custom-add")
    page.select_option("#fm-group-kind", "women")
    page.click("#fm-group-add")
    page.select_option("#fm-group-kind", "men")
    page.click("#fm-group-add")
    groups = page.locator("#fm-groups > fieldset")
    expect(groups).to_have_count(2)
    women_box, men_box = groups.nth(0), groups.nth(1)
    women_box.locator('[data-count="attendance_female"]').fill(women)
    women_box.locator('[data-count="attendance_youth"]').fill("២")
    women_box.locator("tbody tr").nth(0).locator("input").nth(3).fill("៤")
    women_box.locator("tbody tr").nth(2).locator("input").nth(4).fill("៦")
    men_box.locator('[data-count="attendance_male"]').fill(men)
    men_box.locator("tbody tr").nth(0).locator("input").nth(4).fill(men_votes_for_5)
    return women_box


def meeting_in_store(page):
    return page.evaluate(
        """() => new Promise((resolve) => {
            const open = indexedDB.open("isaf-field", 1);
            open.onsuccess = () => {
              const tx = open.result.transaction("meetings");
              const all = tx.objectStore("meetings").getAll();
              all.onsuccess = () => resolve(all.result);
            };
        })"""
    )


def mark_waiting_again(page, meeting_id):
    """As if the portal's answer had been lost: the phone sends it again."""
    page.evaluate(
        """(id) => new Promise((resolve) => {
            const open = indexedDB.open("isaf-field", 1);
            open.onsuccess = () => {
              const tx = open.result.transaction("meetings", "readwrite");
              const store = tx.objectStore("meetings");
              const get = store.get(id);
              get.onsuccess = () => {
                get.result.status = "waiting";
                store.put(get.result).onsuccess = () => resolve();
              };
            };
        })""",
        meeting_id,
    )


def sync(page):
    page.evaluate("document.getElementById('field-sync-result').textContent = ''")
    page.click("#field-sync")
    page.wait_for_function(
        "() => /[០-៩]/.test(document.getElementById('field-sync-result').textContent)"
    )


def test_a_meeting_recorded_offline_syncs_once(browser, live_server, demo_world):
    from scorecards.models import Scorecard

    base = live_server.url
    page = new_page(browser, viewport=TABLET)
    context = page.context
    login(page, live_server, "facilitator", DEMO_PASSWORD)
    installed(page, base)
    cached = page.evaluate(
        "async () => !!(await caches.match(location.pathname + 'reference.json'))"
    )
    assert cached, "the reference data was not kept for offline use"
    screenshot(page, "field-online-tablet")

    context.set_offline(True)
    page.reload()
    page.wait_for_function("() => !document.getElementById('field').hidden")
    record_meeting(page, women="១២", men="៨", men_votes_for_5="៧")
    remark = (
        page.locator("#fm-groups > fieldset")
        .nth(1)
        .locator('[data-remark="suggestion"]')
    )
    remark.fill("បើកមណ្ឌលឱ្យទាន់ម៉ោង")
    page.wait_for_timeout(300)
    screenshot(page, "field-offline-meeting")
    page.close()

    # The browser was closed with nothing pressed: the meeting is still there.
    page = context.new_page()
    page.goto(f"{base}/km/field/")
    page.wait_for_function(
        "() => document.querySelectorAll('#field-list li').length === 1"
    )
    page.click("#field-list [data-open]")
    expect(page.locator("#fm-groups > fieldset")).to_have_count(2)
    men_box = page.locator("#fm-groups > fieldset").nth(1)
    assert (
        men_box.locator('[data-remark="suggestion"]').input_value() == "បើកមណ្ឌលឱ្យទាន់ម៉ោង"
    )
    assert men_box.locator('[data-count="attendance_male"]').input_value() == "៨"
    page.click("#fm-ready")
    expect(page.locator("#field-list .is-waiting")).to_have_count(1)
    screenshot(page, "field-offline-waiting")

    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    sync(page)
    expect(page.locator("#field-list .is-saved")).to_have_count(1)
    scorecards = Scorecard.objects.filter(is_demo=False)
    assert sorted(scorecards.values_list("group", flat=True)) == ["men", "women"]
    women = scorecards.get(group="women")
    assert (women.attendance_female, women.attendance_youth) == (12, 2)
    assert [i.votes for i in women.indicators.order_by("position")] == [
        (0, 0, 0, 4, 0),
        (0, 0, 0, 0, 0),
        (0, 0, 0, 0, 6),
    ]
    men = scorecards.get(group="men")
    assert list(men.remarks.values_list("text", flat=True)) == ["បើកមណ្ឌលឱ្យទាន់ម៉ោង"]

    [meeting] = meeting_in_store(page)
    mark_waiting_again(page, meeting["id"])
    page.reload()
    expect(page.locator("#field-list .is-waiting")).to_have_count(1)
    sync(page)
    expect(page.locator("#field-list .is-saved")).to_have_count(1)
    assert Scorecard.objects.filter(is_demo=False).count() == 2
    page.context.close()


def test_a_refused_meeting_comes_back_in_khmer(browser, live_server, demo_world):
    from scorecards.models import Scorecard

    base = live_server.url
    page = new_page(browser, viewport=SMALL_PHONE)
    login(page, live_server, "facilitator", DEMO_PASSWORD)
    installed(page, base)
    page.context.set_offline(True)
    # Nine men give nine scores of 5 to the first indicator, but only eight came.
    record_meeting(page, women="១២", men="៨", men_votes_for_5="៩")
    assert page_fits_its_width(page), "the meeting form is wider than a 360 px phone"
    page.click("#fm-ready")
    page.context.set_offline(False)
    sync(page)
    refused = page.locator("#field-list .is-refused")
    expect(refused).to_have_count(1)
    reason = refused.locator(".field-reason").inner_text()
    assert "ក្រុមបុរស" in reason and "៩" in reason and "៨" in reason
    assert re.search(KHMER, reason)
    assert not Scorecard.objects.filter(is_demo=False).exists()
    screenshot(page, "field-refused-phone")
    # Fixed on the phone and marked ready again, it is saved.
    page.click("#field-list [data-open]")
    expect(page.locator("#field-reason")).to_be_visible()
    men_box = page.locator("#fm-groups > fieldset").nth(1)
    men_box.locator('[data-count="attendance_male"]').fill("៩")
    page.click("#fm-ready")
    expect(page.locator("#field-list .is-waiting")).to_have_count(1)
    sync(page)
    expect(page.locator("#field-list .is-saved")).to_have_count(1)
    assert Scorecard.objects.filter(is_demo=False).count() == 2
    page.context.close()
