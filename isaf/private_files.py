"""Private files: the storage that no web server shows as a folder, and the one
way out of it, a view's response after that view has checked the reader's scope.

Files that are not public (JAAP evidence, unpublished voice clips, uploaded
workbooks) live in `STORAGES["private"]`: on disk under `PRIVATE_MEDIA_ROOT`,
outside `MEDIA_ROOT`, or with S3 under a private prefix whose objects are never
handed out as addresses. Their names are random (`<folder>/<uuid4 hex>.<ext>`),
never the uploader's; the original name is kept on the row for the download.

`private_file_response` sends one: the stored type, `nosniff`, a sandboxing
Content-Security-Policy, `Cache-Control: private, no-store`, and a download
(`attachment`) unless it is a picture, which may be shown in the browser. With
`PRIVATE_FILES_ACCEL_REDIRECT` set, nginx sends the bytes from an `internal`
location (README, Deployment).
"""

from __future__ import annotations

import os
import re
import unicodedata
import uuid
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header

from .handover import accel_redirect_response
from .uploads import KINDS

PRIVATE_CACHE = "private, no-store"
# The file is a document of its own: no script, no plugin, no form, nothing
# fetched; a picture still shows (Chromium draws it as the page itself).
PRIVATE_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
INLINE_TYPES = frozenset(kind.content_type for kind in KINDS.values() if kind.is_image)


class PrivateStorage(FileSystemStorage):
    """Files on disk under `PRIVATE_MEDIA_ROOT`, with no address of their own."""

    def __init__(self, location=None, **kwargs):
        super().__init__(location=location, base_url=None, **kwargs)
        setting_changed.connect(self._private_root_changed)

    def _private_root_changed(self, setting, **kwargs):
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def url(self, name):
        raise ValueError("A private file has no address: serve it through a view.")


def private_storage():
    """The private storage (a callable, for `FileField(storage=...)`, so that
    the one home of where private files live is `STORAGES["private"]`)."""
    return storages["private"]


def private_file_name(folder: str, extension: str) -> str:
    """A new random name in `folder`: nothing in it comes from the uploader."""
    extension = re.sub(r"[^a-z0-9]", "", extension.lower())[:8] or "bin"
    return f"{folder}/{uuid.uuid4().hex}.{extension}"


_UNSAFE = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|;]+')


def download_name(original: str, *, extension: str, fallback: str) -> str:
    """The uploader's file name made safe for a Content-Disposition header:
    its last part only, no control or bidi characters, no quotes or slashes,
    at most 100 characters, ending in the extension of what the file really is."""
    name = original.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf"))
    name = _UNSAFE.sub("_", name).strip(" ._")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = stem.strip(" ._")[:90] or fallback
    return f"{stem}.{extension}"


def private_file_response(
    *, name: str, content_type: str, filename: str
) -> HttpResponse:
    """The private file `name`, for a reader the calling view has already
    allowed. Pictures may be shown inline; anything else (a PDF, which may
    carry scripts) is a download. Http404 when the file is gone."""
    inline = content_type in INLINE_TYPES
    response = accel_redirect_response(
        name, content_type=content_type, prefix=settings.PRIVATE_FILES_ACCEL_REDIRECT
    )
    if response is not None:
        response["Content-Disposition"] = content_disposition_header(
            not inline, filename
        )
    else:
        try:
            handle = private_storage().open(name, "rb")
        except (FileNotFoundError, OSError) as error:
            raise Http404 from error
        response = FileResponse(
            handle,
            content_type=content_type,
            as_attachment=not inline,
            filename=filename,
        )
    response["Cache-Control"] = PRIVATE_CACHE
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = PRIVATE_CSP
    return response


def file_move(name: str, *, to_private: bool = True, new_name: str = "") -> str:
    """Move the file `name` from the media storage into the private one (or
    back), under `new_name` when given; return the name it has there, or ""
    when there was no such file. The bytes are read back before the old copy is
    deleted, and it is deleted only once the database has committed, so a
    migration that fails half-way loses no file. (For data migrations.)"""
    public, private = storages["default"], private_storage()
    source, target = (public, private) if to_private else (private, public)
    if not source.exists(name):
        return ""
    with source.open(name, "rb") as handle:
        data = handle.read()
    stored = target.save(new_name or name, ContentFile(data))
    with target.open(stored, "rb") as handle:
        if handle.read() != data:
            raise OSError(f"{stored} was not written whole")
    transaction.on_commit(lambda: source.delete(name))
    return stored


def _inside(child: Path, parent: Path) -> bool:
    child, parent = child.resolve(), parent.resolve()
    return child == parent or parent in child.parents


@checks.register(checks.Tags.security, deploy=False)
def private_root_check(app_configs=None, **kwargs):
    """The private folder must not be under a folder that is served as files."""
    backend = settings.STORAGES.get("private", {}).get("BACKEND", "")
    if not backend.endswith("PrivateStorage"):
        return []
    root = Path(os.fspath(settings.PRIVATE_MEDIA_ROOT))
    served = [settings.MEDIA_ROOT, settings.STATIC_ROOT, *settings.STATICFILES_DIRS]
    errors = []
    for folder in served:
        if folder and _inside(root, Path(os.fspath(folder))):
            errors.append(
                checks.Error(
                    f"PRIVATE_MEDIA_ROOT ({root}) is inside {folder}, which is "
                    "served as files: private files would be public.",
                    hint="Set PRIVATE_MEDIA_ROOT to a folder outside MEDIA_ROOT.",
                    id="isaf.E001",
                )
            )
    return errors
