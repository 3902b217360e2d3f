"""Friendly error pages even on a developer's machine, the admin in the
portal's language, no cached copies of a signed-in user's pages, and a clear
refusal of requests no browser sends.

`make run` serves with DEBUG on, and Django then answers a missing page with its
technical 404 page (the URL patterns, in English): people trying the portal are
citizens and officials, not developers. With DEBUG on, this middleware swaps
that page for the site's own 404 page; with DEBUG off Django already uses it.
"""

import re
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
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


# A control character in an address names no page (and PostgreSQL refuses NUL).
_PATH_CONTROL = re.compile("[\x00-\x1f\x7f]")


def _is_utf8_form(raw: bytes) -> bool:
    """Whether every name and value of a query string or an urlencoded body is
    UTF-8 once its %-escapes are undone."""
    for pair in raw.split(b"&"):
        for part in pair.split(b"=", 1):
            try:
                unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
            except UnicodeDecodeError:
                return False
    return True


class UnreadableRequestMiddleware:
    """Refuses, with a clear page, what no browser sends and Django would guess at.

    Django reads invalid UTF-8 in a query string or a form as «�» and goes on, so
    a search or a saved text would hold a character nobody typed: such a request
    is answered 400 with a page that says why. An address with a control
    character (``/communes/%00/``) is a page that does not exist. Text fields say
    themselves what is wrong with characters a person typed (isaf.text).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _PATH_CONTROL.search(request.path_info):
            raise Http404
        query = request.META.get("QUERY_STRING", "")
        if not _is_utf8_form(query.encode("latin-1", "replace")):
            return _unreadable(request)
        content_type = request.META.get("CONTENT_TYPE", "")
        if request.method == "POST" and content_type.startswith(
            "application/x-www-form-urlencoded"
        ):
            if not _is_utf8_form(request.body):
                return _unreadable(request)
        return self.get_response(request)


def _unreadable(request):
    return render(request, "400.html", status=400)
