"""Optimistic concurrency: one mechanism for every edit form, with a merge view.

A form carries the version it was read at (`version`) and a signed stamp of the
values it showed (`read`). A service checks the version inside its transaction,
under a row lock (`lock`, `check_read`), and raises `StaleEdit` when the thing
changed after the form was read. The view then builds a `Merge`: for each field,
what the form showed, what is saved now and what the user typed. A field that only
the other person changed takes the saved value; a field that only this user changed
keeps their input; a field that both changed keeps their input and shows both, so
that nobody's work is lost. The re-shown form carries the current version and a new
stamp, so that it saves that merge once: if anything changes again before it is
saved, it is refused again with a new merge.

Floor 0: imports Django only, no app.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable
from dataclasses import dataclass, field

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.formsets import BaseFormSet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from .audit import audit_entries_for
from .formatting import format_date, format_digits, format_number

_SALT = "isaf.concurrency.read"


class StaleEdit(ValidationError):
    """The record (or its section) changed after the form was read; nothing was saved.

    `current_version` is the version to carry on the re-shown form; `changed_by`
    and `changed_at` say who saved the other change and when, when that is known;
    `changed_by_id` is that person's user id, so that a page can tell the user it
    was them, in another tab.
    """

    def __init__(
        self,
        current_version: int = 0,
        *,
        changed_by=None,
        changed_at=None,
        changed_by_id=None,
    ):
        super().__init__(
            _(
                "This was saved again after you opened it (by someone else, or by "
                "you in another tab), so your changes were not saved yet. Your input "
                "is kept below, beside what is saved now: check it and save again."
            ),
            code="stale",
        )
        self.current_version = current_version
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.changed_by_id = changed_by_id


def person_name(user) -> str:
    """How a merge notice names a person: their full name, else their login."""
    return user.get_full_name() or user.get_username()


def lock(model: type[models.Model], pk):
    """Re-read a row under a lock, so that two saves cannot both pass the check."""
    return model.objects.select_for_update().get(pk=pk)


def check_read(
    *,
    read_version,
    current_version: int,
    changed_version: int | None = None,
    changed_by=None,
    changed_at=None,
    changed_by_id=None,
) -> None:
    """Refuse a save made from a form read before the last change it would undo.

    Call it inside the transaction, after `lock`. `changed_version` is the version
    at which the edited part last changed: for a whole record it is the record's
    version (the default); for one section of a record it may be older, so that a
    form read before another section changed is still good.
    """
    changed = current_version if changed_version is None else changed_version
    try:
        read = int(read_version)
    except (TypeError, ValueError):
        read = None
    if read is None or read < changed or read > current_version:
        raise StaleEdit(
            current_version,
            changed_by=changed_by,
            changed_at=changed_at,
            changed_by_id=changed_by_id,
        )


def check_record(instance: models.Model, read_version) -> None:
    """Refuse a save of a whole record read at another version than its own.

    Call it inside the transaction on the row `lock` returned. When it refuses, the
    error says who saved last and when, from the audit trail.
    """
    try:
        check_read(read_version=read_version, current_version=instance.version)
    except StaleEdit as stale:
        last = audit_entries_for(instance=instance).order_by("-created_at").first()
        if last is not None:
            stale.changed_at = last.created_at
            if last.user is not None:
                stale.changed_by = person_name(last.user)
                stale.changed_by_id = last.user.pk
        raise


# The values a form showed ---------------------------------------------------------


def plain(value):
    """A value in a form that survives JSON and compares equal to its twin.

    The initial value of a field and the cleaned value of the same field can differ
    in type (a primary key and an instance, a Decimal and an int, None and ""):
    both become the same plain value here.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool | int):
        return value
    if isinstance(value, decimal.Decimal | float):
        number = decimal.Decimal(str(value))
        return int(number) if number == number.to_integral_value() else str(number)
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip() or None
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet):
        return sorted(plain(item) for item in value)
    if isinstance(value, list | tuple | set | frozenset):
        items = [plain(item) for item in value]
        return sorted(items, key=str) or None
    return str(value)


def read_stamp(*, version: int, values: dict) -> str:
    """The signed stamp a form carries: its version and the values it showed."""
    return signing.dumps(
        {"v": int(version), "d": {k: plain(v) for k, v in values.items()}},
        salt=_SALT,
        compress=True,
    )


def read_values(stamp: str | None, *, version) -> dict | None:
    """The values a form showed, if its stamp is genuine and of that version."""
    if not stamp:
        return None
    try:
        data = signing.loads(stamp, salt=_SALT)
        if int(data["v"]) != int(version):
            return None
        return dict(data["d"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


class VersionForm(forms.Form):
    """The version the page was read at, and the stamp of what it showed.

    Unless the view gives a `read` stamp, the form stamps its own fields' initial
    values when it is rendered (after a subclass has added its fields).
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, label="")
    read = forms.CharField(widget=forms.HiddenInput, required=False, label="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.merge: Merge | None = None
        self.read_token = ""
        self.fields["read"].initial = self._own_stamp

    def clean(self):
        cleaned = super().clean()
        # The stamp is for the merge view only: views hand cleaned_data to
        # services, which must not receive it.
        self.read_token = cleaned.pop("read", "") or ""
        return cleaned

    def _own_stamp(self) -> str:
        version = self.initial.get("version")
        if version is None:
            return ""
        return read_stamp(version=version, values=shown_values(self))


# Forms and formsets as flat {html name: field} ------------------------------------


def _forms_of(form_or_formset) -> Iterable[forms.Form]:
    if isinstance(form_or_formset, BaseFormSet):
        return form_or_formset.forms
    return [form_or_formset]


def _fields(form_or_formset, *, skip: Iterable[str] = ("version", "read")):
    for form in _forms_of(form_or_formset):
        for name, field_obj in form.fields.items():
            # A file is never stored as the form showed it: nothing to merge.
            if name not in skip and not isinstance(field_obj, forms.FileField):
                yield form.add_prefix(name), form, name, form[name]


def shown_values(form_or_formset) -> dict:
    """What a form (or each form of a formset) shows from its initial data."""
    return {
        key: plain(bound.initial) for key, _f, _n, bound in _fields(form_or_formset)
    }


def typed_values(form_or_formset) -> dict:
    """What the user sent, cleaned, for a valid form or formset."""
    values = {}
    for key, form, name, _bound in _fields(form_or_formset):
        values[key] = plain(getattr(form, "cleaned_data", {}).get(name))
    return values


@dataclass(frozen=True)
class FieldMerge:
    """One field that changed since the form was read.

    `taken` is True when only the other person changed it, so the re-shown form
    holds the saved value; otherwise both changed it (or what the form showed is
    not known) and the re-shown form keeps the user's input.
    """

    key: str
    label: str
    saved: object
    yours: object
    display_saved: str
    display_yours: str
    taken: bool

    @property
    def conflict(self) -> bool:
        return not self.taken


@dataclass
class Merge:
    """What a stale form needs to show: the fields that changed since it was read."""

    fields: list[FieldMerge] = field(default_factory=list)
    changed_by: object = None
    changed_at: object = None
    version: int = 0
    changed_by_id: int | None = None

    @property
    def conflicts(self) -> list[FieldMerge]:
        return [f for f in self.fields if f.conflict]


def _display(field_obj: forms.Field, value) -> str:
    if value is None:
        return "—"
    if isinstance(field_obj, forms.BooleanField | forms.NullBooleanField):
        return str(_("yes") if value else _("no"))
    choices = getattr(field_obj, "choices", None)
    if choices is not None:
        labels = {str(k): str(v) for k, v in choices if k not in ("", None)}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(str(v), str(v)) for v in values)
    if isinstance(value, int):
        return format_number(value)
    if isinstance(field_obj, forms.DateField):
        return format_date(datetime.date.fromisoformat(value))
    prepared = field_obj.prepare_value(value)
    return "—" if prepared in (None, "") else format_digits(prepared)


def _raw(field_obj: forms.Field, value) -> list[str]:
    """The value as the browser would post it, for the re-shown form."""
    widget = field_obj.widget
    if value is None:
        return []
    if isinstance(widget, forms.CheckboxInput):
        return ["on"] if value else []
    if isinstance(widget, forms.NullBooleanSelect):
        return ["true" if value else "false"]
    formatted = widget.format_value(field_obj.prepare_value(value))
    if isinstance(formatted, list | tuple):
        return [str(v) for v in formatted]
    return [] if formatted is None else [str(formatted)]


def _as_query_dict(data) -> QueryDict:
    copy = QueryDict(mutable=True)
    if isinstance(data, QueryDict):
        for key, values in data.lists():
            copy.setlist(key, values)
    else:
        for key, value in data.items():
            copy.setlist(key, value if isinstance(value, list) else [value])
    return copy


def merge_stale(
    form_or_formset,
    *,
    stale: StaleEdit,
    read: dict | None,
    labels: dict | None = None,
    extra_data: dict | None = None,
):
    """The merge view of a refused save, and the data of the re-shown form.

    `form_or_formset` is the valid, bound form whose save was refused; it was built
    with the values saved now as its initial data. `read` is what the form showed
    (from its stamp; None when unknown, and then every difference is shown). Returns
    `(merge, data)`: `data` is the POST data for the re-shown form, with the user's
    input, the other person's changes merged in, the current version and a new stamp.
    """
    labels = labels or {}
    saved = shown_values(form_or_formset)
    yours = typed_values(form_or_formset)
    data = _as_query_dict(form_or_formset.data)
    merge = Merge(
        changed_by=stale.changed_by,
        changed_at=stale.changed_at,
        version=stale.current_version,
        changed_by_id=stale.changed_by_id,
    )
    unknown = object()
    for key, _form, name, bound in _fields(form_or_formset):
        before = unknown if read is None else read.get(key)
        if yours[key] == saved[key] or saved[key] == before:
            # Nothing to merge, or only this user changed it: their input stands.
            continue
        taken = yours[key] == before
        if taken:
            # Only the other person changed it: the re-shown form takes theirs.
            data.setlist(key, _raw(bound.field, saved[key]))
        merge.fields.append(
            FieldMerge(
                key=key,
                label=str(labels.get(key) or bound.label or name),
                saved=saved[key],
                yours=yours[key],
                display_saved=_display(bound.field, saved[key]),
                display_yours=_display(bound.field, yours[key]),
                taken=taken,
            )
        )
    for key, value in (extra_data or {}).items():
        data[key] = value
    data["version"] = str(stale.current_version)
    data["read"] = read_stamp(version=stale.current_version, values=saved)
    return merge, data


def merge_into_form(form: VersionForm, stale: StaleEdit) -> None:
    """Turn a refused, valid form into its merge view, in place.

    The form's data becomes the merged data (with the current version and a new
    stamp), the stale message becomes its error, and `form.merge` holds the list of
    fields that changed, for the template.
    """
    read = read_values(form.read_token, version=form.cleaned_data.get("version"))
    merge, data = merge_stale(form, stale=stale, read=read)
    form.data = data
    form._errors = None
    form.full_clean()
    form.add_error(None, stale)
    form.merge = merge
