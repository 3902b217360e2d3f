"""Published posters and booklets for anyone, stored once per version and served
like files (DESIGN.md, "Public pages are documents").

A document whose source names a public address (`registry.PublicKey`: a code, a
fiscal year and the published version it shows) is stored under that key, in
each language, when a print job renders it: publishing asks for those jobs. A
document never stored (an old year, a job still queued) is rendered on its
first read, the same way. Either way the file is written whole or not at all,
then recorded; the row's `etag` is the hash of what the PDF shows.

A correction is a new version, so a new row, a new file and a new ETag; the
bytes of an earlier version are never overwritten.
"""

import logging

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date

from isaf.pdf import html_to_pdf, render_html

from . import registry
from .files import content_hash, file_save_whole
from .models import PublicFile

logger = logging.getLogger(__name__)

# Short: a board's documents change only on publish, and the ETag makes a
# revalidation cost a 304.
CACHE_CONTROL = "public, max-age=300"


def public_file_name(
    *, document: str, key: registry.PublicKey, lang: str, digest: str
) -> str:
    """Where a public document's bytes live: by what it is, then by its hash (a
    booklet of one version may be redrawn when a provider it lists publishes)."""
    return (
        f"public/{document}/{key.code}/{key.year}/{lang}/"
        f"v{key.version}-{digest[:16]}.pdf"
    )


def public_file_get(
    *, document: str, code: str, year: int, lang: str, version: int
) -> PublicFile | None:
    return PublicFile.objects.filter(
        document=document, code=code, year=year, lang=lang, version=version
    ).first()


def _record(
    *, document: str, lang: str, source: registry.PrintSource, name: str, digest: str
) -> PublicFile:
    key = source.public
    identity = {
        "document": document,
        "code": key.code,
        "year": key.year,
        "lang": lang,
        "version": key.version,
    }
    fields = {
        "file": name,
        "etag": digest,
        "size": default_storage.size(name),
        "filename": source.filename,
    }
    try:
        with transaction.atomic():
            row, _created = PublicFile.objects.update_or_create(
                **identity, defaults=fields
            )
    except IntegrityError:
        # Two renders of the same version met: both wrote the same file.
        PublicFile.objects.filter(**identity).update(**fields)
        row = PublicFile.objects.get(**identity)
    return row


def public_file_record(
    *, document: str, lang: str, source: registry.PrintSource, file: str, digest: str
) -> PublicFile | None:
    """Store at its public key what a print job just rendered into `file`.

    Called by `services.print_job_execute` for every document whose source names
    a public key; the print file is copied whole to the keyed name.
    """
    if source.public is None:
        return None
    name = public_file_name(
        document=document, key=source.public, lang=lang, digest=digest
    )
    if not default_storage.exists(name):
        with default_storage.open(file, "rb") as rendered:
            file_save_whole(name=name, data=rendered.read())
    return _record(
        document=document, lang=lang, source=source, name=name, digest=digest
    )


def public_file_render(*, document: str, target: str, lang: str) -> PublicFile | None:
    """Render and store a public document now, for a reader who asked for one
    that no job has stored yet. None when its target is not published."""
    spec = registry.document_get(document)
    with translation.override(lang):
        try:
            source = spec.source(str(target), lang)
        except registry.TargetGone:
            return None
        if source.public is None:
            return None
        html = render_html(template=source.template, context=source.context, lang=lang)
    digest = content_hash(document=document, html=html)
    name = public_file_name(
        document=document, key=source.public, lang=lang, digest=digest
    )
    if not default_storage.exists(name):
        file_save_whole(name=name, data=html_to_pdf(html))
    return _record(
        document=document, lang=lang, source=source, name=name, digest=digest
    )


def public_file_response(request: HttpRequest, row: PublicFile) -> HttpResponse:
    """The stored PDF as a download, with its ETag and date; 304 when the
    reader's copy is the same. Raises FileNotFoundError when the file is gone
    from storage (the caller renders it again)."""
    etag = f'"{row.etag}"'
    modified = row.updated_at.timestamp()
    response = get_conditional_response(request, etag=etag, last_modified=modified)
    if response is None:
        response = _file_or_handover(row)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = CACHE_CONTROL
    return response


def _file_or_handover(row: PublicFile) -> HttpResponse:
    """The PDF: streamed by Django, or handed over to nginx (X-Accel-Redirect)
    or to the object store (a signed address) when the settings say so."""
    disposition = content_disposition_header(as_attachment=True, filename=row.filename)
    if settings.PUBLIC_FILES_ACCEL_PREFIX:
        if not default_storage.exists(row.file):
            raise FileNotFoundError(row.file)
        response = HttpResponse(content_type="application/pdf")
        prefix = settings.PUBLIC_FILES_ACCEL_PREFIX.rstrip("/")
        response["X-Accel-Redirect"] = f"{prefix}/{row.file}"
        response["Content-Disposition"] = disposition
        return response
    if settings.PUBLIC_FILES_REDIRECT:
        try:
            url = default_storage.url(
                row.file,
                parameters={
                    "ResponseContentDisposition": disposition,
                    "ResponseContentType": "application/pdf",
                },
            )
        except TypeError:  # a storage whose addresses take no parameters
            url = default_storage.url(row.file)
        return HttpResponseRedirect(url)
    return FileResponse(
        default_storage.open(row.file, "rb"),
        as_attachment=True,
        filename=row.filename,
        content_type="application/pdf",
    )
