from .dissemination import DisseminationEvent
from .lines import (
    MAX_RIEL,
    BudgetLine,
    Enrolment,
    OpeningHours,
    PerformanceFigure,
    Project,
    ServiceFee,
    StaffCount,
)
from .packages import Package, PublishedVersion
from .returns import ReturnedSubmission
from .standards import NationalStandard, standard_is_met
from .workbook import WorkbookImport

__all__ = [
    "MAX_RIEL",
    "BudgetLine",
    "DisseminationEvent",
    "Enrolment",
    "NationalStandard",
    "OpeningHours",
    "Package",
    "PerformanceFigure",
    "Project",
    "PublishedVersion",
    "ReturnedSubmission",
    "ServiceFee",
    "StaffCount",
    "WorkbookImport",
    "standard_is_met",
]
