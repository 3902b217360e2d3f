"""manage.py build_country_outline [TOPOJSON] [--check]

Rebuilds fixtures/cambodia_outline.json, the outline the target-district map is
drawn on, from Natural Earth's 1:50m countries in the npm package world-atlas
(`npm install` in the repository fetches it into node_modules/; install and run do
not need it). See dashboard/outline.py.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dashboard import outline


class Command(BaseCommand):
    help = "Rebuild the map's outline of Cambodia from world-atlas (Natural Earth)."

    def add_arguments(self, parser):
        parser.add_argument(
            "topojson",
            nargs="?",
            type=Path,
            default=outline.WORLD_ATLAS / "countries-50m.json",
        )
        parser.add_argument("--output", type=Path, default=outline.OUTLINE_PATH)
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; fail if the outline differs from what it gives.",
        )

    def handle(self, *args, topojson, output, check, **options):
        if not topojson.is_file():
            raise CommandError(
                f"{topojson} does not exist: run `npm install` in the repository "
                "to fetch world-atlas, or give the countries-50m.json path."
            )
        package = topojson.parent / "package.json"
        version = (
            json.loads(package.read_text())["version"] if package.is_file() else "?"
        )
        topology = json.loads(topojson.read_text(encoding="utf-8"))
        rings = outline.outline_from_topology(topology)
        text = outline.outline_text(rings, version=version)
        summary = f"{len(rings)} rings, {sum(len(r) for r in rings)} points"
        if check:
            current = output.read_text(encoding="utf-8") if output.is_file() else ""
            if current != text:
                raise CommandError(f"{output} differs from {topojson} ({summary}).")
            self.stdout.write(self.style.SUCCESS(f"{output} matches ({summary})."))
            return
        output.write_text(text, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}: {summary}."))
