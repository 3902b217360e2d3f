"""Synthetic published scorecards for every provider, for `make bench`.

Run after `seed_national`: `manage.py seed_scorecards [--cycle YEAR]`. Idempotent:
providers that already have scorecards in the cycle are skipped.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from communes.freshness import figures_rebuild
from communes.models import Cycle, ServiceProvider
from communes.scopes import current_cycle
from isaf.pages import pages_forget_all
from scorecards.seeding import scorecards_seed


class Command(BaseCommand):
    help = "Publish synthetic scorecards for every provider (benchmarks only)."

    def add_arguments(self, parser):
        parser.add_argument("--cycle", type=int, help="cycle year (default: current)")
        parser.add_argument("--seed", type=int, default=0)

    def handle(self, *args, **options):
        # seed_national publishes I4C but records no cycle: make the one asked for
        # (this year's by default), as the secretariat would.
        year = options["cycle"] or getattr(current_cycle(), "year", None)
        year = year or timezone.localdate().year
        cycle, _ = Cycle.objects.get_or_create(
            year=year,
            defaults={
                "starts_on": datetime.date(year, 1, 1),
                "ends_on": datetime.date(year, 12, 31),
            },
        )
        written = scorecards_seed(
            cycle=cycle, providers=ServiceProvider.objects.all(), seed=options["seed"]
        )
        # Written in bulk, past the services that keep stored figures fresh.
        figures_rebuild()
        # Written without the services: stored public pages are stale.
        pages_forget_all()
        self.stdout.write(f"Seeded {written} scorecards in cycle {cycle.year}.")
