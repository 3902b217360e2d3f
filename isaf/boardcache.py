"""Board caching.

Each commune (and each provider) has a generation stamp, bumped whenever anything
shown on its board is published, so that every cached board of that commune (all
years, both languages, data and pages) is dropped at once without listing keys.

Two layers use it: the board data (`i4c.selectors.board_for_commune`), which any page
that shows a board shares, and whole public pages for anonymous readers
(`board_page_cache`), which is what lets a board answer about as fast as a trivial
view on a phone network's worth of traffic. Publishing a scorecard bumps the same
stamps, since the commune page shows its results.
"""

import time
from functools import wraps

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse

from isaf.khmer import to_ascii_digits

BOARD_TIMEOUT = 60 * 60 * 6


def _generation_key(scope: str) -> str:
    return f"i4c:board-gen:{scope}"


def _generation(scope: str) -> int:
    generation = cache.get(_generation_key(scope))
    if generation is None:
        # A missing stamp (never set, or evicted) starts a fresh generation, so an
        # evicted stamp can never bring back a board cached before a publish.
        generation = time.time_ns()
        cache.set(_generation_key(scope), generation, timeout=None)
    return generation


def board_cache_key(*, commune_code: str, year: int | None) -> str:
    generation = _generation(commune_code)
    return f"i4c:board:{commune_code}:{year or 'latest'}:{generation}"


def board_cache_invalidate(*, commune_codes=(), provider_codes=()) -> None:
    stamp = time.time_ns()
    scopes = [*commune_codes, *(f"P{code}" for code in provider_codes)]
    cache.set_many({_generation_key(scope): stamp for scope in scopes}, timeout=None)


def board_page_cache(*, scope: str = "commune"):
    """Cache a public board page whole, for anonymous readers.

    The page's address (language, code, year) is the key, under the commune's or
    provider's generation. Signed-in readers, readers with pending messages and
    anything but a plain GET are served fresh, so that nobody ever receives a
    page rendered for someone else.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, code, *args, **kwargs):
            if (
                request.method != "GET"
                or request.GET
                or request.user.is_authenticated
                or len(get_messages(request))
            ):
                return view(request, code, *args, **kwargs)
            code_key = to_ascii_digits(code).strip()
            prefix = "P" if scope == "provider" else ""
            key = f"i4c:page:{_generation(prefix + code_key)}:{request.path}"
            cached = cache.get(key)
            if cached is not None:
                content, content_type = cached
                return HttpResponse(content, content_type=content_type)
            response = view(request, code, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                cache.set(
                    key, (response.content, response["Content-Type"]), BOARD_TIMEOUT
                )
            return response

        return wrapper

    return decorator
