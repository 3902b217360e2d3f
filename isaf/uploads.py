"""What an uploaded file really is, read from its bytes.

A file's name and the type the browser claims say nothing reliable: a web page
named `photo.jpg`, an SVG with a script in it, or a JPEG header followed by
HTML (a "polyglot") would each pass a check by name. So a file is judged by its
content only:

- PDF by its signature (`%PDF-` at the very start). A PDF may carry JavaScript;
  it is served only as a download (`isaf.private_files`), never shown inline.
- JPEG, PNG and WebP by Pillow, which reads the format from the bytes and must
  then decode the whole picture: a header followed by anything else is refused.
  A picture that decodes but carries web-page markup after it is refused too,
  since it was made to be read as two things at once.

Everything else (HTML, SVG, XML, scripts, executables, archives) is refused.
The caller says which kinds it accepts and how large a file may be.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError

# A picture larger than this (in pixels) is refused before it is decoded: a
# small file can declare a huge canvas and take gigabytes to decode. A phone's
# 50-megapixel camera stays below it.
MAX_PIXELS = 60_000_000


@dataclass(frozen=True)
class Kind:
    name: str
    content_type: str
    extension: str
    is_image: bool


PDF = Kind("pdf", "application/pdf", "pdf", is_image=False)
JPEG = Kind("jpeg", "image/jpeg", "jpg", is_image=True)
PNG = Kind("png", "image/png", "png", is_image=True)
WEBP = Kind("webp", "image/webp", "webp", is_image=True)
KINDS = {kind.name: kind for kind in (PDF, JPEG, PNG, WEBP)}
BY_CONTENT_TYPE = {kind.content_type: kind for kind in KINDS.values()}
_PILLOW_FORMATS = {"JPEG": JPEG, "MPO": JPEG, "PNG": PNG, "WEBP": WEBP}

# Markup that makes a file readable as a web page or a script. Matched without
# regard to case; each is long enough that compressed picture data does not
# contain it by chance (about once in ten thousand 5 MB photos for the shortest).
_MARKUP = re.compile(
    rb"<(?:script|html|body|iframe|object|embed|svg[\s/>]|!doctype)", re.IGNORECASE
)


def _read_all(file) -> bytes:
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read()
    if hasattr(file, "seek"):
        file.seek(0)
    return data


def _picture_kind(data: bytes) -> Kind | None:
    """The kind of picture, when Pillow recognises it and decodes all of it."""
    from io import BytesIO

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as image:
                kind = _PILLOW_FORMATS.get(image.format or "")
                if kind is None:
                    return None
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return None
                image.load()
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        return None
    return kind


def kind_of(file) -> Kind | None:
    """The kind of `file` read from its bytes (see the module's docstring), or
    None when it is none of the kinds this portal accepts."""
    data = _read_all(file)
    if data.startswith(b"%PDF-"):
        return PDF
    if _MARKUP.search(data):
        return None
    return _picture_kind(data)


def upload_check(
    file, *, allowed: tuple[Kind, ...], max_bytes: int, wrong_type, too_large
) -> Kind:
    """The kind of an uploaded file, or a ValidationError with the caller's
    message: `too_large` above `max_bytes`, `wrong_type` when its bytes are not
    one of the `allowed` kinds, whatever its name says."""
    size = getattr(file, "size", None)
    if size is None:
        size = len(_read_all(file))
    if size > max_bytes:
        raise ValidationError(too_large, code="upload_too_large")
    kind = kind_of(file)
    if kind is None or kind not in allowed:
        raise ValidationError(wrong_type, code="upload_wrong_type")
    return kind


__all__ = [
    "BY_CONTENT_TYPE",
    "JPEG",
    "KINDS",
    "Kind",
    "PDF",
    "PNG",
    "WEBP",
    "kind_of",
    "upload_check",
]
