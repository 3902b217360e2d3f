"""Reads of scorecards, the interface meeting and the JAAP.

Public reads see published versions only (`public`). Workspace reads are limited
to the user's scope (`workspace`). The stages of the I-SAF cycle and the figures
the dashboard reads are counted in `stats`
(`from scorecards.selectors import stats`).
"""

from .audio import (
    clip_url,
    clip_url_for,
    clips_for_scorecard,
    library_clip_urls,
    public_clips,
    scale_clip_urls,
)
from .public import PublishedResults, published_results, results_for_commune
from .workspace import (
    action_for_user,
    cafs_for_entry,
    library_for,
    meeting_for_user,
    meeting_indicators,
    meeting_providers,
    meetings_for_workspace,
    scorecard_for_user,
    scorecard_get,
    scorecards_awaiting_review,
    scorecards_for_workspace,
    villages_for_entry,
)

__all__ = [
    "PublishedResults",
    "action_for_user",
    "cafs_for_entry",
    "clip_url",
    "clip_url_for",
    "clips_for_scorecard",
    "library_clip_urls",
    "library_for",
    "meeting_for_user",
    "meeting_indicators",
    "meeting_providers",
    "meetings_for_workspace",
    "public_clips",
    "published_results",
    "results_for_commune",
    "scale_clip_urls",
    "scorecard_for_user",
    "scorecard_get",
    "scorecards_awaiting_review",
    "scorecards_for_workspace",
    "villages_for_entry",
]
