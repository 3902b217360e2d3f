"""Anonymous requests for every private file's address answer 404 or 403.

One file of each private kind is made through the services (JAAP evidence, a
draft scorecard's voice clip, an uploaded workbook). For each, every address it
could be read at is tried without signing in: its view's address in both
languages, and `/media/` addresses under which it lived before or would live if
it were in MEDIA_ROOT, with media served as a folder (the route DEBUG adds).
A public clip, read at its `/media/` address, shows that route really serves.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import FileField
from django.test import Client
from django.urls import reverse
from django.utils import translation

from i4c.services.workbook_jobs import workbook_job_upload
from isaf.audio import OpusClip, tone_clip
from isaf.private_files import private_storage
from scorecards import services
from scorecards.models import Clip, JaapFollowUp, LibraryIndicator
from scorecards.models.audio import ClipFileField
from scorecards.services import IndicatorChoice
from scorecards.tests.conftest import world  # noqa: F401  (a fixture)
from scorecards.tests.steps import choose_indicators, create, follow_up
from scorecards.tests.test_services import action_for, meeting_for
from tests import quality, upload_files

# Each private file field, and the view (if any) that serves its files.
PRIVATE_FIELDS = {
    ("scorecards", "jaapfollowup", "evidence"),
    ("scorecards", "clip", "file"),
    ("i4c", "workbookimport", "file"),
}


@pytest.fixture
def served_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.ROOT_URLCONF = "tests.media_urls"
    return tmp_path


def private_fields() -> set[tuple[str, str, str]]:
    """Every file field whose files are (or may be) private."""
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not isinstance(field, FileField):
                continue
            # The storage callable, not its instance: a test that changes
            # STORAGES gets new instances, the callable stays.
            callable_ = getattr(field, "_storage_callable", None)
            if callable_ is private_storage or isinstance(field, ClipFileField):
                found.add((model._meta.app_label, model._meta.model_name, field.name))
    return found


def build_one_of_each(world) -> list:  # noqa: F811
    """A private file of each kind, through the services, and a public clip."""
    action = action_for(world, meeting_for(world))
    evidence = follow_up(
        world,
        action,
        evidence=SimpleUploadedFile("well.jpg", upload_files.jpeg()),
    )
    recording = OpusClip(data=tone_clip(seconds=1), seconds=1.0)
    scorecard = create(world)
    choose_indicators(
        world, scorecard, [IndicatorChoice(custom_name="Night ambulance")]
    )
    indicator = scorecard.indicators.get()
    draft_clip = services.indicator_clip_record(
        indicator=indicator, user=world.facilitator, recording=recording
    )
    public_clip = services.library_clip_record(
        indicator=LibraryIndicator.objects.first(),
        user=world.facilitator,
        recording=recording,
    )
    workbook = workbook_job_upload(
        user=world.facilitator,
        file=SimpleUploadedFile("figures.xlsx", upload_files.ZIP),
        lang="km",
    )
    return evidence, draft_clip, workbook, public_clip


def addresses(row) -> list[str]:
    """Every address a private file could be read at, in the active language."""
    if isinstance(row, JaapFollowUp):
        name = row.evidence.name
        views = [reverse("scorecards:evidence", args=[row.pk])]
        # Where it lived before: the uploader's name under the action's id.
        old = [f"/media/jaap/{row.action_id}/well.jpg", f"/media/jaap/{row.action_id}/"]
    elif isinstance(row, Clip):
        name = row.file.name
        views = [reverse("scorecards:clip", kwargs={"token": row.token})]
        old = []
    else:
        name = row.file.name
        views = []  # read only by the import job: no address at all
        old = [f"/media/private/{name}"]
    return [*views, *old, f"/media/{name}", f"/media/private/{name}"]


def test_every_private_file_field_is_known_to_this_test():
    assert private_fields() == PRIVATE_FIELDS


@pytest.mark.django_db
def test_no_private_file_is_readable_anonymously_even_with_media_served(
    served_media,
    world,  # noqa: F811
):
    evidence, draft_clip, workbook, public_clip = build_one_of_each(world)
    # The media route serves: a public clip is there for anyone.
    anonymous = Client()
    response = anonymous.get(f"/media/{public_clip.file.name}")
    assert response.status_code == 200
    tried, readable = 0, []
    for row in (evidence, draft_clip, workbook):
        urls = []
        for lang in ("km", "en"):
            with translation.override(lang):
                urls += addresses(row)
        for url in sorted(set(urls)):
            response = anonymous.get(url)
            tried += 1
            if response.status_code not in (403, 404):
                readable.append((url, response.status_code))
    quality.record("private_files.tried", tried)
    quality.record("private_files.readable", len(readable))
    assert tried == 12  # evidence 6, draft clip 4, workbook 2 (both languages)
    assert readable == []
    # And the files are there, under the private root, not under MEDIA_ROOT;
    # climbing out of MEDIA_ROOT to reach them is refused as suspicious.
    for name in (evidence.evidence.name, draft_clip.file.name, workbook.file.name):
        climb = "/media/..%2Fprivate%2F" + name.replace("/", "%2F")
        assert anonymous.get(climb).status_code in (400, 404)
        assert (served_media / "private" / name).is_file()
        assert not (served_media / "media" / name).exists()
