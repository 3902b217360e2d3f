"""The manual's pictures: each role's journey on the demo, in Khmer and English.

Each step of each guide (portal/help.py) is a page of the portal; this test opens
it as that role would, at a phone's size for citizens and a desk's for staff, and
writes the picture the guide shows into ``static/help/<lang>/<role>-<step>.png``.
Commit the pictures it changes: the guides then show the portal as it is.

It then opens every guide in both languages and checks that each picture is there
and loads.
"""

import datetime
import io
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from PIL import Image

from communes.models import ServiceProvider
from i4c import services as i4c_services
from i4c.models import Package
from portal import help
from scorecards.models import InterfaceMeeting, Scorecard

from .conftest import (
    DEMO_PASSWORD,
    JOURNEY,
    load_demo_data,
    login,
    new_page,
    page_fits_its_width,
    screenshot,
)

pytestmark = JOURNEY

STATIC_HELP = Path(settings.BASE_DIR) / "static" / "help"
LANGUAGES = ("km", "en")
# A picture is a screen, not a poster: a guide of five or six stays light.
MAX_PICTURE_BYTES = 120_000
KRANG_TEH = "110401"
# The step's subject at the top of the window, with a little air above it.
SCROLL_TO_TOP = "e => { e.scrollIntoView({block: 'start'}); window.scrollBy(0, -12); }"


def _write_picture(png: bytes, *, guide: help.Guide, key: str, lang: str) -> Path:
    """Shrink a screenshot to the guide's picture size and keep it small: a
    palette of 128 colours keeps text sharp at a third of the bytes."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    size = help.PICTURE_SIZES[guide.device]
    if image.size != size:
        image = image.resize(size, Image.Resampling.LANCZOS)
    image = image.quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    name = help.image_name(lang=lang, role=guide.role, key=key)
    path = Path(settings.BASE_DIR) / "static" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)
    return path


class Camera:
    """Opens a step's page in each language and photographs it."""

    def __init__(self, browser, live_server, role: str, username: str | None):
        self.guide = help.guide_get(role)
        self.base = live_server.url
        width, height = help.VIEWPORTS[self.guide.device]
        self.page = new_page(browser, viewport={"width": width, "height": height})
        if username:
            login(self.page, live_server, username, DEMO_PASSWORD)
        self.taken: list[str] = []

    def shoot(self, key: str, path: str, *, anchor: str | None = None, before=None):
        """`path` has `{lang}` where the language goes; `anchor` is scrolled to
        the top of the window; `before(page)` fills in what the step shows."""
        assert key in [s.key for s in self.guide.steps], f"{key} is not a step"
        for lang in LANGUAGES:
            page = self.page
            # The admin has no language prefix: it follows the browser's language.
            page.context.add_cookies(
                [
                    {
                        "name": settings.LANGUAGE_COOKIE_NAME,
                        "value": lang,
                        "url": self.base,
                    }
                ]
            )
            response = page.goto(self.base + path.format(lang=lang))
            assert response.status < 400, f"{path} answered {response.status}"
            page.evaluate("document.fonts.ready")
            if before:
                before(page)
            if anchor:
                page.locator(anchor).first.evaluate(SCROLL_TO_TOP)
            picture = _write_picture(
                page.screenshot(), guide=self.guide, key=key, lang=lang
            )
            self.taken.append(f"{lang}/{picture.name}")

    def close(self):
        self.page.context.close()


def _citizen(browser, live_server):
    camera = Camera(browser, live_server, "citizen", None)
    camera.shoot(
        "home",
        "/{lang}/",
        before=lambda page: page.fill("input[name=q]", "ក្រង់តេះ"),
    )
    camera.shoot("finder", "/{lang}/communes/?q=Krang+Teh")
    camera.shoot("board", f"/{{lang}}/communes/{KRANG_TEH}/", anchor="#i4c-board-title")
    camera.shoot(
        "services", f"/{{lang}}/communes/{KRANG_TEH}/", anchor="#i4c-providers"
    )
    published = Scorecard.objects.filter(status="published").order_by("pk").first()
    camera.shoot("scorecard", f"/{{lang}}/scorecards/{published.pk}/")
    camera.close()
    return camera.taken


def _councillor(browser, live_server):
    user = get_user_model().objects.get(username="councillor")
    taken = []
    anonymous = Camera(browser, live_server, "councillor", None)

    def fill_sign_in(page):
        page.fill("input[name=username]", "councillor")
        page.fill("input[name=password]", DEMO_PASSWORD)

    anonymous.shoot("sign-in", "/{lang}/accounts/login/", before=fill_sign_in)
    anonymous.close()
    taken += anonymous.taken

    camera = Camera(browser, live_server, "councillor", "councillor")
    camera.shoot("workspace", "/{lang}/workspace/")
    camera.shoot(
        "start",
        "/{lang}/workspace/i4c/",
        anchor="form[action$='/workspace/i4c/start/']",
    )
    # This year's package, started from last year's as the guide says.
    provider = ServiceProvider.objects.get(code=f"C{KRANG_TEH}")
    package = i4c_services.package_create(
        user=user,
        provider=provider,
        year=timezone.localdate().year,
        copy_previous=True,
    )
    camera.shoot("section", f"/{{lang}}/workspace/i4c/{package.pk}/revenue/")
    camera.shoot("workbook", "/{lang}/workspace/i4c/workbook/")
    camera.shoot(
        "submit",
        f"/{{lang}}/workspace/i4c/{package.pk}/",
        anchor="form[action$='/submit/']",
    )
    published = (
        Package.objects.filter(provider=provider, published_version__isnull=False)
        .order_by("-year")
        .first()
    )
    camera.shoot(
        "print", f"/{{lang}}/workspace/i4c/{published.pk}/", anchor=".print-buttons"
    )
    camera.close()
    # The reviewer's queue gets the package, with actual revenue to compare.
    package.refresh_from_db()
    rows = [
        {
            "side": line.side,
            "category": line.category,
            "planned": line.planned,
            "actual": line.planned * 9 // 10,
        }
        for line in package.budget_lines.filter(side="revenue").order_by("pk")
    ]
    package = i4c_services.package_section_save(
        package=package,
        user=user,
        version=package.version,
        section_key="revenue",
        rows=rows,
    )
    i4c_services.package_submit(package=package, user=user, version=package.version)
    return taken + camera.taken


def _facilitator(browser, live_server):
    camera = Camera(browser, live_server, "facilitator", "facilitator")
    camera.shoot("workspace", "/{lang}/workspace/")
    health_centre = (
        Package.objects.filter(
            provider__code="HC11040101", published_version__isnull=False
        )
        .order_by("-year")
        .first()
    )
    camera.shoot("package", f"/{{lang}}/workspace/i4c/{health_centre.pk}/")
    camera.shoot(
        "dissemination", f"/{{lang}}/workspace/i4c/{health_centre.pk}/dissemination/"
    )
    camera.shoot("scorecard", "/{lang}/workspace/scorecards/new/")
    meeting = InterfaceMeeting.objects.order_by("pk").first()
    camera.shoot("jaap", f"/{{lang}}/workspace/scorecards/meetings/{meeting.pk}/")
    camera.close()
    return camera.taken


def _reviewer(browser, live_server):
    camera = Camera(browser, live_server, "reviewer", "reviewer")
    camera.shoot("queue", "/{lang}/review/")
    # The councillor's submission is dated on the pictures' day, not today.
    assert "16 March 2026" in camera.page.inner_text("main")
    submitted = Package.objects.get(status="submitted", provider__code=f"C{KRANG_TEH}")
    camera.shoot("review", f"/{{lang}}/review/{submitted.pk}/")
    camera.shoot(
        "decide", f"/{{lang}}/review/{submitted.pk}/", anchor="form.card:has(textarea)"
    )
    # The demo's submitted scorecard is in Battambang: the Mondulkiri reviewer
    # reads one of the province's published ones.
    scorecard = (
        Scorecard.objects.filter(provider__commune__district__province_id="11")
        .order_by("-status", "pk")
        .first()
    )
    camera.shoot(
        "scorecard",
        f"/{{lang}}/workspace/scorecards/{scorecard.pk}/",
        anchor="#ov-scores",
    )
    camera.shoot("dashboard", "/{lang}/dashboard/")
    camera.close()
    return camera.taken


def _secretariat(browser, live_server):
    camera = Camera(browser, live_server, "secretariat", "ncdd")
    camera.shoot("workspace", "/{lang}/workspace/", anchor="main h2")
    camera.shoot("dashboard", "/{lang}/dashboard/")
    camera.shoot("coverage", "/{lang}/dashboard/coverage/")
    camera.shoot("printing", "/{lang}/printing/batches/")
    camera.shoot("admin", "/admin/")
    camera.close()
    return camera.taken


JOURNEYS = {
    "citizen": _citizen,
    "councillor": _councillor,
    "facilitator": _facilitator,
    "reviewer": _reviewer,
    "secretariat": _secretariat,
}


# The demo is loaded and photographed on this day, whatever today is: dates
# and fiscal years in the pictures stay the same from one run to the next, so
# that a run changes a picture only when the page itself changed.
PICTURE_DAY = datetime.datetime(2026, 3, 16, 9, 0, tzinfo=ZoneInfo("Asia/Phnom_Penh"))


@pytest.fixture
def demo_data():
    # The clock moves on from PICTURE_DAY (sessions, timeouts work as usual).
    with time_machine.travel(PICTURE_DAY, tick=True):
        load_demo_data()
        yield


def test_each_guide_shows_pictures_of_its_journey(live_server, demo_data, browser):
    assert list(JOURNEYS) == list(help.ROLES)
    taken = []
    # In the guides' order: the councillor's submission is what the reviewer reviews.
    for role in help.ROLES:
        taken += JOURNEYS[role](browser, live_server)

    # Every step of every guide was photographed in both languages, once.
    expected = sorted(
        f"{lang}/{guide.role}-{step.key}.png"
        for guide in help.GUIDES
        for step in guide.steps
        for lang in LANGUAGES
    )
    assert sorted(taken) == expected
    for name in expected:
        size = (STATIC_HELP / name).stat().st_size
        assert 0 < size <= MAX_PICTURE_BYTES, f"{name} weighs {size} bytes"

    # Every guide shows all its pictures, in both languages.
    reader = new_page(browser, viewport={"width": 360, "height": 720})
    for guide in help.GUIDES:
        for lang in LANGUAGES:
            reader.goto(f"{live_server.url}/{lang}/help/{guide.role}/")
            images = reader.locator(".help-steps img")
            assert images.count() == len(guide.steps)
            for index in range(images.count()):
                image = images.nth(index)
                image.scroll_into_view_if_needed()
                reader.wait_for_function(
                    "img => img.complete", arg=image.element_handle()
                )
                assert image.evaluate("img => img.naturalWidth") == (
                    guide.picture_width
                ), f"{guide.role} step {index + 1} in {lang} did not load"
            assert page_fits_its_width(reader)
            screenshot(reader, f"help-{guide.role}-{lang}-360")
    reader.context.close()
