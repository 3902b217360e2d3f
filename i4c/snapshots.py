"""The published form of a package: one JSON document that says everything.

A snapshot is built when a package is published and stored whole in a
`PublishedVersion`; the board, the provider board and the open data read it and
nothing else, so a later edit of the working copy or of a national standard never
changes what was published. Labels are not stored, only codes: each reader shows
them in its own language. Names typed by people (projects, services) are kept as
typed.
"""

from decimal import Decimal

from .models import NationalStandard, Package, standard_is_met

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


def snapshot_flatten(snapshot: dict | None) -> dict[str, object]:
    """A flat {"section|item|field": value} view of a snapshot, for diffs.

    Fixed rows are keyed by their category so that a changed amount shows as one
    change; free rows (projects, fees, hours) by their name, so that reordering is
    not reported as a change.
    """
    flat: dict[str, object] = {}
    if not snapshot:
        return flat
    for line in snapshot.get("budget", []):
        for key in ("planned", "actual"):
            flat[f"budget|{line['side']}:{line['category']}|{key}"] = line[key]
    for p in snapshot.get("projects", []):
        for key in ("sector", "village_code", "cost", "funding", "status"):
            flat[f"projects|{p['name']}|{key}"] = p[key]
    for f in snapshot.get("fees", []):
        for key in ("fee", "processing_time", "exemptions"):
            flat[f"fees|{f['service']}|{key}"] = f[key]
    for h in snapshot.get("hours", []):
        for key in ("hours", "is_24_hour"):
            flat[f"hours|{h['service']}|{key}"] = h[key]
    for s in snapshot.get("staff", []):
        for key in ("female", "male"):
            flat[f"staff|{s['category']}|{key}"] = s[key]
    for e in snapshot.get("enrolment", []):
        for key in ("female", "male"):
            flat[f"enrolment|{e['grade']}|{key}"] = e[key]
    for f in snapshot.get("performance", []):
        for key in ("value", "target"):
            flat[f"performance|{f['code']}|{key}"] = f[key]
    for key, value in (snapshot.get("facts") or {}).items():
        flat[f"facts|{key}|value"] = value
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
