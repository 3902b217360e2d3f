"""Friendly error pages even on a developer's machine, the admin in the
portal's language, and no cached copies of a signed-in user's pages.

`make run` serves with DEBUG on, and Django then answers a missing page with its
technical 404 page (the URL patterns, in English): people trying the portal are
citizens and officials, not developers. With DEBUG on, this middleware swaps
that page for the site's own 404 page; with DEBUG off Django already uses it.
"""

from django.conf import settings
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path
from django.views.defaults import page_not_found


class FriendlyNotFoundMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and response.get("Content-Type", "").startswith("text/html")
        ):
            return page_not_found(request, exception=None)
        return response


class RememberLanguageMiddleware:
    """The admin speaks the language the official last read the portal in.

    `/admin/` has no language in its address, so Django picks its language from a
    cookie or from the browser (often English on an official's machine). A
    signed-in user's portal pages (`/km/...`, `/en/...`) set that cookie, so the
    admin follows the portal. Anonymous readers get no cookie: their pages stay
    the same for everyone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = get_language_from_path(request.path_info)
        user = getattr(request, "user", None)
        if (
            language
            and user is not None
            and user.is_authenticated
            and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language
        ):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
            )
        return response


class PrivateCacheMiddleware:
    """Nothing made for a signed-in user is kept by a browser's or a proxy's cache.

    Every response to a signed-in user (pages, exports, spreadsheets, PDFs, voice
    clips) is `Cache-Control: private, no-store`, whatever the view said: a shared
    office computer or a proxy must not hand one official's page to the next
    reader. Non-public data is only ever served to signed-in users, so this covers
    every private export. Anonymous readers are left alone: stored public pages
    and public files keep their own caching (`public, no-cache` with an ETag).

    Placed outside the stored-page and sign-in middleware: a stored page never
    reaches sign-in (its reader has no session), and static files, answered
    before this, keep their long caching.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
            # The same address answers differently once signed in.
            patch_vary_headers(response, ("Cookie",))
        return response
