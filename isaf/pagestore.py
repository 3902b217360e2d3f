"""Serving stored public pages: one indexed query, then bytes.

`page_stored` wraps a public view. For an anonymous reader's plain GET it
answers from the stored row when there is a current one (see `isaf.pages`),
with an ETag and Last-Modified, a 304 to a conditional GET, and the gzip
bytes when the reader accepts them; otherwise it runs the view and stores
what it answered. Signed-in readers, readers with messages waiting, query
strings and anything but GET get the view itself, fresh, so that nobody is
ever handed a page rendered for someone else.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import re
import shutil
import tempfile
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.db.models import F
from django.http import FileResponse, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from .khmer import to_ascii_digits
from .models import StoredPage
from .pages import scope_ensure, scope_generation, scope_name

logger = logging.getLogger(__name__)

# Readers revalidate every time (a 304 costs one query), so a publish shows at
# once even through a proxy that keeps pages.
CACHE_CONTROL = "public, no-cache"
_GZIP_ACCEPTED = re.compile(r"\bgzip\b")
# Below this size gzip saves less than its header costs.
_GZIP_MIN = 200
# A page larger than this is kept as a file in storage rather than in its row.
INLINE_MAX = 1024 * 1024
FILE_PREFIX = "public-pages/"


def _storable(request) -> bool:
    return (
        request.method == "GET"
        and not request.GET
        and not request.user.is_authenticated
        and not len(get_messages(request))
    )


def page_load(path: str) -> StoredPage | None:
    """The current stored page at this address: one query (the page joined to
    its scope's generation)."""
    return (
        StoredPage.objects.filter(path=path, generation=F("scope__generation"))
        .only(
            "content_type",
            "disposition",
            "body",
            "gzip_body",
            "file_name",
            "etag",
            "stored_at",
        )
        .first()
    )


_COLUMNS = (
    "path",
    "scope_id",
    "generation",
    "content_type",
    "disposition",
    "body",
    "gzip_body",
    "file_name",
    "etag",
    "stored_at",
)
_UPSERT = """
INSERT INTO {table} ({columns}) VALUES ({values})
ON CONFLICT (path) DO UPDATE SET {updates}
WHERE {table}.generation <= excluded.generation
"""


def _upsert_sql() -> str:
    return _UPSERT.format(
        table=StoredPage._meta.db_table,
        columns=", ".join(_COLUMNS),
        values=", ".join(["%s"] * len(_COLUMNS)),
        updates=", ".join(f"{c} = excluded.{c}" for c in _COLUMNS[1:]),
    )


def _body(response) -> tuple[bytes | None, object, str]:
    """The response's bytes, or (for a page too large for a row) a spooled
    file holding them; and the ETag. A streamed response is read chunk by chunk,
    so the whole country never sits in memory."""
    digest = hashlib.blake2b(digest_size=16)
    if not response.streaming:
        digest.update(response.content)
        return response.content, None, f'"{digest.hexdigest()}"'
    spool = tempfile.SpooledTemporaryFile(max_size=INLINE_MAX)
    for chunk in response.streaming_content:
        chunk = chunk.encode() if isinstance(chunk, str) else chunk
        digest.update(chunk)
        spool.write(chunk)
    etag = f'"{digest.hexdigest()}"'
    if spool.tell() <= INLINE_MAX:
        spool.seek(0)
        return spool.read(), None, etag
    spool.seek(0)
    return None, spool, etag


def _file_save(spool, etag: str) -> str:
    """Write a large page and its gzip to the default storage, named by their
    content (so writing them again changes nothing)."""
    name = f"{FILE_PREFIX}{etag.strip(chr(34))}"
    if not default_storage.exists(name):
        default_storage.save(name, File(spool))
    if not default_storage.exists(name + ".gz"):
        spool.seek(0)
        packed = tempfile.TemporaryFile()
        with gzip.GzipFile(fileobj=packed, mode="wb", compresslevel=6, mtime=0) as gz:
            shutil.copyfileobj(spool, gz)
        packed.seek(0)
        default_storage.save(name + ".gz", File(packed))
    return name


def page_save(*, path: str, scope: str, generation: int, response) -> StoredPage:
    """Keep what the view answered (a newer generation is never overwritten by
    an older one). Returns the page as stored."""
    body, spool, etag = _body(response)
    page = StoredPage(
        path=path,
        scope_id=scope,
        generation=generation,
        content_type=response["Content-Type"],
        disposition=response.get("Content-Disposition", ""),
        body=body or b"",
        gzip_body=(
            gzip.compress(body, 6, mtime=0)
            if body is not None and len(body) >= _GZIP_MIN
            else None
        ),
        etag=etag,
        # Whole seconds: Last-Modified and If-Modified-Since carry no fraction.
        stored_at=timezone.now().replace(microsecond=0),
    )
    try:
        if spool is not None:
            page.file_name = _file_save(spool, etag)
        scope_ensure(scope)
        with connection.cursor() as cursor:
            cursor.execute(_upsert_sql(), [getattr(page, c) for c in _COLUMNS])
    except (DatabaseError, OSError):
        # Storing is an accelerator too: the reader still gets the page.
        logger.warning("Public page %s was not stored", path, exc_info=True)
        if spool is not None and not page.file_name:
            spool.seek(0)
            page.body = spool.read()
    return page


def _file_response(request, page: StoredPage, accepts_gzip) -> HttpResponse:
    name = page.file_name + (".gz" if accepts_gzip else "")
    accel = getattr(settings, "PUBLIC_PAGES_ACCEL_REDIRECT", "")
    if accel:
        # The web server sends the file (nginx: an `internal` location).
        response = HttpResponse(content_type=page.content_type)
        response["X-Accel-Redirect"] = accel.rstrip("/") + "/" + name
    else:
        response = FileResponse(
            default_storage.open(name), content_type=page.content_type
        )
    if accepts_gzip:
        response["Content-Encoding"] = "gzip"
    return response


def page_response(request, page: StoredPage) -> HttpResponse:
    """The stored bytes as a response, or a 304 when the reader has them."""
    last_modified = page.stored_at.timestamp()
    response = get_conditional_response(
        request, etag=page.etag, last_modified=int(last_modified)
    )
    if response is None:
        accepts_gzip = bool(
            _GZIP_ACCEPTED.search(request.headers.get("Accept-Encoding", ""))
        )
        if page.file_name:
            response = _file_response(request, page, accepts_gzip)
        else:
            response = HttpResponse(content_type=page.content_type)
            body = page.body
            if page.gzip_body is not None and accepts_gzip:
                body = page.gzip_body
                response["Content-Encoding"] = "gzip"
            response.content = bytes(body)
        if page.disposition:
            response["Content-Disposition"] = page.disposition
    response["ETag"] = page.etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = CACHE_CONTROL
    patch_vary_headers(response, ("Accept-Encoding", "Cookie"))
    return response


def page_stored(kind: str, *, key: str = "code"):
    """Serve the view's page from storage for anonymous readers.

    The page belongs to the scope ``kind:<the view's `key` argument>`` (Khmer
    digits read as ASCII), whose publishes make it stale.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _storable(request):
                return view(request, *args, **kwargs)
            path = request.path
            try:
                page = page_load(path)
            except DatabaseError:
                logger.warning("Stored page %s unreadable", path, exc_info=True)
                page = None
            if page is not None:
                return page_response(request, page)
            scope = scope_name(kind, to_ascii_digits(str(kwargs[key])).strip())
            generation = scope_generation(scope)
            response = view(request, *args, **kwargs)
            if response.status_code != 200:
                return response
            page = page_save(
                path=path, scope=scope, generation=generation, response=response
            )
            return page_response(request, page)

        return wrapper

    return decorator
