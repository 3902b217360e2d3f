"""The scope checks every I4C write starts with, and the one stale-save error.

Each service checks the user's scope through `communes.scopes` itself, so that a
forgotten check in a view cannot open another commune's package.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from communes import scopes
from communes.models import ServiceProvider
from isaf import concurrency

# One stale-save mechanism for every app (isaf.concurrency); the old name stays.
StaleEdit = concurrency.StaleEdit


def require_edit(user, provider: ServiceProvider) -> None:
    if not scopes.can_edit_provider(user, provider):
        raise PermissionDenied(_("You may not edit this provider's information."))


def require_author(user, provider: ServiceProvider) -> None:
    if not scopes.can_author_package(user, provider):
        raise PermissionDenied(
            _(
                "You may read this package, but only its authors may change or "
                "submit it."
            )
        )


def require_review(user, provider: ServiceProvider) -> None:
    if not scopes.can_review_provider(user, provider):
        raise PermissionDenied(_("You may not review this provider's information."))
