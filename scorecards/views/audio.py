"""Voice clips: the recording pages (the library and scale, and a scorecard's
indicators written on the day) and the one view that serves a clip's bytes."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from communes.models import ServiceProvider
from communes.scopes import records_fieldwork
from isaf.audio import CLIP_CONTENT_TYPE

from .. import selectors, services
from ..audio_forms import ClipForm
from ..models import Clip, LibraryIndicator, Scorecard
from ..results import SCALE
from .common import add_errors, entry_page

PUBLIC_CACHE = "public, max-age=31536000, immutable"  # a new recording, a new name
PRIVATE_CACHE = "private, no-store"
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def _may_hear(request: HttpRequest, clip: Clip) -> bool:
    """A public clip is anyone's; a draft's only for people who may see that
    scorecard in their workspace."""
    if clip.is_public:
        return True
    if not request.user.is_authenticated or clip.scorecard_indicator_id is None:
        return False
    scorecard_id = clip.scorecard_indicator.scorecard_id
    return selectors.scorecard_for_user(user=request.user, pk=scorecard_id) is not None


@require_safe
def clip_file(request: HttpRequest, token) -> HttpResponse:
    """The clip's Ogg Opus bytes, with byte ranges (players seek with them)."""
    clip = (
        Clip.objects.filter(token=token).select_related("scorecard_indicator").first()
    )
    if clip is None or not _may_hear(request, clip):
        raise Http404
    try:
        with clip.file.storage.open(clip.file.name, "rb") as stored:
            data = stored.read()
    except FileNotFoundError as error:
        raise Http404 from error
    status, body, size = 200, data, len(data)
    match = RANGE.match(request.headers.get("Range", ""))
    if match and size and (match[1] or match[2]):
        if match[1]:
            start = int(match[1])
            end = min(int(match[2]), size - 1) if match[2] else size - 1
        else:  # the last N bytes
            start, end = max(size - int(match[2]), 0), size - 1
        if start >= size or start > end:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        status, body = 206, data[start : end + 1]
    response = HttpResponse(body, status=status, content_type=CLIP_CONTENT_TYPE)
    if status == 206:
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = PUBLIC_CACHE if clip.is_public else PRIVATE_CACHE
    response["ETag"] = f'"{clip.token.hex}"'
    return response


def _save_clip(request, form: ClipForm, call) -> bool:
    """Run the service with the checked clip; a refusal goes beside the field."""
    if not form.is_valid():
        return False
    try:
        call(form.cleaned_data["clip"])
    except ValidationError as error:
        add_errors(form, error)
        return False
    messages.success(request, _("The recording was saved."))
    return True


def _bound(request, owner: str, wanted: str):
    """The posted form for the row it was posted from, an empty one elsewhere."""
    if request.method == "POST" and owner == wanted:
        return ClipForm(request.POST, request.FILES, prefix=wanted)
    return ClipForm(prefix=wanted)


@login_required
@require_http_methods(["GET", "POST"])
def voice_library(request: HttpRequest) -> HttpResponse:
    """Clips of the scale and of the indicator library, for facilitators and
    the secretariat."""
    if not records_fieldwork(request.user):
        raise Http404
    owner = request.POST.get("owner", "")
    scale_urls = selectors.scale_clip_urls()
    scale = []
    for level in range(1, 6):
        form = _bound(request, owner, f"scale-{level}")
        if form.is_bound and _save_clip(
            request,
            form,
            lambda recording, level=level: services.scale_clip_record(
                level=level, user=request.user, recording=recording
            ),
        ):
            return redirect(f"{request.path}#scale-{level}")
        scale.append(
            {
                "owner": f"scale-{level}",
                "level": level,
                "word": SCALE[level],
                "url": scale_urls.get(level, ""),
                "form": form,
            }
        )
    library = LibraryIndicator.objects.filter(is_active=True).select_related("clip")
    kinds = dict(ServiceProvider.Kind.choices)
    groups: dict[str, list] = {}
    for indicator in library:
        form = _bound(request, owner, f"library-{indicator.pk}")
        if form.is_bound and _save_clip(
            request,
            form,
            lambda recording, indicator=indicator: services.library_clip_record(
                indicator=indicator, user=request.user, recording=recording
            ),
        ):
            return redirect(f"{request.path}#library-{indicator.pk}")
        clip = getattr(indicator, "clip", None)
        groups.setdefault(kinds.get(indicator.provider_kind, ""), []).append(
            {
                "owner": f"library-{indicator.pk}",
                "name": indicator.name,
                "url": selectors.clip_url(clip),
                "form": form,
            }
        )
    return render(
        request,
        "scorecards/voice_library.html",
        {"scale": scale, "groups": list(groups.items())},
    )


@login_required
@require_http_methods(["GET", "POST"])
@entry_page
def scorecard_voice(request: HttpRequest, scorecard: Scorecard) -> HttpResponse:
    """Clips of a scorecard's indicators written on the day (library ones have
    the library's clip)."""
    owner = request.POST.get("owner", "")
    urls = selectors.clips_for_scorecard(scorecard)
    rows = []
    for indicator in scorecard.indicators.select_related("library_indicator"):
        form = None
        if not indicator.library_indicator_id:
            form = _bound(request, owner, f"indicator-{indicator.pk}")
            if form.is_bound and _save_clip(
                request,
                form,
                lambda recording, indicator=indicator: services.indicator_clip_record(
                    indicator=indicator, user=request.user, recording=recording
                ),
            ):
                return redirect(f"{request.path}#indicator-{indicator.pk}")
        rows.append(
            {
                "owner": (
                    f"library-{indicator.library_indicator_id}"
                    if indicator.library_indicator_id
                    else f"indicator-{indicator.pk}"
                ),
                "name": indicator.name,
                "from_library": bool(indicator.library_indicator_id),
                "url": urls.get(indicator.pk, ""),
                "form": form,
            }
        )
    return render(
        request, "scorecards/voice.html", {"scorecard": scorecard, "rows": rows}
    )
