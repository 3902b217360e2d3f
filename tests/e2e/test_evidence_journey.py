"""JAAP evidence in Chromium: a facilitator attaches a photo to a follow-up and
opens it; a web page disguised as a photo is refused beside the field; signed
out, the evidence's address and its stored name under /media/ answer 404."""

import datetime
from io import BytesIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from PIL import Image, ImageDraw

from tests import upload_files

from .conftest import JOURNEY, new_page, screenshot

# The scorecard journey's demo world (a fixture, used by name) and its sign-in.
from .test_scorecard_journey import demo_world, signed_in  # noqa: F401

pytestmark = JOURNEY


def well_photo() -> bytes:
    """A picture that looks like something (a well), as a phone's JPEG."""
    image = Image.new("RGB", (480, 320), (120, 170, 220))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 220, 480, 320), fill=(110, 90, 60))
    draw.ellipse((170, 150, 310, 250), fill=(90, 90, 90), outline=(40, 40, 40))
    draw.rectangle((230, 60, 250, 190), fill=(60, 60, 60))
    out = BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


@pytest.mark.usefixtures("demo_world")
def test_evidence_is_uploaded_seen_by_its_facilitator_and_hidden_from_others(
    live_server, browser, settings, tmp_path
):
    from scorecards.models import JaapAction, JaapFollowUp

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    call_command("load_demo_scorecards", verbosity=0)
    action = JaapAction.objects.order_by("pk").first()
    base = live_server.url
    page = signed_in(browser, base, "facilitator")
    action_url = f"{base}/km/workspace/scorecards/actions/{action.pk}/"
    page.goto(action_url)
    before = JaapFollowUp.objects.exclude(evidence="").count()
    today = datetime.date.today().isoformat()

    # A web page named like a photo is refused, in Khmer, beside the field.
    page.fill("input[name=follow_up-checked_on]", today)
    page.fill("textarea[name=follow_up-note]", "រូបថតអណ្តូង")
    page.set_input_files(
        "input[name=follow_up-evidence]",
        files=[
            {"name": "well.jpg", "mimeType": "image/jpeg", "buffer": upload_files.SVG}
        ],
    )
    with page.expect_navigation():
        page.click("button[name=add_follow_up]")
    error = page.locator("#id_follow_up-evidence_error, .errorlist").first
    assert "JPEG, PNG, WebP ឬ PDF" in page.content()
    assert error.is_visible()
    screenshot(page, "evidence-refused-km")
    assert JaapFollowUp.objects.exclude(evidence="").count() == before

    # A real photo is kept, and opens from the follow-up's row.
    page.fill("input[name=follow_up-checked_on]", today)
    page.fill("textarea[name=follow_up-note]", "រូបថតអណ្តូង")
    page.set_input_files(
        "input[name=follow_up-evidence]",
        files=[{"name": "អណ្តូង.jpg", "mimeType": "image/jpeg", "buffer": well_photo()}],
    )
    with page.expect_navigation():
        page.click("button[name=add_follow_up]")
    kept = JaapFollowUp.objects.exclude(evidence="").order_by("-pk").first()
    assert kept.evidence_type == "image/jpeg"
    screenshot(page, "evidence-kept-km")
    with translation.override("km"):
        evidence_path = reverse("scorecards:evidence", args=[kept.pk])
    link = page.locator(f"a[href='{evidence_path}']")
    assert link.count() == 1
    response = page.goto(f"{base}{evidence_path}")
    assert response.status == 200
    assert response.headers["content-type"] == "image/jpeg"
    assert response.headers["cache-control"] == "private, no-store"
    width = page.evaluate("document.images[0] && document.images[0].naturalWidth")
    assert width == 480  # Chromium shows the photo itself
    screenshot(page, "evidence-open")

    # Signed out: the address, and the stored name under /media/, are not found.
    stranger = new_page(browser)
    for path in (evidence_path, f"/media/{kept.evidence.name}"):
        response = stranger.goto(f"{base}{path}")
        assert response.status == 404, path
    screenshot(stranger, "evidence-anonymous")
    stranger.context.close()
    page.context.close()
