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

import datetime
import gzip
import hashlib
import logging
import re
import shutil
import tempfile
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import FileResponse, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from .handover import accel_redirect_response
from .khmer import to_ascii_digits
from .models import PageScope, StoredPage
from .pages import addresses_pattern, scope_ensure, scope_generation, scope_name

logger = logging.getLogger(__name__)

# Readers revalidate every time (a 304 costs one query), so a publish shows at
# once even through a proxy that keeps pages.
CACHE_CONTROL = "public, no-cache"
_GZIP_ACCEPTED = re.compile(r"\bgzip\b")
# Below this size gzip saves less than its header costs.
_GZIP_MIN = 200
FILE_PREFIX = "public-pages/"


def _storable(request) -> bool:
    return (
        request.method == "GET"
        and not request.GET
        and not request.user.is_authenticated
        and not len(get_messages(request))
    )


@dataclass(frozen=True)
class Copy:
    """What a reader is sent of a stored page: its bytes in the encoding the
    reader takes (`packed`: gzip), or the file that holds them."""

    content_type: str
    disposition: str
    etag: str
    stored_at: datetime.datetime
    file_name: str
    payload: bytes
    packed: bool


_COPY_FIELDS = ("content_type", "disposition", "etag", "stored_at", "file_name")


_LOAD = """
SELECT p.content_type, p.disposition, p.etag, p.stored_at, p.file_name, {payload}
FROM {page} p JOIN {scope} s ON s.key = p.scope_id AND s.generation = p.generation
WHERE p.path = %s
"""


def _prepared(cursor, sql: str, wants_gzip: bool) -> str:
    """The page read as a prepared statement of this database session: planning
    the join costs more than running it, and a stored page is read thousands of
    times a second on announcement day. Prepared once per connection (a prepared
    statement lives as long as the session, whatever its transactions do)."""
    name = "isaf_page_load_gz" if wants_gzip else "isaf_page_load"
    raw = connection.connection
    prepared = getattr(raw, "isaf_prepared", None)
    if prepared is None:
        prepared = set()
        raw.isaf_prepared = prepared
    if name not in prepared:
        cursor.execute(f"PREPARE {name}(text) AS {sql.replace('%s', '$1')}")
        prepared.add(name)
    return f"EXECUTE {name}(%s)"


def page_load(path: str, *, wants_gzip: bool) -> Copy | None:
    """The current stored page at this address, in one query (the page joined to
    its scope's generation) that reads only the bytes this reader takes.

    Plain SQL: it is the whole cost of a stored page, and the ORM's way to the
    same statement costs several times the statement itself.
    """
    payload = (
        "COALESCE(p.gzip_body, p.body), p.gzip_body IS NOT NULL"
        if wants_gzip
        else "p.body, 0 = 1"
    )
    sql = _LOAD.format(
        payload=payload,
        page=StoredPage._meta.db_table,
        scope=PageScope._meta.db_table,
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_prepared(cursor, sql, wants_gzip), [path])
        else:
            cursor.execute(sql, [path])
        row = cursor.fetchone()
    if row is None:
        return None
    content_type, disposition, etag, stored_at, file_name, body, packed = row
    if isinstance(stored_at, str):  # SQLite
        stored_at = datetime.datetime.fromisoformat(stored_at)
    if timezone.is_naive(stored_at):
        stored_at = timezone.make_aware(stored_at, datetime.UTC)
    return Copy(
        content_type=content_type,
        disposition=disposition,
        etag=etag,
        stored_at=stored_at,
        file_name=file_name,
        payload=bytes(body or b""),
        packed=bool(packed),
    )


def _copy(page: StoredPage, *, wants_gzip: bool) -> Copy:
    packed = wants_gzip and page.gzip_body is not None
    return Copy(
        **{field: getattr(page, field) for field in _COPY_FIELDS},
        payload=bytes(page.gzip_body if packed else page.body),
        packed=packed,
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
    """The response's bytes, or (for a page larger than the settings'
    PUBLIC_PAGES_INLINE_MAX) a spooled file holding them; and the ETag. A
    streamed response is read chunk by chunk: the whole country never sits in
    memory."""
    limit = settings.PUBLIC_PAGES_INLINE_MAX
    digest = hashlib.blake2b(digest_size=16)
    chunks = response.streaming_content if response.streaming else [response.content]
    spool = tempfile.SpooledTemporaryFile(max_size=max(limit, 1))
    for chunk in chunks:
        chunk = chunk.encode() if isinstance(chunk, str) else chunk
        digest.update(chunk)
        spool.write(chunk)
    etag = f'"{digest.hexdigest()}"'
    size = spool.tell()
    spool.seek(0)
    if size <= limit:
        return spool.read(), None, etag
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


def page_save(*, path: str, scope: str, generation: int | None, response) -> StoredPage:
    """Keep what the view answered (a newer generation is never overwritten by
    an older one). Returns the page as stored."""
    body, spool, etag = _body(response)
    page = StoredPage(
        path=path,
        scope_id=scope,
        generation=1 if generation is None else generation,
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
        if generation is None:
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


def _file_response(copy: Copy, wants_gzip: bool) -> HttpResponse:
    name = copy.file_name + (".gz" if wants_gzip else "")
    # The web server sends the file when it is set up to (isaf.handover).
    response = accel_redirect_response(name, content_type=copy.content_type)
    if response is None:
        try:
            file = default_storage.open(name)
        except (FileNotFoundError, OSError):
            # Deleted as unused by a publish the moment before: render again.
            return None
        response = FileResponse(file, content_type=copy.content_type)
    if wants_gzip:
        response["Content-Encoding"] = "gzip"
    return response


def page_response(request, copy: Copy, wants_gzip: bool) -> HttpResponse | None:
    """The stored bytes as a response, or a 304 when the reader has them; None
    when the file that held them is gone."""
    last_modified = copy.stored_at.timestamp()
    response = get_conditional_response(
        request, etag=copy.etag, last_modified=int(last_modified)
    )
    if response is None:
        if copy.file_name:
            response = _file_response(copy, wants_gzip)
            if response is None:
                return None
        else:
            response = HttpResponse(copy.payload, content_type=copy.content_type)
            response["Content-Length"] = str(len(copy.payload))
            if copy.packed:
                response["Content-Encoding"] = "gzip"
        if copy.disposition:
            response["Content-Disposition"] = copy.disposition
    response["ETag"] = copy.etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = CACHE_CONTROL
    patch_vary_headers(response, ("Accept-Encoding", "Cookie"))
    return response


def _accepts_gzip(request) -> bool:
    return bool(_GZIP_ACCEPTED.search(request.headers.get("Accept-Encoding", "")))


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
            wants_gzip = _accepts_gzip(request)
            copy = None
            if not getattr(request, "stored_page_missed", False):
                # Not asked yet (StoredPageMiddleware asks first).
                try:
                    copy = page_load(path, wants_gzip=wants_gzip)
                except DatabaseError:
                    logger.warning("Stored page %s unreadable", path, exc_info=True)
            if copy is not None and (
                response := page_response(request, copy, wants_gzip)
            ):
                return response
            scope = scope_name(kind, to_ascii_digits(str(kwargs[key])).strip())
            generation = scope_generation(scope)
            response = view(request, *args, **kwargs)
            if response.status_code != 200:
                return response
            page = page_save(
                path=path, scope=scope, generation=generation, response=response
            )
            return page_response(
                request, _copy(page, wants_gzip=wants_gzip), wants_gzip
            ) or HttpResponse(page.body, content_type=page.content_type)

        return wrapper

    return decorator


class StoredPageMiddleware:
    """The fast way to a stored page: before sessions, sign-in, messages and the
    URL resolver, an anonymous reader's plain GET of an address that has a
    current stored page is answered from it. Anything else (a page not stored
    yet, a reader with a session or messages, a query string) goes on to the
    view, whose `page_stored` renders and stores it.

    Placed after the security and static-file middleware, which still add their
    headers; the headers of the inner middleware that a page needs are set here.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.cookies = {settings.SESSION_COOKIE_NAME, "messages"}
        self.addresses = None

    def _public(self, path: str) -> bool:
        if self.addresses is None:
            # Built at the first request: by then every app has registered.
            self.addresses = addresses_pattern()
        return bool(self.addresses.match(path))

    def __call__(self, request):
        if (
            request.method == "GET"
            and not request.META.get("QUERY_STRING")
            and self._public(request.path_info)
            and not self.cookies.intersection(request.COOKIES)
        ):
            wants_gzip = _accepts_gzip(request)
            try:
                copy = page_load(request.path, wants_gzip=wants_gzip)
            except DatabaseError:
                logger.warning("Stored page %s unreadable", request.path)
                copy = None
            response = copy and page_response(request, copy, wants_gzip)
            if response is not None:
                response["Content-Language"] = request.path_info.split("/")[1]
                response.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
                return response
            request.stored_page_missed = True
        return self.get_response(request)
