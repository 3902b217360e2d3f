"""A reader never sees a server error because the database dropped its connection.

When PostgreSQL restarts (an upgrade, a failover), every open session is ended
and for a moment new ones are refused. Django's health checks find a dead
connection between requests, but not one that dies during a request, nor a
server that is still starting. So a safe request (GET, HEAD) that failed that
way is run again, once, on a new connection, after a short pause; one that
fails again, or an unsafe request (POST: it may have been saved before the
connection went), answers 503 with a page saying to try again in a few seconds,
never a 500. Other errors are left alone.

The middleware comes before every middleware that reads the database, so that
it covers every database read of the request, the stored pages' included; only
the security headers' middleware is outside it, so that its 503 page carries
them. At that level no transaction is open.
"""

import logging
import time

from django.db import connection
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

SAFE_METHODS = ("GET", "HEAD")
# Long enough for a fast restart to finish, short enough for a reader to wait.
RETRY_PAUSE = 1.0
RETRY_AFTER = 5


def connection_dropped() -> bool:
    """True when this request's database connection failed and is gone: never
    opened (the server refused it) or closed or broken under it."""
    if not connection.errors_occurred:
        return False
    raw = connection.connection
    return raw is None or raw.closed or getattr(raw, "broken", False)


def unavailable_response() -> HttpResponse:
    # Standalone, like the 500 page: nothing on it reads the database.
    page = loader.get_template("503.html").render()
    response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


class DroppedConnectionRetryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 500 or not connection_dropped():
            return response
        if request.method in SAFE_METHODS and not connection.in_atomic_block:
            logger.warning("%s: database connection dropped; once more", request.path)
            connection.close()
            time.sleep(RETRY_PAUSE)
            response = self.get_response(request)
            if response.status_code != 500 or not connection_dropped():
                return response
        logger.warning("%s: database unreachable; answered 503", request.path)
        connection.close()
        return unavailable_response()
