"""The sections of a package, by provider kind: one home for what each kind contains.

Forms, services, the snapshot and the templates all read this table, so adding a
category or a section happens here once.
"""

from dataclasses import dataclass, field

from django.db import models
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


# What a package must hold before it can be submitted, by provider kind: the figures
# citizens come to the board for. Projects, fees of a commune, opening hours of a
# commune and performance may honestly be empty (no project this year; results come
# in later in the year), so they are not required.
REQUIRED_SECTIONS = {
    COMMUNE: ("revenue", "expenditure", "staff"),
    HEALTH_CENTRE: ("fees", "hours", "staff"),
    SCHOOL: ("school_budget", "enrolment", "staff", "facts"),
}


def required_sections(kind: str) -> list[Section]:
    required = REQUIRED_SECTIONS.get(kind, ())
    return [section for section in SECTIONS if section.key in required]


def section_is_empty(*, package, section: Section) -> bool:
    """Does this section of the package hold no figure at all?"""
    content = section.content
    if content == "facts":
        return package.classrooms is None and package.no_informal_fees is None
    if content == "budget":
        lines = package.budget_lines.filter(
            side__in={side for side, _cat in section.budget_rows},
            category__in={cat for _side, cat in section.budget_rows},
        )
        return not lines.filter(
            models.Q(planned__isnull=False) | models.Q(actual__isnull=False)
        ).exists()
    related = {
        "projects": "projects",
        "fees": "fees",
        "hours": "hours",
        "staff": "staff",
        "enrolment": "enrolment",
        "performance": "performance",
    }[content]
    return not getattr(package, related).exists()


def missing_sections(*, package) -> list[Section]:
    """The required sections of a package that are still empty, in page order."""
    return [
        section
        for section in required_sections(package.provider.kind)
        if section_is_empty(package=package, section=section)
    ]
