"""The sections of a package, by provider kind: one home for what each kind contains.

Forms, services, the snapshot and the templates all read this table, so adding a
category or a section happens here once.
"""

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from communes.models import ServiceProvider

from .models import BudgetLine, StaffCount

COMMUNE = ServiceProvider.Kind.COMMUNE
HEALTH_CENTRE = ServiceProvider.Kind.HEALTH_CENTRE
SCHOOL = ServiceProvider.Kind.PRIMARY_SCHOOL

REVENUE = BudgetLine.Side.REVENUE
EXPENDITURE = BudgetLine.Side.EXPENDITURE
Cat = BudgetLine.Category

COMMUNE_REVENUE = (
    Cat.CSF_ADMIN,
    Cat.CSF_DEVELOPMENT,
    Cat.OWN_SOURCE,
    Cat.OTHER_TRANSFERS,
)
COMMUNE_EXPENDITURE = (
    Cat.PERSONNEL,
    Cat.ADMINISTRATION,
    Cat.DEVELOPMENT,
    Cat.SOCIAL,
    Cat.OTHER,
)
STAFF_BY_KIND = {
    COMMUNE: (StaffCount.Category.COUNCILLOR, StaffCount.Category.COMMUNE_STAFF),
    HEALTH_CENTRE: (
        StaffCount.Category.DOCTOR,
        StaffCount.Category.NURSE,
        StaffCount.Category.MIDWIFE,
        StaffCount.Category.OTHER,
    ),
    SCHOOL: (StaffCount.Category.TEACHER, StaffCount.Category.OTHER),
}
GRADES = (1, 2, 3, 4, 5, 6)


@dataclass(frozen=True)
class Section:
    key: str
    label: Promise
    kinds: tuple[str, ...]
    # What the rows are: "budget", "projects", "fees", "hours", "staff",
    # "enrolment", "performance" or "facts".
    content: str
    # Fixed rows of a budget section, as (side, category) pairs.
    budget_rows: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    help: Promise | str = ""


SECTIONS = (
    Section(
        "revenue",
        _("Revenue"),
        (COMMUNE,),
        "budget",
        tuple((REVENUE, c) for c in COMMUNE_REVENUE),
        _("Where the money comes from, planned and actual, in whole riel."),
    ),
    Section(
        "expenditure",
        _("Expenditure"),
        (COMMUNE,),
        "budget",
        tuple((EXPENDITURE, c) for c in COMMUNE_EXPENDITURE),
        _("What the money is spent on, planned and actual, in whole riel."),
    ),
    Section("projects", _("Development projects"), (COMMUNE,), "projects"),
    Section(
        "school_budget",
        _("School operating budget"),
        (SCHOOL,),
        "budget",
        ((REVENUE, Cat.SCHOOL_OPERATING), (EXPENDITURE, Cat.SCHOOL_OPERATING)),
        _("Planned and actually received; planned and actually used."),
    ),
    Section("fees", _("Service fees"), (COMMUNE, HEALTH_CENTRE), "fees"),
    Section(
        "hours", _("Services and opening hours"), (COMMUNE, HEALTH_CENTRE), "hours"
    ),
    Section("staff", _("Staff"), (COMMUNE, HEALTH_CENTRE, SCHOOL), "staff"),
    Section("enrolment", _("Enrolment"), (SCHOOL,), "enrolment"),
    Section("facts", _("Classrooms and fees rule"), (SCHOOL,), "facts"),
    Section(
        "performance",
        _("Performance against national standards"),
        (HEALTH_CENTRE, SCHOOL),
        "performance",
    ),
)
SECTIONS_BY_KEY = {s.key: s for s in SECTIONS}


def sections_for(kind: str) -> list[Section]:
    return [s for s in SECTIONS if kind in s.kinds]


def section_get(*, key: str, kind: str) -> Section | None:
    section = SECTIONS_BY_KEY.get(key)
    return section if section and kind in section.kinds else None


def budget_row_label(side: str, category: str) -> str:
    if category == Cat.SCHOOL_OPERATING:
        return str(
            _("Operating budget received")
            if side == REVENUE
            else _("Operating budget used")
        )
    return str(Cat(category).label)
