"""The printable manual: each role's guide as an A4 PDF, through the print
pipeline (printing imports this module when it starts, as it does i4c's posters).

A guide is public, so anyone may have it; the portal serves it at
``/<lang>/help/<role>.pdf``.
"""

import hashlib
from pathlib import Path

from django.contrib.staticfiles import finders
from django.utils.translation import gettext_lazy as _

from isaf.links import site_url
from isaf.qr import qr_svg
from printing.registry import PrintDocument, PrintSource, TargetGone, document_register

from .help import ROLES, guide_get

HELP_GUIDE = "portal.help_guide"


def _pictures_digest(names: list[str]) -> str:
    """A hash of the guide's pictures: the HTML names them but does not show their
    bytes, and a PDF file is reused for as long as its HTML is the same, so new
    screenshots must change the HTML."""
    digest = hashlib.sha256()
    for name in names:
        path = finders.find(name)
        digest.update(name.encode())
        digest.update(Path(path).read_bytes() if path else b"missing")
    return digest.hexdigest()[:16]


def help_guide(target: str, lang: str) -> PrintSource:
    guide = guide_get(target)
    if guide is None:
        raise TargetGone(_("There is no such guide."))
    steps = [(step, guide.image(step, lang)) for step in guide.steps]
    url = site_url(lang, "help:guide", guide.role)
    return PrintSource(
        template="print/help/guide.html",
        context={
            "guide": guide,
            "steps": steps,
            "pictures_digest": _pictures_digest([image for _step, image in steps]),
            "sheet_url": url,
            "sheet_qr": qr_svg(url),
        },
        filename=f"isaf-help-{guide.role}-{lang}.pdf",
        title=str(guide.title),
    )


def can_request_guide(user, target: str) -> bool:
    return target in ROLES


def posters_register() -> None:
    document_register(
        PrintDocument(
            key=HELP_GUIDE,
            label=_("Help guide, A4"),
            target_kind="portal.help",
            source=help_guide,
            can_request=can_request_guide,
        )
    )


posters_register()
