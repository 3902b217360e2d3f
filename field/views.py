"""The field app's addresses: the page, its service worker and manifest, the
reference data it keeps, and the sync endpoint. Facilitators only."""

from __future__ import annotations

import hashlib
import json
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from communes import scopes
from scorecards.forms import ScorecardStartForm
from scorecards.results import FACES, SCALE

from . import reference, sync
from .assets import app_shell, strings

# A batch of meetings is a few kilobytes each; anything near this is a mistake.
MAX_BODY_BYTES = 1024 * 1024


def is_facilitator(user) -> bool:
    return user.is_authenticated and scopes.facilitator_organisations(user).exists()


def facilitators_only(view=None, *, answer_json=False):
    """Everyone else gets a 404 page; JSON addresses answer 403 in JSON instead,
    so that the app can ask the facilitator to sign in again rather than fail to
    read a page."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if is_facilitator(request.user):
                return view(request, *args, **kwargs)
            if answer_json:
                return _error(_("Sign in again as a facilitator, then sync."), 403)
            raise Http404

        return wrapper

    return decorate(view) if view else decorate


@require_safe
@login_required
@facilitators_only
def field_app(request: HttpRequest) -> HttpResponse:
    groups = [
        (value, label)
        for value, label in ScorecardStartForm.base_fields["group"].choices
        if value
    ]
    return render(
        request,
        "field/app.html",
        {
            "strings": strings(),
            "groups": groups,
            "languages": ScorecardStartForm.base_fields["language"].choices,
            "scale": [(level, SCALE[level], FACES[level]) for level in range(1, 6)],
            "start_form": ScorecardStartForm(),
            "urls": {
                "reference": reverse("field:reference"),
                "sync": reverse("field:sync"),
                "sw": reverse("field:sw"),
                "app": reverse("field:app"),
            },
        },
    )


@require_safe
@never_cache
@facilitators_only(answer_json=True)
def field_reference(request: HttpRequest) -> JsonResponse:
    return JsonResponse(reference.reference_data(user=request.user))


@require_POST
@never_cache
@facilitators_only(answer_json=True)
def field_sync(request: HttpRequest) -> JsonResponse:
    """Take a batch of meetings; answer, for each, saved or refused with why."""
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > MAX_BODY_BYTES:
        return _error(_("Too much was sent at once: sync fewer meetings."), 413)
    try:
        payload = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return _error(_("What was sent could not be read. Try to sync again."), 400)
    records = payload.get("records") if isinstance(payload, dict) else None
    if not isinstance(records, list):
        return _error(_("What was sent could not be read. Try to sync again."), 400)
    if len(records) > sync.MAX_RECORDS:
        return _error(_("Too much was sent at once: sync fewer meetings."), 413)
    return JsonResponse(
        {"results": sync.meetings_sync(user=request.user, records=records)}
    )


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@require_safe
def field_sw(request: HttpRequest) -> HttpResponse:
    """The service worker, served under /<lang>/field/ so that it controls the
    app's pages; it names the app shell's files at their current (hashed) names."""
    shell = app_shell()
    response = render(
        request,
        "field/sw.js",
        {"shell": json.dumps(shell), "version": json.dumps(shell_version(shell))},
        content_type="application/javascript; charset=utf-8",
    )
    # Browsers check for a new worker on every visit; never serve a stale one.
    response["Cache-Control"] = "no-cache"
    return response


def shell_version(shell: list[str]) -> str:
    """Changes whenever a file of the shell changes (hashed static names), so
    that phones install the new worker and drop the old cache."""
    return hashlib.sha256("\n".join(shell).encode()).hexdigest()[:12]


@require_safe
def field_manifest(request: HttpRequest) -> JsonResponse:
    app = reverse("field:app")
    response = JsonResponse(
        {
            "name": _("I-SAF field app"),
            "short_name": _("I-SAF field"),
            "start_url": app,
            "scope": app,
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#0b4f8a",
            "lang": request.LANGUAGE_CODE,
            "icons": [
                {
                    "src": static(f"field/icon-{size}.png"),
                    "sizes": f"{size}x{size}",
                    "type": "image/png",
                }
                for size in (192, 512)
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
    response["Content-Type"] = "application/manifest+json"
    return response
