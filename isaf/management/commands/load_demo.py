from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Load the demo: organisations, providers and sign-ins, then published I4C "
        "packages, then scorecards and JAAP. Idempotent. Never run in production."
    )

    # Each app loads its own demo; the order follows the apps' dependencies.
    steps = ("load_demo_communes", "load_demo_i4c", "load_demo_scorecards")

    def handle(self, *args, **options):
        for step in self.steps:
            call_command(step, stdout=self.stdout, stderr=self.stderr)
