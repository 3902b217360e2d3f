"""Send the messages that are due now (Celery beat does it every minute): after
bringing the mail server or Telegram back, or from cron without beat."""

from django.core.management.base import BaseCommand

from notifications.services import messages_sweep


class Command(BaseCommand):
    help = "Send the notification messages that are due (retries included)."

    def handle(self, *args, **options):
        self.stdout.write(f"Messages handed on: {messages_sweep()}")
