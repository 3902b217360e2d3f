"""Synthetic published scorecards for every provider, for `make bench`.

Run after `seed_national`: `manage.py seed_scorecards [--cycle YEAR]`. Idempotent:
providers that already have scorecards in the cycle are skipped.
"""

from django.core.management.base import BaseCommand, CommandError

from communes.models import Cycle, ServiceProvider
from communes.scopes import current_cycle
from scorecards.seeding import scorecards_seed


class Command(BaseCommand):
    help = "Publish synthetic scorecards for every provider (benchmarks only)."

    def add_arguments(self, parser):
        parser.add_argument("--cycle", type=int, help="cycle year (default: current)")
        parser.add_argument("--seed", type=int, default=0)

    def handle(self, *args, **options):
        if options["cycle"]:
            cycle = Cycle.objects.filter(year=options["cycle"]).first()
        else:
            cycle = current_cycle()
        if cycle is None:
            raise CommandError("No cycle: run seed_national (or load_demo) first.")
        written = scorecards_seed(
            cycle=cycle, providers=ServiceProvider.objects.all(), seed=options["seed"]
        )
        self.stdout.write(f"Seeded {written} scorecards in cycle {cycle.year}.")
