"""Voice clips: recording and uploading them, who may hear a draft's clip, and
the players on the public page."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from isaf.audio import CLIP_MAX_BYTES, tone_clip
from scorecards import services
from scorecards.models import Clip, LibraryIndicator
from scorecards.models.audio import clip_storage
from scorecards.selectors import (
    clip_url_for,
    clips_for_scorecard,
    library_clip_urls,
    scale_clip_urls,
)
from scorecards.services import IndicatorChoice
from tests import quality

from .conftest import build_published
from .steps import (
    choose_indicators,
    create,
    library_choices,
    publish,
    set_votes,
    submit,
)

TODAY = datetime.date.today()
NIGHT_AMBULANCE = "ឡានដឹកអ្នកជំងឺពេលយប់"


@pytest.fixture(scope="module")
def tone():
    return tone_clip(seconds=1.5)


def upload(data: bytes, name: str = "clip.ogg", content_type="audio/ogg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def with_written_indicator(world):
    scorecard = create(world)
    choose_indicators(
        world,
        scorecard,
        [*library_choices(2), IndicatorChoice(custom_name=NIGHT_AMBULANCE)],
    )
    return scorecard


def written(scorecard):
    return scorecard.indicators.get(library_indicator=None)


def post_clip(client, url, owner, file):
    return client.post(url, {"owner": owner, f"{owner}-clip": file})


# Recording ------------------------------------------------------------------


def test_a_facilitator_uploads_a_clip_for_an_indicator_written_on_the_day(
    client, world, tone
):
    scorecard = with_written_indicator(world)
    indicator = written(scorecard)
    client.force_login(world.facilitator)
    url = reverse("scorecards:voice", args=[scorecard.pk])
    owner = f"indicator-{indicator.pk}"
    response = post_clip(client, url, owner, upload(tone))
    assert response.status_code == 302
    clip = Clip.objects.get(scorecard_indicator=indicator)
    assert clip.is_public is False
    assert clip.file.name.startswith("audio/private/")
    assert clip.file.read().startswith(b"OggS")
    assert clips_for_scorecard(scorecard) == {indicator.pk: clip_url_for(indicator)}


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"<html><body>hi</body></html>", "a.ogg", "មិនមែនជាការថតដែលវិបផតថល"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "clip.ogg", "ទទួលយកទេ"),
        (b"PK\x03\x04" + b"\0" * 100, "clip.webm", "ទទួលយកទេ"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\0" * 500, "clip.webm", "ទទួលយកទេ"),
        (b"OggS" + b"\1" * CLIP_MAX_BYTES, "clip.ogg", "ធំពេក"),
        # Far beyond DATA_UPLOAD_MAX_MEMORY_SIZE: streamed to a temporary file
        # by Django, refused by its size, never read whole.
        (b"OggS" + b"\1" * (25 * 1024 * 1024), "clip.ogg", "ធំពេក"),
    ],
    ids=["html", "svg", "zip", "jpeg-named-webm", "too-big", "far-too-big"],
)
def test_a_bad_upload_is_refused_beside_the_field_in_khmer(
    client, world, data, name, expected
):
    scorecard = with_written_indicator(world)
    indicator = written(scorecard)
    client.force_login(world.facilitator)
    url = reverse("scorecards:voice", args=[scorecard.pk])
    owner = f"indicator-{indicator.pk}"
    response = post_clip(client, url, owner, upload(data, name))
    assert response.status_code == 200
    errors = response.context["rows"][-1]["form"].errors["clip"]
    assert expected in " ".join(errors)
    html = response.content.decode()
    assert html.index('class="errorlist"') > html.index(f'id="{owner}"')
    assert not Clip.objects.exists()
    quality.record("hostile.tried")


def test_a_too_long_clip_is_refused_with_a_khmer_error(client, world):
    scorecard = with_written_indicator(world)
    indicator = written(scorecard)
    client.force_login(world.facilitator)
    url = reverse("scorecards:voice", args=[scorecard.pk])
    response = post_clip(
        client, url, f"indicator-{indicator.pk}", upload(tone_clip(seconds=61))
    )
    assert response.status_code == 200
    assert "ការថតវែងពេក៖ យ៉ាងច្រើន ៦០ វិនាទី។" in response.content.decode()
    assert not Clip.objects.exists()


def test_the_library_and_scale_clips_are_public_at_once(client, world, tone):
    client.force_login(world.facilitator)
    indicator = LibraryIndicator.objects.filter(provider_kind="health_centre")[0]
    url = reverse("scorecards:voice-library")
    assert client.get(url).status_code == 200
    assert post_clip(client, url, "scale-4", upload(tone)).status_code == 302
    owner = f"library-{indicator.pk}"
    assert post_clip(client, url, owner, upload(tone)).status_code == 302
    clips = Clip.objects.all()
    assert [c.is_public for c in clips] == [True, True]
    assert all(c.file.name.startswith("audio/public/") for c in clips)
    assert set(scale_clip_urls()) == {4}
    assert library_clip_urls([indicator.pk]) == {indicator.pk: clip_url_for(indicator)}


def test_recording_again_replaces_the_clip_under_a_new_name(world, tone):
    indicator = LibraryIndicator.objects.filter(provider_kind="health_centre")[0]
    first = services.library_clip_record(
        indicator=indicator, user=world.facilitator, recording=recording(tone)
    )
    first_name = first.file.name
    again = services.library_clip_record(
        indicator=indicator, user=world.facilitator, recording=recording(tone)
    )
    assert again.pk == first.pk and again.file.name != first_name
    assert Clip.objects.count() == 1


def test_a_councillor_cannot_record_library_clips(client, world):
    client.force_login(world.councillor)
    assert client.get(reverse("scorecards:voice-library")).status_code == 404


def recording(data):
    import io

    from isaf.audio import opus_clip_from_upload

    return opus_clip_from_upload(io.BytesIO(data))


# Who may hear a draft's clip --------------------------------------------------


def test_a_drafts_clip_is_heard_only_by_people_in_scope(client, world, tone):
    scorecard = with_written_indicator(world)
    clip = services.indicator_clip_record(
        indicator=written(scorecard), user=world.facilitator, recording=recording(tone)
    )
    url = reverse("scorecards:clip", kwargs={"token": clip.token})
    # Anyone who only knows (or edits) the address gets nothing.
    assert client.get(url).status_code == 404
    outsider = create_outsider(world)
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(world.facilitator)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/ogg"
    assert response["Cache-Control"] == "private, no-store"
    assert response.content == clip.file.open("rb").read()


def create_outsider(world):
    from communes.models import Role
    from communes.tests import factories as cf

    other = cf.OrganisationFactory()
    cf.CoverageFactory(
        organisation=other, district=world.elsewhere.district, cycle=world.cycle
    )
    return cf.user_with_role(
        "other-fac", kind=Role.Kind.FACILITATOR, organisation=other
    )


def test_a_made_up_clip_address_is_not_found(client, world):
    url = "/km/scorecards/clips/00000000-0000-0000-0000-000000000000.ogg"
    assert client.get(url).status_code == 404
    assert client.get("/km/scorecards/clips/not-a-name.ogg").status_code == 404


# Publishing and the public page -------------------------------------------------


def test_publishing_moves_the_written_indicators_clip_to_public_storage(
    client, world, tone, django_capture_on_commit_callbacks
):
    scorecard = with_written_indicator(world)
    indicator = written(scorecard)
    clip = services.indicator_clip_record(
        indicator=indicator, user=world.facilitator, recording=recording(tone)
    )
    private_name = clip.file.name
    set_votes(world, scorecard, {indicator.pk: [0, 1, 2, 3, 1]})
    submit(world, scorecard)
    with django_capture_on_commit_callbacks(execute=True):
        publish(world, scorecard)
    clip.refresh_from_db()
    assert clip.is_public and clip.file.name.startswith("audio/public/")
    assert not clip_storage(public=False).exists(private_name)
    response = client.get(reverse("scorecards:clip", kwargs={"token": clip.token}))
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]


def test_the_public_page_plays_each_indicators_clip_and_the_scale(client, world, tone):
    published = build_published(world, indicators=2)
    for indicator in LibraryIndicator.objects.filter(
        pk__in=published[0].indicators.values("library_indicator")
    ):
        services.library_clip_record(
            indicator=indicator, user=world.facilitator, recording=recording(tone)
        )
    for level in range(1, 6):
        services.scale_clip_record(
            level=level, user=world.facilitator, recording=recording(tone)
        )
    html = client.get(reverse("scorecards:public", args=[published[0].pk])).content
    html = html.decode()
    assert html.count('<audio controls preload="none"') == 2 + 5
    assert "<script" not in html.split("<main", 1)[-1]
    assert "ស្ដាប់៖" in html  # each player has a text label
    src = html.split('<audio controls preload="none" src="', 1)[1].split('"', 1)[0]
    response = client.get(src)
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/ogg"
    assert response.content.startswith(b"OggS")


def test_a_clip_answers_a_byte_range(client, world, tone):
    indicator = LibraryIndicator.objects.filter(provider_kind="health_centre")[0]
    clip = services.library_clip_record(
        indicator=indicator, user=world.facilitator, recording=recording(tone)
    )
    url = reverse("scorecards:clip", kwargs={"token": clip.token})
    response = client.get(url, headers={"Range": "bytes=4-9"})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 4-9/{clip.size}"
    assert response.content == clip.file.open("rb").read()[4:10]


def test_the_commune_board_plays_the_clips_too(client, world, tone):
    published = build_published(world, indicators=1)
    indicator = published[0].indicators.first().library_indicator
    services.library_clip_record(
        indicator=indicator, user=world.facilitator, recording=recording(tone)
    )
    html = client.get(f"/km/communes/{world.commune.code}/").content.decode()
    assert '<audio controls preload="none"' in html


def test_a_new_library_clip_reaches_the_stored_public_page(client, world, tone):
    published = build_published(world, indicators=1)
    url = reverse("scorecards:public", args=[published[0].pk])
    assert "<audio" not in client.get(url).content.decode()  # now stored
    indicator = published[0].indicators.first().library_indicator
    services.library_clip_record(
        indicator=indicator, user=world.facilitator, recording=recording(tone)
    )
    assert '<audio controls preload="none"' in client.get(url).content.decode()
