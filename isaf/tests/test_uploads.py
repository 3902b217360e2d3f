"""What an uploaded file is, judged by its bytes only (`isaf.uploads`)."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from isaf.uploads import JPEG, PDF, PNG, WEBP, kind_of, upload_check
from tests import quality, upload_files

EXPECTED = {
    "photo.jpg": JPEG,
    "screenshot.png": PNG,
    "phone.webp": WEBP,
    "scan.pdf": PDF,
    "form-with-script.pdf": PDF,
}


@pytest.mark.parametrize("name", sorted(upload_files.GOOD))
def test_a_real_photo_or_scan_is_recognised_by_its_bytes(name):
    data = upload_files.GOOD[name]()
    assert kind_of(BytesIO(data)) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(upload_files.DISGUISED))
def test_a_disguised_file_is_none_of_the_accepted_kinds(name):
    data = upload_files.DISGUISED[name]()
    quality.record("hostile.tried")
    kind = kind_of(BytesIO(data))
    if kind is not None:
        quality.record("hostile.accepted_wrongly")
    assert kind is None


def test_a_picture_declaring_a_huge_canvas_is_refused_before_it_is_decoded():
    # 10,000 x 10,000 pixels of one colour: a small file, gigabytes decoded.
    out = BytesIO()
    Image.new("L", (10_000, 10_000)).save(out, format="PNG")
    assert len(out.getvalue()) < 200_000
    assert kind_of(BytesIO(out.getvalue())) is None


def test_a_cut_off_picture_is_refused():
    data = upload_files.jpeg()
    assert kind_of(BytesIO(data[: len(data) // 2])) is None


def check(data: bytes, name: str = "file.jpg"):
    return upload_check(
        SimpleUploadedFile(name, data),
        allowed=(JPEG, PNG),
        max_bytes=10_000,
        wrong_type="wrong type",
        too_large="too large",
    )


def test_upload_check_gives_the_callers_messages():
    assert check(upload_files.png()) == PNG
    with pytest.raises(ValidationError) as error:
        check(upload_files.PDF, name="scan.jpg")
    assert error.value.messages == ["wrong type"]
    with pytest.raises(ValidationError) as error:
        check(upload_files.picture("PNG", size=(300, 300)) + b"\0" * 20_000)
    assert error.value.messages == ["too large"]
