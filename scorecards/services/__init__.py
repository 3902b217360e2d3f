"""Every write to scorecards, the interface meeting and the JAAP.

Each service checks the user's scope (communes.scopes) inside the transaction,
validates with full_clean, refuses a save made from a stale version, writes, and
records the change in the audit trail. A refused write writes nothing.

The services live by concept in the modules below; this package names them all,
so that callers write `from scorecards import services` and
`services.scorecard_create(...)`.
"""

from .audio import (
    indicator_clip_record,
    library_clip_record,
    scale_clip_record,
    scorecard_clips_publish,
)
from .guards import StaleVersionError
from .meetings import (
    ACTION_FIELDS,
    MEETING_FIELDS,
    interface_meeting_create,
    interface_meeting_update,
    jaap_action_create,
    jaap_action_update,
    jaap_follow_up_add,
)
from .records import (
    SETUP_FIELDS,
    IndicatorChoice,
    indicator_key,
    scorecard_create,
    scorecard_indicators_set,
    scorecard_remarks_set,
    scorecard_update,
    scorecard_votes_set,
)
from .review import (
    scorecard_correction_open,
    scorecard_publish,
    scorecard_return,
    scorecard_submit,
)
from .sheet import scorecard_sheet_import
from .snapshots import scorecard_snapshot, snapshot_build

__all__ = [
    "ACTION_FIELDS",
    "MEETING_FIELDS",
    "SETUP_FIELDS",
    "IndicatorChoice",
    "StaleVersionError",
    "indicator_clip_record",
    "indicator_key",
    "interface_meeting_create",
    "interface_meeting_update",
    "jaap_action_create",
    "jaap_action_update",
    "jaap_follow_up_add",
    "library_clip_record",
    "scale_clip_record",
    "scorecard_clips_publish",
    "scorecard_correction_open",
    "scorecard_create",
    "scorecard_indicators_set",
    "scorecard_publish",
    "scorecard_remarks_set",
    "scorecard_return",
    "scorecard_sheet_import",
    "scorecard_snapshot",
    "scorecard_submit",
    "scorecard_update",
    "scorecard_votes_set",
    "snapshot_build",
]
