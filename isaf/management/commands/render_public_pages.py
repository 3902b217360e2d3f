"""manage.py render_public_pages [--kind KIND ...] [--pages-only] [--processes N]

Stores every registered public page that is not stored yet (see `isaf.pages`).
Publishing stores the pages it changes by itself; run this after a deploy or
after bulk loads that bypass the services (seeding, demo data, the gazetteer),
so that the first reader of any board reads a stored row rather than waiting
for a render. Idempotent: a page already stored at its scope's current
generation costs one query and is left as it is.
"""

import multiprocessing
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections, connections
from django.utils import translation

from isaf.pages import (
    KINDS,
    pages_all,
    pages_release_check,
    scope_name,
    scopes_render,
)

OPEN_DATA = (".csv", ".json")


def _render(job: tuple[list[str], bool]) -> int:
    scopes, pages_only = job
    done = 0
    with translation.override(None):
        for n, scope in enumerate(scopes, 1):
            done += scopes_render(
                [scope],
                keep=(lambda path: not path.endswith(OPEN_DATA))
                if pages_only
                else None,
            )
            if n % 100 == 0:
                close_old_connections()
    return done


class Command(BaseCommand):
    help = "Store every public page (boards, open data) not stored yet."

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind",
            action="append",
            choices=KINDS,
            help="Only these kinds of scope (repeatable); default: all.",
        )
        parser.add_argument(
            "--pages-only",
            action="store_true",
            help="HTML pages only: CSV and JSON are then stored on first read.",
        )
        parser.add_argument(
            "--processes",
            type=int,
            default=1,
            help="Render in this many processes (default 1).",
        )

    def handle(self, *args, kind, pages_only, processes, **options):
        started = time.monotonic()
        # Pages stored by an older release are not kept (isaf.release).
        if pages_release_check():
            self.stdout.write("A new release: every stored page was forgotten.")
        scopes = [
            scope_name(name, key)
            for name in kind or KINDS
            for key in sorted(
                {str(key) for pages in pages_all(name) for key in pages.keys()}
            )
        ]
        if processes > 1:
            # Each process opens its own database connection.
            connections.close_all()
            chunks = [(scopes[i::processes], pages_only) for i in range(processes)]
            with multiprocessing.get_context("fork").Pool(processes) as pool:
                done = sum(pool.map(_render, chunks))
        else:
            done = _render((scopes, pages_only))
        self.stdout.write(
            f"{len(scopes)} scopes, {done} pages stored or already current, in "
            f"{time.monotonic() - started:.0f} s"
        )
