from django.core.management import call_command
from django.core.management.base import BaseCommand

from communes.freshness import figures_rebuild
from isaf.pages import pages_forget_all
from notifications.services import notifications_muted


class Command(BaseCommand):
    help = (
        "Load the demo: organisations, providers and sign-ins, then published I4C "
        "packages, then scorecards and JAAP. Idempotent. Never run in production."
    )

    # Each app loads its own demo; the order follows the apps' dependencies.
    steps = (
        "load_demo_communes",
        "load_demo_i4c",
        "load_demo_scorecards",
        "make_demo_audio",
    )

    def handle(self, *args, **options):
        # The demo's made-up submissions and publications are nobody's news.
        with notifications_muted():
            for step in self.steps:
                call_command(step, stdout=self.stdout, stderr=self.stderr)
        # The loaders write through the services, which refresh the stored
        # figures; one rebuild at the end also covers what a loader wrote
        # directly (places, coverage), so the demo dashboard starts whole.
        figures_rebuild()
        # Written without the services: stored public pages are stale.
        pages_forget_all()
