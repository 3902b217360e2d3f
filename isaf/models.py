"""Project-wide building blocks kept in the database: the audit trail, and the
check that an uploaded file is what its name says.

Several apps lean on them, so this module imports no app of ours (only Django's
own contrib apps). The document library itself lives in `portal.models`.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .formatting import format_number

# The document library takes what the secretariat actually publishes: PDFs, Office files
# (old and new formats, and OpenDocument) and scanned pages as images. Each
# extension maps to the first bytes such a file starts with, so that a renamed
# program is refused even when its name ends in ".pdf".
_PDF = (b"%PDF-",)
_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
DOCUMENT_SIGNATURES = {
    "pdf": _PDF,
    "doc": _OLE,
    "docx": _ZIP,
    "xls": _OLE,
    "xlsx": _ZIP,
    "ppt": _OLE,
    "pptx": _ZIP,
    "odt": _ZIP,
    "ods": _ZIP,
    "odp": _ZIP,
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024


def validate_document_file(file) -> None:
    """Refuse a library upload of the wrong type or size, with a message to act on."""
    name = getattr(file, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in DOCUMENT_SIGNATURES:
        raise ValidationError(
            _(
                "This type of file cannot be attached. Attach a PDF, Word, Excel, "
                "PowerPoint, OpenDocument, JPEG or PNG file."
            ),
            code="invalid_extension",
        )
    # Size and contents are checked on a new upload only: a stored file was
    # checked when it came in, and asking the storage about it again would cost a
    # request to S3 on every edit of the document's title.
    if getattr(file, "_committed", False):
        return
    size = getattr(file, "size", 0) or 0
    if size > DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s MB). The limit is %(limit)s MB."),
            code="file_too_large",
            params={
                "size": format_number(size / (1024 * 1024), decimals=1),
                "limit": format_number(DOCUMENT_MAX_BYTES // (1024 * 1024)),
            },
        )
    position = file.tell()
    file.seek(0)
    head = file.read(8)
    file.seek(position)
    if not head.startswith(DOCUMENT_SIGNATURES[extension]):
        raise ValidationError(
            _(
                "The file's contents do not match its name (.%(extension)s). "
                "Save it again in that format and attach it again."
            ),
            code="invalid_content",
            params={"extension": extension},
        )


class AuditEntry(models.Model):
    """Who changed what, when, and why: one row per write a user makes.

    The object is referred to by content type and its primary key as text, with its
    representation at the time, so an entry still reads well after the object is
    deleted. Entries are only ever added (see `isaf.audit`).
    """

    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("user"),
    )
    action = models.CharField(_("action"), max_length=64, db_index=True)
    # PROTECT: the trail must not vanish because a model was removed.
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, verbose_name=_("object type")
    )
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=200)
    changes = models.JSONField(
        _("changes"), default=dict, blank=True, encoder=DjangoJSONEncoder
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "-created_at"],
                name="isaf_audit_object_idx",
            )
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class PageScope(models.Model):
    """A published thing whose public pages are stored (a commune, a provider, a
    scorecard, a year of national open data), with a generation that publishing
    bumps inside its transaction. A stored page counts only while it carries its
    scope's current generation (see `isaf.pages`)."""

    key = models.CharField(max_length=64, primary_key=True)
    generation = models.BigIntegerField(default=1)

    def __str__(self):
        return f"{self.key} #{self.generation}"


class StoredPage(models.Model):
    """One public page for anonymous readers, rendered once and served as bytes."""

    path = models.CharField(max_length=255, primary_key=True)
    scope = models.ForeignKey(
        PageScope, on_delete=models.CASCADE, related_name="pages", db_index=True
    )
    generation = models.BigIntegerField()
    content_type = models.CharField(max_length=100)
    disposition = models.CharField(max_length=200, blank=True)
    # A page is kept in its row; one too large for a row (the national CSV) is
    # kept as a file in the default storage, named here, with its gzip beside it
    # (name + ".gz"), and the row keeps no bytes.
    body = models.BinaryField()
    gzip_body = models.BinaryField(null=True)
    file_name = models.CharField(max_length=120, blank=True)
    etag = models.CharField(max_length=64)
    stored_at = models.DateTimeField()

    def __str__(self):
        return self.path
