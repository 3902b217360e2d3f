"""The private storage and the one way out of it (`isaf.private_files`)."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404

from isaf.private_files import (
    PRIVATE_CACHE,
    download_name,
    file_move,
    private_file_name,
    private_file_response,
    private_root_check,
    private_storage,
)


@pytest.fixture
def roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return tmp_path


def test_a_private_name_is_random_and_keeps_nothing_of_the_upload():
    names = {private_file_name("jaap", "jpg") for _ in range(50)}
    assert len(names) == 50
    assert all(re.fullmatch(r"jaap/[0-9a-f]{32}\.jpg", name) for name in names)
    # Only letters and digits of an extension are kept: no way out of the folder.
    assert re.fullmatch(
        r"jaap/[0-9a-f]{32}\.html", private_file_name("jaap", "../.HT/ML")
    )


def test_a_private_file_is_written_under_the_private_root_and_has_no_address(roots):
    name = private_storage().save("jaap/x.pdf", ContentFile(b"%PDF-1.4"))
    assert (roots / "private" / name).read_bytes() == b"%PDF-1.4"
    assert not (roots / "media").exists()
    with pytest.raises(ValueError):
        private_storage().url(name)


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("photo.jpg", "photo.jpg"),
        ("../../etc/passwd", "passwd.jpg"),
        ("C:\\Users\\me\\scan.PDF", "scan.jpg"),
        ('we"ll.html', "we_ll.jpg"),
        ("evil\u202egpj.exe", "evilgpj.jpg"),
        ("line\r\nbreak.png", "linebreak.jpg"),
        ("រូបថតអណ្តូង.jpeg", "រូបថតអណ្តូង.jpg"),
        ("", "evidence.jpg"),
        ("...", "evidence.jpg"),
        ("a" * 300 + ".jpg", "a" * 90 + ".jpg"),
    ],
)
def test_the_download_name_is_safe_and_says_what_the_file_is(original, expected):
    assert download_name(original, extension="jpg", fallback="evidence") == expected


def test_a_picture_is_shown_and_anything_else_is_a_download(roots):
    photo = private_storage().save("jaap/a.png", ContentFile(b"png bytes"))
    response = private_file_response(
        name=photo, content_type="image/png", filename="well.png"
    )
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert response["Cache-Control"] == PRIVATE_CACHE
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == b"png bytes"
    scan = private_storage().save("jaap/b.pdf", ContentFile(b"%PDF-"))
    response = private_file_response(
        name=scan, content_type="application/pdf", filename="minutes.pdf"
    )
    assert response["Content-Disposition"] == 'attachment; filename="minutes.pdf"'


def test_nginx_sends_the_bytes_when_told_where(roots, settings):
    settings.PRIVATE_FILES_ACCEL_REDIRECT = "/_private/"
    response = private_file_response(
        name="jaap/c.pdf", content_type="application/pdf", filename="c.pdf"
    )
    assert response["X-Accel-Redirect"] == "/_private/jaap/c.pdf"
    assert response.content == b""
    assert response["Cache-Control"] == PRIVATE_CACHE
    assert response["Content-Disposition"].startswith("attachment")


def test_a_missing_private_file_is_a_404(roots):
    with pytest.raises(Http404):
        private_file_response(
            name="jaap/gone.pdf", content_type="application/pdf", filename="g.pdf"
        )


def test_a_private_root_inside_the_media_root_is_an_error(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media" / "private"
    assert [error.id for error in private_root_check()] == ["isaf.E001"]
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    assert private_root_check() == []


@pytest.mark.django_db
def test_moving_a_file_deletes_the_public_copy_only_once_committed(
    roots, django_capture_on_commit_callbacks
):
    default_storage.save("jaap/7/photo.jpg", ContentFile(b"bytes"))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        stored = file_move("jaap/7/photo.jpg", new_name="jaap/abc.jpg")
    assert stored == "jaap/abc.jpg"
    assert private_storage().open(stored).read() == b"bytes"
    assert default_storage.exists("jaap/7/photo.jpg")  # not yet committed
    for callback in callbacks:
        callback()
    assert not default_storage.exists("jaap/7/photo.jpg")
    assert file_move("jaap/7/photo.jpg") == ""
