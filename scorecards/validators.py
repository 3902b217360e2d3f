"""Checks on files people upload: evidence for JAAP follow-ups. (Filled sheets
are checked by `isaf.spreadsheets`, before they are parsed.)

Evidence is what facilitators bring back from the field: a photo (JPEG from a
camera, PNG from a screenshot, WebP from some phones and messaging apps) or a
scanned document (PDF). A file's name says nothing reliable about what it holds,
so `isaf.uploads` reads its bytes: anything else (a web page, an SVG, a picture
with a web page behind it) is refused, whatever it is called.
"""

from django.utils.translation import gettext_lazy as _

from isaf.uploads import JPEG, PDF, PNG, WEBP, Kind, upload_check

EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
EVIDENCE_KINDS = (JPEG, PNG, WEBP, PDF)
EVIDENCE_ACCEPT = ",".join(kind.content_type for kind in EVIDENCE_KINDS)


def evidence_check(file) -> Kind:
    """The kind of an evidence file, read from its bytes; a ValidationError
    with a message for the person who chose it otherwise."""
    return upload_check(
        file,
        allowed=EVIDENCE_KINDS,
        max_bytes=EVIDENCE_MAX_BYTES,
        too_large=_("The file is too large: at most 5 MB."),
        wrong_type=_(
            "This file is not a photo or a scanned document: only JPEG, PNG, "
            "WebP or PDF files are accepted as evidence, whatever their name."
        ),
    )


def validate_evidence(file) -> None:
    """`evidence_check` as a field validator (the first migration names it)."""
    evidence_check(file)
