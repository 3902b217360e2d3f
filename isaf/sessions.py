"""How long a signing-in lasts: the one home of session expiry.

- Idle: a session unused for SESSION_IDLE_MINUTES (SESSION_COOKIE_AGE) ends.
  Saving a session moves its end, and its cookie's, SESSION_COOKIE_AGE ahead;
  `SessionLifetimeMiddleware` saves a signed-in user's session when it was last
  saved over a minute ago. Django's SESSION_SAVE_EVERY_REQUEST would write the
  session on every request (three queries); once a minute is as good for an
  hour's limit. Anonymous readers' sessions are never written.
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
SEEN_AT = "isaf_seen_at"
# A session is saved again (its idle expiry moved on) at most this often.
TOUCH_EVERY = 60


def session_start(request) -> None:
    """Note when this session was signed in (the sign-in view calls it)."""
    request.session[SIGNED_IN_AT] = request.session[SEEN_AT] = int(time.time())


class SessionLifetimeMiddleware:
    """Sign out a session older than SESSION_MAX_AGE seconds since signing in, keep
    an active one from going idle, and tell someone whose form reached a page that
    needs signing in that it was not saved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            # A session signed in another way (the test client, an older release)
            # counts from the user's last sign-in.
            started = session.get(SIGNED_IN_AT) or _timestamp(request.user.last_login)
            if now - started > settings.SESSION_MAX_AGE:
                logout(request)
                messages.info(
                    request,
                    _("You were signed out after a long session. Sign in again."),
                )
            elif now - session.get(SEEN_AT, started) > TOUCH_EVERY:
                session[SEEN_AT] = int(now)  # saved, so its end moves on
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


def _timestamp(moment) -> float:
    return moment.timestamp() if moment else time.time()


def _login_path() -> str:
    from django.shortcuts import resolve_url

    return resolve_url(settings.LOGIN_URL)
