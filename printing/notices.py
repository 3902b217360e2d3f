"""What printing tells people (see `notifications.registry`): a bulk print run
finished, or finished with failures, told to whoever launched it."""

from __future__ import annotations

import logging

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from communes import scopes
from isaf.formatting import format_number
from notifications.registry import Event, Notice, event_register
from notifications.services import notify

from .models import PrintBatch
from .selectors import print_batch_progress

logger = logging.getLogger(__name__)


def _launcher(batch: PrintBatch, **_payload) -> list:
    user = batch.requested_by
    if user is None or not scopes.is_secretariat(user):
        return []
    return [user]


def _render(recipient, batch: PrintBatch, **_payload) -> Notice:
    progress = print_batch_progress(batch=batch)
    numbers = {
        "what": batch.document_label,
        "code": batch.code,
        "done": format_number(progress.done),
        "failed": format_number(progress.failed),
        "total": format_number(progress.total),
    }
    if progress.failed:
        subject = _("Print run finished with failures: %(what)s, %(code)s") % numbers
        body = (
            _("%(done)s of %(total)s documents are ready; %(failed)s failed.") % numbers
        )
    else:
        subject = _("Print run finished: %(what)s, %(code)s") % numbers
        body = _("All %(total)s documents are ready to download.") % numbers
    return Notice(
        subject=subject, body=body, link=reverse("printing:batch", args=[batch.pk])
    )


event_register(
    Event(
        key="printing.batch_finished",
        label=gettext_lazy("A bulk print run finished"),
        users=_launcher,
        render=_render,
        occurrence=lambda batch, **_: str(batch.pk),
    )
)


def batch_notify_if_finished(*, batch_id: int) -> None:
    """Tell the launcher once every job of the batch is done or failed. Two jobs
    finishing at once may both get here: the message's once-only key keeps it one."""
    try:
        batch = PrintBatch.objects.select_related("requested_by").get(pk=batch_id)
        if not print_batch_progress(batch=batch).is_finished:
            return
        with transaction.atomic():
            notify("printing.batch_finished", batch=batch)
    except Exception:
        # The posters are made whatever happens to the notice about them.
        logger.exception("Could not tell who launched print batch %s", batch_id)
