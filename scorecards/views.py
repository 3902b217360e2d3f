"""Scorecard pages: the public results, and the facilitators' and reviewers' entry.

Views stay thin: they read the input with a form, call a selector or a service,
and render. A stale save or a refused validation re-renders the form with the
user's input kept and the message beside it.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from communes.scopes import (
    can_record_for_provider,
    can_review_provider,
    communes_for,
    current_cycle,
    providers_for,
    records_fieldwork,
)
from isaf import concurrency
from isaf.attendance import ATTENDANCE_FIELDS
from isaf.exports import csv_response

from . import selectors, services
from .changes import scorecard_correction_changes
from .forms import (
    ActionEditForm,
    ActionForm,
    CorrectionForm,
    FollowUpForm,
    IndicatorsForm,
    MeetingEditForm,
    MeetingStartForm,
    RemarksForm,
    ReturnForm,
    ScorecardEditForm,
    ScorecardStartForm,
    SheetUploadForm,
    VersionForm,
    VotesForm,
)
from .models import JaapAction, JaapFollowUp, Remark, Scorecard
from .open_data import scorecard_open_data
from .results import FACES, SCALE
from .spreadsheets import sheet_filename, sheet_template
from .validators import evidence_kind

SCALE_ROWS = [(level, SCALE[level], FACES[level]) for level in range(1, 6)]

# Public ----------------------------------------------------------------------


@require_GET
def scorecard_public(request: HttpRequest, pk: int) -> HttpResponse:
    published = selectors.published_results(scorecard_id=pk)
    if published is None:
        raise Http404
    return render(
        request,
        "scorecards/public.html",
        {"published": published, "scale": SCALE_ROWS},
    )


@require_GET
def scorecard_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The results as open data: one row per indicator and group, then the JAAP."""
    data = scorecard_open_data(scorecard_id=pk)
    if data is None:
        raise Http404
    return csv_response(data.rows, filename=data.filename)


# Workspace: lists ------------------------------------------------------------


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


def _scorecard_or_404(request, pk) -> Scorecard:
    scorecard = selectors.scorecard_for_user(user=request.user, pk=pk)
    if scorecard is None:
        raise Http404
    return scorecard


def _field_choices(user, cycle, provider=None):
    """Villages and CAFs the form may offer (see the selectors)."""
    return (
        selectors.villages_for_entry(user=user, cycle=cycle, provider=provider),
        selectors.cafs_for_entry(user=user),
    )


def _add_errors(form, error: ValidationError) -> None:
    """Put a service's refusal on the form: beside the field when it names one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
@require_http_methods(["GET", "POST"])
def scorecard_start(request: HttpRequest) -> HttpResponse:
    cycle = current_cycle()
    if cycle is None or not records_fieldwork(request.user):
        raise Http404
    villages, cafs = _field_choices(request.user, cycle)
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
            _add_errors(form, error)
        else:
            messages.success(
                request, _("Scorecard started. Now choose its indicators.")
            )
            return redirect("scorecards:indicators", pk=scorecard.pk)
    return render(request, "scorecards/start.html", {"form": form, "cycle": cycle})


@login_required
@require_GET
def scorecard_overview(request: HttpRequest, pk: int) -> HttpResponse:
    scorecard = _scorecard_or_404(request, pk)
    indicators = list(scorecard.indicators.select_related("library_indicator"))
    return render(
        request,
        "scorecards/overview.html",
        {
            "scorecard": scorecard,
            "indicators": indicators,
            "remarks": list(scorecard.remarks.all()),
            "facilitators": list(scorecard.facilitators.all()),
            "versions": list(scorecard.published_versions.order_by("-number")),
            "correction": scorecard_correction_changes(scorecard=scorecard),
            "can_record": can_record_for_provider(
                request.user, scorecard.provider, scorecard.cycle
            ),
            "can_review": can_review_provider(request.user, scorecard.provider),
            "version_form": VersionForm(initial={"version": scorecard.version}),
            "return_form": ReturnForm(initial={"version": scorecard.version}),
            "correction_form": CorrectionForm(initial={"version": scorecard.version}),
            "scale": SCALE_ROWS,
        },
    )


def _editing(request, pk) -> Scorecard:
    scorecard = _scorecard_or_404(request, pk)
    if not can_record_for_provider(request.user, scorecard.provider, scorecard.cycle):
        raise Http404
    return scorecard


def _entry_page(view):
    """Entry pages of a submitted or published scorecard send people back to its
    summary instead of showing a form that the services would refuse."""

    @wraps(view)
    def wrapper(request, pk, *args, **kwargs):
        scorecard = _editing(request, pk)
        if not scorecard.is_editable:
            messages.info(
                request,
                _("This scorecard is submitted or published; it cannot be changed."),
            )
            return redirect("scorecards:overview", pk=scorecard.pk)
        return view(request, scorecard, *args, **kwargs)

    return wrapper


def _save(request, form, call: Callable[[], object], success: str) -> bool:
    """Run a service for a valid form; on refusal, put the reason on the form.

    A stale save becomes the merge view: the form keeps the user's input, takes
    what others saved since it was read, and lists both where both changed.
    """
    try:
        call()
    except concurrency.StaleEdit as stale:
        concurrency.merge_into_form(form, stale)
        return False
    except ValidationError as error:
        _add_errors(form, error)
        return False
    messages.success(request, success)
    return True


@login_required
@require_http_methods(["GET", "POST"])
@_entry_page
def scorecard_edit(request: HttpRequest, scorecard: Scorecard) -> HttpResponse:
    villages, cafs = _field_choices(
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
        if _save(
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
@_entry_page
def scorecard_indicators(request: HttpRequest, scorecard: Scorecard) -> HttpResponse:
    form = IndicatorsForm(
        request.POST or None,
        initial={"version": scorecard.version},
        library=selectors.library_for(provider_kind=scorecard.provider.kind),
        scorecard_indicators=list(scorecard.indicators.all()),
    )
    if request.method == "POST" and form.is_valid():
        if _save(
            request,
            form,
            lambda: services.scorecard_indicators_set(
                scorecard=scorecard,
                user=request.user,
                version=form.cleaned_data["version"],
                choices=form.choices(),
            ),
            _("Indicators saved. Now enter the votes."),
        ):
            return redirect("scorecards:votes", pk=scorecard.pk)
    return render(
        request, "scorecards/indicators.html", {"form": form, "scorecard": scorecard}
    )


@login_required
@require_http_methods(["GET", "POST"])
@_entry_page
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
    if request.method == "POST" and form.is_valid():
        if _save(
            request,
            form,
            lambda: services.scorecard_votes_set(
                scorecard=scorecard,
                user=request.user,
                version=form.cleaned_data["version"],
                votes=form.votes(),
            ),
            _("Votes saved."),
        ):
            return redirect("scorecards:remarks", pk=scorecard.pk)
    return render(
        request,
        "scorecards/votes.html",
        {"form": form, "scorecard": scorecard, "scale": SCALE_ROWS},
    )


@login_required
@require_http_methods(["GET", "POST"])
@_entry_page
def scorecard_remarks(request: HttpRequest, scorecard: Scorecard) -> HttpResponse:
    initial = {"version": scorecard.version}
    for kind in Remark.Kind.values:
        initial[kind] = "\n".join(
            r.text for r in scorecard.remarks.all() if r.kind == kind
        )
    form = RemarksForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if _save(
            request,
            form,
            lambda: services.scorecard_remarks_set(
                scorecard=scorecard,
                user=request.user,
                version=form.cleaned_data["version"],
                remarks=form.remarks(),
            ),
            _("Remarks saved."),
        ):
            return redirect("scorecards:overview", pk=scorecard.pk)
    return render(
        request, "scorecards/remarks.html", {"form": form, "scorecard": scorecard}
    )


@login_required
@require_GET
def scorecard_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    scorecard = _editing(request, pk)
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
@_entry_page
def scorecard_import(request: HttpRequest, scorecard: Scorecard) -> HttpResponse:
    form = SheetUploadForm(
        request.POST or None,
        request.FILES or None,
        initial={"version": scorecard.version},
    )
    if request.method == "POST" and form.is_valid():
        if _save(
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


def _status_change(request, pk, form_class, call, success) -> HttpResponse:
    scorecard = _scorecard_or_404(request, pk)
    form = form_class(request.POST)
    if not form.is_valid():
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
    )


# Workspace: interface meeting and JAAP ----------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def meeting_start(request: HttpRequest) -> HttpResponse:
    cycle = current_cycle()
    if cycle is None or not records_fieldwork(request.user):
        raise Http404
    form = MeetingStartForm(
        request.POST or None,
        initial={"held_on": timezone.localdate()},
        communes=communes_for(request.user, cycle=cycle).order_by("code"),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        commune = data.pop("commune")
        try:
            meeting = services.interface_meeting_create(
                user=request.user, commune=commune, cycle=cycle, **data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("Interface meeting recorded. Now add the JAAP.")
            )
            return redirect("scorecards:meeting", pk=meeting.pk)
    return render(request, "scorecards/meeting_start.html", {"form": form})


def _meeting_or_404(request, pk):
    meeting = selectors.meeting_for_user(user=request.user, pk=pk)
    if meeting is None:
        raise Http404
    return meeting


@login_required
@require_http_methods(["GET", "POST"])
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting's attendance and its JAAP, with a form for a new action."""
    meeting = _meeting_or_404(request, pk)
    providers = selectors.meeting_providers(meeting=meeting)
    indicators = selectors.meeting_indicators(meeting=meeting)
    meeting_initial = {"version": meeting.version, "held_on": meeting.held_on}
    meeting_initial.update(
        {
            f.attname: getattr(meeting, f.attname)
            for f in meeting._meta.fields
            if f.name.startswith("attendance_")
        }
    )
    is_action = request.method == "POST" and "add_action" in request.POST
    is_meeting = request.method == "POST" and "save_meeting" in request.POST
    meeting_form = MeetingEditForm(
        request.POST if is_meeting else None, initial=meeting_initial
    )
    action_form = ActionForm(
        request.POST if is_action else None,
        providers=providers,
        indicators=indicators,
        prefix="action",
        initial={"status": JaapAction.Status.NOT_STARTED},
    )
    if is_meeting and meeting_form.is_valid():
        data = dict(meeting_form.cleaned_data)
        version = data.pop("version")
        if _save(
            request,
            meeting_form,
            lambda: services.interface_meeting_update(
                meeting=meeting, user=request.user, version=version, **data
            ),
            _("Saved."),
        ):
            return redirect("scorecards:meeting", pk=meeting.pk)
    if is_action and action_form.is_valid():
        data = action_form.cleaned_data
        if _save(
            request,
            action_form,
            lambda: services.jaap_action_create(
                user=request.user,
                meeting=meeting,
                provider=data["provider"],
                indicator=data["indicator"],
                issue=data["issue"],
                action=data["action"],
                responsible_party=data["responsible_party"],
                supporting_party=data["supporting_party"],
                resources=data["resources"],
                starts_on=data["starts_on"],
                due_on=data["due_on"],
                status=data["status"],
            ),
            _("Action added to the JAAP."),
        ):
            return redirect("scorecards:meeting", pk=meeting.pk)
    actions = list(
        meeting.actions.select_related("provider", "indicator__library_indicator")
    )
    return render(
        request,
        "scorecards/meeting.html",
        {
            "meeting": meeting,
            "meeting_form": meeting_form,
            "action_form": action_form,
            "actions": actions,
        },
    )


def _action_or_404(request, pk):
    action = selectors.action_for_user(user=request.user, pk=pk)
    if action is None:
        raise Http404
    return action


@login_required
@require_http_methods(["GET", "POST"])
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One JAAP action: edit it, and record its monthly follow-ups."""
    action = _action_or_404(request, pk)
    meeting = action.meeting
    is_edit = request.method == "POST" and "save_action" in request.POST
    is_follow_up = request.method == "POST" and "add_follow_up" in request.POST
    edit_form = ActionEditForm(
        request.POST if is_edit else None,
        providers=selectors.meeting_providers(meeting=meeting),
        indicators=selectors.meeting_indicators(meeting=meeting),
        initial={
            "version": action.version,
            "provider": action.provider_id,
            "indicator": action.indicator_id,
            **{
                name: getattr(action, name)
                for name in services.ACTION_FIELDS
                if name != "indicator"
            },
        },
    )
    follow_up_form = FollowUpForm(
        request.POST if is_follow_up else None,
        request.FILES if is_follow_up else None,
        prefix="follow_up",
        initial={"status": action.status},
    )
    if is_edit and edit_form.is_valid():
        data = edit_form.cleaned_data
        if _save(
            request,
            edit_form,
            lambda: services.jaap_action_update(
                jaap_action=action,
                user=request.user,
                version=data["version"],
                indicator=data["indicator"],
                issue=data["issue"],
                action=data["action"],
                responsible_party=data["responsible_party"],
                supporting_party=data["supporting_party"],
                resources=data["resources"],
                starts_on=data["starts_on"],
                due_on=data["due_on"],
                status=data["status"],
            ),
            _("Saved."),
        ):
            return redirect("scorecards:action", pk=action.pk)
    if is_follow_up and follow_up_form.is_valid():
        data = follow_up_form.cleaned_data
        if _save(
            request,
            follow_up_form,
            lambda: services.jaap_follow_up_add(
                action=action,
                user=request.user,
                checked_on=data["checked_on"],
                status=data["status"],
                note=data["note"],
                evidence=data["evidence"],
            ),
            _("Follow-up recorded."),
        ):
            return redirect("scorecards:action", pk=action.pk)
    return render(
        request,
        "scorecards/action.html",
        {
            "action": action,
            "edit_form": edit_form,
            "follow_up_form": follow_up_form,
            "follow_ups": list(action.follow_ups.select_related("recorded_by")),
        },
    )


@login_required
@require_GET
def follow_up_evidence(request: HttpRequest, pk: int) -> FileResponse:
    """Evidence files are served only to people who may see the action."""
    follow_up = JaapFollowUp.objects.filter(pk=pk).exclude(evidence="").first()
    if follow_up is None or _action_or_404(request, follow_up.action_id) is None:
        raise Http404
    kind = evidence_kind(follow_up.evidence)
    content_type = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
    return FileResponse(
        follow_up.evidence.open("rb"),
        content_type=content_type.get(kind, "application/octet-stream"),
        as_attachment=kind == "pdf",
        filename=follow_up.evidence.name.rsplit("/", 1)[-1],
    )
