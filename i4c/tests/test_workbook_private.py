"""Uploaded workbooks hold unpublished figures: they are kept in the private
storage, and the migration moved the ones waiting there before."""

import importlib
import re

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from communes.tests import factories as cf
from i4c.models import WorkbookImport
from i4c.services.workbook_jobs import workbook_job_upload
from isaf.private_files import private_storage


@pytest.fixture
def roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return tmp_path


@pytest.mark.django_db
def test_an_uploaded_workbook_is_kept_privately_under_a_random_name(roots):
    job = workbook_job_upload(
        user=cf.UserFactory(),
        file=SimpleUploadedFile("Krang Teh 2025.xlsx", b"PK\x03\x04 workbook"),
        lang="km",
    )
    assert re.fullmatch(r"i4c-workbooks/[0-9a-f]{32}\.xlsx", job.file.name)
    assert (roots / "private" / job.file.name).read_bytes() == b"PK\x03\x04 workbook"
    assert not (roots / "media").exists()
    assert job.filename == "Krang Teh 2025.xlsx"


@pytest.mark.django_db
def test_the_migration_moves_waiting_workbooks_and_loses_none(
    roots, django_capture_on_commit_callbacks
):
    migration = importlib.import_module("i4c.migrations.0011_private_files")
    user = cf.UserFactory()
    old = "private/i4c-workbooks/0123456789abcdef0123456789abcdef.xlsx"
    default_storage.save(old, ContentFile(b"PK workbook"))
    waiting = WorkbookImport.objects.create(user=user, filename="a.xlsx", file=old)
    gone = WorkbookImport.objects.create(
        user=user, filename="b.xlsx", file="private/i4c-workbooks/gone.xlsx"
    )
    done = WorkbookImport.objects.create(user=user, filename="c.xlsx", file="")
    with django_capture_on_commit_callbacks(execute=True):
        migration.workbooks_to_private(apps, None)
    waiting.refresh_from_db()
    assert waiting.file.name == "i4c-workbooks/0123456789abcdef0123456789abcdef.xlsx"
    assert private_storage().open(waiting.file.name).read() == b"PK workbook"
    assert not default_storage.exists(old)
    gone.refresh_from_db()
    assert gone.file.name == "private/i4c-workbooks/gone.xlsx"
    done.refresh_from_db()
    assert done.file.name == ""
