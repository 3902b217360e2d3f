"""Checks on files people upload: evidence for JAAP follow-ups. (Filled sheets
are checked by `isaf.spreadsheets`, before they are parsed.)

A file's name says nothing reliable about what it holds, so the first bytes are
read and compared with the signatures of the types we accept.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
EVIDENCE_SIGNATURES = {
    b"%PDF-": "pdf",
    b"\xff\xd8\xff": "jpeg",
    b"\x89PNG\r\n\x1a\n": "png",
}


def _head(file, length: int = 16) -> bytes:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(length)
    file.seek(position)
    return head


def evidence_kind(file) -> str | None:
    """'pdf', 'jpeg' or 'png' from the file's first bytes, or None."""
    head = _head(file)
    for signature, kind in EVIDENCE_SIGNATURES.items():
        if head.startswith(signature):
            return kind
    return None


def validate_evidence(file) -> None:
    if file.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(
            _("The file is too large: at most 5 MB."), code="evidence_too_large"
        )
    if evidence_kind(file) is None:
        raise ValidationError(
            _("Only PDF, JPEG or PNG files are accepted as evidence."),
            code="evidence_wrong_type",
        )
