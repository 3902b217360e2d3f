"""The published form of a package: one JSON document that says everything.

A snapshot is built when a package is published and stored whole in a
`PublishedVersion`; the board, the provider board and the open data read it and
nothing else, so a later edit of the working copy or of a national standard never
changes what was published. Labels are not stored, only codes: each reader shows
them in its own language. Names typed by people (projects, services) are kept as
typed.
"""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from ..models import NationalStandard, Package, standard_is_met

SCHEMA = 1


def _number(value):
    """Decimals become int when whole, else str, so JSON keeps every digit."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    return value


def package_snapshot(*, package: Package) -> dict:
    provider = package.provider
    commune = provider.commune
    standards = {
        s.pk: s for s in NationalStandard.objects.filter(provider_kind=provider.kind)
    }
    performance = []
    for figure in package.performance.all():
        standard = standards.get(figure.standard_id)
        if standard is None:
            continue
        performance.append(
            {
                "code": standard.code,
                "name_km": standard.name_km or standard.name,
                "name_en": standard.name_en or standard.name,
                "unit": standard.unit,
                "comparison": standard.comparison,
                "standard": _number(standard.value),
                "value": _number(figure.value),
                "target": _number(figure.target),
                "meets": standard_is_met(
                    comparison=standard.comparison,
                    standard=standard.value,
                    figure=figure.value,
                ),
            }
        )
    return {
        "schema": SCHEMA,
        "year": package.year,
        "provider": {
            "code": provider.code,
            "kind": provider.kind,
            "name_km": provider.name_km or provider.name,
            "name_en": provider.name_en or provider.name,
            "commune_code": commune.code,
            "commune_name_km": commune.name_km,
            "commune_name_latin": commune.name_latin,
        },
        "budget": [
            {
                "side": line.side,
                "category": line.category,
                "planned": line.planned,
                "actual": line.actual,
            }
            for line in package.budget_lines.all()
        ],
        "projects": [
            {
                "name": p.name,
                "sector": p.sector,
                "village_code": p.village_id,
                "village_name_km": p.village.name_km if p.village else "",
                "village_name_latin": p.village.name_latin if p.village else "",
                "cost": p.cost,
                "funding": p.funding,
                "status": p.status,
            }
            for p in package.projects.select_related("village")
        ],
        "fees": [
            {
                "service": f.service,
                "fee": f.fee,
                "processing_time": f.processing_time,
                "exemptions": f.exemptions,
            }
            for f in package.fees.all()
        ],
        "hours": [
            {"service": h.service, "hours": h.hours, "is_24_hour": h.is_24_hour}
            for h in package.hours.all()
        ],
        "staff": [
            {"category": s.category, "female": s.female, "male": s.male}
            for s in package.staff.all()
        ],
        "enrolment": [
            {"grade": e.grade, "female": e.female, "male": e.male}
            for e in package.enrolment.all()
        ],
        "performance": performance,
        "facts": {
            "classrooms": package.classrooms,
            "no_informal_fees": package.no_informal_fees,
        },
    }


@dataclass(frozen=True)
class Entry:
    """One published figure of a snapshot.

    `item` is what a reader sees: a code for fixed rows (a budget category, a
    staff category, a grade, a standard), the name as typed for free rows
    (projects, fees, hours). `row` is a free row's position in its section,
    from 1, because names are not unique and may hold any character. `key`
    matches the same figure across two snapshots: a tuple, never a joined
    string, so no name can break it. Free rows are matched by their name and
    its occurrence (the second "Well" with the second "Well"), so that
    reordering rows is not reported as a change and duplicates stay apart.
    """

    section: str
    item: str
    measure: str
    value: object
    row: int | None = None
    occurrence: int = 1

    @property
    def key(self) -> tuple:
        return (self.section, self.item, self.occurrence, self.measure)


# Free rows: the section, the field that names a row, and its published figures.
FREE_ROWS = (
    ("projects", "name", ("sector", "village_code", "cost", "funding", "status")),
    ("fees", "service", ("fee", "processing_time", "exemptions")),
    ("hours", "service", ("hours", "is_24_hour")),
)


def snapshot_entries(snapshot: dict | None) -> list[Entry]:
    """Every published figure of a snapshot, in a fixed order, one entry each.

    It reads every schema stored so far: rows are taken by their position in the
    stored lists, which every version has, and a field missing from an older
    snapshot reads as empty.
    """
    entries: list[Entry] = []
    if not snapshot:
        return entries
    for line in snapshot.get("budget", []):
        item = f"{line['side']}:{line['category']}"
        for key in ("planned", "actual"):
            entries.append(Entry("budget", item, key, line.get(key)))
    for section, name_field, fields in FREE_ROWS:
        seen: Counter = Counter()
        for position, row in enumerate(snapshot.get(section, []), start=1):
            name = str(row.get(name_field, ""))
            seen[name] += 1
            for key in fields:
                entries.append(
                    Entry(section, name, key, row.get(key), position, seen[name])
                )
    for s in snapshot.get("staff", []):
        for key in ("female", "male"):
            entries.append(Entry("staff", s["category"], key, s.get(key)))
    for e in snapshot.get("enrolment", []):
        for key in ("female", "male"):
            entries.append(Entry("enrolment", str(e["grade"]), key, e.get(key)))
    for f in snapshot.get("performance", []):
        for key in ("value", "target"):
            entries.append(Entry("performance", f["code"], key, f.get(key)))
    for key, value in (snapshot.get("facts") or {}).items():
        entries.append(Entry("facts", key, "value", value))
    return entries


def snapshot_flatten(snapshot: dict | None) -> dict[str, object]:
    """A flat {"section|item|field": value} view of a snapshot, for the audit
    trail, which stores it as JSON. Nothing parses these keys back: readers use
    `snapshot_entries`. A repeated name gets its occurrence after a "#" so that
    no figure hides another."""
    flat: dict[str, object] = {}
    for entry in snapshot_entries(snapshot):
        item = entry.item
        if entry.occurrence > 1:
            item = f"{item}#{entry.occurrence}"
        flat[f"{entry.section}|{item}|{entry.measure}"] = entry.value
    return flat


def snapshot_totals(snapshot: dict) -> dict:
    """Totals computed from the lines: never typed, never stored."""

    def total(side, key):
        values = [
            line[key]
            for line in snapshot.get("budget", [])
            if line["side"] == side and line[key] is not None
        ]
        return sum(values) if values else None

    staff = snapshot.get("staff", [])
    enrolment = snapshot.get("enrolment", [])
    return {
        "revenue_planned": total("revenue", "planned"),
        "revenue_actual": total("revenue", "actual"),
        "expenditure_planned": total("expenditure", "planned"),
        "expenditure_actual": total("expenditure", "actual"),
        "staff_female": sum(s["female"] for s in staff),
        "staff_male": sum(s["male"] for s in staff),
        "staff": sum(s["female"] + s["male"] for s in staff),
        "pupils_female": sum(e["female"] for e in enrolment),
        "pupils_male": sum(e["male"] for e in enrolment),
        "pupils": sum(e["female"] + e["male"] for e in enrolment),
        "projects_cost": sum(p["cost"] for p in snapshot.get("projects", [])),
    }
