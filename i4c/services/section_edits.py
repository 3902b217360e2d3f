"""Saving one section of a package: scope-checked, refused when stale, validated
before anything is written, and audited with what changed.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from isaf import concurrency
from isaf.audit import audit_changes, audit_record

from ..models import (
    BudgetLine,
    Enrolment,
    NationalStandard,
    OpeningHours,
    Package,
    PerformanceFigure,
    Project,
    ServiceFee,
    StaffCount,
)
from ..sections import GRADES, STAFF_BY_KIND, Section, section_get
from ..selectors.snapshots import package_snapshot, snapshot_flatten
from .checks import require_author


def _claim_section(*, package: Package, section: Section, version, user) -> None:
    """Lock the package, refuse a stale save of this section, and move it on.

    A section form is stale only when this section was saved after the form was
    read: another section's save moves the package's version on but not this
    section's, so two sections are edited independently. The row lock makes two
    saves of one package take turns.
    """
    concurrency.lock(Package, package.pk)
    package.refresh_from_db()
    mark = package.section_versions.get(section.key) or {}
    at = mark.get("at")
    concurrency.check_read(
        read_version=version,
        current_version=package.version,
        changed_version=mark.get("v", 0),
        changed_by=mark.get("by"),
        changed_at=datetime.datetime.fromisoformat(at) if at else None,
        changed_by_id=mark.get("by_id"),
    )
    package.version += 1
    package.section_versions = {
        **package.section_versions,
        section.key: {
            "v": package.version,
            "by": concurrency.person_name(user),
            "by_id": user.pk,
            "at": timezone.now().isoformat(),
        },
    }


def _section_state(*, package: Package, section: Section) -> dict:
    """The flat content of one section, for the audit trail."""
    flat = snapshot_flatten(package_snapshot(package=package))
    prefix = f"{section.content}|"
    keys = {f"{side}:{cat}" for side, cat in section.budget_rows}
    return {
        key: value
        for key, value in flat.items()
        if key.startswith(prefix)
        and (section.content != "budget" or key.split("|")[1] in keys)
    }


def is_blank(row: dict, fields) -> bool:
    """A line with none of these fields filled is not saved (0 and "no" count
    as empty, as on the form); the workbook compares by the same rule."""
    return all(row.get(f) in (None, "", False) for f in fields)


def _people_lines(*, package, rows, model, key: str, allowed) -> list:
    """Staff by category or pupils by grade: women and men on fixed lines."""
    lines = []
    for row in rows:
        if row.get(key) not in allowed:
            raise ValidationError(_("This line does not belong to this section."))
        if is_blank(row, ("female", "male")):
            continue
        lines.append(
            model(
                package=package,
                female=row.get("female") or 0,
                male=row.get("male") or 0,
                **{key: row[key]},
            )
        )
    return lines


def build_lines(
    *, package: Package, section: Section, rows: list[dict], standards=None
) -> list:
    """Model rows for a section from cleaned form rows; blank rows are skipped.

    `standards` ({code: NationalStandard} of the provider's kind) spares a query
    to whoever builds many sections at once.
    """
    content = section.content
    lines = []
    if content == "budget":
        allowed = set(section.budget_rows)
        for row in rows:
            if (row["side"], row["category"]) not in allowed:
                raise ValidationError(_("Unknown budget category."))
            if is_blank(row, ("planned", "actual")):
                continue
            lines.append(
                BudgetLine(
                    package=package,
                    side=row["side"],
                    category=row["category"],
                    planned=row.get("planned"),
                    actual=row.get("actual"),
                )
            )
    elif content == "projects":
        for row in rows:
            if is_blank(row, ("name", "cost")):
                continue
            village = row.get("village")
            if (
                village is not None
                and village.commune_id != package.provider.commune_id
            ):
                raise ValidationError(
                    {"village": _("Choose a village of this commune.")}
                )
            lines.append(
                Project(
                    package=package,
                    name=row["name"],
                    sector=row["sector"],
                    village=village,
                    cost=row["cost"],
                    funding=row["funding"],
                    status=row["status"],
                )
            )
    elif content == "fees":
        lines = [
            ServiceFee(
                package=package,
                service=row["service"],
                fee=row["fee"],
                processing_time=row.get("processing_time") or "",
                exemptions=row.get("exemptions") or "",
            )
            for row in rows
            if not is_blank(row, ("service", "fee"))
        ]
    elif content == "hours":
        lines = [
            OpeningHours(
                package=package,
                service=row["service"],
                hours=row.get("hours") or "",
                is_24_hour=bool(row.get("is_24_hour")),
            )
            for row in rows
            if not is_blank(row, ("service", "hours", "is_24_hour"))
        ]
    elif content == "staff":
        lines = _people_lines(
            package=package,
            rows=rows,
            model=StaffCount,
            key="category",
            allowed=set(STAFF_BY_KIND[package.provider.kind]),
        )
    elif content == "enrolment":
        lines = _people_lines(
            package=package, rows=rows, model=Enrolment, key="grade", allowed=GRADES
        )
    elif content == "performance":
        if standards is None:
            standards = {
                s.code: s
                for s in NationalStandard.objects.filter(
                    provider_kind=package.provider.kind
                )
            }
        for row in rows:
            if is_blank(row, ("value", "target")):
                continue
            standard = standards.get(row["code"])
            if standard is None:
                raise ValidationError(_("Unknown indicator."))
            lines.append(
                PerformanceFigure(
                    package=package,
                    standard=standard,
                    value=row.get("value"),
                    target=row.get("target"),
                )
            )
    return lines


SECTION_MODELS = {
    "projects": Project,
    "fees": ServiceFee,
    "hours": OpeningHours,
    "staff": StaffCount,
    "enrolment": Enrolment,
    "performance": PerformanceFigure,
}


@transaction.atomic
def package_section_save(
    *, package: Package, user, version: int, section_key: str, rows: list[dict]
) -> Package:
    """Replace one section's content, refusing a stale or out-of-scope save.

    The rows are the whole section as the form shows it: lines not in them are
    removed. A failed validation raises before anything is written.
    """
    require_author(user, package.provider)
    section = section_get(key=section_key, kind=package.provider.kind)
    if section is None:
        raise ValidationError(_("This section does not belong to this package."))
    _claim_section(package=package, section=section, version=version, user=user)
    if not package.is_editable:
        raise ValidationError(
            _("This package is being reviewed and cannot be changed now.")
        )
    before = _section_state(package=package, section=section)

    if section.content == "facts":
        row = rows[0] if rows else {}
        package.classrooms = row.get("classrooms")
        package.no_informal_fees = row.get("no_informal_fees")
    else:
        lines = build_lines(package=package, section=section, rows=rows)
        for line in lines:
            # Uniqueness is the section's shape (fixed rows); checking it here would
            # compare against the rows about to be replaced.
            line.full_clean(
                exclude=["package"], validate_unique=False, validate_constraints=False
            )
        if section.content == "budget":
            package.budget_lines.filter(
                side__in={side for side, _cat in section.budget_rows},
                category__in={cat for _side, cat in section.budget_rows},
            ).delete()
            BudgetLine.objects.bulk_create(lines)
        else:
            model = SECTION_MODELS[section.content]
            model.objects.filter(package=package).delete()
            model.objects.bulk_create(lines)

    # An edit of a published package starts a correction: the published versions
    # stay as they are until the reviewer publishes the next one.
    if package.status == Package.Status.PUBLISHED:
        package.status = Package.Status.DRAFT
    package.full_clean(exclude=["provider", "published_version"])
    package.save(
        update_fields=[
            "status",
            "classrooms",
            "no_informal_fees",
            "version",
            "section_versions",
            "updated_at",
        ]
    )
    after = _section_state(package=package, section=section)
    audit_record(
        user=user,
        action=f"i4c.package.edit.{section.key}",
        instance=package,
        changes=audit_changes(before=before, after=after),
    )
    return package
