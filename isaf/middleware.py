"""Friendly error pages even on a developer's machine.

`make run` serves with DEBUG on, and Django then answers a missing page with its
technical 404 page (the URL patterns, in English): people trying the portal are
citizens and officials, not developers. With DEBUG on, this middleware swaps
that page for the site's own 404 page; with DEBUG off Django already uses it.
"""

from django.conf import settings
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
