"""Who may act on what: the one home of scope rules for every app.

A signed-in user holds one or more `Role` rows, and their scope is the union of them:

- a councillor acts for one commune, and edits its commune-administration provider;
- a facilitator acts for the communes of the districts that their organisation covers
  in a cycle (the current one unless told otherwise), and edits the providers located
  there;
- a reviewer reads and reviews one province, or the whole country when the role has no
  province; reviewers review, they do not edit;
- the secretariat (and a Django superuser, who runs the admin) acts nationally.

`communes_for` and `providers_for` answer "what may this user see and act on in the
workspace", so they include a reviewer's province; whether an action is allowed is
answered by `can_edit_provider`, `can_review_provider` and, for scorecard fieldwork,
`records_fieldwork`, `can_record_for_provider` and `can_record_for_commune`.
Anonymous and inactive users get empty querysets and False everywhere.

Every function returns a lazy queryset or answers with one query, whatever the number of
roles: the role rows are read through subqueries, so callers can filter further and a
workspace page costs the same for one role as for five.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Case, Exists, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from communes.models import (
    CAF,
    Commune,
    Coverage,
    Cycle,
    Province,
    Role,
    ServiceProvider,
)

__all__ = [
    "cafs_for",
    "can_edit_provider",
    "can_record_for_commune",
    "can_record_for_provider",
    "can_review_provider",
    "communes_for",
    "current_cycle",
    "is_secretariat",
    "provinces_for_review",
    "providers_for",
    "providers_to_author",
    "records_fieldwork",
    "roles_by_kind",
    "roles_for",
]


def _is_signed_in(user) -> bool:
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
    )


def _roles(user) -> QuerySet[Role]:
    return Role.objects.filter(user_id=user.pk)


def _national_roles(user) -> QuerySet[Role]:
    """The roles that open the whole country: secretariat, and national reviewers."""
    return _roles(user).filter(
        Q(kind=Role.Kind.SECRETARIAT)
        | Q(kind=Role.Kind.REVIEWER, province__isnull=True)
    )


def _scoped(user, model, allowed: Callable[[], Q]) -> QuerySet:
    """The rows of `model` that `allowed()` grants a signed-in user; none when
    signed out, all for a superuser."""
    if not _is_signed_in(user):
        return model.objects.none()
    if user.is_superuser:
        return model.objects.all()
    return model.objects.filter(allowed())


def _councillor_communes(user) -> QuerySet[Role]:
    """The ids of the communes whose council the user sits on."""
    return _roles(user).filter(kind=Role.Kind.COUNCILLOR).values("commune_id")


def _reviewed_provinces(user) -> QuerySet[Role]:
    """The ids of the provinces the user reviews as a provincial reviewer."""
    return (
        _roles(user)
        .filter(kind=Role.Kind.REVIEWER, province__isnull=False)
        .values("province_id")
    )


def _cycles_ordered() -> QuerySet[Cycle]:
    """Cycles with this year's first, then the latest ones."""
    this_year = timezone.localdate().year
    return Cycle.objects.annotate(
        is_this_year=Case(
            When(year=this_year, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    ).order_by("-is_this_year", "-year")


def current_cycle() -> Cycle | None:
    """The cycle of today's year, else the latest cycle, else None."""
    return _cycles_ordered().first()


def _cycle_filter(cycle: Cycle | None) -> Q:
    """Match coverage of `cycle`, or of the current cycle when none is given.

    The current cycle is found inside the same SQL statement, so asking for the
    current cycle costs no extra query.
    """
    if cycle is not None:
        return Q(cycle_id=cycle.pk)
    return Q(cycle_id__in=_cycles_ordered().values("pk")[:1])


def facilitator_organisations(user) -> QuerySet[Role]:
    """The ids of the organisations the user facilitates for (a subquery)."""
    return _roles(user).filter(kind=Role.Kind.FACILITATOR).values("organisation_id")


def cafs_for(user) -> QuerySet[CAF]:
    """The CAFs a user may name at a meeting: the active roster of the
    organisations they facilitate for, or every active CAF for the secretariat."""
    cafs = CAF.objects.filter(is_active=True).order_by("name")
    if is_secretariat(user):
        return cafs
    return cafs.filter(organisation_id__in=facilitator_organisations(user))


def _covered_districts(user, cycle: Cycle | None) -> QuerySet[Coverage]:
    """District codes covered in the cycle by the user's facilitator organisations."""
    return Coverage.objects.filter(
        _cycle_filter(cycle), organisation_id__in=facilitator_organisations(user)
    ).values("district_id")


def roles_for(user) -> list[Role]:
    """The user's roles with the places and organisation they name, in one query."""
    if not _is_signed_in(user):
        return []
    return list(
        _roles(user)
        .select_related("commune__district__province", "organisation", "province")
        .order_by("kind", "pk")
    )


@dataclass
class RolesByKind:
    councillor: list[Role] = field(default_factory=list)
    facilitator: list[Role] = field(default_factory=list)
    reviewer: list[Role] = field(default_factory=list)
    secretariat: list[Role] = field(default_factory=list)


def roles_by_kind(user) -> RolesByKind:
    """The user's roles (as `roles_for`) grouped by kind, in one query."""
    grouped = RolesByKind()
    for role in roles_for(user):
        getattr(grouped, role.kind).append(role)
    return grouped


def is_secretariat(user) -> bool:
    if not _is_signed_in(user):
        return False
    if user.is_superuser:
        return True
    return _roles(user).filter(kind=Role.Kind.SECRETARIAT).exists()


def communes_for(user, *, cycle: Cycle | None = None) -> QuerySet[Commune]:
    """The communes the user may see and act on in the workspace."""
    return _scoped(
        user,
        Commune,
        lambda: (
            Q(Exists(_national_roles(user)))
            | Q(pk__in=_councillor_communes(user))
            | Q(district_id__in=_covered_districts(user, cycle))
            | Q(district__province_id__in=_reviewed_provinces(user))
        ),
    )


def providers_for(user, *, cycle: Cycle | None = None) -> QuerySet[ServiceProvider]:
    """The service providers the user may see and act on in the workspace.

    A councillor gets only their commune's administration: the commune's health
    centre and schools are the facilitators' to enter.
    """
    return _scoped(
        user,
        ServiceProvider,
        lambda: (
            Q(Exists(_national_roles(user)))
            | Q(
                kind=ServiceProvider.Kind.COMMUNE,
                commune_id__in=_councillor_communes(user),
            )
            | Q(commune__district_id__in=_covered_districts(user, cycle))
            | Q(commune__district__province_id__in=_reviewed_provinces(user))
        ),
    )


def can_edit_provider(
    user, provider: ServiceProvider, *, cycle: Cycle | None = None
) -> bool:
    """May the user enter or change this provider's data? One query at most.

    Councillor: their own commune's administration. Facilitator: providers located in
    the districts their organisation covers in the cycle (default: the current one).
    Secretariat: all. Reviewers never edit.
    """
    if not _is_signed_in(user):
        return False
    if user.is_superuser:
        return True
    allowed = Q(kind=Role.Kind.SECRETARIAT)
    if provider.kind == ServiceProvider.Kind.COMMUNE:
        allowed |= Q(kind=Role.Kind.COUNCILLOR, commune_id=provider.commune_id)
    covering = Coverage.objects.filter(
        _cycle_filter(cycle), district__communes=provider.commune_id
    ).values("organisation_id")
    allowed |= Q(kind=Role.Kind.FACILITATOR, organisation_id__in=covering)
    return _roles(user).filter(allowed).exists()


def can_review_provider(user, provider: ServiceProvider) -> bool:
    """May the user publish or return this provider's submissions? One query at most."""
    if not _is_signed_in(user):
        return False
    if user.is_superuser:
        return True
    province = Commune.objects.filter(pk=provider.commune_id).values(
        "district__province_id"
    )
    return (
        _roles(user)
        .filter(
            Q(kind=Role.Kind.SECRETARIAT)
            | Q(kind=Role.Kind.REVIEWER, province__isnull=True)
            | Q(kind=Role.Kind.REVIEWER, province_id__in=province)
        )
        .exists()
    )


def records_fieldwork(user) -> bool:
    """Does the user enter scorecard fieldwork? Facilitators and the secretariat do;
    councillors and reviewers do not, since the commune and the providers are the
    ones being scored. One query at most."""
    if not _is_signed_in(user):
        return False
    if user.is_superuser:
        return True
    return (
        _roles(user)
        .filter(kind__in=[Role.Kind.SECRETARIAT, Role.Kind.FACILITATOR])
        .exists()
    )


def can_record_for_provider(user, provider: ServiceProvider, cycle: Cycle) -> bool:
    """May the user record a scorecard of this provider in the cycle? Someone who
    records fieldwork and may edit the provider in that cycle."""
    return records_fieldwork(user) and can_edit_provider(user, provider, cycle=cycle)


def can_record_for_commune(user, commune: Commune, cycle: Cycle) -> bool:
    """May the user record the commune's interface meeting and JAAP in the cycle?
    Facilitators of an organisation covering the commune's district in the cycle,
    and the secretariat. One query at most."""
    if not _is_signed_in(user):
        return False
    if user.is_superuser:
        return True
    covering = Coverage.objects.filter(
        cycle_id=cycle.pk, district_id=commune.district_id
    ).values("organisation_id")
    return (
        _roles(user)
        .filter(
            Q(kind=Role.Kind.SECRETARIAT)
            | Q(kind=Role.Kind.FACILITATOR, organisation_id__in=covering)
        )
        .exists()
    )


def provinces_for_review(user) -> QuerySet[Province]:
    """The provinces whose submissions the user reviews (all for national roles)."""
    return _scoped(
        user,
        Province,
        lambda: Q(Exists(_national_roles(user))) | Q(pk__in=_reviewed_provinces(user)),
    )


def can_author_package(
    user, provider: ServiceProvider, *, cycle: Cycle | None = None
) -> bool:
    """May the user prepare, change and submit this provider's I4C package?

    The commune administration's package is its councillor's (and the
    secretariat's): a facilitator covering the district may read it and record its
    dissemination meetings, but not write it. For a health centre or a school, the
    authors are whoever may edit the provider. One query at most.
    """
    if provider.kind != ServiceProvider.Kind.COMMUNE:
        return can_edit_provider(user, provider, cycle=cycle)
    if not _is_signed_in(user):
        return False
    if user.is_superuser:
        return True
    return (
        _roles(user)
        .filter(
            Q(kind=Role.Kind.SECRETARIAT)
            | Q(kind=Role.Kind.COUNCILLOR, commune_id=provider.commune_id)
        )
        .exists()
    )


def providers_to_author(
    user, *, cycle: Cycle | None = None
) -> QuerySet[ServiceProvider]:
    """The providers whose I4C package the user may prepare: the queryset form of
    `can_author_package`, for lists that offer only what the user may start.

    A commune administration: its councillor and the secretariat. A health centre
    or a school: the facilitators covering its district and the secretariat.
    Reviewers review and author nothing.
    """
    return _scoped(
        user,
        ServiceProvider,
        lambda: (
            Q(Exists(_roles(user).filter(kind=Role.Kind.SECRETARIAT)))
            | Q(
                kind=ServiceProvider.Kind.COMMUNE,
                commune_id__in=_councillor_communes(user),
            )
            | (
                ~Q(kind=ServiceProvider.Kind.COMMUNE)
                & Q(commune__district_id__in=_covered_districts(user, cycle))
            )
        ),
    )
