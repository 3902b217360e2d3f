"""Entering a scorecard: the workspace list, the start, setup, indicators,
votes and remarks pages, and the spreadsheet round trip."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

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
    add_errors,
    editing,
    entry_page,
    field_choices,
    save_form,
    save_step,
)


@login_required
@require_GET
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
        try:
            scorecard = services.scorecard_create(
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
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Scorecard started. Now choose its indicators.")
            )
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
    response = save_step(
        request,
        form,
        scorecard,
        service=services.scorecard_indicators_set,
        values=lambda: {"choices": form.choices()},
        success=_("Indicators saved. Now enter the votes."),
        next_step="scorecards:votes",
    )
    if response is not None:
        return response
    return render(
        request, "scorecards/indicators.html", {"form": form, "scorecard": scorecard}
    )


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
    response = save_step(
        request,
        form,
        scorecard,
        service=services.scorecard_votes_set,
        values=lambda: {"votes": form.votes()},
        success=_("Votes saved."),
        next_step="scorecards:remarks",
    )
    if response is not None:
        return response
    return render(
        request,
        "scorecards/votes.html",
        {"form": form, "scorecard": scorecard, "scale": SCALE_ROWS},
    )


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
    response = save_step(
        request,
        form,
        scorecard,
        service=services.scorecard_remarks_set,
        values=lambda: {"remarks": form.remarks()},
        success=_("Remarks saved."),
        next_step="scorecards:overview",
    )
    if response is not None:
        return response
    return render(
        request, "scorecards/remarks.html", {"form": form, "scorecard": scorecard}
    )


@login_required
@require_GET
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
