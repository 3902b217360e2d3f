"""manage.py i4c_export (--district D | --province P) --year Y --out FILE.xlsx"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from communes.models import District, Province
from i4c.workbook import workbook_export, workbook_providers
from isaf.khmer import to_ascii_digits


class Command(BaseCommand):
    help = (
        "Write the I4C workbook of every provider of a district or a province for "
        "a fiscal year, filled with the latest data."
    )

    def add_arguments(self, parser):
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--district", metavar="CODE")
        where.add_argument("--province", metavar="CODE")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--out", required=True, metavar="FILE.xlsx")

    def handle(self, *args, district, province, year, out, **options):
        model, code = (District, district) if district else (Province, province)
        code = to_ascii_digits(code.strip())
        place = model.objects.filter(pk=code).first()
        if place is None:
            raise CommandError(f"No {model._meta.model_name} has the code {code}.")
        providers = workbook_providers(
            year=year, **{"district" if district else "province": code}
        )
        count = providers.count()
        data = workbook_export(
            providers=providers,
            year=year,
            scope=f"{place.name_km} ({place.name_latin}) · {code}",
        )
        path = Path(out)
        # Written whole or not at all: a half-written workbook never lies there.
        partial = path.with_name(path.name + ".part")
        partial.write_bytes(data)
        partial.replace(path)
        self.stdout.write(
            f"{path}: {count} providers, fiscal year {year} ({len(data):,} bytes)"
        )
