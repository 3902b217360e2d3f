"""manage.py build_place_fixture [DIR] [--output CSV] [--check]

Rebuilds fixtures/gazetteer_kinds.csv (code, kind, latitude, longitude of every
province, district and commune) from the pumi YAML files in DIR (default
../shared/data/gazetteer/pumi/). The rules are in communes/gazetteer/fixture.py;
fixtures/README.md credits pumi under its MIT notice. With --check it writes
nothing and fails when the committed table differs from what pumi gives.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from communes import gazetteer

DEFAULT_PUMI_DIR = (
    Path(settings.BASE_DIR).parent / "shared" / "data" / "gazetteer" / "pumi"
)


class Command(BaseCommand):
    help = "Rebuild the place table of kinds and coordinates from pumi YAML."

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_PUMI_DIR)
        parser.add_argument(
            "--output", type=Path, default=gazetteer.FIXTURE_PATH, metavar="CSV"
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; fail if the table differs from what pumi gives.",
        )

    def handle(self, *args, directory, output, check, **options):
        missing = [
            name
            for name in ("provinces", "districts", "communes")
            if not (directory / f"{name}.yml").is_file()
        ]
        if missing:
            raise CommandError(
                f"{directory} lacks {', '.join(m + '.yml' for m in missing)}."
            )
        source = gazetteer.pumi_read(
            directory=directory, levels=gazetteer.FIXTURE_LEVELS
        )
        rows = gazetteer.place_fixture_rows(source)
        text = gazetteer.place_fixture_text(rows)
        located = sum(1 for row in rows if row[2])
        summary = f"{len(rows)} places, {located} with coordinates"
        if check:
            current = output.read_text(encoding="utf-8") if output.is_file() else ""
            if current != text:
                raise CommandError(f"{output} differs from pumi ({summary}).")
            self.stdout.write(self.style.SUCCESS(f"{output} matches pumi ({summary})."))
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}: {summary}."))
