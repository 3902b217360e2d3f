"""Recompute the precomputed stages of every commune in every cycle."""

from django.core.management.base import BaseCommand

from dashboard.models import CommuneCycleStage
from dashboard.stages import stages_rebuild


class Command(BaseCommand):
    help = (
        "Recompute the stages of every commune in every cycle for the dashboard "
        "(after migrating, and after bulk writes that bypassed the services)."
    )

    def handle(self, *args, **options):
        stages_rebuild()
        count = CommuneCycleStage.objects.count()
        self.stdout.write(f"Stages recomputed: {count} commune-cycle rows.")
