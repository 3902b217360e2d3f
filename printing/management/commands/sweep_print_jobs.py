"""Send again the print jobs that no worker will otherwise run (see
printing.services.print_jobs_sweep). Celery beat sweeps every PRINT_SWEEP_INTERVAL;
this is for cron, or after bringing the broker back."""

from django.core.management.base import BaseCommand

from printing import services


class Command(BaseCommand):
    help = "Re-queue print jobs never sent to the broker or whose worker died."

    def handle(self, *args, **options):
        sent = services.print_jobs_sweep()
        self.stdout.write(f"Sent {sent} print job(s) to the workers.")
