"""Synthetic national-scale data for benchmarks: every commune's administration,
about 1,300 health centres and 8,000 primary schools, each with a published I4C
package for each of N fiscal years.

Rows are written in bulk, not through the services: a national data set through the
services would take hours, and what the benchmarks measure is reading. The
published snapshots are built from the same values as the lines, in the shape that
`i4c.selectors.snapshots.package_snapshot` gives (a test checks that they agree).

Providers are marked as demo data. A provider-year that already has a package is
left alone, so the command can be re-run, and it never touches real providers.
"""

import datetime
import random
import time
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from communes.freshness import figures_rebuild
from communes.models import Commune, ServiceProvider
from i4c.models import (
    BudgetLine,
    Enrolment,
    NationalStandard,
    OpeningHours,
    Package,
    PerformanceFigure,
    Project,
    PublishedVersion,
    ServiceFee,
    StaffCount,
)
from i4c.sections import COMMUNE_EXPENDITURE, COMMUNE_REVENUE, GRADES
from i4c.selectors.snapshots import SCHEMA

HEALTH_CENTRES = 1_300
SCHOOLS = 8_000
BATCH = 2_000

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


class Command(BaseCommand):
    help = (
        "Build the national-scale synthetic data set for `make bench`: providers "
        "for every commune and N years of published I4C packages."
    )

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=3)
        parser.add_argument("--seed", type=int, default=20260101)
        parser.add_argument("--health-centres", type=int, default=HEALTH_CENTRES)
        parser.add_argument("--schools", type=int, default=SCHOOLS)

    def handle(self, *args, years, seed, health_centres, schools, **options):
        if years < 1 or years > 20:
            raise CommandError("--years must be between 1 and 20.")
        communes = list(Commune.objects.order_by("code").values_list("code", flat=True))
        if not communes:
            raise CommandError("No communes: run `manage.py load_gazetteer` first.")
        self.random = random.Random(seed)
        self.standards = {
            kind: list(NationalStandard.objects.filter(provider_kind=kind))
            for kind in ("health_centre", "primary_school")
        }
        started = time.monotonic()
        providers = self._providers(communes, health_centres, schools)
        self.stdout.write(f"{len(providers)} providers ready.")
        last = timezone.localdate().year - 1
        for year in range(last - years + 1, last + 1):
            count = self._year(providers, year)
            self.stdout.write(f"{year}: {count} packages published.")
        # Written in bulk, past the services that keep stored figures fresh.
        figures_rebuild()
        self.stdout.write(
            self.style.SUCCESS(
                f"National data set ready in {time.monotonic() - started:.0f} s."
            )
        )

    # -- providers --------------------------------------------------------------

    def _providers(
        self, communes: list[str], health_centres: int, schools: int
    ) -> list[ServiceProvider]:
        wanted = []
        for code in communes:
            wanted.append(("C" + code, ServiceProvider.Kind.COMMUNE, code, 0))
        health_centres = min(health_centres, len(communes))
        step = len(communes) / max(health_centres, 1)
        for i in range(health_centres):
            code = communes[int(i * step)]
            wanted.append(
                ("HC" + code + "01", ServiceProvider.Kind.HEALTH_CENTRE, code, 1)
            )
        per_commune, extra = divmod(schools, len(communes))
        for index, code in enumerate(communes):
            for n in range(per_commune + (1 if index < extra else 0)):
                wanted.append(
                    (
                        f"PS{code}{n + 1:02d}",
                        ServiceProvider.Kind.PRIMARY_SCHOOL,
                        code,
                        n + 1,
                    )
                )
        existing = set(ServiceProvider.objects.values_list("code", flat=True))
        names = {
            ServiceProvider.Kind.COMMUNE: ("រដ្ឋបាលឃុំ {}", "{} Commune Administration"),
            ServiceProvider.Kind.HEALTH_CENTRE: ("មណ្ឌលសុខភាព{}", "{} Health Centre"),
            ServiceProvider.Kind.PRIMARY_SCHOOL: (
                "សាលាបឋមសិក្សា{} {}",
                "{} Primary School {}",
            ),
        }
        commune_names = dict(Commune.objects.values_list("code", "name_km"))
        latin_names = dict(Commune.objects.values_list("code", "name_latin"))
        new = []
        for code, kind, commune, number in wanted:
            if code in existing:
                continue
            km, en = names[kind]
            new.append(
                ServiceProvider(
                    code=code,
                    kind=kind,
                    commune_id=commune,
                    name=km.format(commune_names[commune], number),
                    name_km=km.format(commune_names[commune], number),
                    name_en=en.format(latin_names[commune], number),
                    is_demo=True,
                )
            )
        ServiceProvider.objects.bulk_create(new, batch_size=BATCH)
        codes = [code for code, *_ in wanted]
        return list(
            ServiceProvider.objects.filter(code__in=codes).select_related("commune")
        )

    # -- one fiscal year ----------------------------------------------------------

    @transaction.atomic
    def _year(self, providers, year: int) -> int:
        done = set(
            Package.objects.filter(year=year).values_list("provider_id", flat=True)
        )
        todo = [p for p in providers if p.pk not in done]
        published_at = timezone.make_aware(datetime.datetime(year + 1, 2, 15, 9))
        for start in range(0, len(todo), BATCH):
            chunk = todo[start : start + BATCH]
            packages = Package.objects.bulk_create(
                [
                    Package(provider=p, year=year, status=Package.Status.PUBLISHED)
                    for p in chunk
                ]
            )
            lines = {model: [] for model in self._line_models()}
            versions = []
            for provider, package in zip(chunk, packages, strict=True):
                content = self._content(provider, year)
                package.classrooms = content["facts"]["classrooms"]
                package.no_informal_fees = content["facts"]["no_informal_fees"]
                for model, rows in self._lines(package, content).items():
                    lines[model].extend(rows)
                versions.append(
                    PublishedVersion(
                        package=package,
                        number=1,
                        published_at=published_at,
                        snapshot=self._snapshot(provider, year, content),
                    )
                )
            for model, rows in lines.items():
                model.objects.bulk_create(rows, batch_size=BATCH)
            PublishedVersion.objects.bulk_create(versions, batch_size=BATCH)
            for package, version in zip(packages, versions, strict=True):
                package.published_version = version
            Package.objects.bulk_update(
                packages,
                ["published_version", "classrooms", "no_informal_fees"],
                batch_size=500,
            )
        return len(todo)

    @staticmethod
    def _line_models():
        return (
            BudgetLine,
            Project,
            ServiceFee,
            OpeningHours,
            StaffCount,
            Enrolment,
            PerformanceFigure,
        )

    def _content(self, provider, year: int) -> dict:
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
            content["performance"] = self._figures("health_centre")
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
            content["performance"] = self._figures("primary_school")
            content["facts"] = {
                "classrooms": r.randint(3, 18),
                "no_informal_fees": r.random() < 0.8,
            }
        # The order in which the database returns lines (see BudgetLine.Meta).
        content["budget"].sort(key=lambda line: line["side"])
        return content

    def _figures(self, kind: str) -> list[dict]:
        r = self.random
        figures = []
        for standard in self.standards[kind]:
            spread = standard.value * Decimal(r.uniform(0.6, 1.3))
            figures.append(
                {
                    "standard": standard,
                    "value": spread.quantize(Decimal("0.01")),
                    "target": standard.value,
                }
            )
        return figures

    def _lines(self, package, content) -> dict:
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

    def _snapshot(self, provider, year, content) -> dict:
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
