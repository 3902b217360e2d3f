"""Review: submitting a complete draft, returning it with a comment, publishing
it as the next immutable version.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communes.freshness import figures_changed
from isaf import concurrency
from isaf.audit import audit_record
from isaf.pages import pages_changed
from notifications.services import notify

from ..models import Package, PublishedVersion, ReturnedSubmission
from ..posters import package_posters_request
from ..sections import missing_sections
from ..selectors.snapshots import package_snapshot
from .checks import require_author, require_review


@transaction.atomic
def package_submit(*, package: Package, user, version: int) -> Package:
    """Send a complete draft to the reviewers.

    The form's version must be the package's: the author submits what they saw.
    A package with an empty required section is refused with the list of them.
    """
    require_author(user, package.provider)
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
    notify("review.waiting", provider=package.provider)
    return package


@transaction.atomic
def package_return(*, package: Package, user, comment: str) -> Package:
    """Send a submission back to its author with a comment that they will see."""
    require_review(user, package.provider)
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
    notify("i4c.package_returned", package=package)
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
    require_review(user, package.provider)
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
    # Every public page that shows this package stops counting in this
    # transaction, and is stored again after the commit.
    pages_changed(
        commune=package.provider.commune_codes(),
        provider=[package.provider.code],
        national=[package.year],
    )
    # Each new version gets its posters and booklet, rendered after the commit.
    package_posters_request(package=package, user=user)
    figures_changed(providers=[package.provider_id])
    notify("i4c.package_published", package=package, version=version)
    return version
