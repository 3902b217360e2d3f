"""The demo's voice clips: Krang Teh's published scorecard plays a real Opus
file beside each indicator and each point of the scale."""

import io
import re

import pytest
from django.core.management import call_command
from mutagen.oggopus import OggOpus

from communes.tests.factories import demo_gazetteer
from scorecards.models import Clip, Scorecard


@pytest.fixture
def demo(db):
    demo_gazetteer()
    call_command("load_demo_communes", verbosity=0)
    call_command("load_demo_scorecards", verbosity=0)
    call_command("make_demo_audio", verbosity=0, stdout=io.StringIO())


def test_krang_teh_public_page_plays_an_opus_clip_per_indicator(client, demo):
    women = Scorecard.objects.get(
        provider__code="HC11040101", group="women", status="published"
    )
    html = client.get(f"/km/scorecards/{women.pk}/").content.decode()
    table = html[html.index('class="results-table"') : html.index("</table>")]
    rows = table.count('<th scope="row">')
    sources = re.findall(r'<audio controls preload="none" src="([^"]+)"', table)
    assert rows == women.indicators.count() and len(sources) == rows
    assert len(re.findall(r"<audio ", html)) == rows + 5  # and the scale
    for src in sources:
        response = client.get(src)
        assert response.status_code == 200
        assert response["Content-Type"] == "audio/ogg"
        assert OggOpus(io.BytesIO(response.content)).info.length > 0


def test_demo_clips_are_marked_as_demo_and_made_once(demo):
    before = Clip.objects.count()
    assert before and not Clip.objects.filter(is_demo=False).exists()
    out = io.StringIO()
    call_command("make_demo_audio", stdout=out)
    assert Clip.objects.count() == before
    assert "nothing changed" in out.getvalue()
