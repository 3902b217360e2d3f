"""The dashboard's stored figures, registered with `communes.freshness`: the
services that write their inputs name the communes, and these refresh them."""

from communes.freshness import Refresher, refresher_register

from . import stages


def _refresh(commune_codes: set[str]) -> None:
    stages.stages_refresh(commune_codes=commune_codes)


refresher_register(
    Refresher(key="dashboard.stages", refresh=_refresh, rebuild=stages.stages_rebuild)
)
