from .audio import Clip
from .jaap import InterfaceMeeting, JaapAction, JaapFollowUp
from .library import LibraryIndicator
from .returns import ScorecardReturn
from .scorecards import (
    Remark,
    Scorecard,
    ScorecardIndicator,
    ScorecardVersion,
)

__all__ = [
    "Clip",
    "InterfaceMeeting",
    "JaapAction",
    "JaapFollowUp",
    "LibraryIndicator",
    "Remark",
    "Scorecard",
    "ScorecardIndicator",
    "ScorecardReturn",
    "ScorecardVersion",
]
