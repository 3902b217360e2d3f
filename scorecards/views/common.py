"""What the scorecard pages share: finding the record in the user's scope,
and running a service for a valid form."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from communes.scopes import can_record_for_provider
from isaf import concurrency

from .. import selectors
from ..models import Scorecard
from ..results import FACES, SCALE

SCALE_ROWS = [(level, SCALE[level], FACES[level]) for level in range(1, 6)]


def or_404(record):
    """The record a selector found in the user's scope; 404 when it found none."""
    if record is None:
        raise Http404
    return record


def scorecard_or_404(request, pk) -> Scorecard:
    return or_404(selectors.scorecard_for_user(user=request.user, pk=pk))


def field_choices(user, cycle, provider=None):
    """Villages and CAFs the form may offer (see the selectors)."""
    return (
        selectors.villages_for_entry(user=user, cycle=cycle, provider=provider),
        selectors.cafs_for_entry(user=user),
    )


def add_errors(form, error: ValidationError) -> None:
    """Put a service's refusal on the form: beside the field when it names one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def editing(request, pk) -> Scorecard:
    scorecard = scorecard_or_404(request, pk)
    if not can_record_for_provider(request.user, scorecard.provider, scorecard.cycle):
        raise Http404
    return scorecard


def entry_page(view):
    """Entry pages of a submitted or published scorecard send people back to its
    summary instead of showing a form that the services would refuse."""

    @wraps(view)
    def wrapper(request, pk, *args, **kwargs):
        scorecard = editing(request, pk)
        if not scorecard.is_editable:
            messages.info(
                request,
                _("This scorecard is submitted or published; it cannot be changed."),
            )
            return redirect("scorecards:overview", pk=scorecard.pk)
        return view(request, scorecard, *args, **kwargs)

    return wrapper


def save_form(request, form, call: Callable[[], object], success: str):
    """Run a service for a valid form; on refusal, put the reason on the form.

    Returns what the service saved (a record), or None when it refused. A stale
    save becomes the merge view: the form keeps the user's input, takes what
    others saved since it was read, and lists both where both changed.
    """
    try:
        saved = call()
    except concurrency.StaleEdit as stale:
        concurrency.merge_into_form(form, stale)
        return None
    except ValidationError as error:
        add_errors(form, error)
        return None
    messages.success(request, success)
    return saved
