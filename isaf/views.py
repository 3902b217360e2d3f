"""The health check: wiring, not a page (the pages are the portal's)."""

import logging
import threading
import time

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

log = logging.getLogger(__name__)


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure means "not answering"; say so, don't crash
        log.exception("healthz: database check failed")
        return "down"
    return "ok"


# The whole answer comes within this many seconds, even with Redis hung: the
# broker is asked from a thread that is waited for this long, and no longer.
BROKER_DEADLINE = 1.5


def _broker_and_worker_state() -> tuple[str, str]:
    from kombu import Connection

    from isaf.celery import app

    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=1) as conn:
            conn.ensure_connection(max_retries=1, timeout=1)
    except Exception:
        log.warning("healthz: broker unreachable", exc_info=True)
        return "down", "unknown"
    try:
        replies = app.control.ping(timeout=0.5) or []
    except Exception:
        log.warning("healthz: worker ping failed", exc_info=True)
        replies = []
    return "ok", ("ok" if replies else "none")


# A load balancer asks often: the broker and workers are asked at most every
# few seconds per process, in the background, and /healthz answers with the
# latest state (the database is asked every time). A question the broker has
# not answered within BROKER_DEADLINE means it is down.
BROKER_STATE_SECONDS = 5.0
_broker_state: dict[str, tuple[float, tuple[str, str]]] = {}
_asking: dict[str, tuple[float, threading.Thread]] = {}


def _ask(url: str) -> None:
    state = _broker_and_worker_state()
    _broker_state[url] = (time.monotonic(), state)


def _broker_and_worker_within_deadline() -> tuple[str, str]:
    if not settings.REDIS_URL:
        return "in-process", "in-process"
    url = settings.CELERY_BROKER_URL
    now = time.monotonic()
    known = _broker_state.get(url)
    if known and now - known[0] < BROKER_STATE_SECONDS:
        return known[1]
    asking = _asking.get(url)
    if asking is None or not asking[1].is_alive():
        thread = threading.Thread(
            target=_ask, args=(url,), name="healthz-broker", daemon=True
        )
        thread.start()
        asking = _asking[url] = (now, thread)
    if known is None:
        asking[1].join(max(0.0, BROKER_DEADLINE - (now - asking[0])))
        known = _broker_state.get(url)
    if asking[1].is_alive() and time.monotonic() - asking[0] >= BROKER_DEADLINE:
        log.warning("healthz: the broker did not answer within %s s", BROKER_DEADLINE)
        return "down", "unknown"
    return known[1] if known else ("down", "unknown")


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Database, broker and worker state; 200 whenever the database answers."""
    database = _database_state()
    broker, workers = _broker_and_worker_within_deadline()
    return JsonResponse(
        {"database": database, "broker": broker, "workers": workers},
        status=200 if database == "ok" else 503,
    )
