"""Synthetic national-scale data for benchmarks: every commune's administration,
about 1,300 health centres and 8,000 primary schools, each with a published I4C
package for each of the N fiscal years up to this one, published early in its year
(a cycle counts the packages of its own fiscal year: `dashboard/cycles.py`).

Rows are written in bulk, not through the services: a national data set through the
services would take hours, and what the benchmarks measure is reading. The
published snapshots are built from the same values as the lines, in the shape that
`i4c.selectors.snapshots.package_snapshot` gives (a test checks that they agree).

Providers are marked as demo data. A provider-year that already has a package is
left alone, so the command can be re-run, and it never touches real providers.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from communes.freshness import figures_rebuild
from communes.models import Commune, ServiceProvider
from i4c.management.national_data import LINE_MODELS, NationalData, published_at
from i4c.models import Package, PublishedVersion
from isaf.pages import pages_forget_all

HEALTH_CENTRES = 1_300
SCHOOLS = 8_000
BATCH = 2_000


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
        self.data = NationalData(seed=seed)
        started = time.monotonic()
        providers = self._providers(communes, health_centres, schools)
        self.stdout.write(f"{len(providers)} providers ready.")
        # Up to this fiscal year: this year's cycle counts this year's packages.
        last = timezone.localdate().year
        for year in range(last - years + 1, last + 1):
            count = self._year(providers, year)
            self.stdout.write(f"{year}: {count} packages published.")
        # Written in bulk, past the services that keep stored figures fresh.
        figures_rebuild()
        # Written without the services: stored public pages are stale.
        pages_forget_all()
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
        for start in range(0, len(todo), BATCH):
            chunk = todo[start : start + BATCH]
            packages = Package.objects.bulk_create(
                [
                    Package(provider=p, year=year, status=Package.Status.PUBLISHED)
                    for p in chunk
                ]
            )
            lines = {model: [] for model in LINE_MODELS}
            versions = []
            for provider, package in zip(chunk, packages, strict=True):
                content = self.data.content(provider, year)
                package.classrooms = content["facts"]["classrooms"]
                package.no_informal_fees = content["facts"]["no_informal_fees"]
                for model, rows in self.data.lines(package, content).items():
                    lines[model].extend(rows)
                versions.append(
                    PublishedVersion(
                        package=package,
                        number=1,
                        published_at=published_at(year),
                        snapshot=self.data.snapshot(provider, year, content),
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
