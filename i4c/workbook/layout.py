"""The workbook's layout: which sheets, which columns, and how each is read.

One sheet per provider kind and section (i4c.sections is the one home of what a
kind contains). A section with fixed lines (budget, staff, enrolment,
performance, classrooms) is one row per provider, its lines side by side; a
section of free lines (projects, fees, opening hours) is one row per line,
each naming its provider by code. Every sheet starts with the same identity
columns, locked; row 1 holds the headers in Khmer with English beneath, and the
hidden row 2 the columns' keys, which the reader matches (so a header may be
reworded without breaking anyone's filled workbook).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..forms import ROW_FORMS, FactsForm
from ..models import NationalStandard, Project, StaffCount
from ..sections import (
    COMMUNE,
    GRADES,
    HEALTH_CENTRE,
    SCHOOL,
    STAFF_BY_KIND,
    Section,
    budget_row_label,
    sections_for,
)

KINDS = (COMMUNE, HEALTH_CENTRE, SCHOOL)
HEADER_ROW, KEY_ROW, FIRST_ROW = 1, 2, 3
INSTRUCTIONS_SHEET = "ណែនាំ Instructions"
LISTS_SHEET = "lists"
META_SHEET = "meta"
# Sheet titles: Khmer, at most 31 characters, unique. Where a kind meets a
# section the section's own label in the catalogue is too long for a tab.
KIND_TITLES = {COMMUNE: "ឃុំ", HEALTH_CENTRE: "មណ្ឌលសុខភាព", SCHOOL: "សាលា"}
SECTION_TITLES = {
    "revenue": "ចំណូល",
    "expenditure": "ចំណាយ",
    "projects": "គម្រោង",
    "school_budget": "ថវិកា",
    "fees": "កម្រៃសេវា",
    "hours": "ម៉ោងធ្វើការ",
    "staff": "បុគ្គលិក",
    "enrolment": "សិស្ស",
    "facts": "បន្ទប់រៀន",
    "performance": "លទ្ធផល",
}
KIND_LABELS = {
    COMMUNE: _("Commune/sangkat administration"),
    HEALTH_CENTRE: _("health centre"),
    SCHOOL: _("primary school"),
}
YES = pgettext_lazy("answer", "Yes")
NO = pgettext_lazy("answer", "No")


@dataclass(frozen=True)
class Words:
    """A name that is not in the catalogue (a national standard's), in both
    languages, read like a lazy translation in the active one."""

    km: str
    en: str

    def __str__(self) -> str:
        language = (translation.get_language() or "km").split("-")[0]
        return self.km if language == "km" else self.en


def _joined(language: str, parts) -> str:
    """A header's parts (a line, then its measure) as one name: a colon in
    English; in Khmer a middle dot, as the import's preview writes them, since
    the Khmer colon ៖ already ends a line's own name ("មូលនិធិឃុំ សង្កាត់៖ ...")."""
    separator = " · " if language == "km" else ": "
    return separator.join(str(part) for part in parts)


def _in(language: str, parts) -> str:
    with translation.override(language):
        return _joined(language, parts)


def both(*parts) -> str:
    """A label in Khmer with English beneath, whatever the page's language."""
    km, en = capfirst(_in("km", parts)), capfirst(_in("en", parts))
    return km if km == en else f"{km}\n{en}"


def both_with(message, **values) -> str:
    """`both` of a message with values, each written for its language (a
    callable value is given the language: Khmer digits above, Latin beneath)."""
    lines = []
    for language in ("km", "en"):
        with translation.override(language):
            filled = {
                key: value(language) if callable(value) else value
                for key, value in values.items()
            }
            lines.append(capfirst(str(message) % filled))
    km, en = lines
    return km if km == en else f"{km}\n{en}"


@dataclass(frozen=True)
class Column:
    """One column: its key (row 2), its header, what it holds and how wide.

    `kind` says how it is read: "code" (the provider), "info" (written, never
    read back), "number" (through the form field `field` of the row form),
    "choice" (one of `choices`, a drop-down), "yesno", "village" or "text".
    `line` is the section line the column belongs to in a wide sheet (a budget
    line, a staff category, a grade, a standard's code), `name` the form field.
    """

    key: str
    label: tuple
    kind: str
    width: float = 14
    line: object = None
    name: str = ""
    choices: tuple[tuple[str, Promise], ...] = ()
    standard: NationalStandard | None = None

    @property
    def is_read(self) -> bool:
        return self.kind != "info"

    def header(self) -> str:
        """Row 1: Khmer, English beneath."""
        return both(*self.label)

    def name_here(self) -> str:
        """The header in the active language, for error messages."""
        language = (translation.get_language() or "km").split("-")[0]
        return capfirst(_joined(language, self.label))


@dataclass
class SheetLayout:
    kind: str
    section: Section
    columns: list[Column] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{KIND_TITLES[self.kind]} {SECTION_TITLES[self.section.key]}"

    @property
    def free_rows(self) -> bool:
        return self.section.content in ("projects", "fees", "hours")

    @property
    def form_class(self):
        if self.section.content == "facts":
            return FactsForm
        return ROW_FORMS[self.section.content]

    def label(self) -> str:
        return both(KIND_LABELS[self.kind]) + " · " + both(self.section.label)


IDENTITY = (
    Column("code", (_("Code"),), "code", 12),
    Column("name_km", (_("Name in Khmer"),), "info", 30),
    Column("name_en", (_("Name in Latin letters"),), "info", 26),
    Column("commune", (_("Commune"),), "info", 26),
    Column("status", (_("Status"),), "info", 16),
)


def _number(key, label, line, name, width=14) -> Column:
    return Column(key, label, "number", width, line=line, name=name)


def _people(line, label, women, men) -> list[Column]:
    return [
        _number(f"{line}:female", (label, women), line, "female"),
        _number(f"{line}:male", (label, men), line, "male"),
    ]


def _columns(kind: str, section: Section, standards) -> list[Column]:
    content = section.content
    if content == "budget":
        columns = []
        for side, category in section.budget_rows:
            label = Words(
                _budget_label("km", side, category), _budget_label("en", side, category)
            )
            for name, measure in (
                ("planned", _("Planned (riel)")),
                ("actual", _("Actual (riel)")),
            ):
                columns.append(
                    _number(
                        f"{side}:{category}:{name}",
                        (label, measure),
                        (side, category),
                        name,
                        18,
                    )
                )
        return columns
    if content == "staff":
        columns = []
        for category in STAFF_BY_KIND[kind]:
            label = StaffCount.Category(category).label
            columns += _people(category, label, _("Women"), _("Men"))
        return columns
    if content == "enrolment":
        columns = []
        for grade in GRADES:
            label = Words(_grade("km", grade), _grade("en", grade))
            columns += _people(grade, label, _("Girls"), _("Boys"))
        return columns
    if content == "performance":
        columns = []
        for standard in standards.get(kind, ()):
            name = Words(
                standard.name_km or standard.name, standard.name_en or standard.name
            )
            columns += [
                Column(
                    f"{standard.code}:standard",
                    (name, _("National standard")),
                    "info",
                    16,
                    line=standard.code,
                    standard=standard,
                ),
                _number(
                    f"{standard.code}:value",
                    (name, _("Result")),
                    standard.code,
                    "value",
                ),
                _number(
                    f"{standard.code}:target",
                    (name, _("Target")),
                    standard.code,
                    "target",
                ),
            ]
        return columns
    if content == "facts":
        return [
            _number("classrooms", (_("Classrooms"),), None, "classrooms"),
            Column(
                "no_informal_fees",
                (_("The no-informal-fees rule is posted and applied"),),
                "yesno",
                24,
                name="no_informal_fees",
            ),
        ]
    if content == "projects":
        return [
            Column("name", (_("Project"),), "text", 36, name="name"),
            Column(
                "sector",
                (_("Sector"),),
                "choice",
                24,
                name="sector",
                choices=tuple(Project.Sector.choices),
            ),
            Column("village", (_("Village"),), "village", 30, name="village"),
            _number("cost", (_("Cost (riel)"),), None, "cost", 18),
            Column(
                "funding",
                (_("Funding source"),),
                "choice",
                30,
                name="funding",
                choices=tuple(Project.Funding.choices),
            ),
            Column(
                "project_status",
                (_("Status"),),
                "choice",
                16,
                name="status",
                choices=tuple(Project.Status.choices),
            ),
        ]
    if content == "fees":
        return [
            Column("service", (_("Service"),), "text", 36, name="service"),
            _number("fee", (_("Official fee (riel)"),), None, "fee", 18),
            Column(
                "processing_time",
                (_("Processing time"),),
                "text",
                20,
                name="processing_time",
            ),
            Column("exemptions", (_("Exemptions"),), "text", 30, name="exemptions"),
        ]
    if content == "hours":
        return [
            Column("service", (_("Office or service"),), "text", 36, name="service"),
            Column("hours", (_("Opening hours"),), "text", 20, name="hours"),
            Column("is_24_hour", (_("24-hour duty"),), "yesno", 14, name="is_24_hour"),
        ]
    raise ValueError(content)


def _budget_label(language: str, side: str, category: str) -> str:
    with translation.override(language):
        return budget_row_label(side, category)


def _grade(language: str, grade: int) -> str:
    with translation.override(language):
        return str(_("Grade %(grade)s") % {"grade": grade})


def active_standards() -> dict[str, list[NationalStandard]]:
    """The national standards in use, by provider kind, in their order."""
    standards: dict[str, list[NationalStandard]] = {}
    for standard in NationalStandard.objects.filter(is_active=True).order_by(
        "provider_kind", "order", "code"
    ):
        standards.setdefault(standard.provider_kind, []).append(standard)
    return standards


def workbook_layouts(standards=None) -> list[SheetLayout]:
    """Every sheet of the workbook, by kind then section, in page order."""
    standards = active_standards() if standards is None else standards
    layouts = []
    for kind in KINDS:
        for section in sections_for(kind):
            layout = SheetLayout(kind, section)
            layout.columns = [*IDENTITY, *_columns(kind, section, standards)]
            layouts.append(layout)
    return layouts


def choice_label(choices, code) -> str:
    """The drop-down's text for a code: Khmer, then English."""
    for value, label in choices:
        if value == code:
            with translation.override("km"):
                km = str(label)
            with translation.override("en"):
                en = str(label)
            return km if km == en else f"{km} · {en}"
    return ""


def yes_no_label(value) -> str:
    if value is None:
        return ""
    return choice_label(((True, YES), (False, NO)), value)
