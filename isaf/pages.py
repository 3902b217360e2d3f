"""Public pages are documents: stored when published, served as bytes.

A public page (a commune's board, a provider's board, a scorecard's results, their
CSV and JSON, the national CSV) changes only when something on it is published.
So each is rendered once, kept as a database row (`isaf.models.StoredPage`) and
served from there by `isaf.pagestore.page_stored`, whether Redis is up or not.

Every stored page belongs to one *scope*, a published thing named by its kind and
key (``commune:110401``, ``provider:HC11040101``, ``scorecard:12``,
``national:2025``). Each scope has a generation (`isaf.models.PageScope`):

- a page is served only while it carries its scope's current generation, read
  in the same indexed query as the page, so a page rendered from the data
  before a publish can never be served after it;
- the services that publish call ``pages_changed(commune=[...], provider=[...])``
  inside their transaction: the generations move on and the old rows go, in that
  transaction, so a reader sees the old version or the new one, never a mix;
- after the commit a job renders the pages of those scopes again (with no
  broker, in-process); a page never stored is rendered on its first read;
- bulk writes that bypass the services (seeding, demo data, the gazetteer) call
  ``pages_forget_all()``; ``manage.py render_public_pages`` stores them again.

Apps say which addresses belong to a scope in ``<app>/pages.py``, which
`isaf.apps` imports at start-up the way the admin finds ``admin.py``::

    pages_register(
        PublicPages(
            key="i4c.commune-board",
            kind="commune",
            paths=commune_board_paths,   # (key) -> addresses to render
            keys=communes_all,           # () -> every key, for the command
        )
    )
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F

from .broker import broker_refused, broker_worth_trying
from .models import PageScope, StoredPage

logger = logging.getLogger(__name__)

KINDS = ("commune", "provider", "scorecard", "national")


@dataclass(frozen=True)
class PublicPages:
    key: str
    kind: str
    paths: Callable[[str], Iterable[str]]
    keys: Callable[[], Iterable[str]]
    # The addresses these pages live at, after the language prefix (a regular
    # expression): only those are looked up before the views (isaf.pagestore).
    addresses: str = ""


_registry: dict[str, PublicPages] = {}


def pages_register(pages: PublicPages) -> None:
    """Register (or replace, so that re-importing a module is harmless)."""
    if pages.kind not in KINDS:
        raise ValueError(f"unknown kind of public page: {pages.kind}")
    _registry[pages.key] = pages


def pages_all(kind: str | None = None) -> list[PublicPages]:
    return [p for p in _registry.values() if kind is None or p.kind == kind]


def addresses_pattern() -> re.Pattern:
    """Every registered public page's address, with its language prefix."""
    languages = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    addresses = "|".join(
        f"(?:{p.addresses})" for p in _registry.values() if p.addresses
    )
    return re.compile(f"^/(?:{languages})/(?:{addresses or '(?!)'})$")


def scope_name(kind: str, key) -> str:
    return f"{kind}:{key}"


def scope_paths(scope: str) -> list[str]:
    """The addresses registered for a scope, in registration order."""
    kind, _sep, key = scope.partition(":")
    paths: list[str] = []
    for pages in pages_all(kind):
        paths.extend(pages.paths(key))
    return list(dict.fromkeys(paths))


def scope_generation(scope: str) -> int | None:
    """The scope's current generation: read it before anything the page shows.

    A page rendered from data older than a publish then carries a generation
    the publish has already left behind. None for a scope nobody published or
    stored yet: its first stored page creates it (`scope_ensure`) at
    generation 1, and a publish creates it and moves it to 2.
    """
    return (
        PageScope.objects.filter(key=scope).values_list("generation", flat=True).first()
    )


def scope_ensure(scope: str) -> None:
    PageScope.objects.bulk_create([PageScope(key=scope)], ignore_conflicts=True)


def pages_changed(
    *,
    commune: Iterable[str] = (),
    provider: Iterable[str] = (),
    scorecard: Iterable = (),
    national: Iterable = (),
) -> list[str]:
    """Something shown on these scopes' pages was published: call it inside the
    publishing transaction.

    Their stored pages stop counting in this transaction; once it commits, a
    job stores them again. Returns the scopes.
    """
    given = {
        "commune": commune,
        "provider": provider,
        "scorecard": scorecard,
        "national": national,
    }
    scopes = sorted(
        {scope_name(kind, key) for kind, keys in given.items() for key in keys if key}
    )
    if not scopes:
        return []
    # In a fixed order, so that two publishes touching the same communes queue
    # behind each other rather than deadlock.
    PageScope.objects.bulk_create(
        [PageScope(key=scope) for scope in scopes], ignore_conflicts=True
    )
    for scope in scopes:
        PageScope.objects.filter(key=scope).update(generation=F("generation") + 1)
    _pages_delete(StoredPage.objects.filter(scope__in=scopes))
    transaction.on_commit(lambda: pages_render_request(scopes), robust=True)
    return scopes


def _pages_delete(pages) -> None:
    """Delete stored pages, and once committed the files of those too large for a
    row that no page uses any more (a reader already sending one keeps it open)."""
    files = set(pages.exclude(file_name="").values_list("file_name", flat=True))
    pages.delete()
    if files:
        transaction.on_commit(lambda: _files_delete(files), robust=True)


def _files_delete(names: set[str]) -> None:
    from django.core.files.storage import default_storage

    used = set(
        StoredPage.objects.filter(file_name__in=names).values_list(
            "file_name", flat=True
        )
    )
    for name in names - used:
        for file in (name, name + ".gz"):
            default_storage.delete(file)


def pages_forget_all() -> None:
    """After bulk writes that bypass the services: no stored page counts any more."""
    with transaction.atomic():
        PageScope.objects.exclude(key=RELEASE_KEY).update(
            generation=F("generation") + 1
        )
        _pages_delete(StoredPage.objects.all())


# The release the stored pages were rendered by (`isaf.release`), kept as the
# "generation" of a scope of its own.
RELEASE_KEY = "release"


def pages_release_check() -> bool:
    """After a deploy that changed how pages look (code, templates, catalogues,
    static files), forget every stored page: each is stored again on its first
    read, or by `render_public_pages`. True when they were forgotten."""
    from .release import release_number

    current = release_number()
    with transaction.atomic():
        stored = (
            PageScope.objects.select_for_update()
            .filter(key=RELEASE_KEY)
            .values_list("generation", flat=True)
            .first()
        )
        if stored == current:
            return False
        pages_forget_all()
        PageScope.objects.update_or_create(
            key=RELEASE_KEY, defaults={"generation": current}
        )
    return True


def pages_render_request(scopes: list[str]) -> None:
    """Send the render job for these scopes (with no broker: run it here).

    Sent from a short-lived thread, so that a broker that is down or hung never
    holds up the request that published; the pages are then rendered on their
    first read, and the error is logged, never raised.
    """
    from .celery import app
    from .tasks import pages_render

    def send():
        if not broker_worth_trying():
            logger.warning("Public pages of %s will be rendered on first read", scopes)
            return
        try:
            pages_render.apply_async(
                args=(list(scopes),),
                retry=True,
                retry_policy={"max_retries": 1, "interval_start": 0.2},
            )
        except Exception:
            broker_refused()
            logger.warning(
                "Public pages of %s will be rendered on first read: job not sent",
                ", ".join(scopes),
                exc_info=True,
            )

    if app.conf.task_always_eager:
        send()
    else:
        threading.Thread(target=send, name="pages-render-send", daemon=True).start()


def page_render(path: str):
    """Read an address as an anonymous reader would, through the whole
    middleware stack: a stored page answers from its row, any other is rendered
    and stored. Returns the response."""
    from django.core.handlers.base import BaseHandler
    from django.test import RequestFactory

    global _handler
    if _handler is None:
        handler = BaseHandler()
        handler.load_middleware()
        _handler = handler
    hosts = [h for h in settings.ALLOWED_HOSTS if h and "*" not in h]
    host = (hosts[0].lstrip(".") if hosts else "localhost") or "localhost"
    request = RequestFactory().get(path, secure=True, HTTP_HOST=host)
    return _handler.get_response(request)


_handler = None


def scopes_render(scopes: Iterable[str], keep: Callable[[str], bool] | None = None):
    """Store every page of these scopes (those `keep` keeps) not stored yet.
    Returns how many addresses answered 200."""
    done = 0
    # Boards first: the national CSV, which takes longest, last.
    for scope in sorted(scopes, key=lambda scope: KINDS.index(scope.split(":")[0])):
        for path in scope_paths(scope):
            if keep is not None and not keep(path):
                continue
            try:
                response = page_render(path)
            except Exception:
                # One page that cannot be rendered must not stop the others: it
                # is rendered again on its first read.
                logger.exception("Public page %s was not rendered", path)
                continue
            if response.status_code == 200:
                done += 1
            elif response.status_code != 404:
                logger.warning("%s answered %s", path, response.status_code)
    return done
