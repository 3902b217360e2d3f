"""Recompute the precomputed stages of every commune in every cycle."""

from django.core.management.base import BaseCommand

from dashboard.models import CommuneCycleStage
from dashboard.stages import stage_rebuild


class Command(BaseCommand):
    help = (
        "Recompute the stages of every commune in every cycle for the dashboard "
        "(after bulk loads; the dashboard also does it when it notices one)."
    )

    def handle(self, *args, **options):
        stage_rebuild()
        count = CommuneCycleStage.objects.count()
        self.stdout.write(f"Stages recomputed: {count} commune-cycle rows.")
