"""manage.py i4c_import FILE.xlsx --user USERNAME [--dry-run]

Checks the whole workbook with that user's scope and imports nothing unless
every row is valid. Each problem is printed by sheet, row and column; the last
line is always `rows: N, changed: M, errors: E`, and the exit status is 1 when
E > 0.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from i4c import services
from i4c.workbook import workbook_check


class Command(BaseCommand):
    help = "Import a filled I4C workbook as drafts, all of it or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE.xlsx")
        parser.add_argument("--user", required=True, metavar="USERNAME")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument(
            "--lang",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="The language of the messages (default: Khmer).",
        )

    def handle(self, *args, file, user, dry_run, lang, **options):
        person = get_user_model().objects.filter(username=user, is_active=True).first()
        if person is None:
            raise CommandError(f"No active user is called {user}.")
        try:
            with open(file, "rb") as handle:
                with translation.override(lang):
                    errors, plan = self._run(handle, person, dry_run)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        rows = plan.rows if plan else 0
        changed = plan.changed if plan and not errors else 0
        self.stdout.write(f"rows: {rows}, changed: {changed}, errors: {len(errors)}")
        if errors:
            raise SystemExit(1)

    def _run(self, handle, user, dry_run):
        plan = workbook_check(file=handle, user=user)
        errors = [str(error) for error in plan.errors]
        if not errors and not dry_run and plan.changes:
            try:
                services.workbook_import(user=user, plan=plan)
            except services.StaleEdit:
                errors.append(
                    str(
                        translation.gettext(
                            "Someone saved a package while the workbook was "
                            "imported: nothing was imported. Try again."
                        )
                    )
                )
            except (PermissionDenied, ValidationError) as error:
                errors += getattr(error, "messages", [str(error)])
        for error in errors:
            self.stdout.write(error)
        return errors, plan
