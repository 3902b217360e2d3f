"""axe-core on every page kind, public and signed in, at 360 px and 1280 px.

axe-core comes from npm (package.json, pinned by package-lock.json; `make
install-test` runs `npm ci`). Every serious or critical violation fails the test,
named with the page, the width, the rule and the first elements it found, so that
the failure says what to mend.
"""

from pathlib import Path

import pytest

from .conftest import DEMO_PASSWORD, JOURNEY, load_demo_data, login, new_page

pytestmark = JOURNEY

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (360, 1280)
KRANG_TEH = "110401"

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3)
      .map(n => n.target.join(" ")).join(" | ")}`);
}"""


@pytest.fixture
def demo_data():
    load_demo_data("i4c", "scorecards")


def _ids():
    """Ids of one of each thing the signed-in pages show, from the demo data."""
    from i4c.models import Package
    from scorecards.models import InterfaceMeeting, JaapAction, Scorecard

    krang_teh = Package.objects.filter(provider__commune__code=KRANG_TEH)
    return {
        "package": krang_teh.filter(provider__kind="commune").order_by("-year")[0].pk,
        "scorecard": Scorecard.objects.filter(status="published").order_by("pk")[0].pk,
        "meeting": InterfaceMeeting.objects.order_by("pk").values_list("pk", flat=True)[
            0
        ],
        "action": JaapAction.objects.order_by("pk")[0].pk,
    }


def _public_pages(ids):
    return [
        "/km/",
        "/en/",
        "/km/about/",
        "/km/documents/",
        "/km/communes/",
        "/km/communes/?q=krang",
        "/km/communes/provinces/11/",
        "/km/communes/districts/1104/",
        f"/km/communes/{KRANG_TEH}/",
        f"/en/communes/{KRANG_TEH}/",
        f"/km/communes/{KRANG_TEH}/2025/",
        "/km/providers/HC11040101/",
        "/en/providers/PS11040101/",
        f"/km/scorecards/{ids['scorecard']}/",
        "/km/accounts/login/",
        "/km/no-such-page/",
    ]


def _signed_in_pages(ids):
    package, scorecard = ids["package"], ids["scorecard"]
    return {
        "councillor": [
            "/km/workspace/",
            "/km/workspace/i4c/",
            f"/km/workspace/i4c/{package}/",
            f"/km/workspace/i4c/{package}/revenue/",
            f"/km/workspace/i4c/{package}/projects/",
        ],
        "facilitator": [
            "/km/workspace/",
            "/km/workspace/scorecards/",
            "/km/workspace/scorecards/new/",
            f"/km/workspace/scorecards/{scorecard}/",
            f"/km/workspace/scorecards/{scorecard}/votes/",
            f"/km/workspace/scorecards/meetings/{ids['meeting']}/",
            f"/km/workspace/scorecards/actions/{ids['action']}/",
        ],
        "ncdd": [
            "/km/workspace/",
            "/km/dashboard/",
            "/km/dashboard/?province=11",
            "/km/dashboard/map/",
            "/km/dashboard/coverage/",
            "/km/review/",
            "/km/printing/batches/",
            "/km/accounts/password/change/",
        ],
    }


def _violations(page, base, path):
    found = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 740})
        page.goto(base + path)
        page.wait_for_load_state()
        page.add_script_tag(path=str(AXE))
        found += [f"{path} at {width} px: {v}" for v in page.evaluate(RUN_AXE)]
    return found


def test_no_page_has_a_serious_or_critical_axe_violation(
    live_server, demo_data, browser
):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make install-test` (npm ci).")
    ids = _ids()
    base = live_server.url
    found = []
    # axe is injected as an inline script, which the portal's own policy forbids.
    citizen = new_page(browser, bypass_csp=True)
    for path in _public_pages(ids):
        found += _violations(citizen, base, path)
    citizen.context.close()
    for username, paths in _signed_in_pages(ids).items():
        page = new_page(browser, bypass_csp=True)
        login(page, live_server, username, DEMO_PASSWORD)
        for path in paths:
            found += _violations(page, base, path)
        page.context.close()
    assert not found, "\n".join(found)
