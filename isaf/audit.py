"""The audit trail: who changed what, when and why.

Services call `audit_record` inside their transaction, after the write it describes,
so that the entry and the change are committed (or rolled back) together. This module
imports no app of ours: any app may use it.
"""

import datetime
import decimal
import uuid
from collections.abc import Mapping

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from .models import AuditEntry

_REPR_MAX = AuditEntry._meta.get_field("object_repr").max_length


def _json_safe(value):
    """A value that JSON can hold and a person can read back.

    Decimals become strings rather than floats so that riel amounts keep every digit;
    dates and times become ISO 8601 text; a model instance becomes its primary key.
    """
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return _json_safe(value.pk)
    if isinstance(value, Mapping):
        return {str(key): _json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_json_safe(item) for item in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    if hasattr(value, "name") and hasattr(value, "storage"):
        # A FieldFile: its stored name says which file it was.
        return value.name or ""
    return str(value)


def audit_changes(*, before: dict, after: dict) -> dict:
    """The fields whose value differs, as {"field": [old, new]}, JSON-safe.

    A key present on one side only counts as a change from or to None, so adding or
    dropping a field shows up in the trail.
    """
    changes = {}
    for key in sorted({*before, *after}, key=str):
        old, new = before.get(key), after.get(key)
        if old != new:
            changes[str(key)] = [_json_safe(old), _json_safe(new)]
    return changes


def audit_record(
    *,
    user,
    action: str,
    instance: models.Model,
    changes: dict | None = None,
    reason: str = "",
) -> AuditEntry:
    """Add one entry to the trail for a write that `user` made to `instance`.

    `user` may be None or anonymous for writes made by the system (a management
    command, a background job); the entry then has no user.
    """
    if instance.pk is None:
        raise ValueError("Save the instance before recording it in the audit trail.")
    if not action:
        raise ValueError("An audit entry needs an action.")
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    entry = AuditEntry(
        user=user,
        action=action,
        content_type=ContentType.objects.get_for_model(instance),
        object_id=str(instance.pk),
        object_repr=str(instance)[:_REPR_MAX],
        changes=_json_safe(changes or {}),
        reason=reason or "",
    )
    # The user and content type come from live objects, so checking that they exist
    # would only cost two queries on every write.
    entry.full_clean(exclude=["user", "content_type"])
    entry.save()
    return entry


def field_values(instance: models.Model, fields) -> dict:
    """The stored values of ``fields`` on ``instance``, foreign keys as their ids."""
    return {
        name: getattr(instance, instance._meta.get_field(name).attname)
        for name in fields
    }


def audited_save(
    instance: models.Model, *, user, action: str, fields, before: dict | None = None
) -> None:
    """Validate and save a record, and audit the change of its listed fields.

    The one "validate, save, audit" step of every service write: ``full_clean``
    first, so that a refused value writes nothing, then the entry inside the same
    transaction as the write. ``before`` holds the fields' values as they were read
    (``field_values``), empty for a new record.
    """
    instance.full_clean()
    instance.save()
    audit_record(
        user=user,
        action=action,
        instance=instance,
        changes=audit_changes(
            before=before or {}, after=field_values(instance, fields)
        ),
    )


def audit_entries_for(*, instance: models.Model) -> QuerySet[AuditEntry]:
    """The trail of one object, newest first."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance),
        object_id=str(instance.pk),
    ).select_related("user", "content_type")
