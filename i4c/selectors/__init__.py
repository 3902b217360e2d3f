"""Every read of I4C data, scoped where it is private and cached where it is public.

One module per concept; the names below are the package's public reads, so that
`from i4c import selectors; selectors.board_for_commune(...)` keeps working:

- `workspace`: the signed-in workspace, scoped packages, the review queue;
- `boards`: the public boards of a commune and of a provider;
- `open_data`: the commune CSV and JSON, the national CSV;
- `snapshots`: what a package says, as one JSON document and its totals;
- `changes`: what a submission changes, in words, for the reviewer;
- `stats`: the programme's I4C figures, for the dashboard.
"""

from .boards import board_for_commune, board_for_provider
from .open_data import (
    OPEN_DATA_COLUMNS,
    commune_open_data_document,
    commune_open_data_rows,
    national_open_data_rows,
    open_data_for_commune,
    snapshot_rows,
)
from .workspace import (
    cafs_for,
    dissemination_events_for,
    package_changes,
    package_get_for_review,
    package_get_for_user,
    providers_to_start,
    review_queue,
    section_initial,
    workspace_packages,
)

__all__ = [
    "OPEN_DATA_COLUMNS",
    "board_for_commune",
    "board_for_provider",
    "cafs_for",
    "commune_open_data_document",
    "commune_open_data_rows",
    "dissemination_events_for",
    "national_open_data_rows",
    "open_data_for_commune",
    "package_changes",
    "package_get_for_review",
    "package_get_for_user",
    "providers_to_start",
    "review_queue",
    "section_initial",
    "snapshot_rows",
    "workspace_packages",
]
