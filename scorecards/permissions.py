"""Who may record scorecard fieldwork: one home for the rule, used by services
(to refuse) and by selectors and views (to show only what may be done).

The rules stand on communes.scopes; the one thing added here is that
councillors and reviewers do not record scorecards, because the commune and the
providers are the ones being scored.
"""

from communes.models import Commune, Coverage, Cycle, Role, ServiceProvider
from communes.scopes import can_edit_provider, is_secretariat


def records_fieldwork(user) -> bool:
    """Facilitators and the secretariat enter fieldwork; councillors and
    reviewers do not, since the commune and the providers are the ones scored."""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_secretariat(user):
        return True
    return Role.objects.filter(user_id=user.pk, kind=Role.Kind.FACILITATOR).exists()


def can_record_for_provider(user, provider: ServiceProvider, cycle: Cycle) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return records_fieldwork(user) and can_edit_provider(user, provider, cycle=cycle)


def can_record_for_commune(user, commune: Commune, cycle: Cycle) -> bool:
    """Facilitators of an organisation covering the commune's district in the
    cycle, or the secretariat, record its interface meeting."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if is_secretariat(user):
        return True
    organisations = Role.objects.filter(
        user_id=user.pk, kind=Role.Kind.FACILITATOR
    ).values("organisation_id")
    return Coverage.objects.filter(
        cycle_id=cycle.pk,
        district_id=commune.district_id,
        organisation_id__in=organisations,
    ).exists()
