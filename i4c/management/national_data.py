"""The synthetic national data set of `seed_national`: plausible values for one
provider and fiscal year, as plain data, as model rows, and as the published
snapshot in the shape that `i4c.selectors.snapshots.package_snapshot` gives (a
test checks that they agree)."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from communes.models import ServiceProvider
from i4c.models import (
    BudgetLine,
    Enrolment,
    NationalStandard,
    OpeningHours,
    PerformanceFigure,
    Project,
    ServiceFee,
    StaffCount,
)
from i4c.sections import COMMUNE_EXPENDITURE, COMMUNE_REVENUE, GRADES
from i4c.selectors.snapshots import SCHEMA

REVENUE_SHARE = {
    "csf_admin": Decimal("0.30"),
    "csf_development": Decimal("0.58"),
    "own_source": Decimal("0.02"),
    "other_transfers": Decimal("0.10"),
}
EXPENDITURE_SHARE = {
    "personnel": Decimal("0.22"),
    "administration": Decimal("0.08"),
    "development": Decimal("0.60"),
    "social": Decimal("0.07"),
    "other": Decimal("0.03"),
}
FEES = [
    ("ចុះបញ្ជីកំណើត", 0, "១ ថ្ងៃ", ""),
    ("ចម្លងសំបុត្រកំណើត", 3_000, "១ ថ្ងៃ", "អ្នកមានប័ណ្ណសមធម៌ ឥតគិតថ្លៃ"),
    ("បញ្ជាក់លិខិតផ្ទេរសិទ្ធិដីធ្លី", 20_000, "៣ ថ្ងៃ", ""),
]

LINE_MODELS = (
    BudgetLine,
    Project,
    ServiceFee,
    OpeningHours,
    StaffCount,
    Enrolment,
    PerformanceFigure,
)


def published_at(year: int) -> datetime.datetime:
    """When a fiscal year's package is published: early in that year, so that the
    meetings of the year's cycle can present it (a cycle counts the packages of
    its own fiscal year, `dashboard/cycles.py`); never in the future."""
    planned = timezone.make_aware(datetime.datetime(year, 2, 15, 9))
    return min(planned, timezone.now())


class NationalData:
    """Values drawn from one seeded random source, so a run can be repeated."""

    def __init__(self, *, seed: int):
        self.random = random.Random(seed)
        self.standards = {
            kind: list(NationalStandard.objects.filter(provider_kind=kind))
            for kind in ("health_centre", "primary_school")
        }

    def content(self, provider, year: int) -> dict:
        """Plausible values for one provider-year, as plain data."""
        r = self.random
        content = {
            "budget": [],
            "projects": [],
            "fees": [],
            "hours": [],
            "staff": [],
            "enrolment": [],
            "performance": [],
            "facts": {"classrooms": None, "no_informal_fees": None},
        }
        if provider.kind == ServiceProvider.Kind.COMMUNE:
            total = Decimal(r.randint(180, 650)) * 1_000_000
            for side, shares, order in (
                ("revenue", REVENUE_SHARE, COMMUNE_REVENUE),
                ("expenditure", EXPENDITURE_SHARE, COMMUNE_EXPENDITURE),
            ):
                for category in order:
                    planned = int((total * shares[category]).quantize(Decimal(1000)))
                    actual = int(planned * r.uniform(0.82, 1.02)) // 1000 * 1000
                    content["budget"].append(
                        {
                            "side": side,
                            "category": str(category),
                            "planned": planned,
                            "actual": actual,
                        }
                    )
            for n in range(3):
                content["projects"].append(
                    {
                        "name": f"គម្រោងផ្លូវ {n + 1}",
                        "sector": r.choice(["roads", "water", "irrigation"]),
                        "cost": r.randint(10, 120) * 1_000_000,
                        "funding": "csf_development",
                        "status": r.choice(["completed", "ongoing", "planned"]),
                    }
                )
            content["fees"] = [
                {"service": s, "fee": f, "processing_time": t, "exemptions": e}
                for s, f, t, e in FEES
            ]
            content["hours"] = [
                {
                    "service": "ការិយាល័យរដ្ឋបាលឃុំ",
                    "hours": "៧:៣០–១៧:០០",
                    "is_24_hour": False,
                }
            ]
            content["staff"] = [
                {
                    "category": "councillor",
                    "female": r.randint(0, 3),
                    "male": r.randint(4, 8),
                },
                {
                    "category": "commune_staff",
                    "female": r.randint(0, 2),
                    "male": r.randint(1, 3),
                },
            ]
        elif provider.kind == ServiceProvider.Kind.HEALTH_CENTRE:
            content["fees"] = [
                {
                    "service": "ពិគ្រោះជំងឺក្រៅ",
                    "fee": 3_000,
                    "processing_time": "",
                    "exemptions": "អ្នកមានប័ណ្ណសមធម៌ ឥតគិតថ្លៃ",
                },
                {
                    "service": "សម្រាលកូនធម្មតា",
                    "fee": 0,
                    "processing_time": "",
                    "exemptions": "",
                },
            ]
            content["hours"] = [
                {"service": "សេវាសម្រាលកូន", "hours": "", "is_24_hour": True}
            ]
            content["staff"] = [
                {"category": c, "female": r.randint(0, 4), "male": r.randint(0, 4)}
                for c in ("doctor", "nurse", "midwife")
            ]
            content["performance"] = self.figures("health_centre")
        else:
            content["budget"] = [
                {
                    "side": "revenue",
                    "category": "school_operating",
                    "planned": r.randint(8, 40) * 1_000_000,
                    "actual": None,
                },
                {
                    "side": "expenditure",
                    "category": "school_operating",
                    "planned": None,
                    "actual": r.randint(8, 40) * 1_000_000,
                },
            ]
            content["enrolment"] = [
                {"grade": g, "female": r.randint(10, 45), "male": r.randint(10, 45)}
                for g in GRADES
            ]
            content["staff"] = [
                {
                    "category": "teacher",
                    "female": r.randint(1, 9),
                    "male": r.randint(1, 9),
                }
            ]
            content["performance"] = self.figures("primary_school")
            content["facts"] = {
                "classrooms": r.randint(3, 18),
                "no_informal_fees": r.random() < 0.8,
            }
        # The order in which the database returns lines (see BudgetLine.Meta).
        content["budget"].sort(key=lambda line: line["side"])
        return content

    def figures(self, kind: str) -> list[dict]:
        r = self.random
        figures = []
        for standard in self.standards[kind]:
            spread = standard.value * Decimal(r.uniform(0.6, 1.3))
            if standard.unit == NationalStandard.Unit.PERCENT:
                # A rate is a share of people: at most 100, as the forms say.
                spread = min(spread, Decimal(100))
            figures.append(
                {
                    "standard": standard,
                    "value": spread.quantize(Decimal("0.01")),
                    "target": standard.value,
                }
            )
        return figures

    def lines(self, package, content) -> dict:
        return {
            BudgetLine: [BudgetLine(package=package, **b) for b in content["budget"]],
            Project: [Project(package=package, **p) for p in content["projects"]],
            ServiceFee: [ServiceFee(package=package, **f) for f in content["fees"]],
            OpeningHours: [
                OpeningHours(package=package, **h) for h in content["hours"]
            ],
            StaffCount: [StaffCount(package=package, **s) for s in content["staff"]],
            Enrolment: [Enrolment(package=package, **e) for e in content["enrolment"]],
            PerformanceFigure: [
                PerformanceFigure(package=package, **f) for f in content["performance"]
            ],
        }

    def snapshot(self, provider, year, content) -> dict:
        def number(value):
            if value is None:
                return None
            return int(value) if value == value.to_integral_value() else str(value)

        commune = provider.commune
        return {
            "schema": SCHEMA,
            "year": year,
            "provider": {
                "code": provider.code,
                "kind": provider.kind,
                "name_km": provider.name_km,
                "name_en": provider.name_en,
                "commune_code": commune.code,
                "commune_name_km": commune.name_km,
                "commune_name_latin": commune.name_latin,
            },
            "budget": content["budget"],
            "projects": [
                dict(p, village_code=None, village_name_km="", village_name_latin="")
                for p in content["projects"]
            ],
            "fees": content["fees"],
            "hours": content["hours"],
            "staff": content["staff"],
            "enrolment": content["enrolment"],
            "performance": [
                {
                    "code": f["standard"].code,
                    "name_km": f["standard"].name_km or f["standard"].name,
                    "name_en": f["standard"].name_en or f["standard"].name,
                    "unit": f["standard"].unit,
                    "comparison": f["standard"].comparison,
                    "standard": number(f["standard"].value),
                    "value": number(f["value"]),
                    "target": number(f["target"]),
                    "meets": f["standard"].is_met_by(f["value"]),
                }
                for f in content["performance"]
            ],
            "facts": content["facts"],
        }
