"""Handing a stored file over to the web server.

Stored public pages (isaf.pagestore) and published posters and booklets
(printing.public) are files in the media storage. With
`STORED_FILES_ACCEL_REDIRECT` set (the address of an nginx `internal` location
that serves the media storage, e.g. "/_stored/"), the app answers with headers
only and nginx sends the bytes; README's Deployment section has the nginx lines.
"""

from django.conf import settings
from django.http import HttpResponse


def accel_redirect_response(
    name: str, *, content_type: str, prefix: str | None = None
) -> HttpResponse | None:
    """A body-less response whose `X-Accel-Redirect` names the file `name` in the
    media storage (or under the `prefix` given: the private files' location,
    `PRIVATE_FILES_ACCEL_REDIRECT`); None when the web server is not set up to
    send them."""
    if prefix is None:
        prefix = settings.STORED_FILES_ACCEL_REDIRECT
    if not prefix:
        return None
    response = HttpResponse(content_type=content_type)
    response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + name.lstrip("/")
    return response
