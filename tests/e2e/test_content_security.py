"""The Content-Security-Policy in Chromium: the main pages of every kind, public and
signed in, with the dashboard's charts and map, a package form, the voice recorder
recording, the field app with its service worker and the admin, log no violation of
the policy (every script and style comes from a file, none inline)."""

import pytest

from .conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DEMO_PASSWORD,
    JOURNEY,
    load_demo_data,
    login,
    new_page,
    screenshot,
)
from .test_voice_clips import FAKE_MICROPHONE

pytestmark = JOURNEY
KRANG_TEH = "110401"


def _ids():
    """Ids of one of each thing the signed-in pages show, from the demo data."""
    from i4c.models import Package
    from scorecards.models import Scorecard

    krang_teh = Package.objects.filter(provider__commune__code=KRANG_TEH)
    return {
        "package": krang_teh.filter(provider__kind="commune").order_by("-year")[0].pk,
        "scorecard": Scorecard.objects.filter(status="published").order_by("pk")[0].pk,
    }


# Each violation, as the page itself sees it, kept in the page until read.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture(scope="module")
def chromium(browser):
    """Chromium with a fake microphone, so that the recorder really records."""
    launched = browser.browser_type.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS + FAKE_MICROPHONE
    )
    yield launched
    launched.close()


def watched(chromium, viewport=None):
    """A page whose console and violation events are collected in `page.found`."""
    page = new_page(chromium, **({"viewport": viewport} if viewport else {}))
    page.found = []
    page.add_init_script(LISTEN)
    page.on(
        "console",
        lambda message: (
            page.found.append(f"console: {message.text}")
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    return page


def visit(page, url, name=None):
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response.status in (200, 404), f"{url}: {response.status}"
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.found += [f"{url}: {v}" for v in page.evaluate("window.__violations")]
    if name:
        screenshot(page, f"csp-{name}")


def test_the_main_pages_break_no_rule_of_the_policy(chromium, live_server):
    load_demo_data("i4c", "scorecards")
    ids = _ids()
    base = live_server.url
    found = []

    citizen = watched(chromium)
    for path, name in [
        ("/km/", "home"),
        ("/km/communes/?q=krang", "finder"),
        (f"/km/communes/{KRANG_TEH}/", "commune"),
        (f"/km/communes/{KRANG_TEH}/2025/", "board"),
        (f"/km/communes/{KRANG_TEH}/2025/", None),  # from storage this time
        (f"/km/scorecards/{ids['scorecard']}/", "scorecard"),
        ("/km/help/", None),
        ("/km/no-such-page/", None),
    ]:
        visit(citizen, base + path, name)
    found += citizen.found
    # The watch itself: an inline script added to the page is refused, and seen.
    citizen.evaluate(
        """() => { const s = document.createElement("script");
                   s.textContent = "window.__ran = true";
                   document.body.append(s); }"""
    )
    citizen.wait_for_function("() => window.__violations.length > 0")
    assert citizen.evaluate("window.__ran") is None
    assert "script-src" in citizen.evaluate("window.__violations")[0]
    citizen.context.close()

    councillor = watched(chromium)
    login(councillor, live_server, "councillor", DEMO_PASSWORD)
    for section in ("revenue", "projects"):
        visit(councillor, f"{base}/km/workspace/i4c/{ids['package']}/{section}/")
    screenshot(councillor, "csp-package-form")
    found += councillor.found
    councillor.context.close()

    facilitator = watched(chromium)
    login(facilitator, live_server, "facilitator", DEMO_PASSWORD)
    visit(facilitator, f"{base}/km/workspace/scorecards/{ids['scorecard']}/votes/")
    visit(facilitator, f"{base}/km/workspace/scorecards/voice/", "voice")
    recorder = facilitator.locator("form:has(.recorder-record)").first
    recorder.locator(".recorder-record").click()
    facilitator.wait_for_timeout(1500)
    recorder.locator(".recorder-stop").click()
    recorder.locator(".recorder-preview").wait_for(state="visible")
    facilitator.wait_for_timeout(300)
    facilitator.found += facilitator.evaluate("window.__violations")
    visit(facilitator, f"{base}/km/field/", "field")
    facilitator.wait_for_function("() => navigator.serviceWorker.controller !== null")
    found += facilitator.found
    facilitator.context.close()

    ncdd = watched(chromium, viewport={"width": 1280, "height": 800})
    login(ncdd, live_server, "ncdd", DEMO_PASSWORD)
    for path, name in [
        ("/km/dashboard/", "dashboard"),
        ("/km/dashboard/map/", "map"),
        ("/km/dashboard/coverage/", None),
        ("/km/review/", None),
        ("/admin/", None),
        ("/admin/communes/commune/", "admin-changelist"),
        ("/admin/auth/user/add/", None),
    ]:
        visit(ncdd, base + path, name)
    found += ncdd.found
    ncdd.context.close()
    assert found == []
