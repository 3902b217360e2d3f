"""Dissemination meetings: a published package presented to villagers."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from communes.freshness import figures_changed
from communes.models import CAF, Village
from isaf.attendance import ATTENDANCE_FIELDS
from isaf.audit import audited_save

from .. import selectors
from ..models import DisseminationEvent, Package
from .checks import require_edit


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
    require_edit(user, package.provider)
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
    audited_save(
        event,
        user=user,
        action="i4c.dissemination.create",
        fields=("village", "held_on", "caf", *ATTENDANCE_FIELDS),
    )
    figures_changed(providers=[package.provider_id])
    return event
