"""Who hears of something: candidates found by their roles, each confirmed by the
scope rule of `communes.scopes`, so that nobody outside the scope is ever told.

The role queries only narrow the search (a role row says where to look); the
answer comes from the same rules that decide what a user may see and do.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

from communes import scopes
from communes.models import Commune, Coverage, Role, ServiceProvider

User = get_user_model()


def _active(users):
    return users.filter(is_active=True).distinct().order_by("pk")


def reviewers_of_provider(provider: ServiceProvider) -> list:
    """Reviewers (provincial or national) who may publish or return this provider."""
    province = (
        Commune.objects.filter(pk=provider.commune_id)
        .values_list("district__province_id", flat=True)
        .first()
    )
    candidates = _active(
        User.objects.filter(
            Q(isaf_roles__kind=Role.Kind.REVIEWER, isaf_roles__province__isnull=True)
            | Q(isaf_roles__kind=Role.Kind.REVIEWER, isaf_roles__province_id=province)
        )
    )
    return [user for user in candidates if scopes.can_review_provider(user, provider)]


def reviewers_all() -> list:
    return list(_active(User.objects.filter(isaf_roles__kind=Role.Kind.REVIEWER)))


def councillors_of(commune_code: str) -> list:
    return list(
        _active(
            User.objects.filter(
                isaf_roles__kind=Role.Kind.COUNCILLOR,
                isaf_roles__commune_id=commune_code,
            )
        )
    )


def facilitators_of(commune: Commune, cycle) -> list:
    """Facilitators of the organisations that cover the commune's district in the
    cycle: those who record and follow up its JAAP."""
    covering = Coverage.objects.filter(
        cycle_id=cycle.pk, district_id=commune.district_id
    ).values("organisation_id")
    candidates = _active(
        User.objects.filter(
            isaf_roles__kind=Role.Kind.FACILITATOR,
            isaf_roles__organisation_id__in=covering,
        )
    )
    return [u for u in candidates if scopes.can_record_for_commune(u, commune, cycle)]


def authors(users, *, may) -> list:
    """The given people (creator, submitter...) who still may act on the thing:
    someone who has since left the commune or organisation is not told."""
    seen, out = set(), []
    for user in users:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        if may(user):
            out.append(user)
    return out
