"""What a reviewer sees changed in a submission, in words of the page's language.

A submission is compared with what the reviewer knows best:
- after a return, with the content as it was when returned, so that a
  resubmission shows only what the author changed since;
- else with the package's latest published version (a correction);
- else with the same provider's package published for the previous fiscal year;
- else it is a first submission, and every filled figure is new.

Figures are matched by `Entry.key` (a tuple, never a joined name). Codes become
their labels, yes/no becomes words, and numbers and amounts are formatted by
`isaf.formatting` in the language active when this runs (the page's).
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.text import capfirst
from django.utils.translation import get_language, pgettext

from isaf.formatting import format_number, format_riel

from ..labels import (
    FIELD_LABELS,
    SECTION_LABELS,
    SIDE_LABELS,
    funding_label,
    item_label,
    project_status_label,
    sector_label,
)
from ..models import NationalStandard, Package
from .snapshots import package_snapshot, snapshot_entries

AMOUNTS = {"planned", "actual", "cost", "fee"}
NUMBERS = {"female", "male", "value", "target", "classrooms"}
CODE_LABELS = {
    "sector": sector_label,
    "funding": funding_label,
    "status": project_status_label,
}
EMPTY = "—"


@dataclass
class PackageChanges:
    # "returned", "published", "last_year" or "first"
    basis: str
    rows: list[dict] = field(default_factory=list)
    basis_year: int | None = None
    basis_version: int | None = None
    returned_at: object = None


def _basis(package: Package) -> tuple[PackageChanges, dict | None]:
    returned = package.returns.order_by("-returned_at").first()
    published = package.published_version
    if returned and (
        published is None or returned.returned_at > published.published_at
    ):
        return PackageChanges("returned", returned_at=returned.returned_at), (
            returned.snapshot
        )
    if published:
        return PackageChanges(
            "published", basis_version=published.number
        ), published.snapshot
    last_year = (
        Package.objects.filter(
            provider_id=package.provider_id,
            year=package.year - 1,
            published_version__isnull=False,
        )
        .select_related("published_version")
        .first()
    )
    if last_year:
        return PackageChanges(
            "last_year", basis_year=last_year.year
        ), last_year.published_version.snapshot
    return PackageChanges("first"), None


def _villages(*snapshots) -> dict:
    latin = (get_language() or "km").split("-")[0] != "km"
    names = {}
    for snapshot in snapshots:
        for project in (snapshot or {}).get("projects", []):
            code = project.get("village_code")
            if code:
                km, en = (
                    project.get("village_name_km"),
                    project.get("village_name_latin"),
                )
                names[code] = (en or km) if latin else (km or en)
    return names


def _number(value) -> str:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    whole = number == number.to_integral_value()
    return format_number(number, decimals=0 if whole else 2)


def display(measure: str, value, *, villages: dict | None = None) -> str:
    """A stored figure as words and digits of the active language."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return pgettext("answer", "Yes") if value else pgettext("answer", "No")
    if measure in AMOUNTS:
        return format_riel(value)
    if measure in CODE_LABELS:
        # Capitalised as the board shows them ("Ongoing").
        return capfirst(str(CODE_LABELS[measure](value)))
    if measure == "village_code":
        return (villages or {}).get(value) or EMPTY
    if measure in NUMBERS or isinstance(value, int | float | Decimal):
        return _number(value)
    return str(value)


def _section(entry) -> str:
    """A budget line's section is its side (revenue or expenditure): the
    expenditure line "development projects" is not the projects section."""
    if entry.section == "budget":
        side = entry.item.partition(":")[0]
        return str(SIDE_LABELS.get(side, SECTION_LABELS["budget"]))
    return str(SECTION_LABELS.get(entry.section, entry.section))


def _item(entry, standards) -> str:
    label = str(item_label(entry.section, entry.item, standards=standards))
    if entry.occurrence > 1:
        return f"{label} ({format_number(entry.occurrence)})"
    return label


def package_changes_build(*, package: Package) -> PackageChanges:
    changes, before_snapshot = _basis(package)
    current = package_snapshot(package=package)
    before = {e.key: e for e in snapshot_entries(before_snapshot)}
    after = {e.key: e for e in snapshot_entries(current)}
    standards = dict(
        NationalStandard.objects.filter(
            provider_kind=package.provider.kind
        ).values_list("code", "name")
    )
    villages = _villages(before_snapshot, current)
    # The current order first (the order of the sections), then removed rows.
    keys = [*after, *(k for k in before if k not in after)]
    for key in keys:
        old, new = before.get(key), after.get(key)
        old_value = old.value if old else None
        new_value = new.value if new else None
        if old_value == new_value:
            continue
        if changes.basis == "first" and new_value in (None, "", False):
            continue
        entry = new or old
        shown_old = display(entry.measure, old_value, villages=villages)
        shown_new = display(entry.measure, new_value, villages=villages)
        if shown_old == shown_new:
            # An empty field of a removed line ("" before, nothing now): no change
            # a reviewer could see.
            continue
        changes.rows.append(
            {
                "section": _section(entry),
                "item": _item(entry, standards),
                "field": capfirst(str(FIELD_LABELS.get(entry.measure, entry.measure))),
                "old": shown_old,
                "new": shown_new,
            }
        )
    return changes
