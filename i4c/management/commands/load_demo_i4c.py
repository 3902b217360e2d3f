"""Demo I4C packages for the demo providers that `load_demo` creates.

Krang Teh (110401) gets two published fiscal years so that the board shows the
year-on-year comparison; the other demo communes, their health centres and schools
get last year's package. Amounts have the real order of magnitude of a small rural
commune: a few hundred million riel a year, most of it from the Commune/Sangkat
Fund. Everything goes through the I4C services as the `ncdd` secretariat user, so
the demo is validated and audited like real data.

Idempotent: a provider-year that already has a package is left alone.
"""

import datetime
import zlib
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from communes.models import CAF, ServiceProvider, Village
from i4c import services
from i4c.models import NationalStandard, Package
from i4c.sections import GRADES

KRANG_TEH = "110401"

# Krang Teh's two years, in riel: (planned, actual).
KRANG_TEH_BUDGETS = {
    -2: {
        "revenue": {
            "csf_admin": (95_000_000, 95_000_000),
            "csf_development": (180_000_000, 176_400_000),
            "own_source": (4_500_000, 3_950_000),
            "other_transfers": (25_000_000, 21_300_000),
        },
        "expenditure": {
            "personnel": (70_000_000, 69_200_000),
            "administration": (25_000_000, 23_800_000),
            "development": (180_000_000, 171_500_000),
            "social": (12_000_000, 10_400_000),
            "other": (3_000_000, 1_700_000),
        },
    },
    -1: {
        "revenue": {
            "csf_admin": (102_000_000, 102_000_000),
            "csf_development": (196_000_000, 193_100_000),
            "own_source": (5_200_000, 5_860_000),
            "other_transfers": (31_000_000, 28_750_000),
        },
        "expenditure": {
            "personnel": (74_000_000, 73_600_000),
            "administration": (28_000_000, 27_100_000),
            "development": (196_000_000, 188_900_000),
            "social": (15_000_000, 14_200_000),
            "other": (4_000_000, 2_300_000),
        },
    },
}

PROJECTS = {
    -2: [
        (
            "ស្ថាបនាផ្លូវក្រួសក្រហម ប្រវែង ២.៤០០ ម៉ែត្រ",
            "roads",
            0,
            98_000_000,
            "csf_development",
            "completed",
        ),
        ("ជីកអណ្ដូងស្នប់ ៤ កន្លែង", "water", 1, 24_000_000, "csf_development", "completed"),
        (
            "ជួសជុលលូទឹកឆ្លងផ្លូវ ៣ កន្លែង",
            "roads",
            2,
            18_500_000,
            "csf_development",
            "completed",
        ),
    ],
    -1: [
        (
            "ស្ថាបនាផ្លូវក្រួសក្រហម ប្រវែង ៣.១០០ ម៉ែត្រ",
            "roads",
            1,
            121_000_000,
            "csf_development",
            "completed",
        ),
        (
            "សាងសង់ប្រឡាយទឹកស្រោចស្រព ប្រវែង ៨០០ ម៉ែត្រ",
            "irrigation",
            0,
            46_000_000,
            "csf_development",
            "ongoing",
        ),
        (
            "ឧបត្ថម្ភស្ត្រីមានផ្ទៃពោះ និងកុមារអាយុក្រោម ២ឆ្នាំ",
            "social",
            None,
            9_600_000,
            "other_transfers",
            "ongoing",
        ),
        ("ជីកអណ្ដូងស្នប់ ២ កន្លែង", "water", 2, 12_000_000, "own_source", "planned"),
    ],
}

COMMUNE_FEES = [
    ("ចុះបញ្ជីកំណើត (ក្នុងរយៈពេល ៣០ ថ្ងៃ)", 0, "១ ថ្ងៃ", ""),
    ("ចុះបញ្ជីអាពាហ៍ពិពាហ៍", 0, "១ ថ្ងៃ", ""),
    ("ចម្លងសំបុត្រកំណើត", 3_000, "១ ថ្ងៃ", "អ្នកមានប័ណ្ណសមធម៌ ឥតគិតថ្លៃ"),
    ("បញ្ជាក់លិខិតផ្ទេរសិទ្ធិដីធ្លី", 20_000, "៣ ថ្ងៃ", ""),
]
COMMUNE_HOURS = [
    ("ការិយាល័យរដ្ឋបាលឃុំ", "ច័ន្ទ–សុក្រ ៧:៣០–១១:៣០ និង ១៤:០០–១៧:០០", False),
    ("ការិយាល័យច្រកចេញចូលតែមួយ", "ច័ន្ទ–សុក្រ ៨:០០–១១:៣០", False),
]
HEALTH_FEES = [
    ("ពិគ្រោះជំងឺក្រៅ (មនុស្សពេញវ័យ)", 3_000, "", "អ្នកមានប័ណ្ណសមធម៌ ឥតគិតថ្លៃ"),
    ("ពិគ្រោះជំងឺក្រៅ (កុមារអាយុក្រោម ៥ឆ្នាំ)", 1_000, "", "អ្នកមានប័ណ្ណសមធម៌ ឥតគិតថ្លៃ"),
    ("ពិនិត្យផ្ទៃពោះ", 0, "", ""),
    ("សម្រាលកូនធម្មតា", 0, "", ""),
    ("ចាក់ថ្នាំបង្ការកុមារ", 0, "", ""),
]
HEALTH_HOURS = [
    ("សេវាពិគ្រោះជំងឺក្រៅ", "ច័ន្ទ–សៅរ៍ ៧:៣០–១៧:០០", False),
    ("សេវាសម្រាលកូន និងសង្គ្រោះបន្ទាន់", "", True),
]
HEALTH_RESULTS = {
    "hc-consultations": ("0.72", "0.80"),
    "hc-anc4": ("78", "80"),
    "hc-deliveries": ("81", "88"),
    "hc-immunisation": ("92", "95"),
    "hc-family-planning": ("27", "32"),
    "hc-referrals": ("3.4", "5"),
}
SCHOOL_RESULTS = {
    "ps-promotion": ("91.5", "93"),
    "ps-repetition": ("5.8", "4"),
    "ps-dropout": ("2.1", "2"),
    "ps-grade6-pass": ("96", "97"),
}


def _scale(code: str) -> Decimal:
    """A stable factor between 0.8 and 1.3 per provider, so that demo communes
    differ from each other the same way on every run."""
    return Decimal(80 + zlib.crc32(code.encode()) % 50) / 100


class Command(BaseCommand):
    help = (
        "Publish demo I4C packages for the demo providers (run after load_demo). "
        "Idempotent."
    )

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(username="ncdd").first()
        if user is None:
            raise CommandError("Run `manage.py load_demo` first: it creates `ncdd`.")
        self.user = user
        self.year = timezone.localdate().year
        providers = list(
            ServiceProvider.objects.filter(is_demo=True)
            .select_related("commune")
            .order_by("kind", "code")
        )
        if not providers:
            raise CommandError("No demo providers: run `manage.py load_demo` first.")
        created = 0
        for provider in providers:
            offsets = (-2, -1) if provider.commune_id == KRANG_TEH else (-1,)
            for offset in offsets:
                created += self._package(provider, offset)
        if created:
            self.stdout.write(
                self.style.SUCCESS(f"Published {created} demo I4C packages.")
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    "Demo I4C packages already in place: nothing changed."
                )
            )

    @transaction.atomic
    def _package(self, provider: ServiceProvider, offset: int) -> int:
        year = self.year + offset
        if Package.objects.filter(provider=provider, year=year).exists():
            return 0
        package = services.package_create(user=self.user, provider=provider, year=year)
        sections = {
            ServiceProvider.Kind.COMMUNE: self._commune_sections,
            ServiceProvider.Kind.HEALTH_CENTRE: self._health_sections,
            ServiceProvider.Kind.PRIMARY_SCHOOL: self._school_sections,
        }[provider.kind](provider, offset)
        for key, rows in sections.items():
            services.package_section_save(
                package=package,
                user=self.user,
                version=package.version,
                section_key=key,
                rows=rows,
            )
        services.package_submit(
            package=package, user=self.user, version=package.version
        )
        services.package_publish(package=package, user=self.user)
        if provider.kind == ServiceProvider.Kind.COMMUNE and offset == -1:
            self._dissemination(package)
        self.stdout.write(f"  published {provider.code} {year}")
        return 1

    def _commune_sections(self, provider, offset) -> dict:
        if provider.commune_id == KRANG_TEH:
            budgets = KRANG_TEH_BUDGETS[offset]
            projects = PROJECTS[offset]
            scale = Decimal(1)
        else:
            budgets = KRANG_TEH_BUDGETS[-1]
            projects = PROJECTS[-1][:3]
            scale = _scale(provider.code)
        villages = list(
            Village.objects.filter(commune_id=provider.commune_id).order_by("code")
        )

        def riel(amount):
            return (
                int((Decimal(amount) * scale).quantize(Decimal(1000))) if amount else 0
            )

        sections = {}
        for side in ("revenue", "expenditure"):
            sections[side] = [
                {
                    "side": side,
                    "category": category,
                    "planned": riel(planned),
                    "actual": riel(actual),
                }
                for category, (planned, actual) in budgets[side].items()
            ]
        sections["projects"] = [
            {
                "name": name,
                "sector": sector,
                "village": villages[index % len(villages)]
                if villages and index is not None
                else None,
                "cost": riel(cost),
                "funding": funding,
                "status": status,
            }
            for name, sector, index, cost, funding, status in projects
        ]
        sections["fees"] = [
            {"service": s, "fee": f, "processing_time": t, "exemptions": e}
            for s, f, t, e in COMMUNE_FEES
        ]
        sections["hours"] = [
            {"service": s, "hours": h, "is_24_hour": d} for s, h, d in COMMUNE_HOURS
        ]
        sections["staff"] = [
            {"category": "councillor", "female": 2, "male": 5},
            {"category": "commune_staff", "female": 1, "male": 2},
        ]
        return sections

    def _performance(self, kind, results) -> list[dict]:
        return [
            {
                "code": standard.code,
                "value": Decimal(results[standard.code][0]),
                "target": Decimal(results[standard.code][1]),
            }
            for standard in NationalStandard.objects.filter(provider_kind=kind)
            if standard.code in results
        ]

    def _health_sections(self, provider, offset) -> dict:
        return {
            "fees": [
                {"service": s, "fee": f, "processing_time": t, "exemptions": e}
                for s, f, t, e in HEALTH_FEES
            ],
            "hours": [
                {"service": s, "hours": h, "is_24_hour": d} for s, h, d in HEALTH_HOURS
            ],
            "staff": [
                {"category": "doctor", "female": 0, "male": 1},
                {"category": "nurse", "female": 2, "male": 3},
                {"category": "midwife", "female": 3, "male": 0},
                {"category": "other", "female": 1, "male": 1},
            ],
            "performance": self._performance("health_centre", HEALTH_RESULTS),
        }

    def _school_sections(self, provider, offset) -> dict:
        scale = _scale(provider.code)
        return {
            "school_budget": [
                {
                    "side": "revenue",
                    "category": "school_operating",
                    "planned": int(18_500_000 * scale),
                    "actual": int(18_500_000 * scale),
                },
                {
                    "side": "expenditure",
                    "category": "school_operating",
                    "planned": int(18_500_000 * scale),
                    "actual": int(17_900_000 * scale),
                },
            ],
            "enrolment": [
                {
                    "grade": grade,
                    "female": int((34 - 2 * grade) * scale),
                    "male": int((37 - 3 * grade) * scale),
                }
                for grade in GRADES
            ],
            "staff": [
                {"category": "teacher", "female": 4, "male": 3},
                {"category": "other", "female": 0, "male": 1},
            ],
            "facts": [{"classrooms": 7, "no_informal_fees": True}],
            "performance": self._performance("primary_school", SCHOOL_RESULTS),
        }

    def _dissemination(self, package: Package) -> None:
        """Two meetings presenting the package, held in its own fiscal year: the
        cycle of year Y counts the packages of fiscal year Y and the meetings
        held within its dates (`dashboard/cycles.py`)."""
        villages = list(
            Village.objects.filter(commune_id=package.provider.commune_id).order_by(
                "code"
            )[:2]
        )
        caf = CAF.objects.filter(
            is_demo=True, village__commune_id=package.provider.commune_id
        ).first()
        for number, village in enumerate(villages):
            services.dissemination_event_create(
                package=package,
                user=self.user,
                village=village,
                held_on=datetime.date(package.year, 11, 10 + 7 * number),
                caf=caf,
                attendance_female=34 - 6 * number,
                attendance_male=21 + 3 * number,
                attendance_youth=12,
                attendance_disability=2,
                attendance_minority=18
                if package.provider.commune_id == KRANG_TEH
                else 0,
                attendance_id_poor=9,
            )
