"""A scorecard's summary, and its submission, return, publication and correction."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from communes.scopes import (
    can_record_for_provider,
    can_review_provider,
)

from .. import services
from ..changes import scorecard_changes
from ..forms import (
    CorrectionForm,
    ReturnForm,
    VersionForm,
)
from .common import (
    SCALE_ROWS,
    scorecard_or_404,
)


@login_required
@require_safe
def scorecard_overview(request: HttpRequest, pk: int) -> HttpResponse:
    return _overview_page(request, scorecard_or_404(request, pk))


def _overview_page(request, scorecard, *, status: int = 200, **bound) -> HttpResponse:
    """The summary page; `bound` replaces an empty form with the one just sent,
    so that its errors stand beside its fields with what was typed."""
    indicators = list(scorecard.indicators.select_related("library_indicator"))
    initial = {"version": scorecard.version}
    return render(
        request,
        "scorecards/overview.html",
        {
            "scorecard": scorecard,
            "indicators": indicators,
            "remarks": list(scorecard.remarks.all()),
            "facilitators": list(scorecard.facilitators.all()),
            "versions": list(scorecard.published_versions.order_by("-number")),
            "changes": scorecard_changes(scorecard=scorecard),
            "can_record": can_record_for_provider(
                request.user, scorecard.provider, scorecard.cycle
            ),
            "can_review": can_review_provider(request.user, scorecard.provider),
            "version_form": VersionForm(initial=initial),
            "return_form": ReturnForm(initial=initial),
            "correction_form": CorrectionForm(initial=initial),
            "scale": SCALE_ROWS,
            **bound,
        },
        status=status,
    )


def _status_change(
    request, pk, form_class, call, success, *, form_key: str = ""
) -> HttpResponse:
    scorecard = scorecard_or_404(request, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        if form_key:
            # A comment or a reason refused: shown beside its box, as typed.
            return _overview_page(request, scorecard, status=400, **{form_key: form})
        messages.error(request, _("The form was incomplete; nothing was changed."))
        return redirect("scorecards:overview", pk=scorecard.pk)
    try:
        call(scorecard, form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("scorecards:overview", pk=scorecard.pk)


@login_required
@require_POST
def scorecard_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _status_change(
        request,
        pk,
        VersionForm,
        lambda s, d: services.scorecard_submit(
            scorecard=s, user=request.user, version=d["version"]
        ),
        _("Submitted for review."),
    )


@login_required
@require_POST
def scorecard_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _status_change(
        request,
        pk,
        VersionForm,
        lambda s, d: services.scorecard_publish(
            scorecard=s, user=request.user, version=d["version"]
        ),
        _("Published."),
    )


@login_required
@require_POST
def scorecard_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _status_change(
        request,
        pk,
        ReturnForm,
        lambda s, d: services.scorecard_return(
            scorecard=s, user=request.user, version=d["version"], comment=d["comment"]
        ),
        _("Returned for correction."),
        form_key="return_form",
    )


@login_required
@require_POST
def scorecard_correct(request: HttpRequest, pk: int) -> HttpResponse:
    return _status_change(
        request,
        pk,
        CorrectionForm,
        lambda s, d: services.scorecard_correction_open(
            scorecard=s, user=request.user, version=d["version"], reason=d["reason"]
        ),
        _(
            "Correction opened. The published version stays public until you publish "
            "the corrected one."
        ),
        form_key="correction_form",
    )
