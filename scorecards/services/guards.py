"""What every scorecard write checks first: the user's scope and that the
scorecard is still being entered. Stale saves are refused by isaf.concurrency."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from isaf import concurrency

from ..models import Scorecard

# One stale-save mechanism for every app (isaf.concurrency); the old name stays.
StaleVersionError = concurrency.StaleEdit


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("This is outside the places you work on."))


def require_known(fields, allowed, *, what: str) -> None:
    """A caller's mistake, not the user's: a field the service does not change."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"Not a {what} field: {sorted(unknown)}")


def require_editable(scorecard: Scorecard) -> None:
    if not scorecard.is_editable:
        raise ValidationError(
            _(
                "This scorecard is submitted or published and cannot be changed. "
                "A reviewer can return it, or you can open a correction with a reason."
            ),
            code="not_editable",
        )
