"""Importing a checked workbook, and submitting what it changed.

A workbook imports whole or not at all: one transaction around every package it
starts and every section it saves, each through the package services (scope,
validation, the stale-save check against the version the workbook was read at,
the audit trail), so an import writes exactly what the same edits made on the
section pages would. Submitting afterwards is one action over the packages, each
submitted on its own: one incomplete package does not hold the others back.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from ..models import Package
from .packages import package_create
from .review import package_submit
from .section_edits import package_section_save


@transaction.atomic
def workbook_import(
    *, user, plan, progress: Callable[[int, int], None] | None = None
) -> list[Package]:
    """Write a plan (i4c.workbook.plan) that has no errors; returns the packages
    it changed. Raises, and writes nothing, on any refusal."""
    if plan.errors:
        raise ValidationError([str(error) for error in plan.errors])
    packages = []
    total = len(plan.changes)
    for done, change in enumerate(plan.changes, start=1):
        package = change.current.package
        version = change.read_version
        if package is None:
            package = package_create(
                user=user, provider=change.provider, year=plan.year, copy_previous=True
            )
            version = package.version
        for key, rows in change.sections.items():
            package = package_section_save(
                package=package,
                user=user,
                version=version,
                section_key=key,
                rows=rows,
            )
        packages.append(package)
        if progress is not None:
            progress(done, total)
    return packages


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
