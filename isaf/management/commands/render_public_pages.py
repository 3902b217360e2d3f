"""manage.py render_public_pages [--kind commune|provider|scorecard|national ...]

Stores every registered public page that is not stored yet (see `isaf.pages`):
run after a deploy, or after bulk loads (seeding, demo data, the gazetteer), so
that the first reader of any board reads a stored row. Idempotent: a page stored
at its scope's current generation costs one query and is left as it is.
"""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import translation

from isaf.pages import KINDS, pages_all, scope_name, scopes_render


class Command(BaseCommand):
    help = "Store every public page (boards, open data) not stored yet."

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind",
            action="append",
            choices=KINDS,
            help="Only these kinds of scope (repeatable); default: all.",
        )

    def handle(self, *args, kind, verbosity, **options):
        started = time.monotonic()
        total = 0
        with translation.override(None):
            for name in kind or KINDS:
                keys = sorted(
                    {key for pages in pages_all(name) for key in pages.keys()}
                )
                done = 0
                for n, key in enumerate(keys, 1):
                    done += scopes_render([scope_name(name, key)])
                    if n % 200 == 0:
                        close_old_connections()
                        if verbosity > 1:
                            self.stdout.write(f"  {name}: {n}/{len(keys)}")
                total += done
                self.stdout.write(f"{name}: {len(keys)} scopes, {done} pages stored")
        self.stdout.write(
            f"pages: {total} in {time.monotonic() - started:.0f} s "
            "(those already stored were kept)"
        )
