"""Keep `CommuneCycleStage` fresh when the inputs of the stages are written.

Each save or delete of an input row notes the communes it touches (before and
after the write, so a row moved from one commune to another refreshes both);
once the transaction commits, one refresh covers every commune noted. A rolled
back transaction refreshes nothing, and a write that reaches no commune leaves
the stored marker alone, so the selectors' marker check rebuilds instead.
Bulk writes send no signals at all: that same check catches them.
"""

from __future__ import annotations

import logging
import threading

from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save, pre_save

from . import stages

_pending = threading.local()
logger = logging.getLogger(__name__)


def _input_models():
    from i4c.models import DisseminationEvent, Package, PublishedVersion
    from scorecards.models import (
        InterfaceMeeting,
        JaapAction,
        JaapFollowUp,
        Scorecard,
        ScorecardVersion,
    )

    return (
        Package,
        PublishedVersion,
        DisseminationEvent,
        Scorecard,
        ScorecardVersion,
        InterfaceMeeting,
        JaapAction,
        JaapFollowUp,
    )


def _flush() -> None:
    # Several writes of one transaction each scheduled this; the first to run
    # takes every pending commune and the others find nothing left to do.
    codes = getattr(_pending, "codes", set())
    _pending.codes = set()
    if not codes:
        return
    try:
        stages.stage_refresh_after_write(commune_codes=codes)
    except DatabaseError:
        # The user's write has committed; failing its response now would only
        # invite a retry. The stored marker is left as it was, so the next
        # dashboard view sees the change and rebuilds the rows.
        logger.exception("Refreshing the dashboard stages failed")


def _schedule(codes: set[str]) -> None:
    codes = {code for code in codes if code}
    if not codes:
        return
    if not hasattr(_pending, "codes"):
        _pending.codes = set()
    _pending.codes |= codes
    transaction.on_commit(_flush)


def _before_save(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    old = sender._default_manager.filter(pk=instance.pk).first()
    instance._stage_communes_before = stages.communes_touched(old) if old else set()


def _after_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_stage_communes_before", set())
    _schedule(before | stages.communes_touched(instance))


def _after_delete(sender, instance, **kwargs):
    _schedule(stages.communes_touched(instance))


def connect() -> None:
    for model in _input_models():
        uid = f"dashboard-stages-{model._meta.label_lower}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=uid)
        post_save.connect(_after_save, sender=model, dispatch_uid=uid)
        post_delete.connect(_after_delete, sender=model, dispatch_uid=uid)
