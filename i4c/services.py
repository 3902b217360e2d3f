"""Every write to I4C data: scope-checked, validated, transactional and audited.

Views and commands call these functions and nothing else writes I4C rows. Each one
checks the user's scope through `communes.scopes` itself, so that a forgotten check
in a view cannot open another commune's package.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communes import scopes
from communes.freshness import figures_changed
from communes.models import CAF, ServiceProvider, Village
from isaf import concurrency
from isaf.audit import audit_changes, audit_record
from isaf.boardcache import board_cache_invalidate

from . import selectors
from .models import (
    BudgetLine,
    DisseminationEvent,
    Enrolment,
    NationalStandard,
    OpeningHours,
    Package,
    PerformanceFigure,
    Project,
    PublishedVersion,
    ReturnedSubmission,
    ServiceFee,
    StaffCount,
)
from .posters import package_posters_request
from .sections import (
    GRADES,
    STAFF_BY_KIND,
    Section,
    missing_sections,
    section_get,
)
from .snapshots import package_snapshot, snapshot_flatten

# One stale-save mechanism for every app (isaf.concurrency); the old name stays.
StaleEdit = concurrency.StaleEdit


def _require_edit(user, provider: ServiceProvider) -> None:
    if not scopes.can_edit_provider(user, provider):
        raise PermissionDenied(_("You may not edit this provider's information."))


def _require_author(user, provider: ServiceProvider) -> None:
    if not scopes.can_author_package(user, provider):
        raise PermissionDenied(
            _(
                "You may read this package, but only its authors may change or "
                "submit it."
            )
        )


def _require_review(user, provider: ServiceProvider) -> None:
    if not scopes.can_review_provider(user, provider):
        raise PermissionDenied(_("You may not review this provider's information."))


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
    )
    package.version += 1
    package.section_versions = {
        **package.section_versions,
        section.key: {
            "v": package.version,
            "by": user.get_full_name() or user.get_username(),
            "at": timezone.now().isoformat(),
        },
    }


def _section_state(*, package: Package, section: Section) -> dict:
    """The flat content of one section, for the audit trail."""
    flat = snapshot_flatten(package_snapshot(package=package))
    prefix = {
        "budget": "budget|",
        "projects": "projects|",
        "fees": "fees|",
        "hours": "hours|",
        "staff": "staff|",
        "enrolment": "enrolment|",
        "performance": "performance|",
        "facts": "facts|",
    }[section.content]
    keys = {f"{side}:{cat}" for side, cat in section.budget_rows}
    return {
        key: value
        for key, value in flat.items()
        if key.startswith(prefix)
        and (section.content != "budget" or key.split("|")[1] in keys)
    }


@transaction.atomic
def package_create(
    *, user, provider: ServiceProvider, year: int, copy_previous: bool = False
) -> Package:
    """Start a provider's package for a year, optionally from last year's."""
    _require_author(user, provider)
    if Package.objects.filter(provider=provider, year=year).exists():
        raise ValidationError(
            {"year": _("A package for this provider and year already exists.")}
        )
    package = Package(provider=provider, year=year, created_by=user)
    package.full_clean()
    package.save()
    copied_from = None
    if copy_previous:
        previous = (
            Package.objects.filter(provider=provider, year__lt=year)
            .order_by("-year")
            .first()
        )
        if previous is not None:
            _copy_content(source=previous, target=package)
            copied_from = previous.year
    audit_record(
        user=user,
        action="i4c.package.create",
        instance=package,
        changes={"year": [None, year], "copied_from_year": [None, copied_from]},
    )
    return package


def _copy_content(*, source: Package, target: Package) -> None:
    """Carry last year's structure into a new year.

    Planned amounts, fees, hours, staff, enrolment and targets carry over as a
    starting point; actual amounts and results belong to a year and start empty,
    and finished or cancelled projects stay in the year they belong to.
    """
    BudgetLine.objects.bulk_create(
        BudgetLine(
            package=target,
            side=line.side,
            category=line.category,
            planned=line.planned,
            actual=None,
        )
        for line in source.budget_lines.all()
    )
    Project.objects.bulk_create(
        Project(
            package=target,
            name=p.name,
            sector=p.sector,
            village_id=p.village_id,
            cost=p.cost,
            funding=p.funding,
            status=p.status,
        )
        for p in source.projects.exclude(
            status__in=[Project.Status.COMPLETED, Project.Status.CANCELLED]
        )
    )
    ServiceFee.objects.bulk_create(
        ServiceFee(
            package=target,
            service=f.service,
            fee=f.fee,
            processing_time=f.processing_time,
            exemptions=f.exemptions,
        )
        for f in source.fees.all()
    )
    OpeningHours.objects.bulk_create(
        OpeningHours(
            package=target, service=h.service, hours=h.hours, is_24_hour=h.is_24_hour
        )
        for h in source.hours.all()
    )
    StaffCount.objects.bulk_create(
        StaffCount(package=target, category=s.category, female=s.female, male=s.male)
        for s in source.staff.all()
    )
    Enrolment.objects.bulk_create(
        Enrolment(package=target, grade=e.grade, female=e.female, male=e.male)
        for e in source.enrolment.all()
    )
    PerformanceFigure.objects.bulk_create(
        PerformanceFigure(
            package=target, standard_id=f.standard_id, value=None, target=f.target
        )
        for f in source.performance.all()
    )
    target.classrooms = source.classrooms
    target.no_informal_fees = source.no_informal_fees
    target.save(update_fields=["classrooms", "no_informal_fees"])


def _is_blank(row: dict, fields) -> bool:
    return all(row.get(f) in (None, "", False) for f in fields)


def _build_lines(*, package: Package, section: Section, rows: list[dict]) -> list:
    """Model rows for a section from cleaned form rows; blank rows are skipped."""
    content = section.content
    lines = []
    if content == "budget":
        allowed = set(section.budget_rows)
        for row in rows:
            if (row["side"], row["category"]) not in allowed:
                raise ValidationError(_("Unknown budget category."))
            if _is_blank(row, ("planned", "actual")):
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
            if _is_blank(row, ("name", "cost")):
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
        for row in rows:
            if _is_blank(row, ("service", "fee")):
                continue
            lines.append(
                ServiceFee(
                    package=package,
                    service=row["service"],
                    fee=row["fee"],
                    processing_time=row.get("processing_time") or "",
                    exemptions=row.get("exemptions") or "",
                )
            )
    elif content == "hours":
        for row in rows:
            if _is_blank(row, ("service", "hours", "is_24_hour")):
                continue
            lines.append(
                OpeningHours(
                    package=package,
                    service=row["service"],
                    hours=row.get("hours") or "",
                    is_24_hour=bool(row.get("is_24_hour")),
                )
            )
    elif content == "staff":
        allowed = set(STAFF_BY_KIND[package.provider.kind])
        for row in rows:
            if row.get("category") not in allowed:
                raise ValidationError(_("This line does not belong to this section."))
            if _is_blank(row, ("female", "male")):
                continue
            lines.append(
                StaffCount(
                    package=package,
                    category=row["category"],
                    female=row.get("female") or 0,
                    male=row.get("male") or 0,
                )
            )
    elif content == "enrolment":
        for row in rows:
            if row.get("grade") not in GRADES:
                raise ValidationError(_("This line does not belong to this section."))
            if _is_blank(row, ("female", "male")):
                continue
            lines.append(
                Enrolment(
                    package=package,
                    grade=row["grade"],
                    female=row.get("female") or 0,
                    male=row.get("male") or 0,
                )
            )
    elif content == "performance":
        standards = {
            s.code: s
            for s in NationalStandard.objects.filter(
                provider_kind=package.provider.kind
            )
        }
        for row in rows:
            if _is_blank(row, ("value", "target")):
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


_SECTION_MODELS = {
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
    _require_author(user, package.provider)
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
        lines = _build_lines(package=package, section=section, rows=rows)
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
            model = _SECTION_MODELS[section.content]
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


@transaction.atomic
def package_submit(*, package: Package, user, version: int) -> Package:
    """Send a complete draft to the reviewers.

    The form's version must be the package's: the author submits what they saw.
    A package with an empty required section is refused with the list of them.
    """
    _require_author(user, package.provider)
    concurrency.lock(Package, package.pk)
    package.refresh_from_db()
    if package.status not in (Package.Status.DRAFT, Package.Status.RETURNED):
        raise ValidationError(_("Only a draft or a returned package can be submitted."))
    concurrency.check_read(read_version=version, current_version=package.version)
    missing = missing_sections(package=package)
    if missing:
        raise ValidationError(
            _("Fill in these sections before submitting: %(sections)s.")
            % {"sections": ", ".join(str(section.label) for section in missing)},
            code="incomplete",
        )
    package.version += 1
    old_status = package.status
    package.status = Package.Status.SUBMITTED
    package.submitted_at = timezone.now()
    package.submitted_by = user
    package.save(
        update_fields=[
            "status",
            "submitted_at",
            "submitted_by",
            "version",
            "updated_at",
        ]
    )
    audit_record(
        user=user,
        action="i4c.package.submit",
        instance=package,
        changes={"status": [old_status, package.status]},
    )
    return package


@transaction.atomic
def package_return(*, package: Package, user, comment: str) -> Package:
    """Send a submission back to its author with a comment that they will see."""
    _require_review(user, package.provider)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what the author should correct.")})
    _lock(package)
    if package.status != Package.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted package can be returned."))
    # Keep what the reviewer saw, so that the resubmission shows what changed
    # since the return rather than the whole list again.
    returned = ReturnedSubmission(
        package=package,
        returned_at=timezone.now(),
        returned_by=user,
        comment=comment,
        snapshot=package_snapshot(package=package),
    )
    returned.full_clean()
    returned.save()
    package.version += 1
    package.status = Package.Status.RETURNED
    package.review_comment = comment
    package.full_clean(exclude=["provider", "published_version"])
    package.save(update_fields=["status", "review_comment", "version", "updated_at"])
    audit_record(
        user=user,
        action="i4c.package.return",
        instance=package,
        changes={"status": [Package.Status.SUBMITTED, package.status]},
        reason=comment,
    )
    return package


def _lock(package: Package) -> None:
    """Lock the package row for this transaction and refresh the caller's copy."""
    Package.objects.select_for_update().filter(pk=package.pk).values_list("pk").get()
    package.refresh_from_db()


@transaction.atomic
def package_publish(*, package: Package, user, reason: str = "") -> PublishedVersion:
    """Publish a submission as the next immutable version.

    The first version needs no reason; a correction of a published package does,
    and the public history shows it beside the version.
    """
    _require_review(user, package.provider)
    # Lock the package so that two reviewers publishing at once cannot both
    # take the same version number, then read it afresh under the lock.
    _lock(package)
    if package.status != Package.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted package can be published."))
    reason = (reason or "").strip()
    last_number = (
        package.versions.order_by("-number").values_list("number", flat=True).first()
    )
    if last_number and not reason:
        raise ValidationError(
            {"reason": _("Give the reason for this correction: citizens will see it.")}
        )
    version = PublishedVersion(
        package=package,
        number=(last_number or 0) + 1,
        published_at=timezone.now(),
        published_by=user,
        reason=reason,
        snapshot=package_snapshot(package=package),
    )
    version.full_clean()
    version.save()
    package.status = Package.Status.PUBLISHED
    package.published_version = version
    package.review_comment = ""
    package.version += 1
    package.save(
        update_fields=[
            "status",
            "published_version",
            "review_comment",
            "version",
            "updated_at",
        ]
    )
    audit_record(
        user=user,
        action="i4c.package.publish",
        instance=package,
        changes={
            "status": [Package.Status.SUBMITTED, package.status],
            "published_version": [last_number, version.number],
        },
        reason=reason,
    )
    codes = package.provider.commune_codes()
    provider_code = package.provider.code
    transaction.on_commit(
        lambda: board_cache_invalidate(
            commune_codes=codes, provider_codes=[provider_code]
        )
    )
    # Each new version gets its posters and booklet, rendered after the commit.
    package_posters_request(package=package, user=user)
    figures_changed(providers=[package.provider_id])
    return version


@transaction.atomic
def dissemination_event_create(
    *,
    package: Package,
    user,
    village: Village,
    held_on,
    attendance_female: int,
    attendance_male: int,
    attendance_youth: int = 0,
    attendance_disability: int = 0,
    attendance_minority: int = 0,
    attendance_id_poor: int = 0,
    caf: CAF | None = None,
) -> DisseminationEvent:
    """Record a meeting at which a published package was presented to villagers."""
    _require_edit(user, package.provider)
    if not package.has_been_published:
        raise ValidationError(_("Only a published package can be disseminated."))
    if not package.provider.serves(village.commune_id):
        raise ValidationError(
            {"village": _("Choose a village that this provider serves.")}
        )
    if caf is not None and not selectors.cafs_for(user=user).filter(pk=caf.pk).exists():
        raise ValidationError({"caf": _("Choose a CAF of your organisation.")})
    event = DisseminationEvent(
        package=package,
        village=village,
        held_on=held_on,
        caf=caf,
        attendance_female=attendance_female,
        attendance_male=attendance_male,
        attendance_youth=attendance_youth,
        attendance_disability=attendance_disability,
        attendance_minority=attendance_minority,
        attendance_id_poor=attendance_id_poor,
        recorded_by=user,
    )
    event.full_clean()
    event.save()
    figures_changed(providers=[package.provider_id])
    audit_record(
        user=user,
        action="i4c.dissemination.create",
        instance=event,
        changes={
            "village": [None, village.pk],
            "held_on": [None, held_on],
            "attendance": [None, event.attendance_total],
        },
    )
    return event
