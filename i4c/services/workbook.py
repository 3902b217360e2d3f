"""Importing a checked workbook, and submitting what it changed.

A workbook imports whole or not at all: one transaction for every package it
starts and every section it saves. A package that does not exist yet is started
by `package_create` (from last year's, as the workbook showed it); the sections
of all packages are then written together, by the rules of
`package_section_save` and with its pieces (`build_lines`, the section models,
the stale check of `isaf.concurrency` against the version the workbook was read
at), but in a few statements for the whole workbook rather than a dozen for
each section, so a province's workbook imports within its budget. Every package
changed gets its audit entry with what changed.

Submitting afterwards is one action over the packages, each submitted on its
own: one incomplete package does not hold the others back.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from communes import scopes
from isaf import concurrency
from isaf.audit import audit_record

from ..models import BudgetLine, NationalStandard, Package
from ..sections import SECTIONS_BY_KEY
from .packages import package_create
from .review import package_submit
from .section_edits import SECTION_MODELS, build_lines

BATCH = 1000


def _require_authors(user, changes) -> None:
    wanted = {change.provider.pk for change in changes}
    allowed = set(
        scopes.providers_to_author(user)
        .filter(pk__in=wanted)
        .values_list("pk", flat=True)
    )
    if wanted - allowed:
        raise PermissionDenied(_("You may not change this provider's data."))


def _check_stale(package: Package, key: str, read_version: int) -> None:
    """The section service's check: refused when this section was saved after
    the workbook was read (another section's save does not count)."""
    mark = package.section_versions.get(key) or {}
    at = mark.get("at")
    concurrency.check_read(
        read_version=read_version,
        current_version=package.version,
        changed_version=mark.get("v", 0),
        changed_by=mark.get("by"),
        changed_at=datetime.datetime.fromisoformat(at) if at else None,
        changed_by_id=mark.get("by_id"),
    )


@transaction.atomic
def workbook_import(
    *, user, plan, progress: Callable[[int, int], None] | None = None
) -> list[Package]:
    """Write a plan (i4c.workbook.plan) that has no errors; returns the packages
    it changed. Raises, and writes nothing, on any refusal."""
    if plan.errors:
        raise ValidationError([str(error) for error in plan.errors])
    changes = plan.changes
    _require_authors(user, changes)
    read_versions = {}
    for change in changes:
        package = change.current.package
        if package is None:
            package = package_create(
                user=user, provider=change.provider, year=plan.year, copy_previous=True
            )
            read_versions[package.pk] = package.version
        else:
            read_versions[package.pk] = change.read_version
        change.package_id = package.pk
    # Locked in one order, so two imports of overlapping workbooks take turns.
    packages = {
        p.pk: p
        for p in Package.objects.select_for_update()
        .filter(pk__in=list(read_versions))
        .order_by("pk")
    }
    standards: dict[str, dict] = defaultdict(dict)
    for standard in NationalStandard.objects.all():
        standards[standard.provider_kind][standard.code] = standard
    now = timezone.now()
    mark = {
        "by": concurrency.person_name(user),
        "by_id": user.pk,
        "at": now.isoformat(),
    }
    budget_gone: list[Q] = []
    lines_gone: dict = defaultdict(list)
    new_lines: dict = defaultdict(list)
    for done, change in enumerate(changes, start=1):
        package = packages[change.package_id]
        package.provider = change.provider
        if not package.is_editable:
            raise ValidationError(
                _("This package is being reviewed and cannot be changed now.")
            )
        for key in change.sections:
            _check_stale(package, key, read_versions[package.pk])
        package.version += 1
        for key, rows in change.sections.items():
            section = SECTIONS_BY_KEY[key]
            package.section_versions = {
                **package.section_versions,
                key: {"v": package.version, **mark},
            }
            if section.content == "facts":
                row = rows[0] if rows else {}
                package.classrooms = row.get("classrooms")
                package.no_informal_fees = row.get("no_informal_fees")
                continue
            lines = build_lines(
                package=package,
                section=section,
                rows=rows,
                standards=standards[package.provider.kind],
            )
            for line in lines:
                # The standard and the village were matched from the database
                # when the workbook was read: no query per line to check them.
                line.full_clean(
                    exclude=["package", "standard", "village"],
                    validate_unique=False,
                    validate_constraints=False,
                )
            if section.content == "budget":
                budget_gone.append(
                    Q(
                        package_id=package.pk,
                        side__in={side for side, _cat in section.budget_rows},
                        category__in={cat for _side, cat in section.budget_rows},
                    )
                )
                new_lines[BudgetLine] += lines
            else:
                model = SECTION_MODELS[section.content]
                lines_gone[model].append(package.pk)
                new_lines[model] += lines
        # An edit of a published package starts a correction (as on the page).
        if package.status == Package.Status.PUBLISHED:
            package.status = Package.Status.DRAFT
        package.updated_at = now
        package.full_clean(
            exclude=["provider", "published_version"],
            validate_unique=False,
            validate_constraints=False,
        )
        if progress is not None and done % 100 == 0:
            progress(done, len(changes) * 2)
    for start in range(0, len(budget_gone), BATCH):
        query = Q()
        for condition in budget_gone[start : start + BATCH]:
            query |= condition
        BudgetLine.objects.filter(query).delete()
    for model, package_ids in lines_gone.items():
        model.objects.filter(package_id__in=package_ids).delete()
    for model, lines in new_lines.items():
        model.objects.bulk_create(lines, batch_size=BATCH)
    changed = [packages[change.package_id] for change in changes]
    Package.objects.bulk_update(
        changed,
        [
            "status",
            "classrooms",
            "no_informal_fees",
            "version",
            "section_versions",
            "updated_at",
        ],
        batch_size=BATCH,
    )
    for done, change in enumerate(changes, start=1):
        audit_record(
            user=user,
            action="i4c.package.import",
            instance=packages[change.package_id],
            changes=change.audit,
        )
        if progress is not None and done % 100 == 0:
            progress(len(changes) + done, len(changes) * 2)
    return changed


def workbook_submit(*, user, package_ids) -> dict[int, str]:
    """Submit each of these packages for review; returns {package id: why it
    was not submitted} for those that could not be."""
    refused = {}
    for package in Package.objects.filter(pk__in=list(package_ids)).select_related(
        "provider"
    ):
        if package.status == Package.Status.SUBMITTED:
            continue
        try:
            package_submit(package=package, user=user, version=package.version)
        except PermissionDenied as error:
            refused[package.pk] = " ".join(str(a) for a in error.args)
        except ValidationError as error:
            refused[package.pk] = " ".join(error.messages)
    return refused
