"""How long a signing-in lasts: the one home of session expiry.

- Idle: a session unused for SESSION_IDLE_MINUTES ends. Django does it: each
  request of a signed-in user saves the session (SESSION_SAVE_EVERY_REQUEST), which
  moves its expiry SESSION_COOKIE_AGE ahead; anonymous readers have an empty
  session, which is never saved.
- Whole: however active, a session ends SESSION_MAX_HOURS after signing in
  (`SessionLifetimeMiddleware`), so a session taken from a shared computer does
  not live for ever.

Either way the next page asks the user to sign in again, and the sign-in page
brings them back to the address they were at (`next`). What a form sent after its
session ended cannot be saved for someone nobody knows: the sign-in page says so
(`expired_post_notice`), rather than dropping it silently.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

SIGNED_IN_AT = "isaf_signed_in_at"


def session_start(request) -> None:
    """Note when this session was signed in (the sign-in view calls it)."""
    request.session[SIGNED_IN_AT] = int(time.time())


class SessionLifetimeMiddleware:
    """Sign out a session older than SESSION_MAX_AGE seconds since signing in; tell
    someone whose form reached a page that needs signing in that it was not saved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get(SIGNED_IN_AT)
            if started is None:  # signed in before this rule existed
                session_start(request)
            elif time.time() - started > settings.SESSION_MAX_AGE:
                logout(request)
                messages.info(
                    request,
                    _("You were signed out after a long session. Sign in again."),
                )
        response = self.get_response(request)
        expired_post_notice(request, response)
        return response


def expired_post_notice(request, response) -> None:
    """A form sent by someone no longer signed in is sent on to the sign-in page,
    and what it carried is lost: say so there, so that nobody believes it saved."""
    if (
        request.method == "POST"
        and response.status_code == 302
        and not request.user.is_authenticated
        and response["Location"].split("?")[0] == _login_path()
    ):
        messages.warning(
            request,
            _(
                "Your session had ended, so what you sent was not saved. Sign in, "
                "then enter it again."
            ),
        )


def _login_path() -> str:
    from django.shortcuts import resolve_url

    return resolve_url(settings.LOGIN_URL)
