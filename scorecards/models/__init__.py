from .jaap import InterfaceMeeting, JaapAction, JaapFollowUp
from .library import LibraryIndicator
from .scorecards import (
    Remark,
    Scorecard,
    ScorecardIndicator,
    ScorecardVersion,
)

__all__ = [
    "InterfaceMeeting",
    "JaapAction",
    "JaapFollowUp",
    "LibraryIndicator",
    "Remark",
    "Scorecard",
    "ScorecardIndicator",
    "ScorecardVersion",
]
