"""Voice clips in Chromium: a facilitator records an indicator of the library
with the microphone (Chromium's fake audio device plays a beep), saves it, and a
citizen plays it beside the results on the public scorecard page."""

import pytest
from django.core.management import call_command

from scorecards.models import Clip, LibraryIndicator, Scorecard

from .conftest import CHROMIUM, CHROMIUM_ARGS, DEMO_PASSWORD, JOURNEY, new_page

pytestmark = JOURNEY

KRANG_TEH_HEALTH_CENTRE = "HC11040101"
# A microphone without a person: a fake device that plays a tone, and consent
# given without asking.
FAKE_MICROPHONE = [
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    "--autoplay-policy=no-user-gesture-required",
]


@pytest.fixture(scope="module")
def chromium_with_microphone(browser):
    """A second Chromium from the run's one Playwright (two Playwrights cannot
    run in one thread), with the fake microphone."""
    with_microphone = browser.browser_type.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS + FAKE_MICROPHONE
    )
    yield with_microphone
    with_microphone.close()


@pytest.fixture
def demo_world(settings, tmp_path):
    from communes.tests.factories import demo_gazetteer

    settings.MEDIA_ROOT = tmp_path
    demo_gazetteer()
    call_command("load_demo_communes", verbosity=0)
    call_command("load_demo_scorecards", verbosity=0)


def test_a_recorded_clip_plays_on_the_public_page(
    chromium_with_microphone, live_server, demo_world
):
    indicator = LibraryIndicator.objects.get(code="hc-staff-numbers")
    owner = f"library-{indicator.pk}"
    page = new_page(chromium_with_microphone)
    page.goto(f"{live_server.url}/km/accounts/login/")
    page.fill("input[name=username]", "facilitator")
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")

    page.goto(f"{live_server.url}/km/workspace/scorecards/voice/")
    form = page.locator(f"#{owner}")
    form.locator(".recorder-record").click()
    page.wait_for_timeout(2000)
    form.locator(".recorder-stop").click()
    # The recording is in the upload field, and the preview plays it.
    form.locator(".recorder-preview").wait_for(state="visible")
    assert form.locator("input[type=file]").evaluate("i => i.files.length") == 1
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator(".message-error, .errorlist").count() == 0

    clip = Clip.objects.get(library_indicator=indicator)
    assert clip.is_public and 1 < clip.seconds < 4
    assert clip.file.open("rb").read(4) == b"OggS"

    women = Scorecard.objects.get(
        provider__code=KRANG_TEH_HEALTH_CENTRE, group="women", status="published"
    )
    citizen = new_page(chromium_with_microphone)
    citizen.goto(f"{live_server.url}/km/scorecards/{women.pk}/")
    player = citizen.locator(f'audio[src$="{clip.token}.ogg"]')
    assert player.count() == 1
    state = player.evaluate(
        """async (audio) => {
            await audio.play();
            await new Promise((done) => setTimeout(done, 500));
            return {ready: audio.readyState, duration: audio.duration,
                    time: audio.currentTime, error: audio.error && audio.error.code};
        }"""
    )
    assert state["error"] is None
    assert state["ready"] > 0 and state["duration"] > 0 and state["time"] > 0
    page.context.close()
    citizen.context.close()
