"""Queue (or, with no broker, run) the posters of a commune, district or province.

manage.py render_posters --district 0208 --lang km
manage.py render_posters --province 11 --document i4c.booklet_a5
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from isaf.khmer import to_ascii_digits
from printing import registry, selectors, services
from printing.models import PrintBatch


class Command(BaseCommand):
    help = "Queue poster jobs for a commune, a district or a province."

    def add_arguments(self, parser):
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--commune", metavar="CODE")
        where.add_argument("--district", metavar="CODE")
        where.add_argument("--province", metavar="CODE")
        parser.add_argument("--lang", choices=services.LANGUAGES, default="km")
        parser.add_argument(
            "--document",
            default="i4c.commune_a3",
            help="What to print (default: the A3 commune poster). One of: "
            + ", ".join(d.key for d in registry.documents_for_batches()),
        )

    def handle(self, *args, commune, district, province, lang, document, **options):
        if commune:
            scope, code = PrintBatch.Scope.COMMUNE, commune
        elif district:
            scope, code = PrintBatch.Scope.DISTRICT, district
        else:
            scope, code = PrintBatch.Scope.PROVINCE, province
        try:
            batch = services.print_batch_request(
                user=None,
                document=document,
                scope=scope,
                code=to_ascii_digits(code.strip()),
                lang=lang,
                system=True,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        progress = selectors.print_batch_progress(batch=batch)
        self.stdout.write(
            f"Batch {batch.pk}: {batch.total} {document} ({lang}); "
            f"done {progress.done}, failed {progress.failed}, "
            f"queued {progress.queued + progress.running}."
        )
        for job in selectors.print_batch_failures(batch=batch):
            self.stderr.write(f"  failed: {job.target}: {job.error}")
