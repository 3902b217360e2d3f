"""Send the overdue-JAAP digest now (Celery beat runs it weekly); a second run in
the same week sends nothing."""

from django.core.management.base import BaseCommand

from scorecards.services.overdue import jaap_overdue_notify


class Command(BaseCommand):
    help = (
        "Tell the responsible facilitators and the commune about overdue JAAP "
        "actions (once a week)."
    )

    def handle(self, *args, **options):
        people = jaap_overdue_notify()
        self.stdout.write(
            f"Overdue JAAP digest: {people} people told "
            "(none when this week's digest went out already)."
        )
