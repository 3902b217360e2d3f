"""The interface meeting, its JAAP actions and their monthly follow-ups."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from communes.scopes import (
    communes_for,
    current_cycle,
    records_fieldwork,
)
from isaf.private_files import private_file_response

from .. import selectors, services
from ..forms import (
    ActionEditForm,
    ActionForm,
    FollowUpForm,
    MeetingEditForm,
    MeetingStartForm,
)
from ..models import JaapAction, JaapFollowUp
from .common import (
    or_404,
    save_form,
)


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
        meeting = save_form(
            request,
            form,
            lambda: services.interface_meeting_create(
                user=request.user, commune=commune, cycle=cycle, **data
            ),
            _("Interface meeting recorded. Now add the JAAP."),
        )
        if meeting is not None:
            return redirect("scorecards:meeting", pk=meeting.pk)
    return render(request, "scorecards/meeting_start.html", {"form": form})


def _meeting_or_404(request, pk):
    return or_404(selectors.meeting_for_user(user=request.user, pk=pk))


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
        if save_form(
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
        if save_form(
            request,
            action_form,
            lambda: services.jaap_action_create(
                user=request.user,
                meeting=meeting,
                provider=data["provider"],
                **action_values(data),
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


def action_values(data) -> dict:
    """The action's own fields from a valid action form, as the services take them."""
    return {name: data[name] for name in services.ACTION_FIELDS}


def _action_or_404(request, pk):
    return or_404(selectors.action_for_user(user=request.user, pk=pk))


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
        if save_form(
            request,
            edit_form,
            lambda: services.jaap_action_update(
                jaap_action=action,
                user=request.user,
                version=data["version"],
                **action_values(data),
            ),
            _("Saved."),
        ):
            return redirect("scorecards:action", pk=action.pk)
    if is_follow_up and follow_up_form.is_valid():
        data = follow_up_form.cleaned_data
        if save_form(
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


@require_safe
def follow_up_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """A follow-up's evidence file, only for people who may open its JAAP
    action's page: facilitators of an organisation covering the commune in the
    meeting's cycle, and the secretariat (`communes.scopes.can_record_for_commune`).

    Evidence is private on purpose, even for an action that the commune's
    public page lists: photos from the field show people's faces, homes and
    papers, and no one who uploads them is asked to publish them. Anyone else,
    signed in or not, gets a 404, which tells nothing about whether the file
    exists (no sign-in redirect either: the address is never offered to them).
    """
    follow_up = (
        JaapFollowUp.objects.filter(pk=pk)
        .exclude(evidence="")
        .only("action_id", "evidence", "evidence_name", "evidence_type")
        .first()
    )
    if follow_up is None:
        raise Http404
    _action_or_404(request, follow_up.action_id)
    return private_file_response(
        name=follow_up.evidence.name,
        content_type=follow_up.evidence_type or "application/octet-stream",
        filename=follow_up.evidence_name or "evidence",
    )
