"""JAAP evidence: uploaded through the action's page, judged by its bytes,
stored privately under a random name, and served only to the people who may
open the action."""

import importlib
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from communes.models import Role
from communes.tests import factories as cf
from isaf.private_files import private_storage
from scorecards.models import JaapFollowUp
from tests import quality, upload_files

from .steps import follow_up
from .test_services import action_for, meeting_for
from .test_views import TODAY, post_follow_up

TYPES = {
    "photo.jpg": ("image/jpeg", "jpg"),
    "screenshot.png": ("image/png", "png"),
    "phone.webp": ("image/webp", "webp"),
    "scan.pdf": ("application/pdf", "pdf"),
    "form-with-script.pdf": ("application/pdf", "pdf"),
}


@pytest.fixture
def action(world):
    return action_for(world, meeting_for(world), issue="Broken well", due_on=TODAY)


@pytest.fixture
def fac_client(client, world):
    client.force_login(world.facilitator)
    return client


@pytest.mark.parametrize("name", sorted(upload_files.GOOD))
def test_a_photo_or_scan_is_kept_privately_under_a_random_name(
    fac_client, action, settings, name
):
    data = upload_files.GOOD[name]()
    response = post_follow_up(
        fac_client,
        action,
        status="ongoing",
        evidence=SimpleUploadedFile(name, data, content_type="text/html"),
    )
    assert response.status_code == 302
    kept = JaapFollowUp.objects.get()
    content_type, extension = TYPES[name]
    assert re.fullmatch(rf"jaap/[0-9a-f]{{32}}\.{extension}", kept.evidence.name)
    assert kept.evidence_type == content_type
    assert kept.evidence_name == name.rsplit(".", 1)[0] + "." + extension
    assert (settings.PRIVATE_MEDIA_ROOT / kept.evidence.name).read_bytes() == data
    assert not list(settings.MEDIA_ROOT.rglob("*.*"))


@pytest.mark.parametrize("name", sorted(upload_files.DISGUISED))
def test_a_disguised_file_is_refused_beside_the_field_in_khmer(
    fac_client, action, settings, name
):
    quality.record("hostile.tried")
    response = post_follow_up(
        fac_client,
        action,
        status="ongoing",
        note="Started",
        evidence=SimpleUploadedFile(name, upload_files.DISGUISED[name]()),
    )
    assert response.status_code == 200
    errors = response.context["follow_up_form"].errors
    if not errors.get("evidence") or JaapFollowUp.objects.exists():
        quality.record("hostile.accepted_wrongly")
    assert errors["evidence"]
    if name != "empty.png":  # Django's own "The submitted file is empty."
        assert "ភស្តុតាងទទួលយកតែឯកសារ JPEG, PNG, WebP ឬ PDF" in errors["evidence"][0]
    assert not JaapFollowUp.objects.exists()
    assert not list(settings.PRIVATE_MEDIA_ROOT.rglob("*.*"))


def test_the_service_refuses_a_disguised_file_whoever_calls_it(world, action):
    from django.core.exceptions import ValidationError

    svg = SimpleUploadedFile("well.png", upload_files.SVG, content_type="image/png")
    with translation.override("en"), pytest.raises(ValidationError) as error:
        follow_up(world, action, evidence=svg)
    assert "whatever their name" in error.value.message_dict["evidence"][0]


def test_an_oversized_photo_is_refused(fac_client, action):
    big = upload_files.jpeg() + b"\0" * (5 * 1024 * 1024)
    response = post_follow_up(
        fac_client,
        action,
        status="ongoing",
        evidence=SimpleUploadedFile("big.jpg", big),
    )
    assert response.status_code == 200
    assert "៥ MB" in response.context["follow_up_form"].errors["evidence"][0]


@pytest.fixture
def kept(world, action):
    """A follow-up with a photo, and one with a scanned PDF."""
    photo = follow_up(
        world,
        action,
        evidence=SimpleUploadedFile("អណ្តូង.jpg", upload_files.jpeg()),
    )
    scan = follow_up(
        world,
        action,
        evidence=SimpleUploadedFile("form.pdf", upload_files.PDF_WITH_SCRIPT),
    )
    return photo, scan


def readers(world):
    """Everyone who might ask, and whether they may see the evidence: the
    people who may open the JAAP action's page."""
    other_org = cf.OrganisationFactory()
    cf.CoverageFactory(
        organisation=other_org, district=world.elsewhere.district, cycle=world.cycle
    )
    kinds = Role.Kind
    return {
        "anonymous": (None, False),
        "no role": (cf.user_with_role("nobody"), False),
        "councillor of the commune": (world.councillor, False),
        "councillor of another commune": (
            cf.user_with_role("c2", kind=kinds.COUNCILLOR, commune=world.elsewhere),
            False,
        ),
        "facilitator out of coverage": (
            cf.user_with_role("f2", kind=kinds.FACILITATOR, organisation=other_org),
            False,
        ),
        "reviewer of the province": (world.reviewer, False),
        "national reviewer": (cf.user_with_role("nat", kind=kinds.REVIEWER), False),
        "facilitator in coverage": (world.facilitator, True),
        "secretariat": (cf.user_with_role("sec", kind=kinds.SECRETARIAT), True),
    }


def test_evidence_is_served_only_to_the_people_who_may_open_the_action(world, kept):
    photo, scan = kept
    for who, (user, allowed) in readers(world).items():
        client = Client()
        if user is not None:
            client.force_login(user)
        for follow_up_row in (photo, scan):
            url = reverse("scorecards:evidence", args=[follow_up_row.pk])
            response = client.get(url)
            expected = 200 if allowed else 404
            assert response.status_code == expected, (who, url)
            assert "Location" not in response, who


def test_a_photo_is_shown_with_its_type_and_a_scan_is_a_download(fac_client, kept):
    photo, scan = kept
    response = fac_client.get(reverse("scorecards:evidence", args=[photo.pk]))
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("inline")
    assert "filename*=utf-8''" in response["Content-Disposition"]  # Khmer name
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == upload_files.jpeg()
    response = fac_client.get(reverse("scorecards:evidence", args=[scan.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="form.pdf"'
    assert "sandbox" in response["Content-Security-Policy"]


def test_the_action_page_links_to_the_evidence_view_only(fac_client, kept, action):
    html = fac_client.get(reverse("scorecards:action", args=[action.pk])).content
    for row in kept:
        assert reverse("scorecards:evidence", args=[row.pk]).encode() in html
        assert row.evidence.name.encode() not in html
    assert b"/media/" not in html


def test_the_migration_moves_old_evidence_to_private_names_and_loses_none(
    world, action, settings, django_capture_on_commit_callbacks
):
    """Evidence stored the old way (public, under the uploader's name) moves to
    the private storage; a polyglot saved as .html keeps its bytes as a
    download of unknown type; a missing file leaves its row as it was."""
    from django.apps import apps

    migration = importlib.import_module("scorecards.migrations.0008_private_files")
    old = {
        f"jaap/{action.pk}/well.jpg": upload_files.jpeg(),
        f"jaap/{action.pk}/minutes.pdf": upload_files.PDF,
        f"jaap/{action.pk}/x.html": upload_files.JPEG_HEADER_THEN_HTML,
    }
    rows = {}
    for name, data in old.items():
        default_storage.save(name, ContentFile(data))
        row = follow_up(world, action)
        JaapFollowUp.objects.filter(pk=row.pk).update(evidence=name)
        rows[name] = row.pk
    gone = follow_up(world, action)
    JaapFollowUp.objects.filter(pk=gone.pk).update(evidence=f"jaap/{action.pk}/g.png")
    with django_capture_on_commit_callbacks(execute=True):
        migration.evidence_to_private(apps, None)
    expected = {
        "well.jpg": ("image/jpeg", "well.jpg"),
        "minutes.pdf": ("application/pdf", "minutes.pdf"),
        "x.html": ("application/octet-stream", "x.bin"),
    }
    for name, data in old.items():
        row = JaapFollowUp.objects.get(pk=rows[name])
        assert re.fullmatch(r"jaap/[0-9a-f]{32}\.(jpg|pdf|bin)", row.evidence.name)
        assert private_storage().open(row.evidence.name).read() == data
        assert not default_storage.exists(name)
        assert (row.evidence_type, row.evidence_name) == expected[
            name.rsplit("/", 1)[-1]
        ]
    assert JaapFollowUp.objects.get(pk=gone.pk).evidence.name.endswith("/g.png")
    assert not list(settings.MEDIA_ROOT.rglob("*.*"))


def test_the_migration_moves_draft_clips_out_of_the_media_folder(
    world, settings, django_capture_on_commit_callbacks
):
    """A draft scorecard's clip recorded before this change lies under
    MEDIA_ROOT; it moves to the private storage under the same random name,
    and a public clip stays where it is."""
    from django.apps import apps

    from isaf.audio import OpusClip, tone_clip
    from scorecards import services
    from scorecards.models import Clip, LibraryIndicator
    from scorecards.services import IndicatorChoice

    from .steps import choose_indicators, create

    migration = importlib.import_module("scorecards.migrations.0008_private_files")
    recording = OpusClip(data=tone_clip(seconds=1), seconds=1.0)
    scorecard = create(world)
    choose_indicators(world, scorecard, [IndicatorChoice(custom_name="Night duty")])
    draft = services.indicator_clip_record(
        indicator=scorecard.indicators.get(),
        user=world.facilitator,
        recording=recording,
    )
    public = services.library_clip_record(
        indicator=LibraryIndicator.objects.first(),
        user=world.facilitator,
        recording=recording,
    )
    # As it was stored before: in the media storage.
    default_storage.save(draft.file.name, ContentFile(recording.data))
    private_storage().delete(draft.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        migration.evidence_to_private(apps, None)
    draft = Clip.objects.get(pk=draft.pk)
    assert draft.file.storage is private_storage()
    assert draft.file.read() == recording.data
    assert not default_storage.exists(draft.file.name)
    assert default_storage.exists(Clip.objects.get(pk=public.pk).file.name)


def test_the_admin_shows_a_follow_up_with_a_link_to_its_evidence_view(
    admin_client, kept
):
    photo, _scan = kept
    url = reverse("admin:scorecards_jaapfollowup_change", args=[photo.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    link = reverse("scorecards:evidence", args=[photo.pk])
    assert f'href="{link}"'.encode() in response.content
    assert photo.evidence.name.encode() not in response.content
    assert admin_client.get(link).status_code == 200
