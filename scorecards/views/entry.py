"""Entering a scorecard: the workspace list, the start, setup, indicators,
votes and remarks pages, and the spreadsheet round trip."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from communes.scopes import (
    current_cycle,
    providers_for,
    records_fieldwork,
)
from isaf.attendance import ATTENDANCE_FIELDS

from .. import selectors, services
from ..forms import (
    IndicatorsForm,
    RemarksForm,
    ScorecardEditForm,
    ScorecardStartForm,
    SheetUploadForm,
    VotesForm,
)
from ..models import Remark, Scorecard
from ..spreadsheets import sheet_filename, sheet_template
from .common import (
    SCALE_ROWS,
    editing,
    entry_page,
    field_choices,
    save_form,
)


@login_required
@require_safe
def workspace_scorecards(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "scorecards/workspace_list.html",
        {
            "scorecards": selectors.scorecards_for_workspace(user=request.user),
            "awaiting_review": selectors.scorecards_awaiting_review(user=request.user),
            "meetings": selectors.meetings_for_workspace(user=request.user),
            "can_record": records_fieldwork(request.user),
            "cycle": current_cycle(),
        },
    )


# Workspace: scorecards -------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def scorecard_start(request: HttpRequest) -> HttpResponse:
    cycle = current_cycle()
    if cycle is None or not records_fieldwork(request.user):
        raise Http404
    villages, cafs = field_choices(request.user, cycle)
    providers = providers_for(request.user, cycle=cycle).order_by("kind", "code")
    form = ScorecardStartForm(
        request.POST or None,
        providers=providers,
        villages=villages,
        cafs=cafs,
        initial={
            "language": "km",
            "kind": Scorecard.Kind.COMMUNITY,
            "held_on": timezone.localdate(),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        scorecard = save_form(
            request,
            form,
            lambda: services.scorecard_create(
                user=request.user,
                provider=data["provider"],
                cycle=cycle,
                kind=data["kind"],
                group=data["group"],
                held_on=data["held_on"],
                village=data["village"],
                language=data["language"],
                facilitators=data["facilitators"],
                **{name: data[name] for name in ATTENDANCE_FIELDS},
            ),
            _("Scorecard started. Now choose its indicators."),
        )
        if scorecard is not None:
            return redirect("scorecards:indicators", pk=scorecard.pk)
    return render(request, "scorecards/start.html", {"form": form, "cycle": cycle})


@login_required
@require_http_methods(["GET", "POST"])
@entry_page
def scorecard_edit(request: HttpRequest, scorecard: Scorecard) -> HttpResponse:
    villages, cafs = field_choices(
        request.user, scorecard.cycle, provider=scorecard.provider
    )
    initial = {
        "version": scorecard.version,
        "held_on": scorecard.held_on,
        "village": scorecard.village_id,
        "language": scorecard.language,
        "facilitators": list(scorecard.facilitators.values_list("pk", flat=True)),
    }
    initial.update({name: getattr(scorecard, name) for name in ATTENDANCE_FIELDS})
    form = ScorecardEditForm(
        request.POST or None, initial=initial, villages=villages, cafs=cafs
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        facilitators = data.pop("facilitators")
        if save_form(
            request,
            form,
            lambda: services.scorecard_update(
                scorecard=scorecard,
                user=request.user,
                version=version,
                facilitators=facilitators,
                **data,
            ),
            _("Saved."),
        ):
            return redirect("scorecards:overview", pk=scorecard.pk)
    return render(
        request, "scorecards/edit.html", {"form": form, "scorecard": scorecard}
    )


# The entry steps: the service that saves each, the keyword (and the form's
# method) that carries the form's answer, and the step that follows.
ENTRY_STEPS = {
    "indicators": (services.scorecard_indicators_set, "choices", "votes"),
    "votes": (services.scorecard_votes_set, "votes", "remarks"),
    "remarks": (services.scorecard_remarks_set, "remarks", "overview"),
}


def entry_step(request, scorecard, form, step: str, success: str, **context):
    """Show the step's form; on a valid POST, save it at the form's version and
    go on to the next step (a refusal or a stale save shows the form again)."""
    service, argument, next_step = ENTRY_STEPS[step]
    if request.method == "POST" and form.is_valid():
        value = getattr(form, argument)()
        if save_form(
            request,
            form,
            lambda: service(
                scorecard=scorecard,
                user=request.user,
                version=form.cleaned_data["version"],
                **{argument: value},
            ),
            success,
        ):
            return redirect(f"scorecards:{next_step}", pk=scorecard.pk)
    context.update(form=form, scorecard=scorecard)
    return render(request, f"scorecards/{step}.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@entry_page
def scorecard_indicators(request: HttpRequest, scorecard: Scorecard) -> HttpResponse:
    form = IndicatorsForm(
        request.POST or None,
        initial={"version": scorecard.version},
        library=selectors.library_for(provider_kind=scorecard.provider.kind),
        scorecard_indicators=list(scorecard.indicators.all()),
    )
    success = _("Indicators saved. Now enter the votes.")
    return entry_step(request, scorecard, form, "indicators", success)


@login_required
@require_http_methods(["GET", "POST"])
@entry_page
def scorecard_votes(request: HttpRequest, scorecard: Scorecard) -> HttpResponse:
    indicators = [
        i
        for i in scorecard.indicators.select_related("library_indicator")
        if i.is_selected
    ]
    form = VotesForm(
        request.POST or None,
        initial={"version": scorecard.version},
        indicators=indicators,
    )
    success = _("Votes saved.")
    return entry_step(request, scorecard, form, "votes", success, scale=SCALE_ROWS)


@login_required
@require_http_methods(["GET", "POST"])
@entry_page
def scorecard_remarks(request: HttpRequest, scorecard: Scorecard) -> HttpResponse:
    initial = {"version": scorecard.version}
    for kind in Remark.Kind.values:
        initial[kind] = "\n".join(
            r.text for r in scorecard.remarks.all() if r.kind == kind
        )
    form = RemarksForm(request.POST or None, initial=initial)
    return entry_step(request, scorecard, form, "remarks", _("Remarks saved."))


@login_required
@require_safe
def scorecard_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    scorecard = editing(request, pk)
    response = HttpResponse(
        sheet_template(scorecard),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{sheet_filename(scorecard)}"'
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
@entry_page
def scorecard_import(request: HttpRequest, scorecard: Scorecard) -> HttpResponse:
    form = SheetUploadForm(
        request.POST or None,
        request.FILES or None,
        initial={"version": scorecard.version},
    )
    if request.method == "POST" and form.is_valid():
        if save_form(
            request,
            form,
            lambda: services.scorecard_sheet_import(
                scorecard=scorecard,
                user=request.user,
                version=form.cleaned_data["version"],
                file=form.cleaned_data["sheet"],
            ),
            _("The spreadsheet was imported."),
        ):
            return redirect("scorecards:overview", pk=scorecard.pk)
    return render(
        request, "scorecards/import.html", {"form": form, "scorecard": scorecard}
    )
