"""Figures kept from the records: apps register refreshers, writers say what changed.

Some figures are stored because computing them from every record of the country
on each view costs too much (the dashboard's stages of every commune in every
cycle). They live on a floor above the apps whose records they summarise, so
those apps cannot call them by name; and they must not learn of writes through
signals. Instead:

- the services that write an input say, in one line after their write, which
  communes or providers it touched: ``figures_changed(providers=[provider.pk])``;
  every registered refresher runs for those communes once the transaction
  commits (a rolled-back write refreshes nothing);
- bulk writes that bypass the services (seeding, demo data) call
  ``figures_rebuild()`` when they are done;
- apps describe their refreshers in ``<app>/refreshers.py``, which
  `communes.apps` imports at start-up the way the admin finds ``admin.py``::

      refresher_register(
          Refresher(
              key="dashboard.stages",
              refresh=stages_refresh,   # (commune codes) -> None
              rebuild=stages_rebuild,   # () -> None
          )
      )

Readers never write: a figure is as fresh as the last refresh or rebuild.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction


@dataclass(frozen=True)
class Refresher:
    key: str
    refresh: Callable[[set[str]], None]
    rebuild: Callable[[], None]


_refreshers: dict[str, Refresher] = {}


def refresher_register(refresher: Refresher) -> None:
    """Register (or replace, so that re-importing a module is harmless)."""
    _refreshers[refresher.key] = refresher


def refreshers_all() -> list[Refresher]:
    return list(_refreshers.values())


def _communes_of(providers: set[int]) -> set[str]:
    from .models import ServiceProvider

    codes = set()
    for provider in ServiceProvider.objects.filter(pk__in=providers).prefetch_related(
        "communes_served"
    ):
        codes.add(provider.commune_id)
        codes.update(commune.code for commune in provider.communes_served.all())
    return codes


def _refresh(*, communes: set[str], providers: set[int]) -> None:
    codes = communes | (_communes_of(providers) if providers else set())
    codes.discard(None)
    if not codes:
        return
    for refresher in refreshers_all():
        refresher.refresh(codes)


def figures_changed(
    *, communes: Iterable[str] = (), providers: Iterable[int] = ()
) -> None:
    """The records of these communes, or of these providers (and so of the
    communes they stand in or serve), changed: refresh their figures once the
    transaction commits.

    Robust: the writer's transaction has committed by then, so a failed refresh
    is logged rather than turned into the user's error; `figures_rebuild` (the
    `dashboard_rebuild_stages` command) mends it.
    """
    communes, providers = set(communes), set(providers)
    transaction.on_commit(
        lambda: _refresh(communes=communes, providers=providers), robust=True
    )


def figures_rebuild() -> None:
    """Rebuild every registered figure from all the records: after bulk writes
    that bypassed the services."""
    for refresher in refreshers_all():
        refresher.rebuild()
