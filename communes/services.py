"""Writes for the ground floor: roles and coverage.

Each function validates the whole row before saving, inside a transaction, so a
failed validation writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from communes.models import (
    Commune,
    Coverage,
    Cycle,
    District,
    Organisation,
    Province,
    Role,
)
from isaf.audit import audit_record

# Which place or organisation each kind of role is tied to; the others must stay empty
# so that a role never carries a scope that the rules would ignore.
_ROLE_FIELDS = {
    Role.Kind.COUNCILLOR: "commune",
    Role.Kind.FACILITATOR: "organisation",
    Role.Kind.REVIEWER: "province",
    Role.Kind.SECRETARIAT: None,
}


def role_check(*, kind: str, commune=None, organisation=None, province=None) -> None:
    """Refuse a role that names a place or organisation its kind ignores.

    The model's constraints already demand a commune for a councillor and an
    organisation for a facilitator; this also keeps the other fields empty, so a
    role never seems to grant a scope that the rules do not give.
    """
    if kind not in _ROLE_FIELDS:
        raise ValidationError({"kind": _("Unknown role.")})
    given = {"commune": commune, "organisation": organisation, "province": province}
    allowed = _ROLE_FIELDS[kind]
    stray = [name for name, value in given.items() if value and name != allowed]
    if stray:
        raise ValidationError(
            {name: _("This kind of role does not use this field.") for name in stray}
        )


def roles_of(user) -> list[str]:
    """A user's roles as short, stable text («reviewer province=11»), for the trail."""
    out = []
    for kind, commune, organisation, province in Role.objects.filter(
        user_id=user.pk
    ).values_list("kind", "commune_id", "organisation_id", "province_id"):
        scope = [
            f"{name}={value}"
            for name, value in (
                ("commune", commune),
                ("organisation", organisation),
                ("province", province),
            )
            if value
        ]
        out.append(" ".join([kind, *scope]))
    return sorted(out)


def roles_audit(*, by, user, before: list[str]) -> None:
    """Record a change of a user's roles or scope (from `before`, read with
    `roles_of` ahead of the write), if there was one."""
    after = roles_of(user)
    if after != before:
        audit_record(
            user=by,
            action="communes.roles.change",
            instance=user,
            changes={"roles": [before, after]},
        )


@transaction.atomic
def role_assign(
    *,
    user,
    kind: str,
    commune: Commune | None = None,
    organisation: Organisation | None = None,
    province: Province | None = None,
    by=None,
) -> Role:
    """Give a user a role, once: assigning the same role again returns the old row.

    A councillor needs a commune, a facilitator an organisation; a reviewer has a
    province, or none for a national reviewer; the secretariat has none of them.
    """
    role_check(kind=kind, commune=commune, organisation=organisation, province=province)
    given = {"commune": commune, "organisation": organisation, "province": province}
    existing = Role.objects.filter(user=user, kind=kind, **given).first()
    if existing is not None:
        return existing
    before = roles_of(user)
    role = Role(user=user, kind=kind, **given)
    role.full_clean()
    role.save()
    roles_audit(by=by, user=user, before=before)
    return role


@transaction.atomic
def coverage_set(
    *, organisation: Organisation, cycle: Cycle, districts: Iterable[District]
) -> tuple[int, int]:
    """Make the organisation cover exactly these districts in the cycle.

    Returns (added, removed). Coverage of other cycles is left alone: it is the
    record of where the organisation worked in earlier years.
    """
    wanted = {district.pk for district in districts}
    current = set(
        Coverage.objects.filter(organisation=organisation, cycle=cycle).values_list(
            "district_id", flat=True
        )
    )
    removed, _details = Coverage.objects.filter(
        organisation=organisation, cycle=cycle, district_id__in=current - wanted
    ).delete()
    added = []
    for district_id in sorted(wanted - current):
        coverage = Coverage(
            organisation=organisation, cycle=cycle, district_id=district_id
        )
        coverage.full_clean()
        added.append(coverage)
    Coverage.objects.bulk_create(added)
    return len(added), removed
