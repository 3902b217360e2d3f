"""Posters and booklets for anyone, at the addresses printed on the boards:
`/<lang>/communes/<code>/<year>/poster-a3.pdf`, `poster-a2.pdf`, `booklet.pdf`
and `/<lang>/providers/<code>/<year>/poster-a3.pdf`.

The PDF of the year's latest published version is served from storage, where
publishing stored it (`printing.public`); one never stored is rendered on this
first read and stored the same way. If that fails, the reader is asked to come
back in a minute while a print job prepares it.
"""

import logging

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from printing.public import (
    public_file_get,
    public_file_render,
    public_file_response,
)
from printing.services import print_job_request

from ..selectors.public_pdfs import (
    COMMUNE_DOCUMENTS,
    PROVIDER_DOCUMENTS,
    public_pdf_source,
)

logger = logging.getLogger(__name__)

RETRY_AFTER = 60


def _preparing(request: HttpRequest, *, document: str, target: str) -> HttpResponse:
    lang = request.LANGUAGE_CODE
    try:
        print_job_request(
            user=None, document=document, target=target, lang=lang, system=True
        )
    except Exception:
        logger.exception("Could not ask for %s of %s", document, target)
    response = render(request, "i4c/pdf_preparing.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def _serve(request: HttpRequest, *, document: str, code: str, year: int):
    found = public_pdf_source(document=document, code=code, year=year)
    if found is None:
        raise Http404
    target, version, public_code = found
    lang = request.LANGUAGE_CODE
    row = public_file_get(
        document=document, code=public_code, year=year, lang=lang, version=version
    )
    if row is not None:
        try:
            return public_file_response(request, row)
        except FileNotFoundError:
            logger.warning("Public file %s is gone from storage", row.file)
    try:
        row = public_file_render(document=document, target=target, lang=lang)
    except Exception:
        logger.exception("Could not render %s of %s on first read", document, target)
        return _preparing(request, document=document, target=target)
    if row is None:
        raise Http404
    return public_file_response(request, row)


@require_safe
def commune_pdf(request: HttpRequest, code: str, year: int, name: str):
    document = COMMUNE_DOCUMENTS.get(name)
    if document is None:
        raise Http404
    return _serve(request, document=document, code=code, year=year)


@require_safe
def provider_pdf(request: HttpRequest, code: str, year: int, name: str):
    document = PROVIDER_DOCUMENTS.get(name)
    if document is None:
        raise Http404
    return _serve(request, document=document, code=code, year=year)
