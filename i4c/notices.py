"""What the I4C app tells people (see `notifications.registry`): a package
returned to its authors with the comment, a version published (its authors, and
citizens who follow the communes on Telegram, with the headline figures), and the
submissions that wait in a reviewer's scope (the daily digest)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from communes import scopes
from communes.models import ServiceProvider
from isaf.formatting import format_digits, format_number, format_riel
from notifications.audience import authors
from notifications.registry import (
    Event,
    Notice,
    ReviewQueue,
    Waiting,
    event_register,
    queue_register,
)
from notifications.text import commune_title

from .models import Package, PublishedVersion
from .selectors.snapshots import snapshot_totals
from .selectors.workspace import review_queue


def package_authors(package: Package, **_payload) -> list:
    """Who wrote the package and may still write it: its creator and submitter."""
    return authors(
        [package.created_by, package.submitted_by],
        may=lambda user: scopes.can_author_package(user, package.provider),
    )


def _what(package: Package) -> str:
    provider = package.provider
    if provider.kind == ServiceProvider.Kind.COMMUNE:
        # «រដ្ឋបាលឃុំក្រង់តេះ» names its commune already.
        return _("%(provider)s, fiscal year %(year)s") % {
            "provider": provider.name,
            "year": format_digits(package.year),
        }
    return _("%(provider)s, %(commune)s, fiscal year %(year)s") % {
        "provider": provider.name,
        "commune": commune_title(provider.commune),
        "year": format_digits(package.year),
    }


def _returned(recipient, package: Package, **_payload) -> Notice:
    return Notice(
        subject=_("Returned for correction: %(what)s") % {"what": _what(package)},
        body=_("The reviewer returned the package with this comment:")
        + f"\n\n{package.review_comment}\n\n"
        + _("Correct it and submit it again."),
        link=reverse("i4c:package-detail", args=[package.pk]),
    )


def headline(version: PublishedVersion) -> list[str]:
    """The figures a citizen reads first, as lines of text."""
    totals = snapshot_totals(version.snapshot)
    lines = []
    revenue = totals["revenue_actual"] or totals["revenue_planned"]
    spending = totals["expenditure_actual"] or totals["expenditure_planned"]
    if revenue is not None:
        lines.append(_("Revenue: %(amount)s") % {"amount": format_riel(revenue)})
    if spending is not None:
        lines.append(_("Spending: %(amount)s") % {"amount": format_riel(spending)})
    if totals["projects_cost"]:
        lines.append(
            _("Development projects: %(amount)s")
            % {"amount": format_riel(totals["projects_cost"])}
        )
    if totals["staff"]:
        lines.append(_("Staff: %(count)s") % {"count": format_number(totals["staff"])})
    if totals["pupils"]:
        lines.append(
            _("Pupils: %(count)s") % {"count": format_number(totals["pupils"])}
        )
    return lines


def board_path(provider: ServiceProvider) -> str:
    if provider.kind == ServiceProvider.Kind.COMMUNE:
        return reverse("communes:detail", args=[provider.commune_id])
    return reverse("i4c:provider-board", args=[provider.code])


def _published(recipient, package: Package, version: PublishedVersion, **_p) -> Notice:
    if recipient is None:
        intro = _("New information for citizens was published:")
    else:
        intro = _("Your package was published (version %(number)s):") % {
            "number": format_digits(version.number)
        }
    lines = [intro, _what(package), "", *headline(version)]
    if version.reason:
        lines += [
            "",
            _("Reason for the correction: %(reason)s") % {"reason": version.reason},
        ]
    return Notice(
        subject=_("Published: %(what)s") % {"what": _what(package)},
        body="\n".join(lines),
        link=board_path(package.provider),
    )


event_register(
    Event(
        key="i4c.package_returned",
        label=gettext_lazy("An I4C package was returned"),
        users=package_authors,
        render=_returned,
        occurrence=lambda package, **_: f"{package.pk}:{package.version}",
    )
)
event_register(
    Event(
        key="i4c.package_published",
        label=gettext_lazy("An I4C package was published"),
        users=package_authors,
        render=_published,
        occurrence=lambda package, version, **_: f"{package.pk}:{version.number}",
        communes=lambda package, **_: package.provider.commune_codes(),
    )
)


def _waiting(user) -> list[Waiting]:
    return [
        Waiting(
            label=_what(package),
            path=reverse("i4c:review-detail", args=[package.pk]),
        )
        for package in review_queue(user=user)[:100]
    ]


queue_register(
    ReviewQueue(
        key="i4c.packages", label=gettext_lazy("I4C packages"), waiting=_waiting
    )
)
